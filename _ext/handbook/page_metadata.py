"""Page metadata: one schema for the front matter, checked and shown.

Every page declares who owns it and when it was last reviewed.  This module
- checks the front matter against SCHEMA (file, line, field, expected form);
- shows owner, last review and next review due under the page title;
- shows a banner on a page that is past its review date (a note in the
  build log too, never a failure: time passing must not break the build);
- shows a notice on a withdrawn page, linking to its replacement;
- uses `summary` as the page's meta description;
- `keywords` feed the search (search.py); here they are only checked.
"""
from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from pathlib import Path

from .markdown import WRITE_MARKER, FrontMatter, front_matter, page
from .messages import Kind
from .report import problem
from .translations import _

logger = logging.getLogger("handbook")

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REVIEW_IN = re.compile(r"^(\d{1,2}) (month|months)$")


@dataclass(frozen=True)
class Field:
    required: bool
    form: str
    valid: Callable[[object], bool]


def _one_sentence(value: object) -> bool:
    text = str(value).strip()
    return 10 <= len(text) <= 200 and text.endswith(".") and "\n" not in text


def _date(value: object) -> dt.date | None:
    """The date an ISO date value names, quoted or not, or None."""
    if not ISO_DATE.match(str(value)):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _iso_date(value: object) -> bool:
    return _date(value) is not None


def _text(value: object) -> bool:
    return isinstance(value, str) and 2 <= len(value.strip()) <= 80


KEYWORD = re.compile(r"^[\w][\w' -]{0,38}[\w]$")


def _keywords(value: object) -> bool:
    """Words and phrases readers search for, comma-separated, on one line (used by search.py)."""
    if not isinstance(value, str) or "\n" in value:
        return False
    words = [word.strip() for word in value.split(",")]
    return 1 <= len(words) <= 20 and all(KEYWORD.match(word) for word in words)


SCHEMA: dict[str, Field] = {
    "summary": Field(True, "one sentence of at most 200 characters, ending with a full stop", _one_sentence),
    "owner": Field(True, "a role, not a person, for example 'Head of digital communications'", _text),
    "last_reviewed": Field(True, "an ISO date, for example 2026-11-30", _iso_date),
    "review_in": Field(True, "a number of months, for example '12 months'", lambda v: bool(REVIEW_IN.match(str(v)))),
    "status": Field(False, "'current' or 'withdrawn'", lambda v: v in ("current", "withdrawn")),
    "withdrawn_reason": Field(False, "one sentence saying why the page was withdrawn", _one_sentence),
    "replaced_by": Field(False, "the label of the page that replaces this one, for example guidance-records", lambda v: bool(re.match(r"^[a-z0-9-]+$", str(v)))),
    "keywords": Field(False, "words readers search for that the page does not use, separated by commas on one line, "
                             "for example 'hacked, stolen password' (at most 20, each 2 to 40 letters, digits, spaces or hyphens)", _keywords),
}


def review_due(meta: dict) -> dt.date:
    """The date the next review is due: last_reviewed plus review_in."""
    last = dt.date.fromisoformat(str(meta["last_reviewed"]))  # a date, or its text
    months = int(REVIEW_IN.match(str(meta["review_in"])).group(1))
    month_index = last.month - 1 + months
    year, month = last.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(last.day, calendar.monthrange(year, month)[1]))


def page_meta(env, docname: str) -> dict | None:
    """The page's validated metadata, or None if it did not pass the checks."""
    meta = env.metadata.get(docname, {})
    if not all(key in meta for key, field in SCHEMA.items() if field.required):
        return None
    try:
        review_due(meta)
    except (ValueError, AttributeError):
        return None
    return meta


FIX_SHAPE = ("start the page with a '---' line, the fields as 'key: value' lines, and a closing '---' line "
             "(see _templates/chapter.md, or run make new-chapter).")


def check_front_matter(app, docname: str, source: list[str]) -> None:
    fm = page(app, source[0]).front_matter
    if fm is None:
        problem(docname, 1, "The page has no front matter.", FIX_SHAPE, Kind.METADATA)
        return
    if fm.error:
        problem(docname, fm.error_line, fm.error, fm.error_fix or FIX_SHAPE, Kind.METADATA)
        return
    reported = set()

    def report(line, what, fix):
        reported.add(line)
        problem(docname, line, what, fix, Kind.METADATA)

    data = fm.data
    for key in data:
        if key not in SCHEMA:
            report(fm.lines.get(key, 2), f"Unknown front-matter field '{key}'.", f"use only these fields: {', '.join(SCHEMA)}.")
    for key, field in SCHEMA.items():
        if key not in data:
            if field.required:
                report(fm.last_line, f"The front matter has no '{key}' field.", f"add '{key}: ...' with {field.form}.")
        elif WRITE_MARKER in str(data[key]):
            continue  # the template rule reports every leftover instruction, once per page
        elif not field.valid(data[key]):
            report(fm.lines.get(key, 2), f"The field '{key}' has the value {data[key]!r}.", f"write {field.form}.")
    if data.get("status") == "withdrawn":
        for key in ("withdrawn_reason", "replaced_by"):
            if key not in data:
                report(fm.lines.get("status", 2), f"A withdrawn page needs '{key}'.", f"add '{key}: ...' with {SCHEMA[key].form}.")
    reviewed = _date(data.get("last_reviewed", ""))
    if reviewed and reviewed > dt.date.today():
        report(fm.lines["last_reviewed"], "The field 'last_reviewed' is in the future.", "write the date of the review you actually did.")
    if fm.bad_date_line and fm.bad_date_line not in reported:
        report(fm.bad_date_line, "This value looks like a date but is not one.", "write a real date as YYYY-MM-DD, or put the text in quotes.")


