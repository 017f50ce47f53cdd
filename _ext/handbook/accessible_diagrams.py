"""Graphviz diagrams as <img> with alt text, so screen readers can name them.

Sphinx puts an SVG diagram in an <object>, which has no accessible name
(axe rule object-alt).  An <img> with the directive's :alt: has one.  A
diagram without :alt: fails the build; the page must also give the same
decision as text, which the tests check.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

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
        fname, outfn = render_dot(self, node["code"], node["options"], "svg", "graphviz")
    except GraphvizError as exc:
        problem(self.builder.current_docname, node.line, f"The diagram could not be drawn: {exc}.",
                "check the DOT text with 'dot -Tsvg' and fix the syntax it reports.", Kind.DIAGRAM)
        raise nodes.SkipNode from exc
    phone_width = ""
    if outfn:
        follow_dark_mode(Path(outfn))
        box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', Path(outfn).read_text(encoding="utf-8"))
        # 0.8 px a unit keeps Graphviz's 14-unit text at about 11 px on a phone.
        phone_width = f' style="--chart-phone-width: {round(float(box.group(1)) * 0.8)}px"' if box else ""
    src = html.escape(fname.as_posix())
    # "dark-light": pydata-sphinx-theme 0.20.0 dims every image in dark mode unless it has this class;
    # the chart brings its own dark colours.
    img = f'<img src="{src}" alt="{html.escape(alt)}" class="graphviz dark-light" loading="lazy" />'
    if self.builder.name in ("html", "dirhtml"):
        # On a phone the chart keeps a readable size and scrolls sideways; the link opens it full size.
        # (An EPUB may not link to an image that is not one of its pages.)
        img = f'<a class="graphviz-full" href="{src}">{img}</a>'
    self.body.append(f'<div class="graphviz"{phone_width}>{img}</div>\n')
    raise nodes.SkipNode


# The chart is an image, so it cannot read the page's CSS variables.  Chromium and Firefox give an
# SVG image the colour scheme of the page around it, and the theme sets `color-scheme` from the
# reader's choice in its colour menu, so this media query follows that choice, not only the system
# setting.  The colours are the dark-mode values of sphinx-book-theme 1.4.0 on pydata-sphinx-theme
# 0.20.0: --pst-color-background #121212, --pst-color-on-background #222832, --pst-color-border
# #48566b, --pst-color-text-base #ced6dd.
DARK_MODE_STYLE = (
    "<style>@media (prefers-color-scheme: dark) {"
    ' .graph > polygon { fill: #121212; }'
    ' .node polygon, .node ellipse, .node path { fill: #222832; stroke: #ced6dd; }'
    ' .edge path { stroke: #ced6dd; } .edge polygon { fill: #ced6dd; stroke: #ced6dd; }'
    " text { fill: #ced6dd; } }</style>"
)
# A chart kept from an earlier build may carry an older version of the style: it is replaced.
_OLD_STYLE = re.compile(r"<style>@media \(prefers-color-scheme: dark\).*?</style>", re.S)


def follow_dark_mode(svg: Path) -> None:
    text = svg.read_text(encoding="utf-8")
    if DARK_MODE_STYLE in text:
        return
    text = _OLD_STYLE.sub("", text)
    start = text.index("<svg")
    end = text.index(">", start) + 1
    svg.write_text(text[:end] + DARK_MODE_STYLE + text[end:], encoding="utf-8")


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
