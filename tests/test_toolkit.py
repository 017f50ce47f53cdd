"""Toolkit: templates within their limits, checklists that link, accessible diagrams, a used glossary."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT

TEMPLATE_PAGES = ["chapters/toolkit/post-templates", "chapters/toolkit/reply-templates", "chapters/toolkit/comment-policy"]
LIMIT = re.compile(r"max ([\d,]+) characters")


def templates(site):
    """(page, caption, text, limit) for every captioned template block."""
    found = []
    for docname in TEMPLATE_PAGES:
        for container in site.page(docname).select("div.literal-block-wrapper"):
            caption = container.select_one(".code-block-caption .caption-text").get_text()
            text = container.select_one("pre").get_text()
            match = LIMIT.search(caption)
            found.append((docname, caption, text, int(match.group(1).replace(",", "")) if match else None))
    return found


def test_template_pages_have_templates(site):
    counts = {docname: sum(1 for t in templates(site) if t[0] == docname) for docname in TEMPLATE_PAGES}
    assert counts["chapters/toolkit/post-templates"] >= 7
    assert counts["chapters/toolkit/reply-templates"] >= 6
    assert counts["chapters/toolkit/comment-policy"] >= 5


def test_every_post_and_reply_template_states_a_limit_and_keeps_it(site):
    for docname, caption, text, limit in templates(site):
        if docname == "chapters/toolkit/comment-policy" and limit is None:
            continue
        assert limit, f"{docname}: template '{caption}' states no 'max N characters'"
        assert len(text.rstrip("\n")) <= limit, f"{docname}: '{caption}' is {len(text.rstrip())} characters, over {limit}"


def test_templates_are_plain_text(site):
    for docname, caption, text, _ in templates(site):
        assert not re.search(r"\*\*|__|\]\(|^#+ |<[a-z]", text, re.M), f"{docname}: '{caption}' contains markup"


@pytest.mark.parametrize("docname", TEMPLATE_PAGES)
def test_each_template_section_has_a_label(site, docname):
    page = site.page(docname)
    for container in page.select("div.literal-block-wrapper"):
        section = container.find_parent("section")
        assert section and section.get("id"), f"{docname}: a template outside a labelled section"


def test_every_checklist_item_links_to_something_that_exists(site):
    page = site.page("chapters/toolkit/checklists")
    items = page.select("li.task-list-item")
    assert len(items) >= 5 * 6
    for item in items:
        links = item.select("a.reference.internal")
        assert links, f"Checklist item without a link: {item.get_text()[:80]}"
        for a in links:
            target, _, anchor = a["href"].partition("#")
            target_doc = "chapters/toolkit/checklists" if not target else str((ROOT / "chapters/toolkit" / target).resolve().relative_to(ROOT)).removesuffix(".html")
            soup = site.page(target_doc)
            assert not anchor or soup.find(id=anchor), f"Broken link {a['href']} in checklist item {item.get_text()[:60]}"


def test_checklists_cover_the_five_situations(site):
    page = site.page("chapters/toolkit/checklists")
    for label in ["toolkit-checklist-opening", "toolkit-checklist-routine", "toolkit-checklist-incident", "toolkit-checklist-hijacked", "toolkit-checklist-closing"]:
        section = page.find(id=label)
        assert section and section.select("li.task-list-item input[type=checkbox]"), label


@pytest.mark.parametrize("label", ["toolkit-decision-comment", "toolkit-decision-official-document", "toolkit-decision-help-now"])
def test_decision_guide_is_an_svg_with_a_name_and_a_text_alternative(site, label):
    page = site.page("chapters/toolkit/decision-guides")
    section = page.find(id=label)
    assert section is not None
    img = section.select_one("div.graphviz img")
    assert img is not None and img["src"].endswith(".svg"), "diagram is not rendered as SVG"
    assert len(img.get("alt", "")) > 20, "diagram has no accessible name"
    svg = site.build.outdir / "chapters/toolkit" / img["src"]
    assert svg.is_file() and "<svg" in svg.read_text(encoding="utf-8")
    steps = section.find(lambda tag: tag.name in ("h2", "h3", "h4") and "as steps" in tag.get_text())
    assert steps is not None, "no text alternative heading"
    assert len(steps.find_parent("section").select("ol > li")) >= 3, "text alternative has too few steps"


def test_every_glossary_term_is_used_outside_the_glossary(site):
    glossary = site.page("chapters/toolkit/glossary")
    terms = {dt["id"] for dt in glossary.select("dl.glossary dt[id]")}
    assert len(terms) >= 20
    used = set()
    for docname, soup in site.pages.items():
        if docname == "chapters/toolkit/glossary":
            continue
        for a in soup.select('a[href*="glossary.html#term-"]'):
            used.add(a["href"].split("#", 1)[1])
    # A glossary entry has one id per name (Swedish and English); one name used is enough.
    entries = [{dt["id"] for dt in dl_entry} for dl_entry in _entries(glossary)]
    unused = [sorted(ids)[0] for ids in entries if not ids & used]
    assert not unused, f"Glossary terms used nowhere outside the glossary: {unused}"


def _entries(glossary):
    for dl in glossary.select("dl.glossary"):
        group = []
        for child in dl.find_all(["dt", "dd"], recursive=False):
            if child.name == "dt" and child.get("id"):
                group.append(child)
            elif child.name == "dd" and group:
                yield group
                group = []


def test_sources_page_groups_the_bibliography(site):
    page = site.page("chapters/toolkit/sources")
    for label in ["toolkit-sources-law", "toolkit-sources-decisions", "toolkit-sources-guidance", "toolkit-sources-anchors", "toolkit-sources-case"]:
        section = page.find(id=label)
        assert section is not None and section.select("div.citation, dl.citation > dt, .citation"), label
