"""Shared pieces for pages that are generated from every other page.

A generated page (review status, traceability matrix) holds a directive that
is replaced by a table at write time.  Such a page depends on all pages, so
it is rebuilt whenever any page changes.
"""
from __future__ import annotations

from docutils import nodes

from .state import track_per_page


def register_generated(env, docname: str) -> None:
    env.handbook_generated_pages[docname] = True


def page_title(env, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def link(builder, fromdocname: str, docname: str, text: str, anchor: str | None = None) -> nodes.reference:
    uri = builder.get_relative_uri(fromdocname, docname) + (f"#{anchor}" if anchor else "")
    return nodes.reference("", text, internal=True, refuri=uri)


def cell(*content) -> nodes.entry:
    para = nodes.paragraph()
    para.extend(content)
    return nodes.entry("", para)


def table(headers: list[str], widths: list[int], rows: list[list[nodes.entry]]) -> nodes.table:
    group = nodes.tgroup(cols=len(headers))
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    group += nodes.thead("", nodes.row("", *[cell(nodes.Text(h)) for h in headers]))
    group += nodes.tbody("", *[nodes.row("", *row) for row in rows])
    return nodes.table("", group, classes=["handbook-generated"])


def _outdated(app, env, added, changed, removed):
    return sorted(env.handbook_generated_pages) if (added or changed or removed) else []


def setup(app):
    track_per_page(app, "handbook_generated_pages")
    app.connect("env-get-outdated", _outdated)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
