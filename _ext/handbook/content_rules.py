"""Content rules for every page, checked on the Markdown source.

Each rule names the file and line and says how to fix the page:
- the page starts with front matter and then a label, `(label)=`;
- no raw HTML and no raw directive (MyST would print HTML as text, silently);
- every image has alt text;
- heading levels do not skip (## to ####);
- links use https://, never http://;
- no label is defined twice (Sphinx's parallel build drops duplicates silently);
- every page is in a table of contents;
- no `[WRITE: ...]` instruction from the chapter template is left on the page.
"""
from __future__ import annotations

import logging
import re

from .markdown import WRITE_MARKER, line_of, page
from .messages import Kind
from .report import problem
from .state import track_per_page

RAW_DIRECTIVES = {"raw", "{raw}"}
IMAGE_DIRECTIVES = {"{image}", "{figure}"}
LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _directive_name(token) -> str:
    return token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""


def check_source(app, docname: str, source: list[str]) -> None:
    parsed = page(app, source[0])
    stream = parsed.tokens
    labels: list[tuple[str, int]] = []
    _check_starts_with_label(docname, parsed)
    _check_template_leftovers(docname, parsed)
    last_level = 0
    for token in stream:
        line = line_of(token)
        kind = token.type
        if kind in ("html_block", "html_inline"):
            problem(docname, line, f"Raw HTML is not allowed: {token.content.strip()[:60]!r}.",
                    "write it in Markdown or a MyST directive (for example :::{note}), or put code in a fenced code block.", Kind.RAW_HTML)
        elif kind in ("fence", "colon_fence"):
            name = _directive_name(token)
            if _unclosed(token, parsed):
                problem(docname, line, f"The {token.markup} block opened here is never closed, so the rest of the page is inside it.",
                        f"add a line with {token.markup} where the block ends.", Kind.UNCLOSED_BLOCK)
            if _raw_directive_lines(token):
                problem(docname, line, "The raw directive is not allowed.",
                        "write the content in Markdown; the handbook must render the same in HTML and PDF.", Kind.RAW_HTML)
            if name in IMAGE_DIRECTIVES and not re.search(r"^:alt:\s*\S", token.content, re.M):
                problem(docname, line, "An image has no alt text.",
                        "add ':alt: what the image shows' to the directive.", Kind.IMAGE_ALT)
        elif kind == "image" and not "".join(c.content for c in token.children or []).strip():
            problem(docname, line, "An image has no alt text.",
                    "write what the image shows between the brackets: ![A police officer talking to residents](path.png).", Kind.IMAGE_ALT)
        elif kind == "heading_open":
            level = int(token.tag[1])
            if level == 1 and last_level:
                problem(docname, line, "The page has a second title (a heading with a single #).",
                        "make it a section with ##; each page has one # title, and a new topic gets its own page.", Kind.HEADING_LEVEL)
            if last_level and level > last_level + 1:
                problem(docname, line, f"The heading jumps from level {last_level} to level {level}.",
                        f"use {'#' * (last_level + 1)} here, or add the missing level above it.", Kind.HEADING_LEVEL)
            last_level = level
        elif kind == "link_open":
            href = token.attrGet("href") or ""
            if href.startswith("http://"):
                problem(docname, line, f"The link {href} is not secure.",
                        "use the https:// address; if the site has none, cite it in references.bib instead of linking.", Kind.INSECURE_LINK)
        elif kind == "myst_target":
            labels.append((token.content, line))
            if not LABEL.match(token.content):
                problem(docname, line, f"The label '{token.content}' is not in kebab-case.",
                        "use lower-case words joined by hyphens, for example (guidance-records-archiving)=.", Kind.LABEL)
    app.env.handbook_labels[docname] = labels
    for token in _undefined_footnotes(stream):
        label = token.meta["label"]
        problem(docname, line_of(token), f"The footnote [^{label}] has no text.",
                f"add a line '[^{label}]: the footnote's text' at the end of the page, or delete the reference.", Kind.FOOTNOTE)


def _undefined_footnotes(stream) -> list:
    defined = {t.meta.get("label") for t in stream if t.type == "footnote_reference_open"}
    return [t for t in stream if t.type == "footnote_ref" and t.meta.get("label") not in defined]


def hide_undefined_footnotes(app, docname: str, source: list[str]) -> None:
    """After the checks: [^label] without its text becomes plain text, so docutils does not
    report it twice more ("Too many autonumbered footnote references", "Unknown target name")."""
    undefined = _undefined_footnotes(page(app, source[0]).tokens)
    if not undefined:
        return
    lines = source[0].split("\n")
    for token in undefined:
        number, ref = token.map[0], f"[^{token.meta['label']}]"
        for index in range(number, token.map[1]):
            if ref in lines[index]:
                lines[index] = lines[index].replace(ref, "\\" + ref, 1)
                break
    source[0] = "\n".join(lines)


