"""The theme's gaps that the handbook's overrides close are still there.

tests/roots/test-theme-gaps is a tiny site in the pinned theme
(sphinx-book-theme 1.4.0, pydata-sphinx-theme 0.20.0) without any of the
handbook's overrides.  Each test shows one gap; when a theme update closes
it, the test fails and says which override to delete.
"""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS
from test_rules import build

LANDMARKS = {"nav", "header", "main", "aside", "footer"}


@pytest.fixture(scope="module")
def plain_theme(tmp_path_factory):
    srcdir = shutil.copytree(ROOTS / "test-theme-gaps", tmp_path_factory.mktemp("gaps") / "src")
    app, _ = build(srcdir)
    return {page: BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser") for page in ("index", "part/page")}


def test_sidebar_toggles_have_no_name(plain_theme):
    toggles = plain_theme["index"].select("nav.bd-docs-nav summary")
    assert toggles and not any(t.get("aria-label") for t in toggles), \
        "The theme names its sidebar toggles now: remove name_the_toggles from _ext/handbook/theme_accessibility.py."


def test_bibliography_entries_use_the_deprecated_role(plain_theme):
    assert plain_theme["part/page"].select('[role="doc-biblioentry"]'), \
        "Bibliography entries no longer use role=doc-biblioentry: remove bibliography_as_list from _ext/handbook/theme_accessibility.py."


def test_site_title_is_outside_every_landmark(plain_theme):
    brand = plain_theme["part/page"].select_one("a.navbar-brand")
    assert brand is not None
    assert not any(parent.name in LANDMARKS or parent.get("role") for parent in brand.parents if parent.name), \
        "The theme puts its site title in a landmark now: remove _templates/handbook-logo.html and use navbar-logo.html in conf.py's html_sidebars."


def test_every_page_loads_font_awesome_javascript(plain_theme):
    assert any("fontawesome.js" in script.get("src", "") for script in plain_theme["part/page"].find_all("script")), \
        "The theme no longer loads fontawesome.js: remove the css block from _templates/layout.html."


def test_every_page_has_a_second_print_only_h1(plain_theme):
    assert len(plain_theme["part/page"].find_all("h1")) == 2, \
        "The theme no longer adds a print-only <h1>: remove the docs_body block from _templates/layout.html."
