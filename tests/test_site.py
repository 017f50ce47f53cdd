"""The built site: every page present, well-formed, searchable and self-contained."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT, docnames

PAGES = docnames()


@pytest.mark.parametrize("docname", PAGES)
def test_page_is_built_with_exactly_one_h1(site, docname):
    h1s = site.page(docname).find_all("h1")
    assert len(h1s) == 1, f"{docname}: {len(h1s)} h1 elements"


@pytest.mark.parametrize("docname", PAGES)
def test_html_element_has_the_language(site, docname):
    assert site.page(docname).html.get("lang") == "en"


@pytest.mark.parametrize("docname", PAGES)
def test_page_has_meta_description_from_summary(site, docname):
    meta = site.page(docname).find("meta", attrs={"name": "description"})
    assert meta is not None and len(meta["content"]) > 20


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_search_page_has_a_description_in_its_language(editions, language):
    """Lighthouse's SEO check wants one on every page a search engine may show, the search page too."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((editions.outdir / language / "search.html").read_text(encoding="utf-8"), "html.parser")
    metas = soup.find_all("meta", attrs={"name": "description"})
    assert len(metas) == 1 and len(metas[0]["content"]) > 20, metas
    assert ("Sök" in metas[0]["content"]) == (language == "sv"), metas[0]["content"]


def test_copy_button_code_is_in_the_bundle_every_page_loads(site):
    bundle = (site.build.outdir / "_static" / "site.js").read_text(encoding="utf-8")
    assert "ClipboardJS" in bundle and "addCopyButtonToCodeCells" in bundle
    soup = site.page("chapters/toolkit/post-templates")
    assert any(s.get("src", "").endswith("_static/site.js") for s in soup.find_all("script"))


EXTERNAL_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "object": "data", "embed": "src"}


def _is_external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


@pytest.mark.parametrize("docname", PAGES)
def test_page_loads_nothing_from_another_host(site, docname):
    soup = site.page(docname)
    loaded = []
    for tag, attr in EXTERNAL_ATTRS.items():
        for element in soup.find_all(tag):
            if tag == "link" and set(element.get("rel", [])) <= {"canonical", "alternate"}:
                continue  # names the page's published address; a browser loads nothing from it
            url = element.get(attr)
            if url and _is_external(url):
                loaded.append(f"<{tag} {attr}={url}>")
    for element in soup.find_all(style=True):
        loaded += re.findall(r"url\((?:'|\")?(https?:)?//[^)]+\)", element["style"])
    assert not loaded, f"{docname} loads from another host: {loaded}"


def test_stylesheets_load_no_remote_fonts_or_imports(site):
    offenders = []
    for css in (site.build.outdir / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        if re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text) or re.search(r"url\(\s*['\"]?(https?:)?//", text):
            offenders.append(css.name)
    assert not offenders, f"Stylesheets that load from another host: {offenders}"


@pytest.mark.parametrize("docname", PAGES)
def test_page_shows_owner_and_review_dates(site, docname):
    line = site.page(docname).select_one("p.page-review")
    assert line is not None
    text = line.get_text()
    assert "Owner:" in text and "Last reviewed:" in text and re.search(r"Next review due: \d{4}-\d{2}-\d{2}", text)


def test_readme_gives_exactly_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    setup = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    assert setup == ["make html", "make test"], setup


def test_ci_runs_the_test_command():
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1].strip() == "exec make test"
