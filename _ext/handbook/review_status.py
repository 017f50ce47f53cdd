"""The review status page: every page, its owner and when its review is due.

    ```{review-status}
    ```

renders a table of all pages, overdue first, then by due date.
"""
from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .generated import cell, link, page_title, register_generated, table
from .page_metadata import page_meta, review_due
from .translations import _


class review_status(nodes.General, nodes.Element):
    """Replaced by a table at write time."""


class ReviewStatus(SphinxDirective):
    def run(self):
        register_generated(self.env, self.env.docname)
        return [review_status()]


def render(app, doctree, fromdocname: str) -> None:
    env, builder, today = app.env, app.builder, dt.date.today()
    for node in list(doctree.findall(review_status)):
        pages = []
        for docname in env.found_docs:
            meta = page_meta(env, docname)
            if meta is not None:
                pages.append((review_due(meta), docname, meta))
        pages.sort(key=lambda page: (page[0] >= today, page[0], page[1]))
        rows = []
        for due, docname, meta in pages:
            if meta.get("status") == "withdrawn":
                state = nodes.Text(_("Withdrawn"))
            elif due < today:
                state = nodes.strong("", _("Overdue"))
            else:
                state = nodes.Text(_("Current"))
            rows.append([
                cell(link(builder, fromdocname, docname, page_title(env, docname))),
                cell(nodes.Text(str(meta["owner"]))),
                cell(nodes.Text(str(meta["last_reviewed"]))),
                cell(nodes.Text(due.isoformat())),
                cell(state),
            ])
        overdue = sum(1 for due, _doc, meta in pages if due < today and meta.get("status") != "withdrawn")
        summary = nodes.paragraph("", _("{pages} pages; {overdue} overdue for review on {today}, the day this page was built.").format(
            pages=len(pages), overdue=overdue, today=today.isoformat()))
        node.replace_self([summary, table([_("Page"), _("Owner"), _("Last reviewed"), _("Next review due"), _("Status")], [34, 22, 15, 15, 14], rows)])


def setup(app):
    app.setup_extension("handbook.page_metadata")
    app.setup_extension("handbook.generated")
    app.add_node(review_status)
    app.add_directive("review-status", ReviewStatus)
    app.connect("doctree-resolved", render)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
