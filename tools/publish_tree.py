"""Copy the built site to the tree that is published, without build leftovers.

Sphinx leaves `.doctrees/` and `.buildinfo` in its HTML output; they, and any
other dotfile, are no business of a reader.  `make publish` runs this on the
output of `make site`; the workflows upload what it writes.

Usage: python tools/publish_tree.py SITE_DIR PUBLISH_DIR
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


def leftovers(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(".")]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    site, publish = Path(argv[1]), Path(argv[2])
    if not (site / "index.html").is_file():
        print(f"{site}: no index.html here. Fix: build the site first with `make site`.", file=sys.stderr)
        return 1
    shutil.rmtree(publish, ignore_errors=True)
    shutil.copytree(site, publish, ignore=leftovers)
    print(f"The published tree is {publish}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
