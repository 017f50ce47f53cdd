"""The PDF and the EPUB: they build strictly, and a reader with a screen reader or on paper gets the whole book."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import ROOT, docnames

sys.path.insert(0, str(ROOT / "_ext"))
from handbook.pdf_download import edition_stem, pdf_name  # noqa: E402

pytestmark = pytest.mark.pdf


LANGUAGES = ["sv", "en"]
#: What each edition's PDF says in its own language (the rest is read from that edition's website).
WORDS = {
    "en": {"title": "The agency social-media handbook", "author": "The handbook's contributors",
           "edition": "Edition", "language": "Language: English", "review": "Next review due:",
           "steps": "The same decision as steps",
           "words": ["Rikspolisstyrelsen", "närpolisområde", "Böök", "Offentlighets- och sekretesslagen"]},
    "sv": {"title": "Handboken om myndigheters sociala medier", "author": "Handbokens skribenter",
           "edition": "Utgåva", "language": "Språk: Svenska", "review": "Nästa granskning:",
           "steps": "Samma beslut i steg",
           "words": ["Rikspolisstyrelsen", "Böök", "Tillgänglighetsredogörelse", "Källor", "Ordlista", "Nästa granskning"]},
}


@dataclass
class Pdf:
    path: Path
    language: str

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @cached_property
    def bookmarks(self) -> list[tuple[str, int]]:
        """(title, page number from 1) for every bookmark, in reading order."""
        found = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline)
        return found

    @property
    def words(self) -> dict:
        return WORDS[self.language]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Path:
    """Both PDFs and both EPUBs, built as `make pdf epub` builds them (tools/build_books.py, the
    languages at the same time): Sphinx and WeasyPrint warnings and EPUBCheck errors fail it."""
    builddir = tmp_path_factory.mktemp("books")
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "build_books.py"), "--builddir", str(builddir),
                            *[arg for language in LANGUAGES for arg in ("--language", language)]],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout[-8000:] + built.stderr[-5000:]
    return builddir


@pytest.fixture(scope="module", params=LANGUAGES)
def pdf(request, books) -> Pdf:
    return Pdf(books / "pdf" / pdf_name(request.param), request.param)


@pytest.fixture(scope="module", params=LANGUAGES)
def epub(request, books) -> tuple[str, Path]:
    return request.param, books / "epub" / request.param / f"{edition_stem(request.param)}.epub"


def nav_titles(editions, language: str) -> dict[str, str]:
    """Every page's title in the edition's website, in the order of its navigation: docname -> title."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((editions.outdir / language / "index.html").read_text(encoding="utf-8"), "html.parser")
    titles = {}
    for link in page.select_one("nav.bd-docs-nav").select("a.reference"):
        titles["index" if link["href"] == "#" else link["href"].removesuffix(".html")] = link.get_text(strip=True)
    return titles


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _structure_elements(pdf: Pdf):
    stack = [_resolve(pdf.reader.trailer["/Root"])["/StructTreeRoot"]]
    while stack:
        node = _resolve(stack.pop())
        if not hasattr(node, "get"):
            continue
        if node.get("/Type") == "/StructElem" or "/S" in node:
            yield node
        kids = _resolve(node.get("/K"))
        if isinstance(kids, list):
            stack.extend(kids)
        elif kids is not None:
            stack.append(kids)


# -- Accessible ----------------------------------------------------------------

