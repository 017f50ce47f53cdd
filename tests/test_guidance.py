"""Guidance chapters: front matter, the case box, citations that resolve."""
from __future__ import annotations

import re

import pytest

from pybtex.database import parse_file

from conftest import CHAPTERS, ROOT
from handbook.references import CITE

GUIDANCE = sorted(p for p in (CHAPTERS / "guidance").glob("*.md") if p.name != "index.md")
REQUIRED_GUIDANCE = {
    "purpose", "organisation", "channels", "writing", "dialogue", "tips-and-emergencies", "crime-prevention", "measuring",
    "records", "personal-data", "crisis", "account-security", "staff-own-accounts", "accessibility",
}


def test_all_guidance_chapters_exist():
    assert {p.stem for p in GUIDANCE} >= REQUIRED_GUIDANCE


@pytest.mark.parametrize("path", GUIDANCE, ids=lambda p: p.stem)
def test_chapter_has_in_short_and_from_the_case_boxes(site, path):
    soup = site.page(f"chapters/guidance/{path.stem}")
    assert soup.select_one("div.in-short"), f"{path.name}: no 'In short' box"
    box = soup.select_one("div.from-the-case")
    assert box, f"{path.name}: no 'From the case' box"
    links = box.select("p.from-the-case-links a")
    # A box without links must say that the case is silent and what the chapter rests on.
    assert links or re.search(r"does not|doesn't|says nothing|silent", box.get_text()), f"{path.name}: empty case box"


@pytest.mark.parametrize("path", GUIDANCE, ids=lambda p: p.stem)
def test_chapter_cites_at_least_one_source_that_resolves(site, path):
    soup = site.page(f"chapters/guidance/{path.stem}")
    sources = site.page("chapters/toolkit/sources")
    citations = soup.select("span.bibtex-citation a[href]")
    assert citations, f"{path.name}: no citation"
    for a in citations:
        page, _, anchor = a["href"].partition("#")
        assert page.endswith("toolkit/sources.html") and sources.find(id=anchor), f"{path.name}: citation {a.get_text()} does not resolve"


@pytest.mark.parametrize("path", GUIDANCE, ids=lambda p: p.stem)
def test_chapter_ends_with_a_checklist(site, path):
    soup = site.page(f"chapters/guidance/{path.stem}")
    assert soup.select("li.task-list-item input[type=checkbox]"), f"{path.name}: no checklist"


def test_every_bibliography_entry_is_cited():
    keys = set(parse_file(str(ROOT / "references.bib"), "bibtex").entries.keys())
    cited = set()
    for page in [ROOT / "index.md", *CHAPTERS.rglob("*.md")]:
        for group in CITE.findall(page.read_text(encoding="utf-8")):
            cited |= {key.strip() for key in group.split(",")}
    assert not keys - cited, f"Entries that no page cites: {sorted(keys - cited)}"
    assert not cited - keys, f"Citations with no entry: {sorted(cited - keys)}"


def test_guidance_is_reachable_from_the_landing_page(site):
    index = site.page("chapters/guidance/index")
    linked = {a["href"].split("#")[0].removesuffix(".html") for a in index.select(".toctree-wrapper a.reference.internal")}
    assert {p.stem for p in GUIDANCE} <= linked
    assert site.page("index").select_one('.toctree-wrapper a[href="chapters/guidance/index.html"]')
