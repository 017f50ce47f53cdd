"""Accessibility gaps in the theme and in Sphinx, closed where the HTML is made.

Each override names the version it was made against and the upstream issue;
tests/test_theme_gaps.py fails when the pinned version no longer has the gap,
and says which override to delete.

- The sidebar's expand toggles are <summary> elements with only an icon
  (axe rule `summary-name`, serious): each gets a spoken name.
  pydata-sphinx-theme 0.20.0 (generate_toctree_html), via sphinx-book-theme 1.4.0.
  Upstream: no issue for the toggle's name found (2026-11-30); the theme's
  axe summary is pydata/pydata-sphinx-theme#1428.
- The site title in the sidebar sits outside every landmark (axe rule
  `region`): _templates/handbook-logo.html wraps it in a <nav>.
  sphinx-book-theme 1.4.0 / pydata-sphinx-theme 0.20.0; upstream
  pydata/pydata-sphinx-theme#1454 ("Fix landmarks", open).
- Sphinx 9.0.4 (with sphinxcontrib-bibtex 2.7.0) marks bibliography entries
  with the deprecated role `doc-biblioentry` inside a `role="list"` (axe
  `aria-required-children`, critical): they become list items.
  Upstream: no Sphinx issue found (2026-11-30); the role is deprecated in
  DPUB-ARIA 1.1 (w3c/dpub-aria#22).
"""
from __future__ import annotations

from .translations import _

TOGGLE_NAME = 'aria-label="{}"'


def name_the_toggles(app, pagename, templatename, context, doctree) -> None:
    make_nav = context.get("generate_toctree_html")
    if make_nav is None:
        return

    name = TOGGLE_NAME.format(_("Show or hide the pages in this part"))

    def named(*args, **kwargs):
        return str(make_nav(*args, **kwargs)).replace("<summary>", f"<summary {name}>")

    context["generate_toctree_html"] = named


def bibliography_as_list(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", name_the_toggles, priority=900)
    app.connect("html-page-context", bibliography_as_list)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
