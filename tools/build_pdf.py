"""Build the whole handbook as one tagged PDF, per language, with WeasyPrint.

Usage: python tools/build_pdf.py [--language en] [--outdir _build/pdf] [--copy-to DIR]

1. Sphinx's `singlehtml` builder writes the whole book as one HTML page into
   OUTDIR/LANG/singlehtml (strict: warnings are errors). It is its own output
   folder, so nothing here touches _build/html.
2. The article is taken out of the theme's page and put into a print document:
   a cover with the edition date and language, a contents list, the book, and
   _static/print.css (CSS paged media: running heads, page numbers, page
   breaks, print-only checklist boxes). No theme CSS or script is loaded.
3. WeasyPrint writes a tagged PDF (structure tree, /Lang, the edition's title
   and author shown in the viewer's window, embedded fonts, bookmarks from the
   headings) to OUTDIR/<pdf name>. It does not declare PDF/UA-1: see write().

`make pdf` runs this through tools/build_books.py, which builds every language
at once and shares each language's doctrees with its EPUB build.

The PDF's file name is set in one place: handbook.pdf_download.pdf_name().
WeasyPrint warnings (a missing image, an image without alt text) fail the build.
"""
from __future__ import annotations

import argparse
import datetime
import html
import logging
import re
import runpy
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

from handbook.pdf_download import pdf_name  # noqa: E402

STRICT = ["-W", "--keep-going", "-n", "-j", "auto", "-q"]
PRINT_CSS = ROOT / "_static" / "print.css"

# The words the print document adds around the book, per language.
WORDS = {
    "en": {"language": "English", "edition": "Edition", "contents": "Contents", "language_label": "Language"},
    "sv": {"language": "Svenska", "edition": "Utgåva", "contents": "Innehåll", "language_label": "Språk"},
}

ARTICLE_START = '<article class="bd-article">'
# A document's top section in singlehtml output: <span id="document-NAME"></span><section id=...>.
DOCUMENT = re.compile(r'<span id="document-([^"]+)"></span>\s*<section')
# A heading the contents list shows: the landing page (h1), parts (h3) and chapters (h4).
HEADING = re.compile(r'<section[^>]* id="([^"]+)"[^>]*>\s*(?:<span id="[^"]*"></span>\s*)*<h([134])>(.*?)<a class="headerlink"', re.S)


def singlehtml(language: str, outdir: Path, doctrees: Path | None = None, version: str | None = None) -> Path:
    """The single-page build. tools/build_books.py passes the doctree folder and version the
    EPUB build of the same language uses, so that Sphinx reads the pages once for both."""
    command = [sys.executable, "-m", "sphinx", "-b", "singlehtml", *STRICT, "-D", f"language={language}",
               "-d", str(doctrees or outdir / ".doctrees"), *(["-D", f"version={version}"] if version else []),
               str(ROOT), str(outdir)]
    built = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if built.returncode != 0 or "WARNING" in built.stderr:
        sys.exit(f"The single-page build for the PDF failed:\n{built.stdout}{built.stderr}")
    return outdir / "index.html"


def article(page: str) -> str:
    start = page.index(ARTICLE_START) + len(ARTICLE_START)
    end = page.rindex("</article>")
    body = '<span id="document-index"></span>' + page[start:end]
    return mark_documents(unique_ids(parts_after_front_page(body)))


def _section_end(body: str, start: int) -> int:
    """The index just after the </section> that closes the <section> opening at or after start."""
    depth = 0
    for tag in re.finditer(r"<section\b|</section>", body[start:]):
        depth += 1 if tag.group(0) != "</section>" else -1
        if depth == 0:
            return start + tag.end()
    raise ValueError("unbalanced <section> tags in the single-page build")


