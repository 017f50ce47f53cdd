"""Contributor machinery: generated pages, the chapter scaffold, redirects, review dates.

Everything that changes files works on a copy of tests/roots/test-site, never
on the contributor's working tree.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, ROOTS, docnames, pdf_name
from handbook.page_metadata import review_due
from test_rules import build

SITE = ROOTS / "test-site"


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def copy_site(tmp_path):
    return shutil.copytree(SITE, tmp_path / "src")


def test_review_status_lists_every_page_overdue_first(site):
    rows = site.page("chapters/about/review-status").select("table.handbook-generated tbody tr")
    assert len(rows) == len(docnames())
    dues = [row.select("td")[3].get_text() for row in rows]
    today = dt.date.today().isoformat()
    overdue = [d for d in dues if d < today]
    assert dues[: len(overdue)] == sorted(overdue), "overdue pages must come first"
    assert dues[len(overdue):] == sorted(dues[len(overdue):])


def test_review_due_adds_months_and_clamps_the_day():
    assert review_due({"last_reviewed": "2026-01-31", "review_in": "1 month"}) == dt.date(2026, 2, 28)
    assert review_due({"last_reviewed": "2026-11-30", "review_in": "12 months"}) == dt.date(2027, 11, 30)
    assert review_due({"last_reviewed": "2027-12-15", "review_in": "3 months"}) == dt.date(2028, 3, 15)


def test_traceability_matrix_is_made_from_the_chapters(site):
    page_ = site.page("chapters/about/traceability")
    rows = page_.select("table.handbook-generated tbody tr")
    labels = {row.select_one("td a")["href"].split("#")[1] for row in rows}
    assert {"interview-challenges", "interview-agency-difference", "lesson-records"} <= labels
    records_row = next(row for row in rows if row.select_one("td a")["href"].endswith("#lesson-records"))
    assert "Records, public access and archiving" in records_row.get_text()
    assert page_.find(string=re.compile("Case sources that no guidance uses yet"))


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """tests/roots/test-site with a redirect and the PDF that make site puts in the output."""
    srcdir = copy_site(tmp_path_factory.mktemp("site"))
    (srcdir / "redirects.txt").write_text("chapters/guidance/old-records.md chapters/guidance/records.md\n", encoding="utf-8")
    outdir = srcdir / "_build" / "html"
    outdir.mkdir(parents=True)
    (outdir / pdf_name()).write_bytes(b"%PDF-1.4 stand-in for make site")
    app, found = build(srcdir)
    assert found == []
    return app


def test_overdue_page_gets_a_banner_but_does_not_fail(small_site):
    assert page(small_site, "chapters/about/measuring").select_one("div.review-overdue"), "no overdue banner"
    assert page(small_site, "chapters/guidance/records").select_one("div.review-overdue") is None


def test_withdrawn_page_stays_online_with_a_notice_and_a_link(small_site):
    notice = page(small_site, "chapters/about/style-guide").select_one("div.withdrawn-notice")
    assert notice is not None and "withdrawn" in notice.get_text()
    assert notice.select_one('a[href="../guidance/records.html#guidance-records"]')


def test_redirect_pages_are_generated(small_site):
    redirect = (small_site.outdir / "chapters/guidance/old-records.html").read_text(encoding="utf-8")
    assert "records.html" in redirect and "refresh" in redirect


def test_pdf_link_appears_only_where_the_pdf_is(small_site, site):
    link = page(small_site, "chapters/guidance/records").select_one("div.handbook-pdf a")
    assert link is not None and link["href"] == f"../../{pdf_name()}"
    assert site.page("chapters/guidance/records").select_one("div.handbook-pdf") is None


def new_chapter(root, *args):
    return subprocess.run([sys.executable, str(ROOT / "tools/new_chapter.py"), "--root", str(root), *args],
                          capture_output=True, text=True)


def test_a_new_chapter_fails_the_build_until_every_instruction_is_replaced(tmp_path):
    srcdir = copy_site(tmp_path)
    made = new_chapter(srcdir, "guidance", "live-video", "Live video")
    assert made.returncode == 0, made.stderr
    assert "live-video" in (srcdir / "chapters/guidance/index.md").read_text(encoding="utf-8")
    _, found = build(srcdir)
    assert len(found) == 1 and found[0].startswith("chapters/guidance/live-video.md:2: WARNING: The page still has 10 instruction(s) from the chapter template"), found
    chapter = srcdir / "chapters/guidance/live-video.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace('"[WRITE: One sentence that says what this page helps the reader do, ending with a full stop.]"', "How to stream live video from the agency's accounts.")
    text = text.replace('"[WRITE: A role, not a person, for example Head of digital communications]"', "Head of digital communications")
    text = re.sub(r"\[WRITE: [^\]]*\]", "Filled in.", text)
    chapter.write_text(text, encoding="utf-8")
    app, found = build(srcdir)
    assert found == []
    assert page(app, "chapters/guidance/live-video").find("h1").get_text().startswith("Live video")


def test_new_chapter_refuses_bad_names(tmp_path):
    result = new_chapter(copy_site(tmp_path), "guidance", "Live_Video2", "Live")
    assert result.returncode != 0 and "kebab-case" in result.stderr


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo, check=True, capture_output=True)


def test_a_deleted_page_needs_a_redirect(tmp_path):
    """make check-redirects: a page deleted on this branch needs a line in redirects.txt;
    other Markdown files and pages added on main since the branch started do not."""
    srcdir = copy_site(tmp_path)
    (srcdir / "README.md").write_text("# Test site\n", encoding="utf-8")
    git(srcdir, "init", "-q", "-b", "main")
    git(srcdir, "add", ".")
    git(srcdir, "commit", "-q", "-m", "published")
    git(srcdir, "checkout", "-q", "-b", "change")
    git(srcdir, "checkout", "-q", "main")  # meanwhile someone adds a page on main
    (srcdir / "chapters/guidance/crisis.md").write_text((srcdir / "chapters/guidance/records.md").read_text(encoding="utf-8"), encoding="utf-8")
    git(srcdir, "add", ".")
    git(srcdir, "commit", "-q", "-m", "a new page on main")
    git(srcdir, "checkout", "-q", "change")
    (srcdir / "chapters/about/measuring.md").unlink()
    (srcdir / "README.md").unlink()  # excluded from the handbook: not a page
    (srcdir / "chapters/about/index.md").write_text((srcdir / "chapters/about/index.md").read_text(encoding="utf-8").replace("measuring\n", ""), encoding="utf-8")
    _, found = build(srcdir, "handbook-redirects")
    assert found == ["chapters/about/measuring.md: WARNING: The page was deleted since main, and redirects.txt does not send readers on. "
                     "Fix: add the line 'chapters/about/measuring.md new/page.md' to redirects.txt, with the page that replaces it. [handbook.redirect]"]
    (srcdir / "redirects.txt").write_text("chapters/about/measuring.md chapters/guidance/records.md\n", encoding="utf-8")
    _, found = build(srcdir, "handbook-redirects")
    assert found == []


def test_every_part_has_code_owners():
    codeowners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    for part in (ROOT / "chapters").iterdir():
        assert f"/chapters/{part.name}/" in codeowners, part.name


def test_whats_new_is_linked_from_the_landing_page(site):
    assert site.page("index").select_one('a[href="chapters/about/whats-new.html"]')


def test_a_rebuild_ships_the_same_bundles_as_a_first_build(tmp_path):
    """The purge reads the scripts pages load; the bundle left by the last build is not one of them,
    or every rebuild would keep the CSS of whatever that bundle names (Bootstrap's unused components)."""
    srcdir = copy_site(tmp_path)
    app, found = build(srcdir)
    assert found == []
    first = {name: (app.outdir / "_static" / name).read_bytes() for name in ("site.css", "site.js")}
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    app, found = build(srcdir)
    assert found == []
    again = {name: (app.outdir / "_static" / name).read_bytes() for name in ("site.css", "site.js")}
    assert {name: len(data) for name, data in again.items()} == {name: len(data) for name, data in first.items()}
    assert again == first
