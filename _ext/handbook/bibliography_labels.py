"""Citation labels that readers recognise: [OSL], [JO 5875-2012], [C-210/16].

Registers the pybtex style "handbook": the plain style, labelled by each
entry's `shorthand` field and sorted by it.  An entry without a shorthand
stops the build with a message that names the entry.
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinx.errors import ExtensionError


def _shorthand(entry) -> str:
    try:
        return str(entry.fields["shorthand"])
    except KeyError:
        raise ExtensionError(
            f"references.bib: the entry '{entry.key}' has no 'shorthand' field. "
            "Fix: add shorthand = {...}, the short label readers see, for example {OSL} or {JO 5875-2012}."
        ) from None


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


def setup(app):
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