def parts_after_front_page(body: str) -> str:
    """singlehtml puts the parts where the landing page's toctree is, inside its section, so the
    landing page's text after the toctree would come after the last chapter. In print the whole
    landing page comes first, then the parts."""
    first = body.find('<span id="document-chapters/')
    if first < 0:
        return body
    end = first
    while body.startswith('<span id="document-chapters/', end) and "/index" in body[end:body.index("</span>", end)]:
        end = _section_end(body, end)
        end += len(body[end:]) - len(body[end:].lstrip())
    parts, rest = body[first:end], body[:first] + body[end:]
    front = rest.index("<section", rest.index('<span id="document-index"></span>'))
    front_end = _section_end(rest, front)
    return rest[:front_end] + parts + rest[front_end:]


TOKEN = re.compile(r'<span id="document-([^"]+)"></span>|<section\b|</section>| (id|aria-labelledby)="([^"]+)"|href="#([^"]+)"')


def _walk(body: str, visit) -> str:
    """Calls visit(match, docname) for every token, with the page whose section the token is in."""
    stack = [("index", 0)]
    depth = 0
    pending = None

    def step(match: re.Match) -> str:
        nonlocal depth, pending
        token = match.group(0)
        if match.group(1):
            pending = match.group(1)
            return token
        if token == "<section":
            depth += 1
            if pending:
                stack.append((pending, depth))
                pending = None
            return token
        if token == "</section>":
            if len(stack) > 1 and stack[-1][1] == depth:
                stack.pop()
            depth -= 1
            return token
        return visit(match, stack[-1][0])

    return TOKEN.sub(step, body)


def unique_ids(body: str) -> str:
    """Make ids unique in the one document, and point links at them.

    Sphinx numbers ids per page (id1, id2, ...; checklist-item-1, ...), so singlehtml
    repeats them; it links to another page's anchor as "#document-NAME#anchor".
    An id that more than one page defines gets the page's name in front of it.
    """
    pages_defining: dict[str, set[str]] = {}

    def collect(match: re.Match, docname: str) -> str:
        if match.group(2) == "id":
            pages_defining.setdefault(match.group(3), set()).add(docname)
        return match.group(0)

    _walk(body, collect)
    repeated = {ident for ident, docs in pages_defining.items() if len(docs) > 1}

    def new_id(docname: str, ident: str) -> str:
        return f"{docname.replace('/', '-')}--{ident}" if ident in repeated else ident

    def rewrite(match: re.Match, docname: str) -> str:
        if match.group(2):
            return f' {match.group(2)}="{new_id(docname, match.group(3))}"'
        target = match.group(4)
        if target.startswith("document-") and "#" in target:
            page, anchor = target[len("document-"):].split("#", 1)
            return f'href="#{new_id(page, anchor)}"'
        if target.startswith("document-"):
            return match.group(0)
        return f'href="#{new_id(docname, target)}"'

    return _walk(body, rewrite)


def mark_documents(body: str) -> str:
    """Class each page's top section as a part opener or a chapter, for print.css's page breaks."""
    previous_was_part = False

    def mark(match: re.Match) -> str:
        nonlocal previous_was_part
        docname = match.group(1)
        is_part = docname.endswith("/index")
        classes = "book-front" if docname == "index" else "book-part" if is_part else "book-chapter"
        if not is_part and previous_was_part:
            classes += " book-first-chapter"
        previous_was_part = is_part
        return f'<span id="document-{docname}"></span><section class="{classes}"'

    return DOCUMENT.sub(mark, body)


def contents(body: str, title: str) -> str:
    items = []
    for anchor, level, heading in HEADING.findall(body):
        text = html.escape(html.unescape(re.sub(r"<[^>]+>", "", heading)).strip(), quote=False)
        kind = {"1": "toc-front", "3": "toc-part", "4": "toc-chapter"}[level]
        items.append(f'<li class="{kind}"><a href="#{html.escape(anchor)}">{text}</a></li>')
    return f'<nav class="book-contents" aria-label="{title}"><h1 class="book-contents-title">{title}</h1><ul>{"".join(items)}</ul></nav>'


