"""A contributor's broken chapter fails the build with file, line and a fix.

The corpus in tests/broken-chapters/ holds one broken page per mistake.  They
are all copied into one throw-away copy of the project and built once; each
case then checks that its own message names its file and line.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, copy_project, sphinx_build

CORPUS = ROOT / "tests" / "broken-chapters"

# file: (line the message must name, or None for the whole file; words the message must contain)
EXPECTED = {
    "raw-html.md": (13, "Raw HTML is not allowed"),
    "raw-directive.md": (11, "raw directive is not allowed"),
    "not-in-toc.md": (None, "not in any table of contents"),
    "broken-reference.md": (11, "There is no label 'guidance-does-not-exist'."),
    "broken-term.md": (11, "'nonexistent term' is not a term in the glossary."),
    "broken-citation.md": (11, "The citation key 'no-such-key' is not in references.bib."),
    "image-without-alt.md": (11, "An image has no alt text"),
    "heading-skip.md": (13, "The heading jumps from level 2 to level 4"),
    "insecure-link.md": (11, "The link http://example.org/ is not secure"),
    "missing-label.md": (8, "The page does not start with a label"),
    "duplicate-label.md": (11, "The label 'guidance-records' is defined more than once (also in chapters/guidance/records.md:"),
    "bad-case-link.md": (11, "names 'interview-does-not-exist', which is not an interview answer or lesson"),
    "malformed-yaml.md": (4, "The front matter is not valid YAML"),
    "unknown-field.md": (6, "Unknown front-matter field 'author'"),
    "bad-date.md": (4, "The field 'last_reviewed' has the value"),
    "missing-field.md": (5, "The front matter has no 'review_in' field"),
    "no-front-matter.md": (1, "The page has no front matter"),
    "decision-guide-bad-next.md": (23, "goes to 'nowhere', which is no step's id"),
}


def test_every_broken_chapter_has_an_expectation():
    assert sorted(p.name for p in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    target = project / "chapters" / "broken"
    target.mkdir()
    listed = []
    for page in sorted(CORPUS.glob("*.md")):
        (target / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        if page.name != "not-in-toc.md":
            listed.append(page.stem)
    (target / "index.md").write_text(
        "---\nsummary: Broken chapters for the test suite.\nowner: Handbook editor\n"
        "last_reviewed: 2026-01-15\nreview_in: 12 months\n---\n\n(broken-index)=\n# Broken chapters\n\n"
        "```{toctree}\n" + "\n".join(listed) + "\n```\n",
        encoding="utf-8",
    )
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("chapters/about/index\n", "chapters/about/index\nchapters/broken/index\n"), encoding="utf-8")
    return sphinx_build(project, project / "_build" / "html")


def test_broken_chapters_fail_the_build(broken_build):
    assert broken_build.returncode != 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_message_names_file_line_and_problem(broken_build, name):
    line, words = EXPECTED[name]
    where = re.escape(f"chapters/broken/{name}") + (f":{line}:" if line else r"(:\d+)?:")
    messages = [m for m in broken_build.log.splitlines() if re.search(where, m)]
    assert any(words in m for m in messages), f"No message for {name} with {words!r} at line {line}. Messages for the file:\n" + "\n".join(messages) + "\n\nWhole log:\n" + broken_build.log[-3000:]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_messages_say_how_to_fix(broken_build, name):
    messages = [m for m in broken_build.log.splitlines() if f"chapters/broken/{name}" in m and EXPECTED[name][1] in m]
    assert any("Fix:" in m for m in messages), messages
