"""`make linkcheck`: Sphinx's linkcheck over every external link, with a plain verdict.

Without a network every link fails to connect.  That is not a broken link,
so this says so clearly and exits 0; a link that the server answered with an
error (404, 410, ...) or that timed out while the network works is reported
and the exit status is 1.  The weekly workflow reports the result to one
issue (.github/scripts/linkcheck-report.js); pull requests never run it.

Usage: python tools/linkcheck.py OUTDIR
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What requests/urllib3 say when a request never reached a server.
UNREACHABLE = re.compile(
    r"NameResolutionError|Temporary failure in name resolution|Name or service not known|"
    r"nodename nor servname|Failed to establish a new connection|Network is unreachable|"
    r"No route to host|Connection refused|ProxyError|Unable to connect to proxy",
    re.I,
)


def results(outdir: Path) -> list[dict]:
    output = outdir / "output.json"
    if not output.is_file():
        return []
    return [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines() if line.strip()]


def verdict(checked: list[dict]) -> tuple[str, str]:
    """('offline' | 'broken' | 'ok', a message for a person)."""
    external = [r for r in checked if r.get("status") not in ("unchecked", "ignored")]
    reached = [r for r in external if r.get("status") in ("working", "redirected")]
    broken = [r for r in external if r.get("status") in ("broken", "timeout")]
    if external and not reached and all(UNREACHABLE.search(str(r.get("info", ""))) for r in broken):
        return "offline", (
            f"make linkcheck: the network is unreachable from this machine: none of the {len(external)} "
            f"external links could be reached ({UNREACHABLE.search(str(broken[0].get('info', ''))).group(0)}). "
            "No link was checked, so this is not a failure. Run `make linkcheck` where the internet is reachable; "
            "the weekly GitHub workflow does."
        )
    if broken:
        lines = [f"  {r['filename']}:{r['lineno']}: {r['uri']} ({r['status']}: {str(r.get('info', ''))[:160]})" for r in broken]
        return "broken", "\n".join([f"make linkcheck: {len(broken)} of {len(external)} external links are broken:", *lines,
                                    "Fix: replace each with the current address of the same document, or an archived copy."])
    return "ok", f"make linkcheck: all {len(external)} external links work."


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else ROOT / "_build" / "linkcheck"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", "-j", "auto", str(ROOT), str(outdir)], cwd=ROOT)
    state, message = verdict(results(outdir))
    print(message)
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            out.write(f"verdict={state}\n")
    return 1 if state == "broken" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
