"""One way to tell a contributor what is wrong: file, line, problem, fix.

Every handbook check reports through `problem()`, so every message has the
same shape, `file:line: WARNING: what is wrong. Fix: what to do. [handbook.kind]`,
and can be tested or silenced by its kind (see messages.py).
"""
from __future__ import annotations

from sphinx.util import logging

from .messages import Kind

logger = logging.getLogger("handbook")


def problem(where: str, line: int | None, what: str, fix: str, kind: Kind) -> None:
    """Log a build-failing warning at where:line, with a fix hint.

    `where` is a docname, or the path of a file that is not a page (references.bib).
    """
    location = (where, line) if line else where
    if "." in where.rsplit("/", 1)[-1]:  # a file such as references.bib, not a docname
        location = f"{where}:{line}" if line else where
    logger.warning("%s Fix: %s", what, fix, location=location, type="handbook", subtype=Kind(kind).value)
