"""No page in the output without a source.

Sphinx writes pages but never removes one: after a chapter is deleted or
renamed, its old HTML would stay in _build/html and be published.  Before
writing, this removes every page that no source, and no special page
(search, index), will write again; sphinxext-rediraffe then writes a
redirect page for each old path listed in redirects.txt.  Whether every
deleted page has a redirect is checked with rediraffe's own builder:
`sphinx-build -b rediraffecheckdiff` (make check-redirects).
"""
from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger("handbook")

# Folders of the output that hold no pages: Sphinx's own (_static, _images, ...) and search indexes.
NOT_PAGES = ("_", "pagefind")


def remove_pages_without_source(app, env) -> None:
    if app.builder.format != "html" or not hasattr(app.builder, "get_target_uri"):
        return
    outdir = Path(app.outdir)
    suffix = app.builder.out_suffix
    keep = {app.builder.get_target_uri(doc) for doc in env.found_docs}
    keep |= {f"{name}{suffix}" for name in ("genindex", "search", "py-modindex", *app.config.html_additional_pages)}
    for path in sorted(outdir.rglob(f"*{suffix}")):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith(NOT_PAGES) or relative in keep:
            continue
        path.unlink()
        logger.info("removed %s: no source page writes it any more", relative)


def setup(app):
    app.connect("env-updated", remove_pages_without_source)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
