"""Web conventions in the built site: sitemap, robots.txt, 404 page, canonical URLs, logo, favicon, share previews."""
from __future__ import annotations

import re
import struct
import sys
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, docnames

sys.path.insert(0, str(ROOT))
import conf  # noqa: E402  (the one html_baseurl every address starts with)

BASE = conf.html_baseurl
# The tests read the English edition, which lives in its own folder under the site's root.
EDITION = BASE + "en/"
PAGES = docnames()
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def front_matter(path) -> dict:
    """A page's front matter, read as YAML."""
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def test_sitemap_lists_every_page_with_its_language_alternate(site):
    root = ElementTree.parse(site.build.outdir / "sitemap.xml").getroot()
    urls = {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}
    assert {EDITION + f"{doc}.html" for doc in PAGES} <= set(urls)
    assert not [loc for loc in urls if loc.endswith(("404.html", "search.html", "genindex.html"))]
    for loc, url in urls.items():
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS) if link.get("rel") == "alternate"}
        assert alternates == {"en": loc, "sv": loc.replace(EDITION, BASE + "sv/", 1)}, loc


def test_robots_txt_allows_crawling_and_names_the_sitemap(site):
    robots = (site.build.outdir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and "Allow: /" in robots
    assert f"Sitemap: {EDITION}sitemap.xml" in robots


def test_the_site_root_has_robots_txt_for_both_editions_and_a_404_page(editions):
    robots = (editions.outdir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert {f"Sitemap: {BASE}{code}/sitemap.xml" for code in ("sv", "en")} <= set(robots)
    page = BeautifulSoup((editions.outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "sv" and page.find("h1")


def test_the_404_page_works_at_any_depth(site):
    """A host serves 404.html at whatever path was asked for: every link must start at the site's root path."""
    outdir = site.build.outdir
    soup = BeautifulSoup((outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Page not found"]
    prefix = urlparse(EDITION).path
    local = []
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("a", "href")):
        for element in soup.find_all(tag):
            url = element.get(attr)
            if not url or url.startswith(("#", "http://", "https://", "mailto:")):
                continue
            local.append(url)
    assert len(local) > 20, local
    relative = [url for url in local if not url.startswith(prefix)]
    assert not relative, f"these links break when 404.html is served from a deeper path: {relative[:5]}"
    missing = [url for url in local if not (outdir / urlparse(url).path[len(prefix):]).exists()]
    assert not missing, missing


@pytest.mark.parametrize("docname", PAGES)
def test_page_has_one_canonical_url_from_html_baseurl(site, docname):
    soup = site.page(docname)
    canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
    assert canonical == [EDITION + f"{docname}.html"]
    assert soup.find("meta", property="og:url")["content"] == canonical[0]


def test_logo_and_favicon_are_the_handbooks_own_svg(site):
    soup = site.page("index")
    icon = soup.find("link", rel="icon")["href"]
    logos = {img["src"] for img in soup.select("img.logo__image")}
    assert icon.endswith(".svg") and logos and all(src.endswith(".svg") for src in logos)
    for path in [icon, *logos]:
        svg = ElementTree.parse(site.build.outdir / path).getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg", path
    # The title text beside the logo names the home link; the image adds nothing for a screen reader.
    assert all(img.get("alt") == "" for img in soup.select("img.logo__image"))
    assert soup.select_one(".navbar-brand .logo__title").get_text(strip=True) == conf.html_title


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("docname", PAGES)
def test_share_preview_comes_from_the_page_summary(site, docname):
    soup = site.page(docname)
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.find_all("meta") if tag.get("content")}
    # The summary reaches the page through the translation machinery, which sets typographic quotes.
    summary = front_matter(ROOT / f"{docname}.md")["summary"].replace("'", "\u2019")
    assert meta["og:description"] == summary
    assert meta["og:title"] == soup.find("h1").get_text().strip().rstrip("#").strip()
    assert meta["twitter:card"] == "summary_large_image"
    image = meta["og:image"]
    assert image.startswith(EDITION + "_static/social/") and image.endswith(".png")
    assert _png_size(site.build.outdir / image[len(EDITION):]) == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
    assert summary in meta["og:image:alt"]
    assert len([tag for tag in soup.find_all("meta", attrs={"name": "description"})]) == 1


def test_every_internal_link_and_anchor_leads_somewhere(site):
    """Offline: every link from one page of the built site to another, and every #anchor, exists."""
    outdir = site.build.outdir
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {element["id"] for element in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return ids[path]

    broken = []
    for docname in PAGES:
        page = outdir / f"{docname}.html"
        for a in site.page(docname).find_all("a", href=True):
            url = urlparse(a["href"])
            if url.scheme or url.netloc or a["href"].startswith(("mailto:", "tel:")):
                continue
            target = (page.parent / url.path).resolve() if url.path else page
            if not target.exists():
                broken.append(f"{docname}: {a['href']} (no such file)")
            elif url.fragment and target.suffix == ".html" and url.fragment not in anchors(target):
                broken.append(f"{docname}: {a['href']} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
