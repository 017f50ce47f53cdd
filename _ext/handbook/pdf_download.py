"""A "download the PDF" link in the sidebar, to the PDF of the page's language, shown only where it is.

`make site` builds the PDF first and puts it in the HTML output folder; only
then does the sidebar link to it, so a plain `make html` never shows a link
that leads nowhere.
"""
from __future__ import annotations

from pathlib import Path

# The PDF's file name, in one place: tools/build_pdf.py writes it, `make site` copies it, the sidebar links it.
PDF_STEM = "agency-social-media-handbook"


def pdf_name(language: str) -> str:
    """The English edition keeps the name it always had; another language adds its code."""
    return f"{PDF_STEM}.pdf" if language in ("en", None) else f"{PDF_STEM}-{language}.pdf"


def add_pdf_link(app, pagename, templatename, context, doctree) -> None:
    name = pdf_name(app.config.language)
    if (Path(app.outdir) / name).is_file():
        context["handbook_pdf"] = context["pathto"](name, 1)


def setup(app):
    app.connect("html-page-context", add_pdf_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