def hide_unreadable_front_matter(app, docname: str, source: list[str]) -> None:
    """After the checks: blank out front matter that MyST cannot read.

    MyST would report malformed YAML a second time, at line 1, and raises on
    an impossible date (a traceback that blames Sphinx).  The handbook has
    already reported the mistake at its line, so MyST gets blank lines
    instead: every other line keeps its number.
    """
    fm = page(app, source[0]).front_matter
    if fm is not None and (fm.error or fm.bad_date_line):
        lines = source[0].split("\n")
        source[0] = "\n" * fm.last_line + "\n".join(lines[fm.last_line:])


def _title_section(doctree):
    for section in doctree.findall(nodes.section):
        return section
    return None


def add_withdrawn_notice(app, doctree) -> None:
    """At read time, so that the link to the replacement is checked like any other."""
    docname = app.env.docname
    meta = app.env.metadata.get(docname, {})
    if meta.get("status") != "withdrawn" or "replaced_by" not in meta:
        return
    section = _title_section(doctree)
    if section is None:
        return
    notice = nodes.admonition(classes=["withdrawn-notice", "danger"])
    notice += nodes.title("", _("This page is withdrawn"))
    para = nodes.paragraph()
    before, after = _("{reason} Use {replacement} instead.").format(reason=meta.get("withdrawn_reason", ""), replacement="\0").split("\0")
    para += nodes.Text(before)
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=meta["replaced_by"],
                                refexplicit=False, refwarn=True, refdoc=docname)
    # A missing label is reported at the front-matter line that names it (references.py).
    ref.source = str(app.env.doc2path(docname))
    ref.line = (front_matter(Path(ref.source).read_text(encoding="utf-8")) or FrontMatter(None, {}, 1, 1)).lines.get("replaced_by")
    ref += nodes.inline("", meta["replaced_by"])
    para += ref
    para += nodes.Text(after)
    notice += para
    section.insert(1, notice)


def add_review_lines(app, doctree, docname: str) -> None:
    """At write time, so that 'overdue' is judged on the day of the build.

    The PDF is made from the single-page build, one document of all pages, so
    there each included page gets its own line under its own title.
    """
    _add_review_line(app, docname, _title_section(doctree))
    if app.builder.name == "singlehtml":
        for start in list(doctree.findall(addnodes.start_of_file)):
            _add_review_line(app, start["docname"], next(start.findall(nodes.section), None))


def _add_review_line(app, docname: str, section) -> None:
    meta = page_meta(app.env, docname)
    if meta is None or section is None:
        return
    due = review_due(meta)
    line = nodes.paragraph(classes=["page-review"])
    line += nodes.Text(_("Owner: {owner} · Last reviewed: {reviewed} · Next review due: {due}").format(
        owner=meta["owner"], reviewed=meta["last_reviewed"], due=due.isoformat()))
    section.insert(1, line)
    if due < dt.date.today() and meta.get("status") != "withdrawn":
        banner = nodes.admonition(classes=["review-overdue", "warning"])
        banner += nodes.title("", _("This page is overdue for review"))
        banner += nodes.paragraph("", _("Its review was due on {due}. Check the guidance against current law and practice "
                                        "before you rely on it, and tell the owner ({owner}).").format(due=due.isoformat(), owner=meta["owner"]))
        section.insert(2, banner)
        logger.info("%s: review overdue since %s (owner: %s)", docname, due.isoformat(), meta["owner"])


def add_meta_description(app, pagename, templatename, context, doctree) -> None:
    meta = app.env.metadata.get(pagename, {})
    if "summary" in meta:
        context["metatags"] = context.get("metatags", "") + (
            f'\n    <meta name="description" content="{html.escape(str(meta["summary"]))}" />'
        )


def setup(app):
    app.connect("source-read", check_front_matter)
    app.connect("source-read", hide_unreadable_front_matter, priority=900)
    # After translations.py has put the translated withdrawn_reason in env.metadata (priority 800).
    app.connect("doctree-read", add_withdrawn_notice, priority=850)
    app.connect("doctree-resolved", add_review_lines)
    app.connect("html-page-context", add_meta_description)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
