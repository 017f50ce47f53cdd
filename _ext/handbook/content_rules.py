"""Content rules for every page, checked on the Markdown source.

Each rule names the file and line and says how to fix the page:
- the page starts with front matter and then a label, `(label)=`;
- no raw HTML and no raw directive (MyST would print HTML as text, silently);
- every image has alt text;
- heading levels do not skip (## to ####);
- links use https://, never http://;
- no label is defined twice (Sphinx's parallel build drops duplicates silently);
- every page is in a table of contents.
"""
from __future__ import annotations

import re

from .markdown import front_matter, line_of, tokens
from .report import problem
from .state import track_per_page

RAW_DIRECTIVES = {"raw", "{raw}"}
IMAGE_DIRECTIVES = {"{image}", "{figure}"}
LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _directive_name(token) -> str:
    return token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""


def check_source(app, docname: str, source: list[str]) -> None:
    text = source[0]
    stream = tokens(text)
    labels: list[tuple[str, int]] = []
    _check_starts_with_label(docname, text, stream)
    last_level = 0
    for token in stream:
        line = line_of(token)
        kind = token.type
        if kind in ("html_block", "html_inline"):
            problem(docname, line, f"Raw HTML is not allowed: {token.content.strip()[:60]!r}.",
                    "write it in Markdown or a MyST directive (for example :::{note}), or put code in a fenced code block.", "raw-html")
        elif kind in ("fence", "colon_fence"):
            name = _directive_name(token)
            if name in RAW_DIRECTIVES or (name == "{eval-rst}" and ".. raw::" in token.content):
                problem(docname, line, "The raw directive is not allowed.",
                        "write the content in Markdown; the handbook must render the same in HTML and PDF.", "raw-html")
            if name in IMAGE_DIRECTIVES and not re.search(r"^:alt:\s*\S", token.content, re.M):
                problem(docname, line, "An image has no alt text.",
                        "add ':alt: what the image shows' to the directive.", "image-alt")
        elif kind == "image" and not "".join(c.content for c in token.children or []).strip():
            problem(docname, line, "An image has no alt text.",
                    "write what the image shows between the brackets: ![A police officer talking to residents](path.png).", "image-alt")
        elif kind == "heading_open":
            level = int(token.tag[1])
            if last_level and level > last_level + 1:
                problem(docname, line, f"The heading jumps from level {last_level} to level {level}.",
                        f"use {'#' * (last_level + 1)} here, or add the missing level above it.", "heading-level")
            last_level = level
        elif kind == "link_open":
            href = token.attrGet("href") or ""
            if href.startswith("http://"):
                problem(docname, line, f"The link {href} is not secure.",
                        "use the https:// address; if the site has none, cite it in references.bib instead of linking.", "insecure-link")
        elif kind == "myst_target":
            labels.append((token.content, line))
            if not LABEL.match(token.content):
                problem(docname, line, f"The label '{token.content}' is not in kebab-case.",
                        "use lower-case words joined by hyphens, for example (guidance-records-archiving)=.", "label")
    app.env.handbook_labels[docname] = labels


def _check_starts_with_label(docname, text, stream) -> None:
    fm = front_matter(text)
    after = fm.last_line if fm else 0
    first = next((t for t in stream if t.map and t.map[0] + 1 > after and t.type != "front_matter" and t.level == 0), None)
    if first is None or first.type != "myst_target":
        problem(docname, line_of(first) if first else after + 1, "The page does not start with a label.",
                f"put a label on the line before the title, after the front matter, for example ({docname.replace('/', '-').replace('chapters-', '')})=.", "label")


def check_project(app, env) -> None:
    places: dict[str, list[tuple[str, int]]] = {}
    for docname in sorted(env.handbook_labels):
        for label, line in env.handbook_labels[docname]:
            places.setdefault(label, []).append((docname, line))
    for label, found in places.items():
        if len(found) < 2:
            continue
        for docname, line in found:
            others = ", ".join(f"{env.doc2path(d, False)}:{l}" for d, l in found if (d, l) != (docname, line))
            problem(docname, line, f"The label '{label}' is defined more than once (also in {others}).",
                    "give one of them a new, unique name and update the links to it.", "duplicate-label")
    included = env.toctree_includes
    listed = {doc for children in included.values() for doc in children}
    for docname in sorted(env.found_docs):
        if docname != app.config.root_doc and docname not in listed and docname in env.all_docs:
            problem(docname, None, "The page is not in any table of contents.",
                    "add it to the toctree of its part's index.md (or of index.md), in the place where readers should find it.", "toc")


def setup(app):
    track_per_page(app, "handbook_labels")
    app.connect("source-read", check_source)
    app.connect("env-check-consistency", check_project)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
