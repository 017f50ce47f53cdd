"""The handbook in Swedish and English (issue 14): one site, two editions.

`make html` builds both editions (tools/build_languages.py); the `editions`
fixture in conftest.py builds them the same way, strictly.  These tests check
what a reader of either edition gets: the same pages, the right language, a
switcher to the same page in the other language, a Swedish interface, and
catalogs that keep up with the English source.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import ROOT

LOCALES = ROOT / "locales" / "sv" / "LC_MESSAGES"
EXT_LOCALES = ROOT / "_ext" / "handbook" / "locales" / "sv" / "LC_MESSAGES"
#: Text that is the same in both languages: key caps, icons, the language names themselves.
NEUTRAL = {"Ctrl", "K", "+", "English", "Svenska", "Status", "PDF"}
#: Parts of the page that show the content (page and section titles), not the interface.
CONTENT = "article.bd-article, .bd-links li, .bd-sidenav__home-link, li.toc-entry, .prev-next-title, title"


def target(editions, page: Path, href: str) -> Path:
    """The file a link on `page` leads to: relative, or absolute under conf.py's html_baseurl (the site's root)."""
    import runpy

    base = runpy.run_path(str(ROOT / "conf.py")).get("html_baseurl", "")
    if base and href.startswith(base.rstrip("/") + "/"):
        return (editions.outdir / href[len(base.rstrip("/")) + 1:]).resolve()
    return (page.parent / href).resolve()


def html_pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
            if p.relative_to(folder).parts[0] not in ("_static", "_images", "pagefind")}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def interface_strings(page: BeautifulSoup) -> set[str]:
    """Visible text and accessible names outside the page's content."""
    page = BeautifulSoup(str(page), "html.parser")
    for element in page.select(CONTENT):
        element.decompose()
    body = page.body
    texts = {text.strip() for text in body.find_all(string=True)
             if text.strip() and not isinstance(text, Comment) and text.parent.name not in ("script", "style", "noscript")}
    for element in body.find_all(True):
        for attribute in ("aria-label", "title", "placeholder", "alt", "data-tooltip"):
            if element.get(attribute):
                texts.add(element[attribute].strip())
    return texts - NEUTRAL


# ------------------------------------------------------------------ both editions


def test_both_editions_have_the_same_pages(editions):
    sv, en = html_pages(editions.outdir / "sv"), html_pages(editions.outdir / "en")
    assert sv == en, f"only in Swedish: {sorted(sv - en)}; only in English: {sorted(en - sv)}"
    assert "index.html" in sv and len(sv) > 30


