"""Is the lock file up to date with the requirements file a person edits?

requirements.txt (and requirements-dev.txt) say what the handbook needs;
requirements.lock (and requirements-dev.lock) pin every package with its
hashes, and that is what `make` installs.  Every pin in the first must be in
the second, or the build would silently run without it.

Usage: python tools/check_lock.py requirements.txt requirements.lock
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#\\]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path, follow: bool = True) -> dict[str, tuple[str, int, Path]]:
    found: dict[str, tuple[str, int, Path]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if follow and line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        match = PIN.match(line)
        if match:
            found[normal(match.group(1))] = (match.group(2), number, path)
    return found


def problems(requirements: Path, lock: Path) -> list[str]:
    if not lock.is_file():
        return [f"{lock}: missing. Fix: run `make lock`, then commit {lock.name}."]
    locked = pins(lock, follow=False)
    out = []
    for name, (version, line, source) in pins(requirements).items():
        if name not in locked:
            out.append(f"{source}:{line}: {name}=={version} is not in {lock.name}. Fix: run `make lock`, then commit {lock.name}.")
        elif locked[name][0] != version:
            out.append(f"{source}:{line}: {name}=={version}, but {lock.name} pins {locked[name][0]}. Fix: run `make lock`, then commit {lock.name}.")
    return out


def main(argv: list[str]) -> int:
    found = problems(Path(argv[1]), Path(argv[2]))
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
