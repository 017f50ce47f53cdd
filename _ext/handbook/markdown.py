"""Parse a page's Markdown source once, the way MyST does, for the checks.

The checks read the raw source (not the doctree) because MyST renders
forbidden syntax, such as raw HTML, as harmless text: only the token stream
still shows what the contributor wrote, and where.

`page(app, text)` parses a page once (tokens and front matter together) and
every check on that page shares the result.  The parser is MyST's own, with
the extensions that conf.py's `myst_enable_extensions` switches on.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser


# How _templates/chapter.md marks each instruction; a page with one left is not finished.
WRITE_MARKER = "[WRITE"


@dataclass
class FrontMatter:
    """The page's YAML front matter, with the source line of each key.

    Dates stay text ("2026-01-15"), so that every value is checked as the
    contributor wrote it, quoted or not, and an impossible date is a value
    of the wrong form, never a crash.
    """

    data: dict | None
    lines: dict[str, int]
    first_line: int  # line of the opening '---'
    last_line: int  # line of the closing '---'
    error: str | None = None
    error_line: int | None = None
    error_fix: str | None = None
    # A value that MyST's own reading (yaml.safe_load) cannot turn into a date, such as
    # 2026-13-01: it raises there and stops the build with a traceback.
    bad_date_line: int | None = None


@dataclass
class Page:
    text: str
    tokens: list
    front_matter: FrontMatter | None

    def lines(self) -> list[str]:
        return self.text.splitlines()


class _TextDates(yaml.SafeLoader):
    """YAML's safe loader, but dates stay text."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@lru_cache(maxsize=4)
def _parser(extensions: tuple[str, ...]):
    # Raw HTML is switched on here on purpose, so that the checks can see it.
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


@lru_cache(maxsize=8)
def _parse(text: str, extensions: tuple[str, ...]) -> Page:
    flat = []
    for token in _parser(extensions).parse(text):
        flat.append(token)
        for child in token.children or []:
            if child.map is None:
                child.map = token.map
            flat.append(child)
    return Page(text, flat, front_matter(text))


def page(app, text: str) -> Page:
    """The page's tokens and front matter, parsed once for all the checks."""
    return _parse(text, tuple(sorted(app.config.myst_enable_extensions)))


def line_of(token) -> int | None:
    """1-based source line of a token, if known."""
    return token.map[0] + 1 if token.map else None


def front_matter(source: str) -> FrontMatter | None:
    """Read the front matter block at the very top of the page, if there is one."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    try:
        end = next(i for i, text in enumerate(lines[1:], start=1) if text.strip() in ("---", "..."))
    except StopIteration:
        return FrontMatter(None, {}, 1, 1, "The front matter has no closing '---' line.", 1)
    text = "\n".join(lines[1:end])
    loader = _TextDates(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # The start of the broken construct is where a person looks first.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = mark.line + 2 if mark else 2
        reason = getattr(exc, "problem", None) or str(exc)
        fix = "indent with spaces, never with a tab." if "'\\t'" in reason else None
        return FrontMatter(None, {}, 1, end + 1, f"The front matter is not valid YAML: {reason}.", where, error_fix=fix)
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return FrontMatter(None, {}, 1, end + 1, "The front matter must be 'key: value' lines.", 2)
    seen: dict[str, int] = {}
    for key, _ in node.value:
        line = key.start_mark.line + 2
        if str(key.value) in seen:  # YAML keeps the last one silently
            return FrontMatter(None, {}, 1, end + 1, f"The field '{key.value}' is given twice (lines {seen[str(key.value)]} and {line}).", line,
                               error_fix="keep one line for each field and delete the other.")
        seen[str(key.value)] = line
    key_lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value} if node is not None else {}
    return FrontMatter(data, key_lines, 1, end + 1, bad_date_line=_bad_date_line(node) if node is not None else None)


_TIMESTAMP = next(regexp for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values()
                  for tag, regexp in resolvers if tag == "tag:yaml.org,2002:timestamp")


def _bad_date_line(node) -> int | None:
    """The line of the first unquoted value that looks like a date but is none."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and _TIMESTAMP.match(node.value):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 2
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
    return next((line for child in children if (line := _bad_date_line(child))), None)
