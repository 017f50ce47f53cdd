"""Every kind of contributor mistake the handbook reports, in one list.

Each kind is a warning subtype, `handbook.<value>`: a message can be
tested, or silenced in conf.py's `suppress_warnings`, by its kind.  The
docstring under each kind says which mistake it catches and how to fix it;
the message itself names the file, the line and the fix for that case.
(Modelled on MyST-Parser's `myst_parser/warnings_.py`.)
"""
from __future__ import annotations

from enum import Enum


class Kind(Enum):
    """What kind of mistake a message reports."""

    METADATA = "metadata"
    """Front matter missing, not valid YAML, an unknown field, or a value of the wrong form
    (an impossible or future date, a summary that is not one sentence).
    Fix: write the field as _templates/chapter.md shows it."""

    TEMPLATE = "template"
    """A `[WRITE: ...]` instruction from _templates/chapter.md is still on the page.
    Fix: replace it with the chapter's own text, or delete it."""

    LABEL = "label"
    """The page does not start with a `(label)=` line, or a label is not kebab-case.
    Fix: put `(part-topic)=` on the line before the title."""

    DUPLICATE_LABEL = "duplicate-label"
    """Two places define the same label, so links to it go to only one of them.
    Fix: rename the newer one and update the links to it."""

    RAW_HTML = "raw-html"
    """Raw HTML or a raw directive: unsafe, and lost in the PDF.
    Fix: write it in Markdown or a MyST directive."""

    IMAGE_ALT = "image-alt"
    """An image without alt text, which screen-reader users cannot read.
    Fix: say what the image shows."""

    DIAGRAM = "diagram"
    """A Graphviz diagram whose DOT text cannot be drawn.
    Fix: check it with `dot -Tsvg` and correct the syntax it reports."""

    HEADING_LEVEL = "heading-level"
    """A heading skips a level (## then ####), or a second # title, which breaks the page's outline.
    Fix: use the next level down; one # title per page."""

    FOOTNOTE = "footnote"
    """A footnote reference [^label] without its text.
    Fix: add '[^label]: text' at the end of the page, or delete the reference."""

    UNCLOSED_BLOCK = "unclosed-block"
    """A ``` or ::: block that is never closed, so the rest of the page silently ends up inside it.
    Fix: add the closing line where the block ends."""

    INSECURE_LINK = "insecure-link"
    """A link to http://.
    Fix: use https://, or cite the source in references.bib."""

    EXTERNAL_RESOURCE = "external-resource"
    """Something that makes the page load a file from another host: `{math}` (MathJax
    from a CDN) or an image by URL. The handbook's pages load nothing from elsewhere.
    Fix: write the formula in words, or save the image under _static/."""

    REFERENCE = "reference"
    """A link to a label, page or Markdown file that does not exist.
    Fix: link to one that exists; the message suggests the closest names."""

    TERM = "term"
    """A `{term}` that the glossary does not define.
    Fix: use the glossary's term, or add it to chapters/toolkit/glossary.md."""

    CITATION = "citation"
    """A citation key that references.bib does not have.
    Fix: cite an existing key, or add the source to references.bib."""

    BIBLIOGRAPHY = "bibliography"
    """references.bib cannot be read, or an entry has no `shorthand` (the label readers see).
    Fix: correct the entry the message names."""

    FROM_THE_CASE = "from-the-case"
    """A from-the-case box that is empty or names something that is not an interview answer or lesson.
    Fix: name labels from chapters/case/interview.md or lessons.md, and say how the chapter uses them."""

    REDIRECT = "redirect"
    """A page deleted or renamed since main without a line in redirects.txt, so old links break
    (make check-redirects). Fix: add 'old/path.md new/path.md' to redirects.txt."""

    DECISION_GUIDE = "decision-guide"
    """A decision guide's YAML tree that cannot be read, has a step without id, chart label or text,
    or an answer that goes to a step that does not exist (so chart, steps and walk-through would break).
    Fix: give every step an id, a chart label and a text, and point each answer's next at an id."""

    PLATFORM_LIMITS = "platform-limits"
    """_static/platform-limits.json is not valid JSON, or a platform lacks its limit or its source.
    Fix: give every platform an id, a name, a limit above 0, and the source and url it comes from."""

    ROUTE_RULE = "route-rule"
    """A sentence that a route rule (PROSE_ROUTES in settings.py) rewrites for an agency's own route
    no longer reads as the rule expects, in the page or in its Swedish catalog, so the rewrite would be lost.
    Fix: update the rule's words to the sentence as it now reads, or keep those words in the sentence."""

    TOC = "toc"
    """A page that is in no table of contents, so readers cannot find it.
    Fix: add it to its part's toctree."""

    def __str__(self) -> str:
        return self.value
