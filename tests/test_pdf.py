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


def _run(tool: str, outdir: Path) -> None:
    built = subprocess.run([sys.executable, str(ROOT / "tools" / tool), "--language", "en", "--outdir", str(outdir)],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout[-5000:] + built.stderr[-5000:]


@dataclass
class Pdf:
    path: Path

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


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Pdf:
    """The English PDF, built as `make pdf` builds it: Sphinx and WeasyPrint warnings are errors."""
    outdir = tmp_path_factory.mktemp("pdf")
    _run("build_pdf.py", outdir)
    return Pdf(outdir / pdf_name("en"))


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> Path:
    """The English EPUB, built as `make epub` builds it; the tool fails on any EPUBCheck error."""
    outdir = tmp_path_factory.mktemp("epub")
    _run("build_epub.py", outdir)
    return outdir / "en" / f"{edition_stem('en')}.epub"


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
    assert root["/Lang"] == "en"
    assert pdf.reader.metadata.title == "The agency social-media handbook"
    assert pdf.reader.metadata.author == "The handbook's contributors"
    # A PDF viewer shows the title, not the file name, in its window.
    assert _resolve(root["/ViewerPreferences"])["/DisplayDocTitle"] in (True, "true")


def test_every_page_of_the_site_is_a_bookmark_in_order(pdf, site):
    nav = site.page("index").select_one("nav.bd-docs-nav")
    titles = [link.get_text(strip=True) for link in nav.select("a.reference")]
    assert len(titles) == len(docnames())
    bookmarks = [title for title, _ in pdf.bookmarks]
    position = -1
    for title in titles:
        assert title in bookmarks[position + 1:], f"'{title}' is not a bookmark after the one before it"
        position = bookmarks.index(title, position + 1)


def test_every_figure_is_tagged_with_its_alt_text(pdf, site):
    figures = [element for element in _structure_elements(pdf) if element["/S"] == "/Figure"]
    diagrams = sum(len(site.page(doc).select("img.graphviz")) for doc in docnames())
    assert diagrams >= 3 and len(figures) >= diagrams
    for figure in figures:
        assert str(figure.get("/Alt", "")).startswith("Flowchart:"), figure


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
    assert "The agency social-media handbook" in cover
    assert re.search(r"Edition: \d{4}-\d\d-\d\d", cover), cover
    assert "Language: English" in cover


def test_contents_give_the_page_each_part_and_chapter_starts_on(pdf):
    contents = pdf.texts[1] + pdf.texts[2]
    starts = dict(pdf.bookmarks)
    for title in ["The case: the Swedish police in social media", "The 2011 interview", "Records, public access and archiving",
                  "Decision guides", "Glossary", "Sources", "Review status"]:
        match = re.search(rf"^{re.escape(title)}\s*\.*\s*(\d+)\s*$", contents, re.M)
        assert match, f"'{title}' with a page number is not in the contents:\n{contents}"
        assert int(match.group(1)) == starts[title], title


def test_running_heads_name_the_chapter(pdf):
    start = dict(pdf.bookmarks)["Records, public access and archiving"]
    heads = pdf.texts[start].rstrip().splitlines()[-2]  # the chapter's second page: heads, then the page number
    assert heads.startswith("Records, public access and archiving"), heads
    assert heads.endswith("Guidance"), heads
    assert pdf.texts[start].rstrip().splitlines()[-1] == str(start + 1)


def test_printed_checklists_have_boxes_to_tick(pdf):
    assert sum(text.count("\u2610") for text in pdf.texts) >= 60


def test_printed_diagrams_are_vector_graphics_followed_by_their_steps(pdf):
    for page in pdf.reader.pages:
        for name, xobject in _resolve(page["/Resources"]).get("/XObject", {}).items():
            assert _resolve(xobject)["/Subtype"] != "/Image", f"a raster image ({name}): diagrams must stay vector"
    assert sum(text.count("The same decision as steps") for text in pdf.texts) >= 3


def test_every_chapter_shows_owner_and_review_date(pdf):
    assert sum(text.count("Next review due:") for text in pdf.texts) == len(docnames())


def test_glossary_and_sources_are_at_the_end(pdf):
    starts = dict(pdf.bookmarks)
    assert starts["Glossary"] > starts["Decision guides"] and starts["Sources"] > starts["Glossary"]
    assert starts["Sources"] > len(pdf.texts) * 0.8


def test_swedish_letters_survive(pdf):
    text = "\n".join(pdf.texts)
    for word in ["Rikspolisstyrelsen", "närpolisområde", "Böök", "Offentlighets- och sekretesslagen"]:
        assert word in text, word


# -- EPUB -------------------------------------------------------------------------

def test_epub_has_every_page_title_and_language(epub):
    with zipfile.ZipFile(epub) as book:
        opf = book.read("content.opf").decode("utf-8")
        names = set(book.namelist())
    assert "<dc:language>en</dc:language>" in opf
    assert "<dc:title>The agency social-media handbook</dc:title>" in opf
    for doc in docnames():
        assert f"{doc}.xhtml" in names, doc
    assert "_static/print.css" not in names
