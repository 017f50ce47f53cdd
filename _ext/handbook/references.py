"""Broken links, glossary terms and citations, explained with a fix.

Sphinx and sphinxcontrib-bibtex report these without saying what to do.
This module reports them in the handbook's form, with the closest existing
names as suggestions; conf.py silences Sphinx's own, shorter messages.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from .report import problem

CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]+)`")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def _suggest(target: str, known) -> str:
    close = difflib.get_close_matches(target, list(known), n=3, cutoff=0.6)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def explain_missing_reference(app, domain, node):
    if domain is None or domain.name != "std" or node.get("reftype") not in ("ref", "term", "doc"):
        return None
    docname, line, target = node.get("refdoc", app.env.docname), node.line, node["reftarget"]
    kind = node["reftype"]
    if kind == "term":
        problem(docname, line, f"'{target}' is not a term in the glossary.{_suggest(target.lower(), domain._terms)}",
                "use a term exactly as chapters/toolkit/glossary.md defines it, or add the term and its definition there.", "term")
    elif kind == "ref" and target in domain.anonlabels:
        problem(docname, line, f"The label '{target}' is not on a heading or caption, so the link has no text.",
                f"give the link its own text: {{ref}}`your text <{target}>`.", "reference")
    elif kind == "ref":
        problem(docname, line, f"There is no label '{target}'.{_suggest(target, domain.labels)}",
                "link to a label that exists (it is defined as (label)= on the line before a heading), or add that label.", "reference")
    else:
        problem(docname, line, f"There is no page '{target}'.{_suggest(target, app.env.found_docs)}",
                "link to an existing page by its path without .md, or better, by its label with {ref}.", "reference")
    return True


@lru_cache(maxsize=4)
def _bib_keys(path: str, mtime: float) -> frozenset[str]:
    return frozenset(BIB_KEY.findall(Path(path).read_text(encoding="utf-8")))


def check_citations(app, docname: str, source: list[str]) -> None:
    keys = set()
    for bibfile in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / bibfile
        keys |= _bib_keys(str(path), path.stat().st_mtime)
    for number, text in enumerate(source[0].splitlines(), start=1):
        for group in CITE.findall(text):
            for key in (k.strip() for k in group.split(",")):
                if key not in keys:
                    problem(docname, number, f"The citation key '{key}' is not in references.bib.{_suggest(key, keys)}",
                            "cite a key that references.bib has, or add the source there with shorthand, keywords and enough detail to find it.", "citation")


def setup(app):
    app.connect("warn-missing-reference", explain_missing_reference)
    app.connect("source-read", check_citations)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
