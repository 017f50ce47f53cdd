"""Each contributor mistake ends in exactly one message: file, line, what, and a fix.

tests/roots/test-handbook is a small handbook with the real settings: good
pages that use every allowed construct, and one broken page per mistake
under broken/.  It is built once, in-process, with Sphinx's test fixtures.
"""
from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, messages

# page: (line, kind, what is wrong). Exactly this message, followed by "Fix: ...", and no other.
# A kind with a dot is a library's own message that library_messages.py gives a fix.
EXPECTED = {
    "absolute-missing-link.md": (12, "reference", "The link goes to '/chapters/guidance/records.md', which does not exist."),
    "bad-case-link.md": (11, "from-the-case", "The from-the-case box names 'interview-does-not-exist', which is not an interview answer or lesson."),
    "bad-date.md": (4, "metadata", "The field 'last_reviewed' has the value '15 January 2026'."),
    "decision-guide-bad-next.md": (23, "decision-guide", "Step 2 ('q_one') goes to 'nowhere', which is no step's id."),
    "keywords-as-a-list.md": (6, "metadata", "The field 'keywords' has the value ['hacked', 'hijacked']."),
    "broken-citation.md": (11, "citation", "The citation key 'no-such-key' is not in references.bib."),
    "broken-reference.md": (11, "reference", "There is no label 'guidance-does-not-exist'. Did you mean 'guidance-records'?"),
    "broken-term.md": (11, "term", "'nonexistent term' is not a term in the glossary."),
    "doc-role.md": (12, "reference", "There is no page '../good/nowhere'."),
    "duplicate-key.md": (5, "metadata", "The field 'owner' is given twice (lines 3 and 5)."),
    "duplicate-label.md": (11, "duplicate-label", "The label 'guidance-records' is already defined in good/guidance.md:8."),
    "footnote-undefined.md": (11, "footnote", "The footnote [^law] has no text."),
    "future-date.md": (4, "metadata", "The field 'last_reviewed' is in the future."),
    "heading-skip.md": (13, "heading-level", "The heading jumps from level 2 to level 4."),
    "image-directive-no-alt.md": (11, "image-alt", "An image has no alt text."),
    "image-without-alt.md": (11, "image-alt", "An image has no alt text."),
    "impossible-date.md": (4, "metadata", "The field 'last_reviewed' has the value '2026-13-01'."),
    "insecure-link.md": (11, "insecure-link", "The link http://example.org/ is not secure."),
    "label-after-title.md": (8, "label", "The page does not start with a label."),
    "label-case.md": (8, "label", "The label 'Held_Label' is not in kebab-case."),
    "malformed-yaml.md": (4, "metadata", "The front matter is not valid YAML: expected ',' or ']', but got ':'."),
    "math.md": (11, "external-resource", "Math makes the page load MathJax from another host."),
    "missing-anchor.md": (12, "reference", "The link goes to '#no-such-section' in good/glossary.md, which has no such label or heading."),
    "missing-field.md": (5, "metadata", "The front matter has no 'review_in' field."),
    "missing-file-link.md": (11, "reference", "The link goes to 'records.md', which does not exist."),
    "missing-image.md": (11, "image.not_readable", "image file not readable: broken/chart.png."),
    "missing-label.md": (8, "label", "The page does not start with a label."),
    "no-front-matter.md": (1, "metadata", "The page has no front matter."),
    "not-in-toc.md": (None, "toc", "The page is not in any table of contents."),
    "raw-directive.md": (11, "raw-html", "The raw directive is not allowed."),
    "raw-html.md": (13, "raw-html", "Raw HTML is not allowed: '<script>alert(1)</script>'."),
    "reference-line.md": (13, "reference", "There is no label 'guidance-nowhere'. Did you mean 'guidance-records'?"),
    "remote-figure.md": (11, "external-resource", "The image https://example.org/chart.png would load from another host."),
    "remote-image.md": (11, "external-resource", "The image https://example.org/chart.png would load from another host."),
    "review-in-number.md": (5, "metadata", "The field 'review_in' has the value 12."),
    "status-invalid.md": (6, "metadata", "The field 'status' has the value 'retired'."),
    "summary-no-stop.md": (2, "metadata", "The field 'summary' has the value \"How to answer comments on the agency's accounts\"."),
    "tab-front-matter.md": (4, "metadata", "The front matter is not valid YAML: found character '\\t' that cannot start any token."),
    "template-leftover.md": (2, "template", "The page still has 10 instruction(s) from the chapter template (also on lines 3, 13, 17, 20, 22, 25, 28, 33, 37)."),
    "toctree-missing.md": (11, "toc.not_readable", "toctree contains reference to nonexisting document 'broken/chapter-that-does-not-exist'."),
    "two-keys.md": (11, "citation", "The citation key 'lso' is not in references.bib."),
    "two-titles.md": (13, "heading-level", "The page has a second title (a heading with a single #)."),
    "unclosed-fence.md": (11, "unclosed-block", "The ::: block opened here is never closed, so the rest of the page is inside it."),
    "unknown-directive.md": (11, "myst.directive_unknown", "Unknown directive type: 'callout'."),
    "unknown-field.md": (6, "metadata", "Unknown front-matter field 'author'."),
    "unknown-role.md": (11, "myst.role_unknown", 'Unknown interpreted text role "key".'),
    "withdrawn-to-nowhere.md": (8, "reference", "There is no label 'guidance-recrods'. Did you mean 'guidance-records'?"),
}
SITE = ROOTS / "test-handbook"


