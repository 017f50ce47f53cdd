"""Sphinx configuration for the agency social-media handbook.

Settings only. Behaviour lives in the small extensions under _ext/.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
from handbook.settings import read  # noqa: E402  (tomllib; checked with file:line messages at build time)

# -- The agency's own values (name, routes, accounts): edit handbook.toml, not this file.
handbook_settings = read(Path(__file__).parent / "handbook.toml")

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
    "sphinx_sitemap",
    "notfound.extension",
    "sphinxext.opengraph",
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
# The one published address: canonical links, sitemap, robots.txt, OpenGraph and
# api/pages.json all start with it. Read the Docs sets its own for its builds;
# an agency sets its own in handbook.toml ([site] base_url), which wins.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://agency-handbook.github.io/social-media-handbook/")
html_static_path = ["_static"]
html_css_files = ["icons.css", "handbook.css"]
html_js_files = ["handbook.js"]
html_favicon = "_static/favicon.svg"
html_logo = "_static/logo.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_context = {"default_mode": "auto"}
# The book theme's sidebar, plus a PDF link where `make site` has built the PDF.
html_sidebars = {
    "**": ["handbook-logo.html", "search-button-field.html", "sbt-sidebar-nav.html", "handbook-pdf.html"],
}
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # The title beside the logo names the link, so the image itself is decorative (alt="").
    "logo": {"text": html_title},
    # The language switcher (_ext/handbook/languages.py) before the theme's buttons.
    "article_header_end": ["handbook-language.html", "article-header-buttons.html"],
}

# -- Web conventions (sitemap, 404, share previews) ---------------------------------
# Each edition's sitemap lists its pages at <site root><lang>/<page>, with both editions as
# alternates (_ext/handbook/languages.py sets the site root and each edition's html_baseurl).
sitemap_url_scheme = "{lang}{link}"
sitemap_locales = ["sv", "en"]
sitemap_excludes = ["404.html", "search.html", "genindex.html"]
# sphinx-notfound-page: the 404 page's links start at html_baseurl's path (_ext/handbook/web_conventions.py).
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>This page has moved or never existed. Use the contents or the search to find what you need.</p>",
}
# sphinxext-opengraph: descriptions and card images come from each page's front matter (_ext/handbook/social_cards.py);
# its site address and name follow html_baseurl and html_title (_ext/handbook/web_conventions.py).
ogp_enable_meta_description = False
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']

# -- PDF and EPUB ------------------------------------------------------------
# `make pdf` renders the singlehtml build with _static/print.css (tools/build_pdf.py);
# `make epub` runs Sphinx's epub builder (tools/build_epub.py), which sets the file name.
# Files the EPUB does not need: the print style sheet, and the composer's limits (their values are in the page).
epub_exclude_files = ["_static/print.css", "_static/platform-limits.json"]
epub_show_urls = "no"

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

# -- linkcheck (make linkcheck, weekly in .github/workflows/linkcheck.yml) ---
linkcheck_timeout = 30
linkcheck_retries = 2

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
