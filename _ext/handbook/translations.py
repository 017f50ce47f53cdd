"""What gettext does not translate by itself, for the Swedish edition.

English is the source; the page catalogs in locales/sv/LC_MESSAGES translate
each page's text (Sphinx's i18n).  This module covers the rest:

- The handbook's own reader-facing strings (review line, banners, the
  from-the-case box, the generated tables) are marked with `_()` from
  `sphinx.locale.get_translation("handbook")`; their Swedish is in
  _ext/handbook/locales/sv/LC_MESSAGES/handbook.po.
- The theme's and Sphinx's interface strings that have no Swedish
  (pydata-sphinx-theme 0.20.0 has no sv catalog, sphinx-book-theme 1.4.0's is
  machine-made): _ext/handbook/locales/sv/LC_MESSAGES/sphinx.po, the "sphinx"
  domain that the themes' templates use.  The project's own
  locales/sv/LC_MESSAGES/sphinx.po (the handbook's templates) comes first.
- Both catalogs are compiled to .mo when the build starts (only the .po files
  are in git).
- Front-matter text that readers see (`summary`, the meta description;
  `owner`; `withdrawn_reason`) or search for (`keywords`, the words the
  page's search entry is found by: the translation is the Swedish reader's
  words, comma-separated) goes into the page's own catalog: a hidden
  paragraph that Sphinx's Locale transform translates like any other.  After
  reading, the translated text replaces the English in env.metadata, and the
  paragraph is removed from every output except the gettext builder's.
- In the Swedish edition each template's Swedish version (a code block whose
  caption says "(svenska)") comes before the English one it follows.
- Sphinx 9.0.4's doctools.js turns the catalog's plural rule into code with
  `new Function` (refused by the site's Content-Security-Policy, so every
  Swedish page threw an error) and indexes with its boolean result: for
  Swedish's two forms it gets a plain function.
- Speed: Sphinx's Locale transform parses every translated message with MyST
  (twice), and myst-parser 5.2.0's renderer builds a throw-away document with
  fresh docutils default settings on every parse (`options.get("document",
  make_document())` evaluates its default each time), about 3 ms of optparse a
  message: half the Swedish edition's build.  `make_document` gets the default
  settings once per parser class and a copy of them each time; and while the
  Locale transform runs (never inside another parse), MyST's Markdown parser
  is made once and reused instead of once per message.  Together they cut the
  Swedish edition's extra CPU time by about two thirds (no upstream issue
  found, 2026-11-30; check again when updating myst-parser).
- sphinx-copybutton 0.5.2 has no Swedish ("Copy", "Copied!"): its script gets
  a Swedish entry.  Its messages are hard-coded per language in
  copybutton.js_t, and new languages are added upstream by pull request
  (executablebooks/sphinx-copybutton#113); no Swedish one yet (2026-11-30).
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import CatalogRepository

_ = get_translation("handbook")

LOCALE_DIR = Path(__file__).parent / "locales"
#: Front-matter fields whose text readers see or search for.
TRANSLATED_FIELDS = ("summary", "owner", "withdrawn_reason", "keywords")
SWEDISH_TEMPLATE = "(svenska)"

COPYBUTTON_SV = """  'sv': {
    'copy': 'Kopiera',
    'copy_to_clipboard': 'Kopiera till urklipp',
    'copy_success': 'Kopierat!',
    'copy_failure': 'Det gick inte att kopiera',
  },
"""


def settings_made_once() -> None:
    """myst-parser 5.2.0: make_document() with the parser's default settings built once, copied per document."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from myst_parser.mdit_to_docutils import base

    if getattr(base.make_document, "handbook_cached", False):
        return
    defaults: dict = {}
    original = base.make_document

    def make_document(source_path="notset", parser_cls=original.__defaults__[1]):
        if parser_cls not in defaults:
            defaults[parser_cls] = get_default_settings(parser_cls)
        return new_document(source_path, settings=copy.copy(defaults[parser_cls]))

    make_document.handbook_cached = True
    base.make_document = make_document


_TRANSLATING: dict = {}


def parser_made_once_while_translating() -> None:
    """myst-parser 5.2.0: MystParser.parse makes a new MarkdownIt parser each time; during the
    Locale transform (one paragraph per message, no parse inside another) it reuses one."""
    from myst_parser.parsers import sphinx_ as myst_sphinx

    original = myst_sphinx.create_md_parser
    if getattr(original, "handbook_cached", False):
        return

    def create_md_parser(config, renderer):
        if not _TRANSLATING.get("on"):
            return original(config, renderer)
        key = (id(config), renderer)
        if key not in _TRANSLATING:
            _TRANSLATING[key] = (config, original(config, renderer))  # the config is kept, so its id stays its own
        return _TRANSLATING[key][1]

    create_md_parser.handbook_cached = True
    myst_sphinx.create_md_parser = create_md_parser


class TranslatingStarts(SphinxTransform):
    """Just before Sphinx's Locale transform (priority 20): reuse one Markdown parser for its messages."""

    default_priority = 19

    def apply(self, **kwargs) -> None:
        _TRANSLATING.clear()
        _TRANSLATING["on"] = True


class TranslatingEnds(SphinxTransform):
    """Just after it: every later parse gets a parser of its own again (handbook.translated_ids makes the ids unique)."""

    default_priority = 21

    def apply(self, **kwargs) -> None:
        _TRANSLATING.clear()


