"""Citation labels that readers recognise: [OSL], [JO 5875-2012], [C-210/16].

Registers the pybtex style "handbook": the plain style, labelled by each
entry's `shorthand` field and sorted by it.  An entry without a shorthand,
or a references.bib that pybtex cannot read, gets a message with the line
and a fix, never an exception.

The descriptive fields the handbook writes itself (`note`, `howpublished`, and a
`title` that describes an untitled source) have a Swedish twin beside them
(`note_sv`, ...), which the Swedish edition shows, on the sources page and in
every citation's hover text.  A source's own title is never translated.  An
English descriptive field without its twin stops the build, like an untranslated
message in a page's catalog.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pybtex.errors
import pybtex.plugin
from pybtex.database import Entry, parse_file
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


def _line(text: str, pattern: str, start: int = 0) -> int | None:
    match = re.compile(pattern, re.M).search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _field_line(text: str, key: str, name: str) -> int | None:
    """The line of `name = ` inside the entry `key`."""
    entry = re.search(rf"\{{\s*{re.escape(key)}\s*,", text)
    return _line(text, rf"^\s*{re.escape(name)}\s*=", entry.end()) if entry else None


def check_bibliography(app) -> None:
    """Every .bib file parses, every entry has a shorthand and every descriptive field its Swedish twin: file, line and fix.

    Runs before sphinxcontrib-bibtex reads the files.  pybtex raises on a
    syntax error, and sphinxcontrib-bibtex lets that stop the build with a
    traceback; once the handbook has reported it, pybtex collects its errors
    quietly until sphinxcontrib-bibtex has read the files (see _resume_errors).
    """
    _language["code"] = app.config.language or "en"
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
            for name in DESCRIPTIVE:
                if name in entry.fields and f"{name}_sv" not in entry.fields:
                    problem(bibfile, _field_line(text, key, name),
                            f"The entry '{key}' has a '{name}' but no '{name}_sv': the Swedish edition would show it in English.",
                            f"add {name}_sv = {{...}} after it, the same text in Swedish.", Kind.BIBLIOGRAPHY)
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


#: Fields the handbook writes in English that need a Swedish twin (`note_sv`); `title_sv` is optional,
#: for a title that describes a source rather than naming it.
DESCRIPTIVE = ("note", "howpublished")
TRANSLATED = DESCRIPTIVE + ("title",)
#: The edition's language, set when the build starts (each edition builds in its own process).
_language = {"code": "en"}


def _in_language(entry, language: str):
    """The entry as the edition shows it: in Swedish, each field's `_sv` twin in place of the field."""
    if language != "sv" or not any(f"{name}_sv" in entry.fields for name in TRANSLATED):
        return entry
    fields = {name: value for name, value in entry.fields.items() if not name.endswith("_sv")}
    fields.update({name: entry.fields[f"{name}_sv"] for name in TRANSLATED if f"{name}_sv" in entry.fields})
    translated = Entry(entry.type, fields=fields, persons=entry.persons)
    translated.key = entry.key
    return translated


class HandbookStyle(UnsrtStyle):
    default_label_style = "handbook-shorthand"
    default_sorting_style = "handbook-shorthand"

    def format_entry(self, label, entry, bib_data=None):
        return super().format_entry(label, _in_language(entry, _language["code"]), bib_data=bib_data)


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
