#!/usr/bin/env bash
# Install the Debian packages a step needs, only when they are missing.
# Usage: tools/system-packages.sh build|test|pdf|epub
# As root it runs apt-get; otherwise it stops and prints the exact command.
set -euo pipefail

# Each line: group, a command that succeeds when the need is met, the packages.
needs() {
  cat <<'LIST'
build|python3 -c 'import ensurepip, venv'|python3-venv
build|command -v dot|graphviz
build|test -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf|fonts-dejavu-core
test|test -x /usr/bin/chromium|chromium fonts-liberation
test|command -v npm|nodejs npm
pdf|command -v pdftoppm && /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 && test -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf|poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra
epub|command -v java|default-jre-headless
LIST
}

groups=("$@")
[ ${#groups[@]} -gt 0 ] || { echo "usage: $0 build|test|pdf|epub ..." >&2; exit 2; }
# The test suite, the PDF and the EPUB also build the site, so they need the build packages.
[[ " ${groups[*]} " == *" test "* || " ${groups[*]} " == *" pdf "* || " ${groups[*]} " == *" epub "* ]] && groups+=(build)

missing=()
while IFS='|' read -r group check packages; do
  for wanted in "${groups[@]}"; do
    if [ "$group" = "$wanted" ] && ! bash -c "$check" >/dev/null 2>&1; then
      missing+=($packages)
    fi
  done
done < <(needs)

[ ${#missing[@]} -eq 0 ] && exit 0
# Remove duplicates, keep order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')

if [ "$(id -u)" -ne 0 ]; then
  echo "These system packages are missing: ${missing[*]}" >&2
  echo "Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
