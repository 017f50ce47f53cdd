"""Contributor machinery: generated pages, the chapter scaffold, redirects, the kit."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, docnames, front_matter, sphinx_build

sys.path.insert(0, str(ROOT / "_ext"))
from handbook.page_metadata import SCHEMA, review_due  # noqa: E402


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


def test_every_page_uses_only_schema_fields():
    for docname in docnames():
        meta = front_matter(ROOT / f"{docname}.md")
        assert set(meta) <= set(SCHEMA), docname


def test_traceability_matrix_is_made_from_the_chapters(site):
    page = site.page("chapters/about/traceability")
    rows = page.select("table.handbook-generated tbody tr")
    labels = {row.select_one("td a")["href"].split("#")[1] for row in rows}
    assert {"interview-challenges", "interview-agency-difference", "lesson-records"} <= labels
    records_row = next(row for row in rows if row.select_one("td a")["href"].endswith("#lesson-records"))
    assert "Records, public access and archiving" in records_row.get_text()
    assert page.find(string=re.compile("Case sources that no guidance uses yet"))


@pytest.fixture(scope="module")
def overdue_and_new_chapter(tmp_path_factory):
    """One throw-away build: a chapter made with make new-chapter, and a page made overdue."""
    project = copy_project(tmp_path_factory.mktemp("scaffold") / "project")
    made = subprocess.run([sys.executable, "tools/new_chapter.py", "guidance", "live-video", "Live video"],
                          cwd=project, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    old = project / "chapters/guidance/measuring.md"
    old.write_text(re.sub(r"last_reviewed: \S+", "last_reviewed: 2020-01-01", old.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    withdrawn = project / "chapters/about/style-guide.md"
    withdrawn.write_text(withdrawn.read_text(encoding="utf-8").replace(
        "review_in: 12 months\n",
        "review_in: 12 months\nstatus: withdrawn\nwithdrawn_reason: The style rules moved into the contributing guide.\nreplaced_by: about-contributing\n", 1), encoding="utf-8")
    with (project / "redirects.txt").open("a", encoding="utf-8") as redirects:
        redirects.write("chapters/guidance/old-records.md chapters/guidance/records.md\n")
    outdir = project / "_build" / "html"
    outdir.mkdir(parents=True)
    (outdir / "agency-social-media-handbook.pdf").write_bytes(b"%PDF-1.4 stand-in for make site")
    return project, sphinx_build(project, outdir)


def test_new_chapter_builds_with_no_warnings(overdue_and_new_chapter):
    project, build = overdue_and_new_chapter
    assert build.returncode == 0 and "WARNING" not in build.log, build.log
    assert (build.outdir / "chapters/guidance/live-video.html").is_file()
    assert "live-video" in (project / "chapters/guidance/index.md").read_text(encoding="utf-8")
    assert "chapters/guidance/live-video.md" in (project / "tests/published-pages.txt").read_text(encoding="utf-8")


def test_overdue_page_gets_a_banner_but_does_not_fail(overdue_and_new_chapter):
    _, build = overdue_and_new_chapter
    assert build.returncode == 0
    page = build.html("chapters/guidance/measuring")
    assert page.select_one("div.review-overdue"), "no overdue banner"
    first_row = build.html("chapters/about/review-status").select_one("table.handbook-generated tbody tr")
    assert "Measuring" in first_row.get_text() and "Overdue" in first_row.get_text()


def test_withdrawn_page_stays_online_with_a_notice_and_a_link(overdue_and_new_chapter):
    _, build = overdue_and_new_chapter
    notice = build.html("chapters/about/style-guide").select_one("div.withdrawn-notice")
    assert notice is not None and "withdrawn" in notice.get_text()
    assert notice.select_one('a[href="contributing.html#about-contributing"]')


def test_redirect_pages_are_generated(overdue_and_new_chapter):
    _, build = overdue_and_new_chapter
    redirect = (build.outdir / "chapters/guidance/old-records.html").read_text(encoding="utf-8")
    assert "records.html" in redirect and "refresh" in redirect


def test_new_chapter_refuses_bad_names(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools/new_chapter.py"), "guidance", "Live_Video2", "Live"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "kebab-case" in result.stderr


def _redirects(root=ROOT) -> dict[str, str]:
    pairs = {}
    for line in (root / "redirects.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            old, new = line.replace('"', "").split()
            pairs[old] = new
    return pairs


def missing_redirects(root) -> list[str]:
    """Published pages that are gone without a line in redirects.txt."""
    published = [line for line in (root / "tests/published-pages.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    redirects = _redirects(root)
    return [page for page in published if not (root / page).is_file() and page not in redirects]


def test_no_published_page_disappears_without_a_redirect():
    missing = missing_redirects(ROOT)
    assert not missing, f"Pages that were published but are gone, with no line in redirects.txt: {missing}. Fix: add 'old.md new.md' to redirects.txt."
    for old, new in _redirects(ROOT).items():
        assert (ROOT / new).is_file(), f"redirects.txt sends {old} to {new}, which does not exist"


def test_a_renamed_page_without_a_redirect_is_caught(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "chapters/guidance/crisis.md").rename(project / "chapters/guidance/crisis-communication.md")
    assert missing_redirects(project) == ["chapters/guidance/crisis.md"]
    with (project / "redirects.txt").open("a", encoding="utf-8") as redirects:
        redirects.write("chapters/guidance/crisis.md chapters/guidance/crisis-communication.md\n")
    assert missing_redirects(project) == []


def test_every_page_is_in_the_published_list():
    published = set((ROOT / "tests/published-pages.txt").read_text(encoding="utf-8").splitlines())
    unlisted = [f"{doc}.md" for doc in docnames() if f"{doc}.md" not in published]
    assert not unlisted, f"Add these to tests/published-pages.txt (make new-chapter does it for you): {unlisted}"


def test_contributor_kit_is_complete():
    for path in [".github/PULL_REQUEST_TEMPLATE.md", ".github/CODEOWNERS", ".github/ISSUE_TEMPLATE/new-chapter.yml",
                 ".github/ISSUE_TEMPLATE/correction.yml", ".github/ISSUE_TEMPLATE/bug.yml", ".pre-commit-config.yaml",
                 "CONTRIBUTING.md", "_templates/chapter.md"]:
        assert (ROOT / path).is_file(), path
    pr = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ["make html", "cited", "front matter", "alt text", "personal data"]:
        assert item in pr, item
    codeowners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    for part in (ROOT / "chapters").iterdir():
        assert f"/chapters/{part.name}/" in codeowners, part.name


def test_whats_new_is_linked_from_the_landing_page(site):
    assert site.page("index").select_one('a[href="chapters/about/whats-new.html"]')


def test_pdf_link_appears_only_where_the_pdf_is(site, overdue_and_new_chapter):
    _, build = overdue_and_new_chapter
    link = build.html("chapters/guidance/records").select_one("div.handbook-pdf a")
    assert link is not None and link["href"] == "../../agency-social-media-handbook.pdf"
    assert site.page("chapters/guidance/records").select_one("div.handbook-pdf") is None
