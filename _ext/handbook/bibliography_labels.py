"""Citation labels that readers recognise: [OSL], [JO 5875-2012], [C-210/16].

Registers the pybtex style "handbook": the plain style, labelled by each
entry's `shorthand` field and sorted by it.  An entry without a shorthand,
or a references.bib that pybtex cannot read, gets a message with the line
and a fix, never an exception.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pybtex.errors
import pybtex.plugin
from pybtex.database import parse_file
from pybtex.exceptions import PybtexError
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

from .messages import Kind
from .report import problem


def _shorthand(entry) -> str:
    # Reported by check_bibliography when the build starts; the key stands in meanwhile.
    return str(entry.fields.get("shorthand", entry.key))


def _line(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_bibliography(app) -> None:
    """Every .bib file parses, and every entry has a shorthand: file, line and fix.

    Runs before sphinxcontrib-bibtex reads the files.  pybtex raises on a
    syntax error, and sphinxcontrib-bibtex lets that stop the build with a
    traceback; once the handbook has reported it, pybtex collects its errors
    quietly until sphinxcontrib-bibtex has read the files (see _resume_errors).
    """
    for bibfile in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / bibfile
        if not path.is_file():
            continue  # sphinxcontrib-bibtex says so itself
        text = path.read_text(encoding="utf-8")
        try:
            entries = parse_file(str(path), "bibtex").entries
        except PybtexError as exc:
            reason = str(exc).split("\n")[0]
            number = re.search(r"line (\d+)", str(exc))
            key = re.search(r"entry ['\"]?([^'\" ]+)", reason)
            where = int(number.group(1)) if number else (_line(text, rf"\{{\s*{re.escape(key.group(1))}\s*,") if key else None)
            problem(bibfile, where, f"{bibfile} cannot be read: {reason}.",
                    "correct the entry at that line: every entry is @type{key, field = {value}, ...}, with braces that pair up and no key used twice.", Kind.BIBLIOGRAPHY)
            pybtex.errors.captured_errors = []
            continue
        for key, entry in entries.items():
            if "shorthand" not in entry.fields:
                problem(bibfile, _line(text, rf"\{{\s*{re.escape(key)}\s*,"), f"The entry '{key}' has no 'shorthand' field.",
                        "add shorthand = {...}, the short label readers see, for example {OSL} or {JO 5875-2012}.", Kind.BIBLIOGRAPHY)


class ShorthandLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield _shorthand(entry)


class ShorthandSorting(BaseSortingStyle):
    def sorting_key(self, entry):
        return _shorthand(entry).casefold()


class HandbookStyle(UnsrtStyle):
    default_label_style = "handbook-shorthand"
    default_sorting_style = "handbook-shorthand"


register_plugin("pybtex.style.labels", "handbook-shorthand", ShorthandLabels)
register_plugin("pybtex.style.sorting", "handbook-shorthand", ShorthandSorting)
register_plugin("pybtex.style.formatting", "handbook", HandbookStyle)


def _resume_errors(app) -> None:
    pybtex.errors.captured_errors = None


def setup(app):
    # pybtex 0.26.1 searches every installed entry point each time a plugin is looked up, and
    # sphinxcontrib-bibtex 2.7.0 looks one up for every citation it resolves: about a third of
    # each build's time (issue 14: two editions, measured with cProfile). The answer cannot
    # change during a build (the handbook registers its plugins above, at import), so it is
    # remembered. No upstream issue found (2026-11-30).
    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)
    app.connect("builder-inited", check_bibliography, priority=400)  # sphinxcontrib-bibtex reads at 500
    app.connect("builder-inited", _resume_errors, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
