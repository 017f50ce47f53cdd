"""A "download the PDF" link in the sidebar, shown only where the PDF is.

`make site` builds the PDF first and puts it in the HTML output folder; only
then does the sidebar link to it, so a plain `make html` never shows a link
that leads nowhere.
"""
from __future__ import annotations

from pathlib import Path


def add_pdf_link(app, pagename, templatename, context, doctree) -> None:
    name = app.config.handbook_pdf_name
    if (Path(app.outdir) / name).is_file():
        context["handbook_pdf"] = context["pathto"](name, 1)


def setup(app):
    app.add_config_value("handbook_pdf_name", "agency-social-media-handbook.pdf", "html")
    app.connect("html-page-context", add_pdf_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
