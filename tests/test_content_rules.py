"""Content rules from the legal review (issue 9): each failure names file:line.

Kept few and specific:
- advice to keep a copy of removed content must give the child sexual abuse
  material exception in the same section (copying such material is itself a crime,
  brottsbalken 16 kap. 10 a §);
- Datainspektionen's 2014 "offensive personal data" test (from the repealed
  Personal Data Act) may appear only as history, never as today's duty.
"""
from __future__ import annotations

import re

from conftest import ROOT, docnames

KEEP_A_COPY = re.compile(r"\b(keep|save|capture|archive|take)\b[^.\n]{0,40}\b(copy|copies|screenshot|snapshot)\b|\b(spara|behåll)\w*\b[^.\n]{0,40}\bkopi", re.I)
REMOVED = re.compile(r"\b(remove|removes|removing|removed|delete|deletes|deleting|deleted|hide|hides|hiding|hidden|hid|takes? down|taken down|took down|tar bort|döljer|raderar)\b", re.I)
EXCEPTION = re.compile(r"child sexual abuse|child abuse material|abuse material|sexual abuse of (a )?child|barnpornografi|sexuella övergrepp (på|mot) barn|16 kap\. 10 a", re.I)
OLD_TEST = re.compile(r"offensive personal data|kränkande personuppgifter", re.I)
HISTORY = re.compile(r"2014|PUL\b|Personal Data Act|personuppgiftslagen|repealed|upphävd|history|historical|no longer|used to", re.I)


def _section(lines: list[str], index: int) -> list[str]:
    """The lines of the section (from heading to heading) that holds line `index`: 'nearby'."""
    start = next((i for i in range(index, -1, -1) if lines[i].startswith("#")), 0)
    end = next((i for i in range(index + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def _pages():
    for docname in docnames():
        path = ROOT / f"{docname}.md"
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8").splitlines()


def test_copies_of_removed_content_come_with_the_child_abuse_material_exception():
    problems = []
    for path, lines in _pages():
        for number, line in enumerate(lines, start=1):
            if KEEP_A_COPY.search(line) and REMOVED.search(line):
                window = "\n".join(_section(lines, number - 1))
                if not EXCEPTION.search(window):
                    problems.append(f"{path}:{number}: advises keeping a copy of removed content without the exception for "
                                    "child sexual abuse material nearby. Fix: add that such material is never captured or "
                                    "stored (record only link, time and account; report to the police and the platform).")
    assert not problems, "\n".join(problems)


def test_the_2014_offensive_data_test_is_only_history():
    problems = []
    for path, lines in _pages():
        for number, line in enumerate(lines, start=1):
            if OLD_TEST.search(line) and not HISTORY.search(line):
                problems.append(f"{path}:{number}: states Datainspektionen's 2014 'offensive personal data' test as a current "
                                "duty. Fix: ground today's duty in GDPR (art. 5-6, 9-10, 24, 26) and IMY's guidance, and "
                                "give the 2014 advice only as history (it came from the Personal Data Act, repealed in 2018).")
    assert not problems, "\n".join(problems)


def test_pages_are_quick_to_read():
    """At most 1 sentence in 20 over 25 words on any page; median Flesch-Kincaid grade 7 or lower (English)."""
    import statistics
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import readability

    reports = [readability.measure(str(path), "\n".join(lines)) for path, lines in _pages()]
    long = [f"{r.page}: {r.long_share:.1%} of sentences are over 25 words, e.g. '{r.longest}'" for r in reports if r.long_share > 0.05]
    assert not long, "Split these sentences (python tools/readability.py shows every page):\n" + "\n".join(long)
    assert statistics.median(r.grade for r in reports) <= 7


def test_the_readability_measure_sees_a_long_sentence():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import readability

    long = " ".join(["word"] * 30) + ". Short one here."
    report = readability.measure("x.md", "(label)=\n# Title\n\n" + long + "\n")
    assert report.sentences == 2 and report.long_share == 0.5


def test_the_swedish_templates_are_easy_to_read():
    """Klarspråk in what the public reads: LIX of every Swedish template at most 30."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import readability

    reports = readability.measure_templates()
    assert len(reports) >= 15, [r.page for r in reports]
    assert not [r for r in reports if r.lix > 30], [(r.page, r.lix) for r in reports if r.lix > 30]


def test_the_swedish_edition_is_easy_to_read():
    """Klarspråk: LIX of the Swedish guidance pages at most 40 in the median, and no page above 50."""
    import statistics
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import readability

    reports = [readability.measure_catalog(path) for path in readability.catalogs()]
    guidance = [r.lix for r in reports if r.page.startswith("chapters/guidance/")]
    assert statistics.median(guidance) <= 40
    assert not [r.page for r in reports if r.lix > 50], [(r.page, r.lix) for r in reports if r.lix > 50]
