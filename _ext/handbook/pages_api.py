"""api/pages.json: every page, its owner and its review dates, for machines.

The scheduled review reminder (.github/scripts/review-reminders.js) reads
this file from the built site and opens one issue per owner with the pages
that are past their review date.  Written once, at the end of an HTML build.
"""
from __future__ import annotations

import json
from pathlib import Path

from .generated import page_title
from .page_metadata import page_meta, review_due

PATH = Path("api") / "pages.json"


def pages(app) -> list[dict]:
    env, builder = app.env, app.builder
    base = app.config.html_baseurl or ""
    if base and not base.endswith("/"):
        base += "/"
    rows = []
    for docname in sorted(env.found_docs):
        meta = page_meta(env, docname)
        if meta is None:
            continue
        rows.append({
            "page": docname,
            "title": page_title(env, docname),
            "owner": str(meta["owner"]),
            "last_reviewed": str(meta["last_reviewed"]),
            "review_due": review_due(meta).isoformat(),
            "status": str(meta.get("status", "current")),
            "url": base + builder.get_target_uri(docname),
        })
    return rows


def write_pages_json(app, exception) -> None:
    # The website's API only: in an EPUB's folder it would be packed, with an unknown type, into the next build.
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    target = Path(app.outdir) / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"pages": pages(app)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def setup(app):
    app.setup_extension("handbook.page_metadata")
    app.connect("build-finished", write_pages_json)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