def stop_translating(app, docname, source) -> None:
    """A document that failed in the middle of the Locale transform must not leave the shared parser on."""
    _TRANSLATING.clear()


def compile_catalogs(language: str | None) -> None:
    """Compile the handbook's .po files for `language` to .mo, where the .mo is missing or older."""
    if not language:
        return
    for catalog in CatalogRepository(str(LOCALE_DIR.parent), ["locales"], language, "utf-8").catalogs:
        if catalog.is_outdated():
            catalog.write_mo(language)


class front_matter_text(nodes.paragraph):
    """A front-matter value, in the doctree only so that it is extracted and translated."""


class TranslatableFrontMatter(SphinxTransform):
    """Before Sphinx's Locale transform (priority 20): put the readable front-matter values in the doctree."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        meta = self.env.metadata.get(self.env.docname, {})
        for field in TRANSLATED_FIELDS:
            value = meta.get(field)
            if isinstance(value, str) and value.strip():
                para = front_matter_text(value, value, field=field)
                para.source, para.line = self.document["source"], 1
                self.document += para


def translated_front_matter(app, doctree) -> None:
    """After reading: env.metadata holds the translated values (the meta description, the review line)."""
    meta = app.env.metadata.setdefault(app.env.docname, {})
    for node in doctree.findall(front_matter_text):
        meta[node["field"]] = node.astext()


def drop_front_matter_text(app, doctree, docname: str) -> None:
    if app.builder.name == "gettext":
        return
    for node in list(doctree.findall(front_matter_text)):
        node.parent.remove(node)


def template_blocks(doctree) -> list[tuple[nodes.container, bool]]:
    """Each template (a code block with a caption) and whether it is the Swedish one ("(svenska)" in its caption)."""
    return [(block, SWEDISH_TEMPLATE in block.children[0].astext())
            for block in doctree.findall(nodes.container)
            if block.get("literal_block") and block.children and isinstance(block.children[0], nodes.caption)]


class SwedishTemplateFirst(SphinxTransform):
    """In the Swedish edition, a Swedish template comes before the English one it follows."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if self.config.language != "sv":
            return
        for block, swedish in template_blocks(self.document):
            if not swedish:
                continue
            parent = block.parent
            index = parent.index(block)
            before = parent[index - 1] if index else None
            if isinstance(before, nodes.container) and before.get("literal_block"):
                parent.remove(block)
                parent.insert(index - 1, block)


def copybutton_in_swedish(app, exception) -> None:
    if exception or app.builder.format != "html" or app.config.language != "sv":
        return
    script = Path(app.outdir) / "_static" / "copybutton.js"
    if script.is_file():
        text = script.read_text(encoding="utf-8")
        if "'sv':" not in text:
            script.write_text(text.replace("const messages = {\n", "const messages = {\n" + COPYBUTTON_SV, 1), encoding="utf-8")


#: Sphinx 9.0.4's doctools.js builds the plural rule with `new Function`, which the site's
#: Content-Security-Policy (assets.py: no 'unsafe-eval') refuses, and indexes with its boolean result.
PLURAL_FUNCTION = re.compile(r"Documentation\.PLURAL_EXPR = new Function\(\s*\"n\",\s*`return \(\$\{catalog\.plural_expr\}\)`,\s*\);")
PLURAL_TWO_FORMS = "Documentation.PLURAL_EXPR = (n) => (n === 1 ? 0 : 1);  // nplurals=2; plural=(n != 1) (handbook)"


def plural_without_eval(app, exception) -> None:
    """Swedish, like English, has two forms: singular for 1, plural otherwise.  No eval needed."""
    if exception or app.builder.format != "html":
        return
    script, catalog = Path(app.outdir) / "_static" / "doctools.js", Path(app.outdir) / "_static" / "translations.js"
    if script.is_file() and catalog.is_file() and '"plural_expr": "(n != 1)"' in catalog.read_text(encoding="utf-8"):
        script.write_text(PLURAL_FUNCTION.sub(PLURAL_TWO_FORMS, script.read_text(encoding="utf-8")), encoding="utf-8")


#: The myst-parser whose internals the two speed-ups above were checked against (requirements.txt).
SPED_UP_MYST = "5.2.0"


def setup(app):
    import myst_parser

    # Another myst-parser may differ inside: then the build is slower, never wrong.
    if myst_parser.__version__ == SPED_UP_MYST:
        settings_made_once()
        parser_made_once_while_translating()
    app.add_transform(TranslatingStarts)
    app.add_transform(TranslatingEnds)
    app.connect("source-read", stop_translating)
    compile_catalogs(app.config.language)
    app.add_message_catalog("handbook", str(LOCALE_DIR))
    app.add_message_catalog("sphinx", str(LOCALE_DIR))
    app.add_node(front_matter_text)
    app.add_transform(TranslatableFrontMatter)
    app.add_transform(SwedishTemplateFirst)
    app.connect("doctree-read", translated_front_matter, priority=800)
    app.connect("doctree-resolved", drop_front_matter_text, priority=100)
    # Before _ext/handbook/assets.py bundles the scripts (priority 900).
    app.connect("build-finished", copybutton_in_swedish, priority=400)
    app.connect("build-finished", plural_without_eval, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