def good_site(tmp_path) -> Path:
    """A copy of the test handbook without its broken pages, which builds with no message."""
    srcdir = shutil.copytree(SITE, tmp_path / "src", ignore=shutil.ignore_patterns("broken"))
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("broken/index\n", ""), encoding="utf-8")
    return srcdir


def build(srcdir, buildername="html", **settings):
    """Build a site in-process, with conf.py settings overridden; return the app and its messages."""
    warning = StringIO()
    app = SphinxTestApp(buildername, srcdir=srcdir, warning=warning, confoverrides=settings)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, messages(warning, srcdir)


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("handbook") / "src"
    shutil.copytree(SITE, srcdir)
    return build(srcdir)


def test_every_broken_page_has_an_expectation():
    assert sorted(p.name for p in (SITE / "broken").glob("*.md") if p.name != "index.md") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_message_with_file_line_and_fix(handbook, name):
    _, found = handbook
    line, kind, what = EXPECTED[name]
    mine = [m for m in found if m.startswith(f"broken/{name}:")]
    where = f"broken/{name}:{line}:" if line else f"broken/{name}:"
    assert len(mine) == 1, f"{len(mine)} messages for {name}:\n" + "\n".join(mine)
    assert mine[0].startswith(f"{where} WARNING: {what} Fix: "), mine[0]
    assert mine[0].endswith(f"[{kind if '.' in kind else 'handbook.' + kind}]"), mine[0]


def test_good_pages_and_nothing_else_get_no_message(handbook):
    _, found = handbook
    assert [m for m in found if not m.startswith("broken/")] == []


def test_nothing_from_another_host_is_published(handbook):
    app, _ = handbook
    for page in ("broken/math", "broken/remote-image"):
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert "mathjax" not in html.lower() and "example.org/chart.png" not in html, page


def test_a_script_from_another_host_is_refused_once(tmp_path):
    srcdir = good_site(tmp_path)
    _, found = build(srcdir, html_js_files=["https://cdn.example.org/widget.js"])
    assert len(found) == 1 and "WARNING: The page would load https://cdn.example.org/widget.js from another host. Fix: " in found[0], found


def test_a_broken_bibliography_gets_a_message_not_an_exception(tmp_path):
    srcdir = good_site(tmp_path)
    (srcdir / "references.bib").write_text(
        "@misc{osl,\n  shorthand = {OSL},\n  title = {Offentlighets- och sekretesslagen},\n}\n\n"
        "@misc{nolabel,\n  title = {A source without a shorthand},\n}\n", encoding="utf-8")
    _, found = build(srcdir)
    assert found == ["references.bib:6: WARNING: The entry 'nolabel' has no 'shorthand' field. Fix: add shorthand = {...}, "
                     "the short label readers see, for example {OSL} or {JO 5875-2012}. [handbook.bibliography]"]
    (srcdir / "references.bib").write_text("@misc{osl,\n  shorthand = {OSL},\n  title = {Offentlighets\n", encoding="utf-8")
    _, found = build(srcdir)
    assert len([m for m in found if m.startswith("references.bib")]) == 1, found
    assert re.match(r"references\.bib:\d+: WARNING: references\.bib cannot be read: .+ Fix: ", found[0]), found


def test_a_source_note_without_its_swedish_twin_gets_a_message(tmp_path):
    srcdir = good_site(tmp_path)
    (srcdir / "references.bib").write_text(
        "@misc{osl,\n  shorthand = {OSL},\n  title = {Offentlighets- och sekretesslagen},\n"
        "  note = {In Swedish},\n  note_sv = {På svenska},\n  howpublished = {SFS 2009:400},\n}\n", encoding="utf-8")
    _, found = build(srcdir)
    assert found == ["references.bib:6: WARNING: The entry 'osl' has a 'howpublished' but no 'howpublished_sv': the Swedish "
                     "edition would show it in English. Fix: add howpublished_sv = {...} after it, the same text in Swedish. "
                     "[handbook.bibliography]"], found


def test_a_deleted_page_leaves_no_html_behind(tmp_path):
    srcdir = good_site(tmp_path)
    app, found = build(srcdir)
    assert found == [] and (app.outdir / "good/checklists.html").is_file()
    (srcdir / "good/checklists.md").unlink()
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text(encoding="utf-8").replace("good/checklists\n", ""), encoding="utf-8")
    (srcdir / "redirects.txt").write_text("good/sources.md good/glossary.md\n", encoding="utf-8")
    (srcdir / "good/sources.md").rename(srcdir / "good/bibliography.md")
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text(encoding="utf-8").replace("good/sources\n", "good/bibliography\n"), encoding="utf-8")
    app, found = build(srcdir)
    pages = sorted(p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.html") if not p.relative_to(app.outdir).as_posix().startswith("_"))
    assert "good/checklists.html" not in pages, "a deleted page is still in the output"
    assert "good/sources.html" in pages and "refresh" in (app.outdir / "good/sources.html").read_text(encoding="utf-8"), "the redirect is gone"
