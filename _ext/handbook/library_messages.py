"""The libraries' own messages for a contributor's mistake, with a fix.

Sphinx and MyST already report some mistakes well (file, line, what), but
without saying what to do.  For each such message kind below, the handbook
adds the fix to the same message, so that it still appears once, in the
form `file:line: WARNING: what is wrong. Fix: what to do. [library.kind]`.
A kind that the handbook reports itself is silenced in conf.py instead
(suppress_warnings) and listed in messages.py.
"""
from __future__ import annotations

import logging

from sphinx.util.logging import NAMESPACE, WarningStreamHandler

# (type, subtype): the fix.
FIXES = {
    ("myst", "directive_unknown"): "check the directive's name: the handbook uses {admonition}, {note}, {warning}, {tip}, "
                                   "{figure}, {glossary}, {toctree}, {bibliography}, {from-the-case} and sphinx-design's {grid} and {card}.",
    ("myst", "role_unknown"): "check the role's name: the handbook uses {ref}, {term}, {doc}, {cite:p}, {cite:t} and {download}; "
                              "for plain text such as a key to press, write `Enter` without a role.",
    ("myst", "xref_missing"): "link to a page or label that exists; the page's labels are the (label)= lines in its source.",
    ("image", "not_readable"): "put the image file where the path says (relative to this page, or under _static/), "
                               "and check the name and its upper and lower case.",
    ("toc", "not_readable"): "list the page in the toctree by its path without .md, relative to this index page.",
}


class _AddFix(logging.Filter):
    def filter(self, record) -> bool:
        fix = FIXES.get((getattr(record, "type", None), getattr(record, "subtype", None)))
        if fix and " Fix: " not in str(record.msg):
            fix = fix.replace("%", "%%") if record.args else fix
            message, tag = str(record.msg), f" [{record.type}.{record.subtype}]"
            body = message.removesuffix(tag)
            record.msg = f"{body.rstrip('.')}. Fix: {fix}" + (tag if body != message else "")
        return True


def setup(app):
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(isinstance(f, _AddFix) for f in handler.filters):
            handler.addFilter(_AddFix())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
