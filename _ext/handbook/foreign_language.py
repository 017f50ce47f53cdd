"""Swedish words in the English edition carry lang="sv", so a screen reader says them in Swedish
and the PDF hyphenates them as Swedish; the Swedish edition gets no redundant lang.

Two ways a Swedish word appears in the English pages, one mark each:

- A glossary term: the glossary gives each entry its Swedish name first (chapters/toolkit/
  glossary.md says so), so in an entry with more than one name the first is Swedish. That
  name in the glossary, and every `{term}` link to it, is marked: nothing to write.
- Any other Swedish word or phrase: the role {sv}`handledning`.

A template in the other language is marked too: the Swedish template ("(svenska)" in its
caption) on an English page, and on a Swedish page the English template next to it.

The mark is docutils' class `language-sv`, which its HTML writer turns into `lang="sv"`
(docutils 0.22, writers/_html_base.py, starttag); so the website, the EPUB and the print
document that WeasyPrint reads all get it. In an edition whose language is Swedish nothing
is marked. (WeasyPrint 70 uses the lang for hyphenation but writes no /Lang for the span
into the PDF's tags.)
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from .state import track_per_page
from .translations import template_blocks

LANGUAGE = "sv"
MARK = f"language-{LANGUAGE}"


def sv_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{sv}`allmän handling`: a Swedish word or phrase in running text."""
    env = inliner.document.settings.env
    node = nodes.inline(rawtext, text)
    if env.config.language != LANGUAGE:
        node["classes"].append(MARK)
    return [node], []


def collect_swedish_terms(app, doctree) -> None:
    """The ids of each glossary entry's first (Swedish) name, where the entry has more than one."""
    found = set()
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            if len(terms) > 1 and terms[0]["ids"]:
                found.add(terms[0]["ids"][0])
                if app.config.language != LANGUAGE:
                    terms[0]["classes"].append(MARK)
    if found:
        app.env.handbook_swedish_terms[app.env.docname] = found


def mark_term_links(app, doctree, docname: str) -> None:
    if app.config.language == LANGUAGE:
        return
    swedish = set().union(*app.env.handbook_swedish_terms.values())
    if not swedish:
        return
    for reference in doctree.findall(nodes.reference):
        target = reference.get("refid") or reference.get("refuri", "").rpartition("#")[2]
        if target in swedish:
            for inline in reference.findall(nodes.inline):
                if "std-term" in inline["classes"]:
                    inline["classes"].append(MARK)


def mark_templates(app, doctree, docname: str) -> None:
    edition = app.config.language or "en"
    blocks = template_blocks(doctree)
    swedish = {id(block) for block, is_swedish in blocks if is_swedish}

    def beside_a_swedish_one(block) -> bool:
        siblings = block.parent.children
        index = siblings.index(block)
        return any(id(sibling) in swedish for sibling in siblings[max(index - 1, 0):index + 2])

    for block, is_swedish in blocks:
        if is_swedish and edition != LANGUAGE:
            language = LANGUAGE
        elif not is_swedish and edition == LANGUAGE and beside_a_swedish_one(block):
            language = "en"
        else:
            continue
        for literal in block.findall(nodes.literal_block):
            literal["classes"].append(f"language-{language}")


def setup(app):
    app.add_role("sv", sv_role)
    track_per_page(app, "handbook_swedish_terms")
    app.connect("doctree-read", collect_swedish_terms)
    app.connect("doctree-resolved", mark_term_links)
    app.connect("doctree-resolved", mark_templates)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
