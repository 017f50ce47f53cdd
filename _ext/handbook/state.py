"""Per-page data that the handbook's checks collect while pages are read.

Sphinx reads pages in parallel processes and re-reads only changed pages, so
every such store must be cleared for a page before it is re-read and merged
back from the reading processes.  `track_per_page` does both, once, for a
dict on the build environment that maps a page's docname to its data.
"""
from __future__ import annotations


def track_per_page(app, name: str) -> None:
    """Keep `app.env.<name>`: {docname: data}, correct across incremental and parallel builds."""

    def init(app) -> None:
        if not hasattr(app.env, name):
            setattr(app.env, name, {})

    def purge(app, env, docname) -> None:
        getattr(env, name).pop(docname, None)

    def merge(app, env, docnames, other) -> None:
        ours, theirs = getattr(env, name), getattr(other, name)
        ours.update((docname, theirs[docname]) for docname in docnames if docname in theirs)

    app.connect("builder-inited", init)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
