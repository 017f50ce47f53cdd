"""Broken links, glossary terms and citations, explained with a fix.

Sphinx, MyST and sphinxcontrib-bibtex report these without saying what to
do.  This module reports them in the handbook's form, at the line with the
link, with the closest existing names as suggestions; conf.py silences the
libraries' own, shorter messages (suppress_warnings).
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from pybtex.database import parse_file
from pybtex.exceptions import PybtexError
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .markdown import page
from .messages import Kind
from .report import problem

CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]+)`")


def _suggest(target: str, known) -> str:
    close = difflib.get_close_matches(target, list(known), n=3, cutoff=0.6)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def line_with(env, docname: str, start: int | None, needle: str) -> int | None:
    """The line, from `start` to the end of its paragraph, that holds `needle`.

    A link inside a paragraph carries the paragraph's first line; the
    contributor needs the line with the link.
    """
    if not start:
        return start
    try:
        lines = Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return start
    for number in range(start, len(lines) + 1):
        text = lines[number - 1]
        if needle in text:
            return number
        if number > start and not text.strip():
            break
    return start


def explain_missing_reference(app, domain, node):
    if node.get("handbook_reported"):
        return True  # the handbook has reported it already (from-the-case, missing Markdown file)
    if domain is None or domain.name != "std" or node.get("reftype") not in ("ref", "term", "doc"):
        return None
    docname, target, kind = node.get("refdoc", app.env.docname), node["reftarget"], node["reftype"]
    line = line_with(app.env, docname, node.line, target)
    if kind == "term":
        problem(docname, line, f"'{target}' is not a term in the glossary.{_suggest(target.lower(), domain._terms)}",
                "use a term exactly as chapters/toolkit/glossary.md defines it, or add the term and its definition there.", Kind.TERM)
    elif kind == "ref" and target in domain.anonlabels:
        problem(docname, line, f"The label '{target}' is not on a heading or caption, so the link has no text.",
                f"give the link its own text: {{ref}}`your text <{target}>`.", Kind.REFERENCE)
    elif kind == "ref":
        problem(docname, line, f"There is no label '{target}'.{_suggest(target, domain.labels)}",
                "link to a label that exists (it is defined as (label)= on the line before a heading), or add that label.", Kind.REFERENCE)
    else:
        problem(docname, line, f"There is no page '{target}'.{_suggest(target, app.env.found_docs)}",
                "link to an existing page by its path without .md, or better, by its label with {ref}.", Kind.REFERENCE)
    return True


def _anchors(env, docname: str) -> set[str]:
    """The anchors a Markdown link can name in a page, as MyST resolves them: heading slugs and labels."""
    slugs = env.metadata.get(docname, {}).get("myst_slugs", {})
    std = env.domains.standard_domain
    found = set(slugs) | {value[1] for value in slugs.values()}
    for name, (doc, anchor, *_) in list(std.labels.items()) + list(std.anonlabels.items()):
        if doc == docname:
            found |= {name, anchor}
    return found


class MissingMarkdownFiles(SphinxPostTransform):
    """[text](records.md) to a file, or [text](records.md#part) to an anchor, that does not exist:
    the handbook's message, at the link's line, not MyST's.

    Runs just before MyST's resolver (priority 9), which would report it as
    "'myst' cross-reference target not found" or "local id not found",
    without a fix and at the paragraph's first line.
    """

    default_priority = 8

    def run(self, **kwargs) -> None:
        env = self.env
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst":
                continue
            docname = node.get("refdoc", env.docname)
            if node.get("refdomain") == "doc" and node.get("reftargetid") and node["reftarget"] in env.all_docs:
                target, anchor = node["reftarget"], node["reftargetid"]
                known = _anchors(env, target)
                if anchor not in known:
                    problem(docname, line_with(env, docname, node.line, f"#{anchor}"),
                            f"The link goes to '#{anchor}' in {env.doc2path(target, False)}, which has no such label or heading.{_suggest(anchor, known)}",
                            "link to a label that page defines (its (label)= lines), or to the page without '#...'.", Kind.REFERENCE)
                    node["reftargetid"] = None  # the link still leads to the page
                continue
            target = node.get("reftarget", "")
            path = target.split("#", 1)[0]
            if node.get("refdomain") or not path.endswith(".md"):
                continue
            here = Path(docname).parent
            pages = [str(Path(env.doc2path(doc, False)).relative_to(here) if here != Path(".") and doc.startswith(f"{here}/") else "/" + str(env.doc2path(doc, False)))
                     for doc in sorted(env.found_docs)]
            problem(docname, line_with(env, docname, node.line, path), f"The link goes to '{path}', which does not exist.{_suggest(path, pages)}",
                    "link to an existing page: its path relative to this page, or from the top with a leading / (for example /chapters/guidance/records.md); better, use its label with {ref}.", Kind.REFERENCE)
            node.replace_self(node.children or nodes.Text(path))


@lru_cache(maxsize=4)
def bib_keys(path: str, mtime: float) -> frozenset[str]:
    """The keys of a .bib file, read by pybtex; empty if it cannot be read (bibliography_labels reports why)."""
    try:
        return frozenset(parse_file(path, "bibtex").entries.keys())
    except (PybtexError, OSError):
        return frozenset()


def check_citations(app, docname: str, source: list[str]) -> None:
    keys = set()
    for bibfile in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / bibfile
        if path.is_file():
            keys |= bib_keys(str(path), path.stat().st_mtime)
    if not keys:
        return  # nothing to check against: bibliography_labels reports the broken file
    for number, text in enumerate(page(app, source[0]).lines(), start=1):
        for group in CITE.findall(text):
            for key in (k.strip() for k in group.split(",")):
                if key not in keys:
                    problem(docname, number, f"The citation key '{key}' is not in references.bib.{_suggest(key, keys)}",
                            "cite a key that references.bib has, or add the source there with shorthand, keywords and enough detail to find it.", Kind.CITATION)


def setup(app):
    app.connect("warn-missing-reference", explain_missing_reference)
    app.connect("source-read", check_citations)
    app.add_post_transform(MissingMarkdownFiles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
