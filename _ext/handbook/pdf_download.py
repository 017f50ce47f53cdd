"""A "download the PDF" link in the sidebar, shown only where the PDF is.

`make site` builds the PDF first and puts it in the HTML output folder; only
then does the sidebar link to it, so a plain `make html` never shows a link
that leads nowhere.  The PDF's name comes from conf.py's `latex_documents`,
the one place that names it.
"""
from __future__ import annotations

from pathlib import Path


def pdf_name(latex_documents) -> str:
    """The PDF's file name: the first LaTeX document's, with .pdf."""
    return Path(latex_documents[0][1]).with_suffix(".pdf").name


def add_pdf_link(app, pagename, templatename, context, doctree) -> None:
    name = pdf_name(app.config.latex_documents)
    if (Path(app.outdir) / name).is_file():
        context["handbook_pdf"] = context["pathto"](name, 1)


def setup(app):
    app.connect("html-page-context", add_pdf_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
