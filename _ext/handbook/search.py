"""Search with Pagefind: the page's main content indexed after every HTML build.

- Sphinx's own search is switched off: no searchindex.js is written, and the
  search page is the handbook's own (`_templates/search.html`), which shows
  Pagefind's results for `search.html?q=...`.
- Each page's article is marked `data-pagefind-body`, so sidebars, header,
  footer, previous/next links, the general index and the search page are not
  indexed.  Headings get an id made from their section's, so that each result links
  to the section where the words are (Pagefind splits pages on headings with
  an id; Sphinx puts the id on the <section>).
- Words a reader types that a page does not use are indexed with a high
  weight, in an element that is hidden from view: the page's `keywords:`
  (front matter, checked in page_metadata.py) and the Swedish and English
  names of every glossary entry the page defines or links to.
- After the build, Pagefind indexes the output (`build-finished`), one index
  per `<html lang>`; if it fails, the build fails with one message.
- On every page a few hundred bytes of script wait for the reader to focus a
  search field; only then do `_static/handbook-search.js` and Pagefind's
  files load.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from .state import track_per_page

logger = logging.getLogger("handbook")

# Pagefind weights run from 0 to 10 on a quadratic scale; an <h1> is 7, body text 1.
KEYWORD_WEIGHT = 8
GLOSSARY_WEIGHT = 3
BUILDERS = ("html", "dirhtml")
# Pagefind 1.5.2 splits the index into chunks of about 40 KB by default, and a
# query loads the chunk of each of its words. Smaller chunks keep a query's
# download small (measured with `make bench`: first query 98-128 KB instead of
# 122-179 KB). The variable is marked unstable upstream: check it when updating Pagefind.
INDEX_CHUNK_SIZE = "3000"

# The only search code on a page where the reader does not search: it loads the
# search when a search field gets focus (the theme's button and Ctrl+K focus one).
LOADER = """window.handbookSearchLoad=function(){if(window.handbookSearchLoad.done)return;\
window.handbookSearchLoad.done=1;var s=document.createElement("script");\
s.src=document.documentElement.dataset.content_root+"_static/handbook-search.js";document.head.appendChild(s)};\
document.addEventListener("focusin",function(e){if(e.target.closest&&e.target.closest("form.bd-search"))handbookSearchLoad()});"""

# Pagefind splits a page into sections at headings with an id, and Sphinx puts
# the id on the <section>: the heading gets one too, which the search's links
# turn back into the section's own (_static/handbook-search.js).
TITLE_SUFFIX = "-title"
SECTION_HEADING = re.compile(r'<section id="([^"]+)">(\s*(?:<span id="[^"]*"></span>)*)<h([1-6])>')


def keywords_of(value) -> list[str]:
    """The words and phrases of a `keywords:` field, which is checked in page_metadata.py."""
    if not isinstance(value, str):
        return []
    return [word.strip() for word in value.split(",") if word.strip()]


def switch_off_sphinx_search(app) -> None:
    if app.builder.name in BUILDERS:
        app.builder.search = False


def collect_glossary(app, doctree) -> None:
    """The glossary entries a page defines (all names of each) and the terms it links to."""
    docname = app.env.docname
    entries = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            entries.append([term.astext().strip() for term in item.findall(nodes.term)])
    used = sorted({ref["reftarget"].lower() for ref in doctree.findall(addnodes.pending_xref)
                   if ref.get("refdomain") == "std" and ref.get("reftype") == "term"})
    app.env.handbook_search_terms[docname] = {"defines": entries, "uses": used}


def glossary_names(env, docname: str) -> list[str]:
    """Swedish and English names of the glossary entries that the page defines or uses."""
    by_name = {}
    for data in env.handbook_search_terms.values():
        for names in data["defines"]:
            for name in names:
                by_name[name.lower()] = names
    page = env.handbook_search_terms.get(docname, {"defines": [], "uses": []})
    names = [name for entry in page["defines"] for name in entry]
    for used in page["uses"]:
        names += by_name.get(used, [])
    return list(dict.fromkeys(names))


def _heading_with_id(match) -> str:
    """The heading gets its section's id plus '-title' (the results link to the section itself)."""
    section_id, spans, level = match.groups()
    # A page's "Related" links name other pages: they would only make those pages rank here.
    ignore = ' data-pagefind-ignore="all"' if re.fullmatch(r"(.*-)?related(-\d+)?", section_id) else ""
    return f'<section id="{section_id}"{ignore}>{spans}<h{level} id="{section_id}{TITLE_SUFFIX}">'


def mark_for_pagefind(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in BUILDERS or doctree is None or "body" not in context:
        return
    body = SECTION_HEADING.sub(_heading_with_id, context["body"])
    # The '#' permalink after every heading and the owner line are not words to search.
    body = body.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
    body = body.replace('<p class="page-review">', '<p class="page-review" data-pagefind-ignore>')
    hidden = []
    keywords = keywords_of(app.env.metadata.get(pagename, {}).get("keywords"))
    if keywords:
        hidden.append(f'<span data-pagefind-weight="{KEYWORD_WEIGHT}">{html.escape(", ".join(keywords))}</span>')
    names = glossary_names(app.env, pagename)
    if names:
        hidden.append(f'<span data-pagefind-weight="{GLOSSARY_WEIGHT}">{html.escape(", ".join(names))}</span>')
    words = f'<div class="handbook-search-words" hidden>{" ".join(hidden)}</div>\n' if hidden else ""
    # The summary is shown as the snippet when only the hidden words matched.
    summary = html.escape(str(app.env.metadata.get(pagename, {}).get("summary", "")))
    context["body"] = (f'<div data-pagefind-body data-pagefind-meta="summary[data-summary]" data-summary="{summary}">\n'
                       f"{words}{body}</div>\n")


def search_page(app):
    """The search page: the handbook's own template, which shows Pagefind's results."""
    if app.builder.name in BUILDERS:
        yield "search", {"title": "Search"}, "search.html"


def run_pagefind(app, exception) -> None:
    if exception is not None or app.builder.name not in BUILDERS:
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(app.outdir), "--output-subdir", "pagefind",
               "--keep-index-url", "--quiet"]
    shutil.rmtree(Path(app.outdir) / "pagefind", ignore_errors=True)  # no stale fragments from earlier builds
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": INDEX_CHUNK_SIZE})
        failed = result.returncode != 0 or not (Path(app.outdir) / "pagefind" / "pagefind.js").is_file()
        output = (result.stderr + result.stdout).strip().splitlines()
        detail = ([line for line in output if line.startswith("Error")] or output)[:1] if failed else []
    except (OSError, subprocess.TimeoutExpired) as error:
        failed, detail = True, [str(error)]
    if failed:
        logger.error("Pagefind could not index the site in %s (%s). Fix: run `make html` again, which installs "
                     "pagefind[bin] from requirements.txt into .venv; if it still fails, run `%s` to see the whole error.",
                     app.outdir, " ".join(detail) or "no index was written", " ".join(command[:-1]),
                     type="handbook", subtype="search")
        app.statuscode = 1
    # An index left behind by a build from before Sphinx's search was switched off.
    (Path(app.outdir) / "searchindex.js").unlink(missing_ok=True)


def setup(app):
    app.add_js_file(None, body=LOADER)
    track_per_page(app, "handbook_search_terms")
    app.connect("builder-inited", switch_off_sphinx_search)
    app.connect("doctree-read", collect_glossary)
    app.connect("html-page-context", mark_for_pagefind)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", run_pagefind)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
