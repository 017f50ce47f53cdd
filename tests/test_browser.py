"""A real browser: copy buttons, accessibility (axe) and a clean console.

Drives Debian's chromium (installed by tools/system-packages.sh) through
Playwright; Playwright never downloads a browser of its own here.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, docnames

sys.path.insert(0, str(ROOT / "tools"))
from local_browser import axe_violations  # noqa: E402

PAGES = ["chapters/toolkit/post-templates", "chapters/toolkit/reply-templates"]

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("docname", PAGES)
def test_copy_button_copies_exactly_the_template(server, browser, docname):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}/{docname}.html")
    blocks = page.locator("div.literal-block-wrapper div.highlight")
    count = blocks.count()
    assert count >= 6
    for index in range(count):
        block = blocks.nth(index)
        expected = block.locator("pre").inner_text()
        block.hover()
        button = block.locator("button.copybtn")
        assert button.count() == 1, f"block {index} has no copy button"
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected.rstrip("\n"), f"block {index}: copied {copied!r}, expected {expected!r}"
    assert not errors, errors
    context.close()


def test_pages_have_no_console_errors(server, browser):
    page = browser.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for docname in ["index", "chapters/guidance/records", "chapters/toolkit/decision-guides", "search"]:
        page.goto(f"{server}/{docname}.html")
        page.wait_for_load_state("networkidle")
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_every_page_passes_axe(both_editions, browser, mode, viewport, language):
    """axe-core 4.14.1 (pinned in package-lock.json): no violation of any impact, on every page of both editions."""
    context = browser.new_context(viewport=viewport, color_scheme=mode, bypass_csp=True)
    page = context.new_page()
    problems = []
    for docname in docnames() + ["search", "genindex"]:
        page.goto(f"{both_editions}/{language}/{docname}.html")
        for violation in axe_violations(page):
            targets = [node["target"] for node in violation["nodes"][:3]]
            problems.append(f"{docname}: {violation['id']} ({violation['impact']}) at {targets}")
    context.close()
    assert not problems, "\n".join(problems)