def print_document(body: str, language: str, project: str, author: str, edition: datetime.date) -> str:
    words = WORDS.get(language, WORDS["en"])
    cover = (
        '<div class="book-cover">'
        f'<p class="book-cover-title">{html.escape(project)}</p>'
        f'<p class="book-cover-author">{html.escape(author)}</p>'
        f'<p class="book-cover-edition">{words["edition"]}: <time datetime="{edition.isoformat()}">{edition.isoformat()}</time></p>'
        f'<p class="book-cover-language">{words["language_label"]}: {words["language"]}</p>'
        "</div>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(project)}</title>"
        f'<meta name="author" content="{html.escape(author)}">'
        f'<meta name="dcterms.created" content="{edition.isoformat()}">'
        f'<link rel="stylesheet" href="{PRINT_CSS.as_uri()}">'
        f'</head><body>{cover}{contents(body, words["contents"])}<main class="book">{body}</main></body></html>'
    )


class FailOnWarning(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def cover_names(config, language: str, settings_file: Path = ROOT / "handbook.toml") -> tuple[str, str]:
    """Title and author for the cover and the PDF's metadata: the agency's own name where
    handbook.toml sets it (as the website's title does), else the project's."""
    from handbook.settings import agency_title, read

    agency = read(settings_file)["values"].get("agency", {}).get(f"name_{language}", "")
    if not agency:
        return config.project, config.author
    return agency_title(agency, language), agency


def edition_date() -> datetime.date:
    return datetime.date.today()


def build(language: str, outdir: Path, doctrees: Path | None = None, version: str | None = None) -> Path:
    page = singlehtml(language, outdir / language / "singlehtml", doctrees, version)
    return write(language, page, outdir)


def write(language: str, page: Path, outdir: Path) -> Path:
    """The print document from the single-page build, and the PDF from it: OUTDIR/<pdf name>."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags
    from weasyprint import HTML

    # The edition's own title and author (conf.py's handbook_edition_settings), as its website has them.
    edition = runpy.run_path(str(ROOT / "conf.py")).get("handbook_edition_settings", {}).get(language, {})
    overrides = {key: value for key, value in edition.items() if key in ("project", "author", "copyright")}
    config = Config.read(ROOT, overrides={"language": language, **overrides}, tags=Tags())
    body = article(page.read_text(encoding="utf-8"))
    title, author = cover_names(config, language)
    document = print_document(body, language, title, author, edition_date())
    (outdir / language / "print.html").write_text(document, encoding="utf-8")

    warnings = FailOnWarning()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(warnings)
    target = outdir / pdf_name(language)
    try:
        # Tagged (structure tree, /Lang, /MarkInfo, DisplayDocTitle), but not declared PDF/UA-1:
        # WeasyPrint 70 marks the running heads and page numbers as content outside the
        # structure tree, not as artifacts (Kozea/WeasyPrint#1836), which PDF/UA-1 forbids
        # (ISO 14289-1 7.1), and writes no /Lang for a passage in another language.
        HTML(string=document, base_url=str(page)).write_pdf(target, pdf_tags=True)
    finally:
        logger.removeHandler(warnings)
    if warnings.messages:
        sys.exit(f"WeasyPrint warned while writing the {language} PDF:\n" + "\n".join(warnings.messages))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", help="language code; repeat for more (default: en)")
    parser.add_argument("--outdir", default=str(ROOT / "_build" / "pdf"))
    parser.add_argument("--copy-to", help="also copy each PDF into this folder (make site: the HTML output)")
    args = parser.parse_args()
    outdir = Path(args.outdir).resolve()
    for language in args.language or ["en"]:
        started = time.monotonic()
        target = build(language, outdir)
        print(f"The {language} PDF is {target} ({target.stat().st_size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s)")
        if args.copy_to:
            Path(args.copy_to).mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, Path(args.copy_to) / target.name)


if __name__ == "__main__":
    main()
