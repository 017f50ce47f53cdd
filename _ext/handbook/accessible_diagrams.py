"""Graphviz diagrams as <img> with alt text, so screen readers can name them.

Sphinx puts an SVG diagram in an <object>, which has no accessible name
(axe rule object-alt).  An <img> with the directive's :alt: has one.  A
diagram without :alt: fails the build; the page must also give the same
decision as text, which the tests check.
"""
from __future__ import annotations

import html

from docutils import nodes
from sphinx.ext.graphviz import (
    GraphvizError,
    graphviz,
    latex_visit_graphviz,
    man_visit_graphviz,
    render_dot,
    texinfo_visit_graphviz,
    text_visit_graphviz,
)

from .messages import Kind
from .report import problem


def visit_graphviz_html(self, node) -> None:
    alt = node.get("alt", "").strip()
    if not alt:
        problem(self.builder.current_docname, node.line, "A diagram has no alt text.",
                "add ':alt: Flowchart: what it decides. The same decision is written as steps below.' to the graphviz directive.", Kind.IMAGE_ALT)
    try:
        fname, _ = render_dot(self, node["code"], node["options"], "svg", "graphviz")
    except GraphvizError as exc:
        problem(self.builder.current_docname, node.line, f"The diagram could not be drawn: {exc}.",
                "check the DOT text with 'dot -Tsvg' and fix the syntax it reports.", Kind.DIAGRAM)
        raise nodes.SkipNode from exc
    self.body.append(
        f'<div class="graphviz"><img src="{html.escape(fname.as_posix())}" alt="{html.escape(alt)}" '
        f'class="graphviz" loading="lazy" /></div>\n'
    )
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(
        graphviz,
        override=True,
        html=(visit_graphviz_html, None),
        latex=(latex_visit_graphviz, None),
        text=(text_visit_graphviz, None),
        man=(man_visit_graphviz, None),
        texinfo=(texinfo_visit_graphviz, None),
    )
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
