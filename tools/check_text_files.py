"""Whitespace hygiene for the pre-commit hooks: no trailing spaces, one final newline.

Usage: python tools/check_text_files.py FILE...   (exit 1 and file:line messages on a problem)
"""
from __future__ import annotations

import sys
from pathlib import Path


def problems(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if line != line.rstrip():
            yield f"{path}:{number}: trailing whitespace. Fix: delete the spaces at the end of the line."
    if text and not text.endswith("\n"):
        yield f"{path}: no newline at the end. Fix: end the file with one line break."
    elif text.endswith("\n\n"):
        yield f"{path}: blank lines at the end. Fix: end the file with exactly one line break."


def main(paths: list[str]) -> int:
    found = [message for path in paths for message in problems(Path(path))]
    print("\n".join(found)) if found else None
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
