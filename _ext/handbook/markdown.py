"""Parse a page's Markdown source once, the way MyST does, for the checks.

The checks read the raw source (not the doctree) because MyST renders
forbidden syntax, such as raw HTML, as harmless text: only the token stream
still shows what the contributor wrote, and where.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

# Raw HTML is switched on here on purpose, so that the checks can see it.
_PARSER = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "tasklist"}), RendererHTML
)


@dataclass
class FrontMatter:
    """The page's YAML front matter, with the source line of each key."""

    data: dict | None
    lines: dict[str, int]
    first_line: int  # line of the opening '---'
    last_line: int  # line of the closing '---'
    error: str | None = None
    error_line: int | None = None


def tokens(source: str):
    """All tokens, flattened (inline children follow their parent)."""
    flat = []
    for token in _PARSER.parse(source):
        flat.append(token)
        for child in token.children or []:
            if child.map is None:
                child.map = token.map
            flat.append(child)
    return flat


def line_of(token) -> int | None:
    """1-based source line of a token, if known."""
    return token.map[0] + 1 if token.map else None


def front_matter(source: str) -> FrontMatter | None:
    """Read the front matter block at the very top of the page, if there is one."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    try:
        end = next(i for i, text in enumerate(lines[1:], start=1) if text.strip() == "---")
    except StopIteration:
        return FrontMatter(None, {}, 1, 1, "The front matter has no closing '---' line.", 1)
    text = "\n".join(lines[1:end])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        # The start of the broken construct is where a person looks first.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = mark.line + 2 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return FrontMatter(None, {}, 1, end + 1, f"The front matter is not valid YAML: {reason}.", where)
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, (yaml.MappingNode, type(None))):
        return FrontMatter(None, {}, 1, end + 1, "The front matter must be 'key: value' lines.", 2)
    key_lines = {}
    if node is not None:
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return FrontMatter(data, key_lines, 1, end + 1)
