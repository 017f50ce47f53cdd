"""The handbook's own Sphinx extension: every rule and feature, one module each.

`conf.py` lists only "handbook"; `setup()` sets up each concern in the order
below.  A module that needs another's data says so itself with
`app.setup_extension`, so the dependencies are visible where they are used.
See _ext/README.md for what each module does.
"""
from __future__ import annotations

CONCERNS = (
    "settings",              # handbook.toml: the agency's name, routes and accounts, checked and filled into the pages
    "quiet_output",          # no configuration dump, no false "configuration has changed"
    "translations",          # the handbook's and the theme's strings in Swedish, front matter, template order
    "translated_ids",        # every id once per page in a translated edition (Sphinx re-parses each translated paragraph)
    "foreign_language",      # Swedish words in the English edition: lang="sv" ({sv} role, Swedish glossary names)
    "library_messages",      # Sphinx's and MyST's own messages for a mistake, with a fix
    "bibliography_labels",   # citation labels such as [OSL]; must exist before sphinxcontrib.bibtex styles
    "generated",             # pages made from every other page are rebuilt when any page changes
    "page_metadata",         # front matter: schema, review line, banners, meta description
    "content_rules",         # label first, raw HTML, alt text, headings, https, unique labels, toctree
    "references",            # broken links, terms and citations, explained
    "self_contained",        # nothing loads from another host: no {math}, no images by URL
    "published",             # no page in the output without a source
    "from_the_case",         # the from-the-case box and the traceability matrix
    "review_status",         # the review status page
    "accessible_diagrams",   # Graphviz diagrams as <img> with alt text
    "checklists",            # checklists on screen and on paper
    "toolkit",               # checklists that remember, the template composer (scripts on the pages that need them)
    "decision_guides",       # decision guides: chart, steps and walk-through from one YAML source
    "theme_accessibility",   # the theme's accessibility gaps
    "pdf_download",          # the sidebar's PDF link
    "search",                # Pagefind: what is indexed, keywords, the search page, indexing after the build
    "pages_api",             # api/pages.json: owners and review dates, for the review reminder
    "web_conventions",       # robots.txt, and a 404 page that works at any depth
    "social_cards",          # share previews: a card image per page and its OpenGraph fields
    "local_pages",           # an agency's own pages in local/, listed on the landing page
    "languages",             # one site, two editions: lang, hreflang, the language switcher
    "assets",                # one style sheet, one script, a CSP; nothing unused is published
)


def setup(app):
    for concern in CONCERNS:
        app.setup_extension(f"handbook.{concern}")
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
