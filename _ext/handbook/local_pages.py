"""An agency's own pages, in local/, listed on the landing page.

The original handbook never puts a page in local/, so an agency that adds
its own pages there can `git pull` from the original without conflicts.
When local/ holds pages, the landing page gets a glob toctree for them
(added at `source-read`, so index.md itself stays as the original ships it).
With no local pages, nothing is added: Sphinx warns about a glob toctree
that matches nothing, and that warning cannot be silenced (it has no type).
"""
from __future__ import annotations

from pathlib import Path

FOLDER = "local"
TOCTREE = """

```{{toctree}}
:glob:
:maxdepth: 1
:caption: {caption}

{folder}/*
```
"""


def local_pages(app) -> list[Path]:
    folder = Path(app.srcdir) / FOLDER
    return sorted(p for p in folder.rglob("*.md") if p.name != "README.md") if folder.is_dir() else []


def add_local_toctree(app, docname: str, source: list[str]) -> None:
    if docname == app.config.root_doc and local_pages(app):
        caption = "Våra egna sidor" if (app.config.language or "en").startswith("sv") else "Our own pages"
        source[0] += TOCTREE.format(caption=caption, folder=FOLDER)


def reread_landing_page(app, env, added, changed, removed) -> list[str]:
    # The toctree above depends on local/, which index.md does not show.
    return [app.config.root_doc] if local_pages(app) or any(d.startswith(f"{FOLDER}/") for d in removed) else []


def setup(app):
    app.connect("source-read", add_local_toctree)
    app.connect("env-get-outdated", reread_landing_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
