"""Nothing the handbook publishes loads from another host.

A reader's phone fetches every file from the handbook's own site: no
tracking, no outage elsewhere, and the same page in the PDF.  So the build
refuses, at the source line:
- `{math}` and math blocks, for which Sphinx adds MathJax from a CDN;
- images by URL, which the browser would fetch from their host.
It replaces each with its text, so the build's output stays self-contained
even while it reports the mistake.  As a last line of defence, any page
whose script or style sheet list still names another host (added by an
extension or a setting) fails the build.
"""
from __future__ import annotations

from urllib.parse import urlparse

from docutils import nodes

from .messages import Kind
from .references import line_with
from .report import problem


def _remote(uri: str) -> bool:
    parsed = urlparse(uri)
    return bool(parsed.netloc) or parsed.scheme in ("http", "https", "ftp")


def _line(node):
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else None


def refuse_remote_content(app, doctree) -> None:
    """At doctree-read, before Sphinx notes the page's math or its images."""
    docname = app.env.docname
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))):
        text = node.astext()
        problem(docname, line_with(app.env, docname, _line(node), text.split("\n")[0]),
                "Math makes the page load MathJax from another host.",
                "write the formula in words or as plain text (for example 'a / b'); the handbook's pages load nothing from elsewhere.",
                Kind.EXTERNAL_RESOURCE)
        node.replace_self(nodes.literal(text, text) if isinstance(node, nodes.math) else nodes.literal_block(text, text))
    for node in list(doctree.findall(nodes.image)):
        uri = node.get("uri", "")
        if _remote(uri):
            problem(docname, line_with(app.env, docname, _line(node), uri), f"The image {uri} would load from another host.",
                    "save the image under _static/ and link to it by its path, with alt text.", Kind.EXTERNAL_RESOURCE)
            node.replace_self(nodes.inline("", node.get("alt", "")))


def refuse_remote_assets(app, pagename, templatename, context, doctree) -> None:
    """Once per file and build: a setting or extension that adds it adds it to every page."""
    reported = app.__dict__.setdefault("_handbook_remote_assets", set())
    for kind in ("script_files", "css_files"):
        for asset in context.get(kind, []):
            uri = getattr(asset, "filename", str(asset))
            if _remote(uri) and uri not in reported:
                reported.add(uri)
                problem(pagename, None, f"The page would load {uri} from another host.",
                        "remove the setting or extension that adds it (conf.py's html_js_files or html_css_files, or an extension), "
                        "or save the file under _static/.", Kind.EXTERNAL_RESOURCE)


def setup(app):
    app.connect("doctree-read", refuse_remote_content, priority=400)
    app.connect("html-page-context", refuse_remote_assets, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