def _check_template_leftovers(docname, parsed) -> None:
    found = [number for number, text in enumerate(parsed.lines(), start=1) if WRITE_MARKER in text]
    if found:
        more = f" (also on lines {', '.join(map(str, found[1:]))})" if found[1:] else ""
        problem(docname, found[0], f"The page still has {len(found)} instruction(s) from the chapter template{more}.",
                "replace each [WRITE: ...] with the chapter's own text (owner and summary included), or delete it.", Kind.TEMPLATE)


def _unclosed(token, parsed) -> bool:
    """A fence whose block runs to the end of the page without its closing marker."""
    lines = parsed.lines()
    if not token.map or token.map[1] < len(lines):
        return False
    last = lines[token.map[1] - 1].strip() if token.map[1] - 1 > token.map[0] else ""
    return not (last.startswith(token.markup) and set(last) <= set(token.markup[0]))


def _raw_directive_lines(token) -> list[int]:
    """Source lines (0-based) that open a raw directive in a fence, if any."""
    name = _directive_name(token)
    if name in RAW_DIRECTIVES:
        return [token.map[0]]
    if name == "{eval-rst}":
        return [token.map[0] + 1 + i for i, text in enumerate(token.content.splitlines()) if text.strip().startswith(".. raw::")]
    return []


def hide_raw_directives(app, docname: str, source: list[str]) -> None:
    """After the checks: a raw directive becomes a code block.

    The handbook has reported it already; docutils would report it a second
    time ("raw" directive disabled).  Every line keeps its number.
    """
    lines = source[0].split("\n")
    changed = False
    for token in page(app, source[0]).tokens:
        if token.type in ("fence", "colon_fence") and token.map:
            for number in _raw_directive_lines(token):
                text = lines[number]
                indent = text[: len(text) - len(text.lstrip())]
                lines[number] = indent + (".. code-block:: text" if text.strip().startswith("..") else f"{token.markup}{{code-block}} text")
                changed = True
    if changed:
        source[0] = "\n".join(lines)


def _check_starts_with_label(docname, parsed) -> None:
    fm = parsed.front_matter
    if fm is not None and fm.error and fm.last_line == fm.first_line:
        return  # no closing '---': the page's end is unknown, and page_metadata has said so
    after = fm.last_line if fm else 0
    first = next((t for t in parsed.tokens if t.map and t.map[0] + 1 > after and t.type != "front_matter" and t.level == 0), None)
    if first is None or first.type != "myst_target":
        problem(docname, line_of(first) if first else after + 1, "The page does not start with a label.",
                f"put a label on the line before the title, after the front matter, for example ({docname.replace('/', '-').replace('chapters-', '')})=.", Kind.LABEL)


def _owner(label: str, found: list[tuple[str, int]], env) -> tuple[str, int]:
    """The definition that keeps the label: the one that is its page's own label
    (the first on the page, before the title), otherwise the first one found."""
    for docname, line in found:
        if env.handbook_labels[docname][:1] == [(label, line)]:
            return docname, line
    return found[0]


class _SphinxDuplicateLabel(logging.Filter):
    """Sphinx's own duplicate-label message (serial builds only) has no type to suppress it by;
    the handbook reports the same mistake once, with the place that keeps the label."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith("duplicate label %s")


def check_project(app, env) -> None:
    places: dict[str, list[tuple[str, int]]] = {}
    for docname in sorted(env.handbook_labels):
        for label, line in env.handbook_labels[docname]:
            places.setdefault(label, []).append((docname, line))
    for label, found in places.items():
        if len(found) < 2:
            continue
        keep = _owner(label, found, env)
        for docname, line in found:
            if (docname, line) != keep:
                problem(docname, line, f"The label '{label}' is already defined in {env.doc2path(keep[0], False)}:{keep[1]}.",
                        "give this one a new, unique name and update the links to it.", Kind.DUPLICATE_LABEL)
    included = env.toctree_includes
    listed = {doc for children in included.values() for doc in children}
    for docname in sorted(env.found_docs):
        if docname != app.config.root_doc and docname not in listed and docname in env.all_docs:
            problem(docname, None, "The page is not in any table of contents.",
                    "add it to the toctree of its part's index.md (or of index.md), in the place where readers should find it.", Kind.TOC)


def setup(app):
    track_per_page(app, "handbook_labels")
    app.connect("source-read", check_source)
    app.connect("source-read", hide_raw_directives, priority=900)
    app.connect("source-read", hide_undefined_footnotes, priority=901)
    logging.getLogger("sphinx.sphinx.domains.std").addFilter(_SphinxDuplicateLabel())
    app.connect("env-check-consistency", check_project)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
