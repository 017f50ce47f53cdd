"""Scaffold a chapter: make new-chapter PART=guidance TOPIC=live-video TITLE="Live video".

Creates chapters/PART/TOPIC.md from _templates/chapter.md with a label and
today's date, and adds it to the end of the part's table of contents.
Everything else on the page is a [WRITE: ...] instruction, summary and owner
included: the build fails until each one is replaced, so an unfinished
chapter is never published.

    python tools/new_chapter.py [--root DIR] PART TOPIC TITLE
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOPIC = re.compile(r"^[a-z]+(-[a-z]+)*$")


def fail(message: str) -> None:
    sys.exit(f"new-chapter: {message}")


def add_to_toctree(root: Path, index: Path, entry: str) -> None:
    text = index.read_text(encoding="utf-8")
    blocks = list(re.finditer(r"```\{toctree\}\n(.*?)```", text, re.S))
    if not blocks:
        fail(f"{index.relative_to(root)} has no toctree to add the chapter to.")
    last = blocks[-1]
    body = last.group(1).rstrip("\n") + f"\n{entry}\n"
    index.write_text(text[: last.start(1)] + body + text[last.end(1):], encoding="utf-8")


def main(root: Path, part: str, topic: str, title: str) -> None:
    parts = sorted(p.name for p in (root / "chapters").iterdir() if (p / "index.md").is_file())
    if part not in parts:
        fail(f"PART must be one of {', '.join(parts)}; got '{part}'.")
    if not TOPIC.match(topic):
        fail(f"TOPIC must be kebab-case words without numbers, for example live-video; got '{topic}'.")
    if not title.strip():
        fail('TITLE is empty: give the chapter a title in sentence case, for example TITLE="Live video".')
    path = root / "chapters" / part / f"{topic}.md"
    if path.exists():
        fail(f"{path.relative_to(root)} already exists.")
    template = (ROOT / "_templates" / "chapter.md").read_text(encoding="utf-8")
    path.write_text(template.format(label=f"{part}-{topic}", title=title.strip(), today=dt.date.today().isoformat()), encoding="utf-8")
    add_to_toctree(root, root / "chapters" / part / "index.md", topic)
    print(f"Created {path.relative_to(root)} and added it to chapters/{part}/index.md.")
    print("Next: replace every [WRITE: ...], summary and owner included; make html lists the ones left.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(usage='make new-chapter PART=guidance TOPIC=live-video TITLE="Live video"')
    parser.add_argument("--root", type=Path, default=ROOT, help="the handbook to add the chapter to (default: this one)")
    parser.add_argument("part")
    parser.add_argument("topic")
    parser.add_argument("title")
    args = parser.parse_args()
    main(args.root.resolve(), args.part, args.topic, args.title)
