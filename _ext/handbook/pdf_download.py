"""A "download the PDF" link in the sidebar, to the PDF of the page's language, shown only where it is.

`make site` builds the PDF first and puts it in the HTML output folder; only
then does the sidebar link to it, so a plain `make html` never shows a link
that leads nowhere.
"""
from __future__ import annotations

from pathlib import Path

# The file names of the PDF and EPUB editions, in one place: tools/build_pdf.py and
# tools/build_epub.py write them, `make site` copies the PDF, the sidebar links it.
EDITION_STEM = "agency-social-media-handbook"


def edition_stem(language: str | None) -> str:
    """The English edition keeps the name it always had; another language adds its code."""
    return EDITION_STEM if language in ("en", None) else f"{EDITION_STEM}-{language}"


def pdf_name(language: str | None) -> str:
    return f"{edition_stem(language)}.pdf"


def add_pdf_link(app, pagename, templatename, context, doctree) -> None:
    name = pdf_name(app.config.language)
    if (Path(app.outdir) / name).is_file():
        context["handbook_pdf"] = context["pathto"](name, 1)


def setup(app):
    app.connect("html-page-context", add_pdf_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