def test_pdf_is_tagged_with_a_structure_tree(pdf):
    root = pdf.reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "untagged: a screen reader gets no structure"
    assert _resolve(root["/MarkInfo"])["/Marked"] in (True, "true"), root.get("/MarkInfo")
    tags = {str(element["/S"]) for element in _structure_elements(pdf)}
    for tag in ("/H1", "/H4", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/Link"):
        assert tag in tags, f"no {tag} in the structure tree"


def test_pdf_declares_its_language_and_title(pdf):
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == pdf.language
    assert pdf.reader.metadata.title == pdf.words["title"]
    assert pdf.reader.metadata.author == pdf.words["author"]
    # A PDF viewer shows the title, not the file name, in its window.
    assert _resolve(root["/ViewerPreferences"])["/DisplayDocTitle"] in (True, "true")


def test_pdf_does_not_claim_pdf_ua_it_does_not_meet(pdf):
    """WeasyPrint 70 leaves the running heads and page numbers outside the structure tree and
    unmarked as artifacts (Kozea/WeasyPrint#1836), which PDF/UA-1 forbids (ISO 14289-1 7.1): so
    the PDF is tagged but claims no PDF/UA conformance (tools/build_pdf.py, write())."""
    root = pdf.reader.trailer["/Root"]
    metadata = _resolve(root["/Metadata"]).get_data().decode("utf-8") if "/Metadata" in root else ""
    assert "pdfuaid" not in metadata


def test_every_page_of_the_site_is_a_bookmark_in_order(pdf, editions):
    titles = list(nav_titles(editions, pdf.language).values())
    assert len(titles) == len(docnames())
    bookmarks = [title for title, _ in pdf.bookmarks]
    position = -1
    for title in titles:
        assert title in bookmarks[position + 1:], f"'{title}' is not a bookmark after the one before it"
        position = bookmarks.index(title, position + 1)


def test_every_figure_is_tagged_with_its_alt_text(pdf, editions):
    from bs4 import BeautifulSoup

    figures = [element for element in _structure_elements(pdf) if element["/S"] == "/Figure"]
    alts = set()
    for doc in docnames():
        page = BeautifulSoup((editions.outdir / pdf.language / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")
        alts |= {img["alt"] for img in page.select("img.graphviz")}
    assert len(alts) >= 3 and len(figures) >= len(alts)
    assert {str(figure.get("/Alt", "")) for figure in figures} == alts


def test_fonts_are_embedded(pdf):
    fonts = {}
    for page in pdf.reader.pages:
        for name, font in _resolve(page["/Resources"]).get("/Font", {}).items():
            fonts[name] = _resolve(font)
    assert fonts
    for name, font in fonts.items():
        descendants = [_resolve(d) for d in font.get("/DescendantFonts", [])] or [font]
        for descendant in descendants:
            descriptor = _resolve(descendant["/FontDescriptor"])
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} ({descendant.get('/BaseFont')}) is not embedded"


# -- Book quality ---------------------------------------------------------------

def test_at_most_two_blank_pages(pdf):
    """A blank page has nothing on it but the running heads and the page number."""
    heads = sorted({title for title, _ in pdf.bookmarks}, key=len, reverse=True)
    blank = []
    for number, text in enumerate(pdf.texts, start=1):
        for head in heads:
            text = text.replace(head, "")
        if not re.sub(r"\d+", "", text).strip():
            blank.append(number)
    assert len(blank) <= 2, f"blank pages: {blank}"


def test_cover_shows_title_edition_date_and_language(pdf):
    cover = " ".join(pdf.texts[0].split())
    assert pdf.words["title"] in cover
    assert re.search(rf"{pdf.words['edition']}: \d{{4}}-\d\d-\d\d", cover), cover
    assert pdf.words["language"] in cover


def test_contents_give_the_page_each_part_and_chapter_starts_on(pdf, editions):
    contents = pdf.texts[1] + pdf.texts[2]
    starts = dict(pdf.bookmarks)
    titles = nav_titles(editions, pdf.language)
    for doc in ["chapters/case/index", "chapters/case/interview", "chapters/guidance/records", "chapters/toolkit/decision-guides",
                "chapters/toolkit/glossary", "chapters/toolkit/sources", "chapters/about/review-status"]:
        title = titles[doc]
        match = re.search(rf"^{re.escape(title)}\s*\.*\s*(\d+)\s*$", contents, re.M)
        assert match, f"'{title}' with a page number is not in the contents:\n{contents}"
        assert int(match.group(1)) == starts[title], title


def test_running_heads_name_the_chapter(pdf, editions):
    titles = nav_titles(editions, pdf.language)
    start = dict(pdf.bookmarks)[titles["chapters/guidance/records"]]
    heads = pdf.texts[start].rstrip().splitlines()[-2]  # the chapter's second page: heads, then the page number
    assert heads.startswith(titles["chapters/guidance/records"]), heads
    assert heads.endswith(titles["chapters/guidance/index"]), heads
    assert pdf.texts[start].rstrip().splitlines()[-1] == str(start + 1)


def test_printed_checklists_have_boxes_to_tick(pdf):
    assert sum(text.count("\u2610") for text in pdf.texts) >= 60


def test_printed_diagrams_are_vector_graphics_followed_by_their_steps(pdf):
    for page in pdf.reader.pages:
        for name, xobject in _resolve(page["/Resources"]).get("/XObject", {}).items():
            assert _resolve(xobject)["/Subtype"] != "/Image", f"a raster image ({name}): diagrams must stay vector"
    assert sum(text.count(pdf.words["steps"]) for text in pdf.texts) >= 3


def test_every_chapter_shows_owner_and_review_date(pdf):
    assert sum(text.count(pdf.words["review"]) for text in pdf.texts) == len(docnames())


def test_glossary_and_sources_are_at_the_end(pdf, editions):
    starts = dict(pdf.bookmarks)
    titles = nav_titles(editions, pdf.language)
    glossary, sources = starts[titles["chapters/toolkit/glossary"]], starts[titles["chapters/toolkit/sources"]]
    assert glossary > starts[titles["chapters/toolkit/decision-guides"]] and sources > glossary
    assert sources > len(pdf.texts) * 0.8


def test_swedish_letters_survive(pdf):
    """In the text layer, as one character each (not a letter and a combining mark), so that
    search, copying and a screen reader get the words."""
    text = "\n".join(pdf.texts)
    for word in pdf.words["words"]:
        assert word in text, word
    assert "\u0308" not in text and "\u030a" not in text, "å, ä or ö as a letter and a combining mark"
    if pdf.language == "sv":
        for letter in "åäöÅÄÖ":
            assert letter in text, letter


# -- EPUB -------------------------------------------------------------------------

def test_epub_has_every_page_title_and_language(epub):
    language, path = epub
    with zipfile.ZipFile(path) as book:
        opf = book.read("content.opf").decode("utf-8")
        names = set(book.namelist())
    assert f"<dc:language>{language}</dc:language>" in opf
    assert f"<dc:title>{WORDS[language]['title']}</dc:title>" in opf
    for doc in docnames():
        assert f"{doc}.xhtml" in names, doc
    assert "_static/print.css" not in names


def test_each_language_has_its_own_epub_that_passes_epubcheck(books):
    """build_books.py fails on any EPUBCheck error; here the check runs again on what it wrote."""
    sys.path.insert(0, str(ROOT / "tools"))
    from build_epub import check

    for language in LANGUAGES:
        path = books / "epub" / language / f"{edition_stem(language)}.epub"
        assert check(path) == [], language


def test_a_second_build_into_the_same_folders_passes(books):
    """`make epub` run again: nothing the first build left in the EPUB's folder may get into the book."""
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "build_books.py"), "--epub", "--language", "en",
                            "--builddir", str(books)], capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout[-5000:] + built.stderr[-3000:]


# -- The website links each edition's PDF ---------------------------------------------

def test_each_edition_links_the_pdf_of_its_own_language(books, tmp_path):
    """As `make site` does: each PDF in its edition's folder (build_books.py --copy-pdf-to), then both editions."""
    import shutil

    from bs4 import BeautifulSoup

    outdir = tmp_path / "html"
    for language in LANGUAGES:
        (outdir / language).mkdir(parents=True)
        shutil.copy2(books / "pdf" / pdf_name(language), outdir / language / pdf_name(language))
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "build_languages.py"), str(outdir), "-q", "-j", "auto"],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout[-5000:]
    for language in LANGUAGES:
        for doc in docnames():
            page = BeautifulSoup((outdir / language / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")
            link = page.select_one("div.handbook-pdf a")
            assert link is not None, f"{language}/{doc}: no PDF link"
            target = (outdir / language / doc).parent / link["href"]
            assert target.resolve() == (outdir / language / pdf_name(language)).resolve(), f"{language}/{doc}: {link['href']}"
