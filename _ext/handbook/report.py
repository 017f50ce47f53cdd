"""One way to tell a contributor what is wrong: file, line, problem, fix.

Every handbook check reports through `problem()`, so every message has the
same shape and every message can be silenced or tested by its subtype.
"""
from __future__ import annotations

from sphinx.util import logging

logger = logging.getLogger("handbook")


def problem(docname: str, line: int | None, what: str, fix: str, subtype: str) -> None:
    """Log a build-failing warning at docname:line, with a fix hint."""
    location = (docname, line) if line else docname
    logger.warning(
        "%s Fix: %s",
        what,
        fix,
        location=location,
        type="handbook",
        subtype=subtype,
    )
