"""Sphinx configuration for the agency social-media handbook.

Settings only. Behaviour lives in the small extensions under _ext/.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -----------------------------------------------------------------
project = "The agency social-media handbook"
author = "The handbook's contributors"
copyright = "2026, the handbook's contributors"
language = "en"

# -- General -----------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "sphinx.ext.graphviz",
    "sphinxcontrib.bibtex",
    "sphinxext.rediraffe",
    # The handbook's own rules and features, one module each (see _ext/README.md).
    "handbook",
]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "README.md",
    "**/README.md",
    "_ext",
    "CONTRIBUTING.md",
    "_build",
    "_drafts",
    "_templates",
    "tests",
    "tools",
    "locales",
    ".*",
    "**/.*",
    "node_modules",
]
templates_path = ["_templates"]
nitpicky = True
# The handbook reports these itself, once, at the line and with a fix (_ext/handbook/messages.py);
# the libraries' shorter messages would only repeat them.
suppress_warnings = ["toc.not_included", "ref.ref", "ref.term", "ref.doc", "myst.header", "bibtex.key_not_found"]

# -- MyST --------------------------------------------------------------------
# Raw HTML is off: contributors' pages stay safe and render the same in the PDF.
myst_disable_syntax = ["html_block", "html_inline"]
myst_enable_extensions = ["colon_fence", "tasklist"]
# Staff can tick checklist items on screen; _ext/handbook/checklists.py names each box.
myst_enable_checkboxes = True

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Agency social-media handbook"
html_static_path = ["_static"]
html_css_files = ["icons.css", "handbook.css"]
html_js_files = ["handbook.js"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_context = {"default_mode": "auto"}
# The book theme's sidebar, plus a PDF link where `make site` has built the PDF.
html_sidebars = {
    "**": ["handbook-logo.html", "sbt-sidebar-nav.html", "handbook-pdf.html"],
}
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # The language switcher (_ext/handbook/languages.py) before the theme's buttons.
    "article_header_end": ["handbook-language.html", "article-header-buttons.html"],
}

# -- LaTeX (PDF) -------------------------------------------------------------
latex_engine = "pdflatex"
# The PDF holds the parts, not the landing page: each part is a LaTeX \part.
latex_documents = [
    (root_doc, "agency-social-media-handbook.tex", project, author, "manual", True),
]
latex_toplevel_sectioning = "part"
latex_elements = {
    "papersize": "a4paper",
    # The printed contents list parts and chapters, whatever depth the landing page's web toctree has
    # (Sphinx derives tocdepth from index.md's :maxdepth:, which is 1 for the web).
    "preamble": r"\AtBeginDocument{\setcounter{tocdepth}{0}}",
}
latex_show_urls = "footnote"

# -- sphinx-copybutton -------------------------------------------------------
# Copy only what the reader would paste: never prompts or line numbers.
copybutton_exclude = ".linenos, .gp, .go"
copybutton_copy_empty_lines = True

# -- sphinxcontrib-bibtex ----------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "handbook"
bibtex_reference_style = "label"

# -- Graphviz ----------------------------------------------------------------
graphviz_output_format = "svg"

# -- sphinxext-rediraffe -----------------------------------------------------
# Old page -> new page. Add a line whenever you rename or delete a page.
rediraffe_redirects = "redirects.txt"
rediraffe_branch = "main"

# -- Translations ------------------------------------------------------------
# English is the source; Swedish catalogs live in locales/sv/LC_MESSAGES, one per page.
locale_dirs = ["locales"]
gettext_compact = False
gettext_location = False
gettext_uuid = False
# `make html` builds every edition into _build/html/<code>/; the first is the one readers get first.
handbook_languages = {"sv": "Svenska", "en": "English"}
# Settings that differ in an edition (html_theme_options.<option> sets one theme option).
handbook_edition_settings = {
    "sv": {
        "project": "Handboken om myndigheters sociala medier",
        "html_title": "Handbok om sociala medier för myndigheter",
        "author": "Handbokens skribenter",
        "copyright": "2026, handbokens skribenter",
        "html_theme_options.search_bar_text": "Sök …",
    },
}
