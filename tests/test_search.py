"""Search, as a reader uses it: the theme's search button, Ctrl+K and search.html?q=, with Pagefind.

Drives Debian's chromium on the built site from a local (gzip) server, the
way a reader's browser gets it from the host.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT, docnames

sys.path.insert(0, str(ROOT / "tools"))
from local_browser import axe_violations, serve  # noqa: E402

SEARCH_FILES = re.compile(r"/pagefind/|handbook-search|searchindex\.js|searchtools\.js|language_data\.js")
CHAPTER = "chapters/guidance/crisis"
# What a reader types, and the title of the page that must come first
# ("subtitles" is only in the page's keywords: the page says "captions").
FIRST = [
    ("account hacked", "Account security, impersonation and fake accounts"),
    ("gallring", "Records, public access and archiving"),
    ("subtitles", "Accessible social-media content"),
    ("deepfake", "Generative AI and deepfakes"),
]


@pytest.fixture(scope="module")
def sent():
    return []


@pytest.fixture(scope="module")
def server(site, sent):
    with serve(site.build.outdir, sent=sent) as base:
        yield base


@pytest.fixture
def page(browser):
    page = browser.new_context().new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    page.context.close()


def _pagefind_titles(outdir: Path) -> dict[str, str]:
    """Every page in the Pagefind index: its URL and title, read from the index's fragments."""
    titles = {}
    for fragment in (outdir / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        titles[data["url"]] = data["meta"]["title"]
    return titles


def test_every_page_is_in_the_search_index_by_its_title(site):
    titles = _pagefind_titles(site.build.outdir)
    for docname, soup in site.pages.items():
        title = soup.find("h1").get_text().strip().rstrip("#").strip()
        assert titles.get(f"/{docname}.html") == title, f"{docname}: not in the Pagefind index as '{title}'"
    assert not {"/search.html", "/genindex.html"} & set(titles), "the search page or the general index is indexed"


def test_no_page_loads_sphinx_search(site):
    assert not (site.build.outdir / "searchindex.js").exists()
    for docname in docnames() + ["search", "genindex"]:
        html = (site.build.outdir / f"{docname}.html").read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+(searchindex|searchtools|language_data)\.js", html), docname


def _results(page, scope: str, query: str) -> list[str]:
    """The titles of the results shown, once the results for the whole query are there."""
    page.locator(f"{scope} .handbook-search__status", has_text=f"\u201c{query}\u201d").wait_for(timeout=15000)
    return page.locator(f"{scope} .handbook-search__title").all_inner_texts()


def test_nothing_of_search_loads_until_the_reader_searches(server, page, sent):
    sent.clear()
    page.goto(f"{server}/{CHAPTER}.html")
    page.wait_for_load_state("networkidle")
    loaded = [path for path, _ in sent if SEARCH_FILES.search(path)]
    assert not loaded, f"search files loaded before the reader searched: {loaded}"
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type("crisis")
    _results(page, "#pst-search-dialog", "crisis")
    assert any("/pagefind/" in path for path, _ in sent), "Pagefind did not load when the reader searched"
    assert not page.errors, page.errors


@pytest.mark.parametrize("query, title", FIRST)
def test_search_button_finds_the_right_page_first(server, page, query, title):
    page.goto(f"{server}/{CHAPTER}.html")
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type(query)
    titles = _results(page, "#pst-search-dialog", query)
    assert titles and titles[0] == title, f"{query!r}: first results {titles[:3]}"
    if query != "subtitles":
        first = page.locator("#pst-search-dialog .handbook-search__result").first
        assert first.locator(".handbook-search__excerpt mark").count() > 0, "no highlighted words in the first result"
    assert not page.errors, page.errors


@pytest.mark.parametrize("query, title", FIRST[:2])
def test_search_page_shows_results_for_the_query_in_the_address(server, page, query, title):
    page.goto(f"{server}/search.html?q={quote(query)}")
    titles = _results(page, "#handbook-search-page-results", query)
    assert titles and titles[0] == title, f"{query!r}: first results {titles[:3]}"
    assert re.match(r"\d+ pages? found for ", page.locator("#handbook-search-page-results [role=status]").inner_text())
    assert not page.errors, page.errors


def test_keyboard_ctrl_k_arrows_enter_and_escape(server, page):
    page.goto(f"{server}/{CHAPTER}.html")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    assert field.evaluate("el => el === document.activeElement"), "Ctrl+K did not put the cursor in the search field"
    page.keyboard.type("gallring")
    _results(page, "#pst-search-dialog", "gallring")
    links = page.locator("#pst-search-dialog .handbook-search__results a")
    page.keyboard.press("ArrowDown")
    assert links.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert field.evaluate("el => el === document.activeElement"), "Up from the first result did not go back to the field"
    page.keyboard.press("Escape")
    assert not page.locator("#pst-search-dialog").evaluate("d => d.open"), "Escape did not close the search"
    page.keyboard.press("Control+k")
    # Escape may also have emptied the field (a search field's own behaviour): search again.
    page.keyboard.press("Control+a")
    page.keyboard.type("gallring")
    _results(page, "#pst-search-dialog", "gallring")
    links.first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/chapters/guidance/records.html*")
    assert not page.errors, page.errors


def test_results_are_announced_and_named(server, page):
    page.goto(f"{server}/{CHAPTER}.html")
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type("subtitles")
    _results(page, "#pst-search-dialog", "subtitles")
    status = page.locator("#pst-search-dialog [role=status]")
    assert re.match(r"\d+ pages? found for .subtitles.\.", status.inner_text()), status.inner_text()
    field = page.locator("#pst-search-dialog input[name=q]")
    results = page.get_by_role("list", name="Search results")
    assert results.count() == 1 and field.get_attribute("aria-controls") == results.get_attribute("id")


def test_opened_from_disk_search_says_to_run_make_serve(site, page):
    page.goto((site.build.outdir / f"{CHAPTER}.html").as_uri())
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type("crisis")
    status = page.locator("#pst-search-dialog [role=status]")
    status.wait_for(timeout=15000)
    page.wait_for_function("() => document.querySelector('#pst-search-dialog [role=status]').textContent.length > 0")
    assert "make serve" in status.inner_text(), status.inner_text()


def test_a_result_links_to_the_section_where_the_words_are(server, page):
    page.goto(f"{server}/search.html?q={quote('snapshot routine')}")
    _results(page, "#handbook-search-page-results", "snapshot routine")
    first = page.locator("#handbook-search-page-results .handbook-search__result").first
    assert first.locator(".handbook-search__section").inner_text() == "Snapshot routine"
    first.get_by_role("link").click()
    page.wait_for_url("**/chapters/guidance/records.html#snapshot-routine")
    assert page.get_by_role("heading", name="Snapshot routine").is_visible()


def test_a_failing_pagefind_fails_the_build_with_one_message(tmp_path, caplog):
    """Pagefind finds no pages to index (here: an empty output folder)."""
    sys.path.insert(0, str(ROOT / "_ext"))
    from types import SimpleNamespace

    from handbook.search import run_pagefind

    app = SimpleNamespace(outdir=tmp_path, builder=SimpleNamespace(name="html"), statuscode=0)
    run_pagefind(app, None)
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert app.statuscode == 1
    assert len(errors) == 1, errors
    assert "Pagefind could not index the site" in errors[0] and "Pagefind was not able to build an index" in errors[0], errors[0]
    assert "Fix:" in errors[0]


def test_results_pass_axe(server, page):
    def check(where):
        return [f"{where}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}"
                for v in axe_violations(page)]

    page.goto(f"{server}/search.html?q=gallring")
    _results(page, "#handbook-search-page-results", "gallring")
    problems = check("search.html?q=gallring")
    page.goto(f"{server}/{CHAPTER}.html")
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type("gallring")
    _results(page, "#pst-search-dialog", "gallring")
    problems += check("the search dialog")
    assert not problems, "\n".join(problems)