@pytest.mark.parametrize("code", ["sv", "en"])
def test_every_page_has_its_language_and_both_alternates(editions, code):
    folder = editions.outdir / code
    wrong = []
    for name in sorted(html_pages(folder)):
        page = soup(folder / name)
        if page.html.get("lang") != code:
            wrong.append(f"{code}/{name}: <html lang={page.html.get('lang')!r}>")
        alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}
        if set(alternates) != {"sv", "en"}:
            wrong.append(f"{code}/{name}: hreflang alternates {sorted(alternates)}")
            continue
        for lang, href in alternates.items():
            if target(editions, folder / name, href) != (editions.outdir / lang / name).resolve():
                wrong.append(f"{code}/{name}: hreflang={lang} leads to {href}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("code", ["sv", "en"])
def test_no_id_is_defined_twice_on_a_page(editions, code):
    """A translated paragraph is parsed again, in a document of its own: its citations must not
    bring their ids from there (the Swedish PDF had 57 anchors defined twice)."""
    folder = editions.outdir / code
    wrong = []
    for name in sorted(html_pages(folder)):
        ids = [element["id"] for element in soup(folder / name).find_all(id=True)]
        twice = sorted({ident for ident in ids if ids.count(ident) > 1})
        if twice:
            wrong.append(f"{code}/{name}: {twice}")
    assert not wrong, "ids defined twice:\n" + "\n".join(wrong)


def test_swedish_words_in_the_english_edition_carry_their_language(editions):
    """{sv}`...` and each glossary entry's Swedish name (handbook.foreign_language): lang="sv" in English, nothing in Swedish."""
    interview = soup(editions.outdir / "en" / "chapters" / "case" / "interview.html")
    marked = {element.get_text() for element in interview.select('article [lang="sv"]')}
    assert {"handledning", "just börjat", "nytta för allmänheten", "ett smart sätt", "närpolisområden"} <= marked, marked
    glossary = soup(editions.outdir / "en" / "chapters" / "toolkit" / "glossary.html")
    assert glossary.select_one("dt#term-allman-handling").get("lang") == "sv"
    assert glossary.select_one("dt#term-official-document").get("lang") is None
    redundant = [name for name in sorted(html_pages(editions.outdir / "sv"))
                 if soup(editions.outdir / "sv" / name).select('article [lang="sv"]')]
    assert not redundant, f"lang=sv inside a Swedish page: {redundant}"


@pytest.mark.parametrize("code, other", [("en", "sv"), ("sv", "en")])
def test_a_template_in_the_other_language_carries_its_language(editions, code, other):
    """The Swedish template on an English page is read out in Swedish, and the English one on a Swedish page in English."""
    wrong, marked = [], 0
    for docname in ("chapters/toolkit/post-templates", "chapters/toolkit/reply-templates"):
        page = soup(editions.outdir / code / f"{docname}.html")
        for block in page.select("div.literal-block-wrapper"):
            caption = block.select_one(".caption-text").get_text()
            in_other = ("(svenska)" in caption) == (other == "sv")
            found = block.select_one("[lang]")
            found = found.get("lang") if found else None
            marked += found == other
            if found != (other if in_other else None):
                wrong.append(f"{code}/{docname}: '{caption}' has lang {found}")
    assert marked >= 6 and not wrong, "\n".join(wrong[:10])


def test_the_sources_describe_themselves_in_each_editions_language(editions):
    """The handbook's own notes on its sources (note_sv beside note in references.bib), on the sources page."""
    swedish = soup(editions.outdir / "sv" / "chapters" / "toolkit" / "sources.html").get_text()
    english = soup(editions.outdir / "en" / "chapters" / "toolkit" / "sources.html").get_text()
    assert "Handboken sammanfattar den med egna ord" in swedish and "The handbook summarises it" not in swedish
    assert "The handbook summarises it in its own words" in english and "Handboken sammanfattar" not in english


@pytest.mark.parametrize("code, other, label", [("sv", "en", "English"), ("en", "sv", "Svenska")])
def test_every_switcher_leads_to_the_same_page_in_the_other_language(editions, code, other, label):
    folder = editions.outdir / code
    wrong = []
    for name in sorted(html_pages(folder)):
        links = soup(folder / name).select("a.handbook-language")
        if len(links) != 1:
            wrong.append(f"{code}/{name}: {len(links)} language links")
            continue
        link = links[0]
        leads_to = target(editions, folder / name, link["href"])
        if (link.get_text(strip=True), link.get("lang"), link.get("hreflang")) != (label, other, other):
            wrong.append(f"{code}/{name}: the switcher is {link}")
        if leads_to != (editions.outdir / other / name).resolve() or not leads_to.is_file():
            wrong.append(f"{code}/{name}: the switcher leads to {link['href']}, not to {other}/{name}")
    assert not wrong, "\n".join(wrong)


def test_the_root_leads_to_swedish_with_english_one_click_away(editions):
    root = soup(editions.outdir / "index.html")
    assert root.html["lang"] == "sv"
    refresh = root.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh and refresh["content"].endswith("url=sv/index.html")
    links = {a["hreflang"]: a["href"] for a in root.select("main a")}
    assert links == {"sv": "sv/index.html", "en": "en/index.html"}
    assert root.select_one('a[hreflang="en"]')["lang"] == "en"


def test_no_english_interface_string_on_a_swedish_page(editions):
    """The content may still be English while the translators work; the interface may not."""
    wrong = []
    for name in sorted(html_pages(editions.outdir / "sv")):
        english = interface_strings(soup(editions.outdir / "en" / name))
        swedish = interface_strings(soup(editions.outdir / "sv" / name))
        left = sorted(english & swedish)
        if left:
            wrong.append(f"sv/{name}: {left}")
    assert not wrong, "English interface text on Swedish pages:\n" + "\n".join(wrong)


def test_the_handbooks_own_lines_are_swedish(editions):
    page = soup(editions.outdir / "sv" / "chapters" / "guidance" / "crisis.html")
    assert page.select_one(".page-review").get_text().startswith("Ansvarig: ")
    assert page.select_one(".from-the-case .admonition-title").get_text(strip=True) == "Från fallet"
    status = soup(editions.outdir / "sv" / "chapters" / "about" / "review-status.html")
    assert [th.get_text(strip=True) for th in status.select("table.handbook-generated thead th")] == \
        ["Sida", "Ansvarig", "Senast granskad", "Nästa granskning", "Status"]


def test_the_swedish_edition_shows_the_swedish_template_first(editions):
    for code, first in (("sv", "(svenska)"), ("en", "Reply: emergency")):
        page = soup(editions.outdir / code / "chapters" / "toolkit" / "reply-templates.html")
        captions = [c.get_text(" ", strip=True) for c in page.select("#toolkit-reply-emergency .code-block-caption")]
        assert len(captions) == 2 and first in captions[0], f"{code}: {captions}"


def test_the_swedish_decision_steps_answer_in_swedish(editions):
    """The steps are generated in English, as `make gettext` extracted them, so the catalog translates every answer."""
    page = soup(editions.outdir / "sv" / "chapters" / "toolkit" / "decision-guides.html")
    answers = [item.get_text(" ", strip=True) for item in page.select("ol.decision-steps > li > ul > li")]
    assert answers and all(answer.startswith(("Ja", "Nej")) for answer in answers), answers


# ------------------------------------------------------------- the mechanism, on a small site


@pytest.mark.sphinx("html", testroot="languages", confoverrides={"language": "sv"})
def test_front_matter_is_translated_from_the_pages_catalog(app):
    app.build()
    index = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.find("meta", attrs={"name": "description"})["content"] == "En liten handbok för språktesterna."
    assert index.select_one(".page-review").get_text().startswith("Ansvarig: Handbokens redaktör · Senast granskad: 2026-01-15")
    captions = [c.get_text(" ", strip=True) for c in index.select(".code-block-caption")]
    assert "(svenska)" in captions[0] and "Reply: thanks" in captions[1]
    old = BeautifulSoup((app.outdir / "withdrawn.html").read_text(encoding="utf-8"), "html.parser")
    notice = old.select_one(".withdrawn-notice")
    assert notice.select_one(".admonition-title").get_text(strip=True) == "Sidan är tillbakadragen"
    assert "Vägledningen har flyttat till startsidan. Använd Testhandbok i stället." in notice.get_text(" ", strip=True)


@pytest.mark.sphinx("gettext", testroot="languages", srcdir="languages-gettext")
def test_front_matter_goes_into_the_pages_catalog(app):
    app.build()
    pot = (app.outdir / "withdrawn.pot").read_text(encoding="utf-8")
    for text in ("An old page that the handbook no longer uses.", "Handbook editor", "The guidance moved to the home page."):
        assert f'msgid "{text}"' in pot
    assert not (app.outdir / "withdrawn.html").exists()


def test_swedish_pages_are_found_by_swedish_keywords(editions):
    """A page's `keywords:` (words readers search for) are translated in its catalog, and the Swedish
    edition's hidden search words are the Swedish ones, in the form page_metadata.py checks."""
    from handbook.page_metadata import _keywords
    from handbook.search import keywords_of

    pages = [p for p in sorted((ROOT / "chapters").rglob("*.md"))
             if re.search(r"^keywords: ", p.read_text(encoding="utf-8"), re.M)]
    assert pages
    for page in pages:
        english = re.search(r"^keywords: (.+)$", page.read_text(encoding="utf-8"), re.M).group(1).strip()
        relative = page.relative_to(ROOT).with_suffix("")
        message = _catalog(LOCALES / f"{relative}.po").get(english)
        swedish = message.string if message and not message.fuzzy else ""
        assert swedish and swedish != english, f"{relative}.po: no Swedish keywords for {english!r}"
        assert _keywords(swedish), f"{relative}.po: {swedish!r} is not a keyword list (comma-separated, one line, at most 20)"
        words = soup(editions.outdir / "sv" / f"{relative}.html").select_one(".handbook-search-words").get_text()
        assert all(word in words for word in keywords_of(swedish)), f"{relative}: Swedish keywords not indexed: {words!r}"


# ------------------------------------------------------------------ catalogs


def _catalog(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set[str]:
    return {message.id for message in catalog if message.id}


def catalog_gaps(pot_dir: Path) -> list[str]:
    """Every English message that has no entry in its Swedish catalog: catalog file and message."""
    from babel.messages.extract import extract_from_dir

    gaps = []
    for pot in sorted(pot_dir.rglob("*.pot")):
        po = LOCALES / pot.relative_to(pot_dir).with_suffix(".po")
        have = _ids(_catalog(po)) if po.is_file() else set()
        for msgid in sorted(_ids(_catalog(pot)) - have):
            gaps.append(f"{po.relative_to(ROOT)}: no entry for {msgid[:100]!r}")
    own = {message for _f, _l, message, *_ in extract_from_dir(ROOT / "_ext" / "handbook", method_map=[("**.py", "python")],
                                                            keywords={"_": None})}
    po = EXT_LOCALES / "handbook.po"
    gaps += [f"{po.relative_to(ROOT)}: no entry for {msgid!r}" for msgid in sorted(own - _ids(_catalog(po)))]
    return gaps


def test_every_english_message_is_in_the_swedish_catalogs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-d", str(tmp_path / "doctrees"),
                             str(ROOT), str(tmp_path / "pot")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    gaps = catalog_gaps(tmp_path / "pot")
    assert not gaps, ("The English changed but the Swedish catalogs did not:\n" + "\n".join(gaps)
                      + "\nFix: run `make gettext`, translate the new messages, and commit the .po files.")


def test_the_handbooks_own_catalogs_are_complete():
    for name in ("handbook.po", "sphinx.po"):
        catalog = _catalog(EXT_LOCALES / name)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert not missing, f"_ext/handbook/locales/sv/LC_MESSAGES/{name}: untranslated or fuzzy: {missing}"


@pytest.mark.translation_complete
def test_every_page_is_fully_translated():
    """100 % translated, 0 fuzzy, 0 obsolete. Deselected in pytest.ini until the translators finish."""
    wrong = []
    for po in sorted(LOCALES.rglob("*.po")):
        catalog = _catalog(po)
        untranslated = sum(1 for m in catalog if m.id and not m.string)
        fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
        obsolete = len(catalog.obsolete)
        if untranslated or fuzzy or obsolete:
            wrong.append(f"{po.relative_to(ROOT)}: {untranslated} untranslated, {fuzzy} fuzzy, {obsolete} obsolete")
    assert not wrong, "\n".join(wrong) + "\nFix: translate them (make translation-status lists them)."


# ------------------------------------------------------------------ in a browser


@pytest.mark.browser
def test_a_reader_lands_in_swedish_and_switches_to_english(both_editions, browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{both_editions}/")
    page.wait_for_url(re.compile(r"/sv/index\.html$"))
    assert page.locator("html").get_attribute("lang") == "sv"
    page.goto(f"{both_editions}/sv/chapters/guidance/crisis.html")
    switcher = page.get_by_role("link", name="English", exact=True)
    switcher.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/chapters/guidance/crisis\.html$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Svenska", exact=True).click()
    page.wait_for_url(re.compile(r"/sv/chapters/guidance/crisis\.html$"))
    assert not errors, errors
    page.close()


@pytest.mark.browser
def test_the_root_page_passes_axe(editions, browser):
    sys.path.insert(0, str(ROOT / "tools"))
    from local_browser import axe_violations

    page = browser.new_page()
    # The page as published, without its refresh (which would take axe to sv/index.html at once;
    # test_the_root_leads_to_swedish_with_english_one_click_away checks the refresh).
    text = (editions.outdir / "index.html").read_text(encoding="utf-8")
    page.set_content(re.sub(r'<meta http-equiv="refresh"[^>]*>', "", text))
    violations = axe_violations(page)
    assert not violations, [(v["id"], v["help"]) for v in violations]
    page.close()


@pytest.mark.browser
def test_the_copy_button_speaks_swedish(both_editions, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{both_editions}/sv/chapters/toolkit/reply-templates.html")
    block = page.locator("div.literal-block-wrapper div.highlight").first
    block.hover()
    button = block.locator("button.copybtn")
    assert button.get_attribute("data-tooltip") == "Kopiera"
    button.click()
    assert button.get_attribute("data-tooltip") == "Kopierat!"
    assert "(svenska)" in page.locator(".code-block-caption").first.inner_text()
    context.close()


@pytest.mark.browser
def test_swedish_search_finds_an_inflected_word(editions, both_editions, browser):
    index = editions.outdir / "sv" / "pagefind"
    if not index.is_dir():
        pytest.skip("No Pagefind index in the Swedish edition (Pagefind search comes with issue 13).")
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{both_editions}/sv/index.html")
    results = page.evaluate("""async () => {
        const pagefind = await import("./pagefind/pagefind.js");
        const found = await pagefind.search("kommentarerna");
        return Promise.all(found.results.slice(0, 5).map(r => r.data().then(d => d.url)));
    }""")
    assert any("dialogue" in url or "comment-policy" in url for url in results), results
    assert not errors, errors
    page.close()
