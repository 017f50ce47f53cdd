"""Accessibility gaps in the theme and in Sphinx, closed where the HTML is made.

- The sidebar's expand toggles are <summary> elements with only an icon
  (axe rule `summary-name`, serious): each gets a spoken name.
- The site title in the sidebar sits outside every landmark (axe rule
  `region`): _templates/handbook-logo.html wraps it in a <nav>.
- Sphinx marks bibliography entries with the deprecated role
  `doc-biblioentry` inside a `role="list"` (axe `aria-required-children`,
  critical): they become list items.
"""
from __future__ import annotations

TOGGLE_NAME = 'aria-label="Show or hide the pages in this part"'


def name_the_toggles(app, pagename, templatename, context, doctree) -> None:
    make_nav = context.get("generate_toctree_html")
    if make_nav is None:
        return

    def named(*args, **kwargs):
        return str(make_nav(*args, **kwargs)).replace("<summary>", f"<summary {TOGGLE_NAME}>")

    context["generate_toctree_html"] = named


def bibliography_as_list(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", name_the_toggles, priority=900)
    app.connect("html-page-context", bibliography_as_list)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
