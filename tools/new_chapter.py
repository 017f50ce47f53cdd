"""Scaffold a chapter: make new-chapter PART=guidance TOPIC=live-video TITLE="Live video".

Creates chapters/PART/TOPIC.md from _templates/chapter.md with valid front
matter and a label, adds it to the end of the part's table of contents, and
records it in tests/published-pages.txt so that it can never vanish
without a redirect.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOPIC = re.compile(r"^[a-z]+(-[a-z]+)*$")


def fail(message: str) -> None:
    sys.exit(f"new-chapter: {message}")


def add_to_toctree(index: Path, entry: str) -> None:
    text = index.read_text(encoding="utf-8")
    blocks = list(re.finditer(r"```\{toctree\}\n(.*?)```", text, re.S))
    if not blocks:
        fail(f"{index.relative_to(ROOT)} has no toctree to add the chapter to.")
    last = blocks[-1]
    body = last.group(1).rstrip("\n") + f"\n{entry}\n"
    index.write_text(text[: last.start(1)] + body + text[last.end(1):], encoding="utf-8")


def main(part: str, topic: str, title: str) -> None:
    parts = sorted(p.name for p in (ROOT / "chapters").iterdir() if (p / "index.md").is_file())
    if part not in parts:
        fail(f"PART must be one of {', '.join(parts)}; got '{part}'.")
    if not TOPIC.match(topic):
        fail(f"TOPIC must be kebab-case words without numbers, for example live-video; got '{topic}'.")
    if not title.strip():
        fail('TITLE is empty: give the chapter a title in sentence case, for example TITLE="Live video".')
    path = ROOT / "chapters" / part / f"{topic}.md"
    if path.exists():
        fail(f"{path.relative_to(ROOT)} already exists.")
    template = (ROOT / "_templates" / "chapter.md").read_text(encoding="utf-8")
    text = template.format(label=f"{part}-{topic}", title=title.strip(), today=dt.date.today().isoformat())
    text = text.replace("summary: [One sentence that says what this page helps the reader do.]",
                        f"summary: How to handle {title.strip()[0].lower() + title.strip()[1:]} on the agency's accounts.")
    text = text.replace("owner: [A role, not a person, for example Head of digital communications]",
                        "owner: Head of digital communications")
    path.write_text(text, encoding="utf-8")
    add_to_toctree(ROOT / "chapters" / part / "index.md", topic)
    manifest = ROOT / "tests" / "published-pages.txt"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"chapters/{part}/{topic}.md\n", encoding="utf-8")
    print(f"Created {path.relative_to(ROOT)} and added it to chapters/{part}/index.md.")
    print("Next: replace every [instruction in square brackets], then run make html and make test.")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail('usage: make new-chapter PART=guidance TOPIC=live-video TITLE="Live video"')
    main(*sys.argv[1:])
