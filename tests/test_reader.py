"""A reader on a phone or a laptop: navigation that opens, pages that load at once, nothing extra shipped.

The site is served the way a host serves it (gzip) from loopback, and driven
in Debian's chromium: buttons are tapped and keys pressed as a person would.
Budgets (bytes, requests) are limits a page must stay under, not timings.
"""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, docnames

sys.path.insert(0, str(ROOT / "_ext"))
from handbook.assets import ALWAYS_PUBLISHED, loaded_files, published_files  # noqa: E402


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
COLD_BYTES, COLD_REQUESTS, NEXT_PAGE_BYTES = 120_000, 10, 25_000


def _tab_to(page, name: str, limit: int = 15):
    """Press Tab until the button with this accessible name has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.innerText.trim()") == name:
            return
    raise AssertionError(f"Tab never reached the '{name}' button")


@pytest.mark.browser
@pytest.mark.parametrize("button, dialog", [("Menu", "#pst-primary-sidebar-modal"), ("On this page", "#pst-secondary-sidebar-modal")])
def test_phone_drawers_open_by_touch_and_close(server, browser, button, dialog):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/chapters/guidance/records.html")
    visible = page.get_by_role("button", name=button, exact=True)
    assert visible.count() == 1 and visible.is_visible(), f"no single visible '{button}' button"
    visible.tap()
    drawer = page.locator(dialog)
    drawer.wait_for(state="visible", timeout=3000)
    assert page.evaluate("d => document.querySelector(d).contains(document.activeElement)", dialog), "focus did not move into the drawer"
    assert drawer.locator("a").first.is_visible()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden", timeout=3000)
    assert page.evaluate("document.activeElement.innerText.trim()") == button, "focus did not return to the button"
    context.close()


@pytest.mark.browser
def test_phone_menu_opens_and_closes_by_keyboard(server, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/chapters/guidance/records.html")
    _tab_to(page, "Menu")
    page.keyboard.press("Enter")
    drawer = page.locator("#pst-primary-sidebar-modal")
    drawer.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden", timeout=3000)
    page.close()


@pytest.mark.browser
def test_desktop_menu_button_collapses_the_sidebar(server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/chapters/guidance/records.html")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.get_by_role("button", name="Menu", exact=True).click()
    page.wait_for_timeout(300)
    assert not sidebar.is_visible() or sidebar.bounding_box()["width"] < 5, "the sidebar did not collapse"
    page.get_by_role("button", name="Menu", exact=True).click()
    sidebar.wait_for(state="visible", timeout=3000)
    page.close()


def _cold_load(browser, url: str, then: str | None = None):
    """Bytes on the wire and requests for a first visit (and, optionally, a second page)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    seen = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.goto(url, wait_until="networkidle")
    first = list(seen)
    seen.clear()
    if then:
        page.goto(then, wait_until="networkidle")
    total = lambda reqs: sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in reqs)  # noqa: E731
    result = (total(first), [r.url for r in first], total(seen))
    context.close()
    return result


@pytest.mark.browser
def test_every_page_loads_within_budget_from_its_own_host(server, browser):
    problems = []
    for docname in docnames() + ["search"]:
        size, urls, _ = _cold_load(browser, f"{server}/{docname}.html")
        foreign = [u for u in urls if not u.startswith(server)]
        if size > COLD_BYTES or len(urls) > COLD_REQUESTS or foreign:
            problems.append(f"{docname}: {size} bytes in {len(urls)} requests; other hosts: {foreign}; {urls}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_a_second_page_costs_little(server, browser):
    _, _, second = _cold_load(browser, f"{server}/index.html", then=f"{server}/chapters/guidance/records.html")
    assert second <= NEXT_PAGE_BYTES, f"the second page cost {second} bytes"


@pytest.mark.browser
def test_copy_buttons_are_visible_without_hovering_and_say_copied(server, browser):
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/chapters/toolkit/reply-templates.html")
    button = page.locator("button.copybtn").first
    button.scroll_into_view_if_needed()
    assert float(button.evaluate("b => getComputedStyle(b).opacity")) == 1.0
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    button.click()
    from playwright.sync_api import expect

    expect(page.get_by_role("status")).to_contain_text("Copied", timeout=3000)
    context.close()


@pytest.mark.browser
def test_tap_targets_are_at_least_24_px(server, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/chapters/toolkit/checklists.html")
    small = page.evaluate("""() => [...document.querySelectorAll('input[type=checkbox], button.sidebar-toggle')]
        .filter(e => e.offsetParent !== null)
        .map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length""")
    assert small == 0, f"{small} controls are smaller than 24 x 24 px"
    page.close()


@pytest.mark.browser
def test_body_lines_are_60_to_75_characters_on_wide_screens(server, browser):
    for width in (1024, 1280, 1440, 1920):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{server}/chapters/guidance/records.html")
        per_line = page.evaluate("""() => {
            const counts = [];
            for (const p of document.querySelectorAll('article.bd-article section > p')) {
                const range = document.createRange(); range.selectNodeContents(p);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
                if (lines >= 3) counts.push(p.innerText.length / lines);
            }
            counts.sort((a, b) => a - b);
            return counts[Math.floor(counts.length / 2)];
        }""")
        page.close()
        assert 60 <= per_line <= 75, f"at {width} px a line holds {per_line:.0f} characters"


def test_published_tree_holds_only_what_pages_load(site):
    outdir = site.build.outdir
    loaded = loaded_files(outdir)
    extra = [str(p) for p in published_files(outdir)
             if not (p.suffix == ".html" and p.parts[0] != "_static") and p not in loaded and not p.as_posix().startswith(ALWAYS_PUBLISHED)]
    assert not extra, f"Published but loaded by no page: {extra}"
    names = [p.name for p in published_files(outdir)]
    assert not [n for n in names if n.endswith(".map") or "fontawesome" in n or n.endswith(".woff2")]


@pytest.mark.parametrize("docname", docnames())
def test_page_has_a_content_security_policy_and_no_inline_handlers(site, docname):
    html = (site.build.outdir / f"{docname}.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert meta and "default-src 'self'" in meta.group(1) and "unsafe-inline" not in meta.group(1).split("style-src")[0]
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html), "an inline event handler"


@pytest.mark.browser
def test_decision_charts_are_readable_on_a_phone_and_follow_dark_mode(server, browser):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server}/chapters/toolkit/decision-guides.html")
    charts = page.locator("div.graphviz img")
    assert charts.count() >= 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        scale = chart.evaluate("""img => {
            const box = img.getBoundingClientRect();
            return box.width / img.naturalWidth * 4 / 3;  // CSS px per Graphviz unit (natural size is in pt)
        }""")
        assert 14 * scale >= 10.5, f"chart {index}: its text is {14 * scale:.1f} px on a phone"
        link = chart.locator("xpath=ancestor::a[1]")
        assert link.get_attribute("href") == chart.get_attribute("src"), "no link to open the chart full size"
    context.close()


def _chart_corner(page) -> tuple:
    from io import BytesIO

    from PIL import Image

    chart = page.locator("div.graphviz img").first
    chart.scroll_into_view_if_needed()
    return Image.open(BytesIO(chart.screenshot())).convert("RGB").getpixel((2, 2))


def _page_background(page) -> tuple:
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return tuple(int(n) for n in re.findall(r"\d+", rgb)[:3])


@pytest.mark.browser
@pytest.mark.parametrize("system, choice", [("light", "Dark"), ("dark", "Light")])
def test_decision_charts_follow_the_colour_mode_the_reader_picks(server, browser, system, choice):
    """The chart is drawn in the page's own colours for the mode chosen in the colour menu,
    whatever the system setting, and is not dimmed by the theme's dark-mode image filter."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=system)
    page = context.new_page()
    page.goto(f"{server}/chapters/toolkit/decision-guides.html")
    page.get_by_role("button", name="Color mode").click()
    page.get_by_role("button", name=choice, exact=True).click()
    page.keyboard.press("Escape")
    corner, background = _chart_corner(page), _page_background(page)
    assert max(abs(a - b) for a, b in zip(corner, background)) <= 3, \
        f"in {choice.lower()} mode the chart's background is {corner}, the page's is {background}"
    context.close()


FOCUS_STOP = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    // The theme draws some focus rings on a child (a <summary>'s chevron), so look at the element and what it holds.
    const drawn = [e, ...e.querySelectorAll('*')];
    const ring = drawn.some(n => { const s = getComputedStyle(n);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); });
    const seen = drawn.some(n => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    return {name: (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).trim().slice(0, 40),
            where: e.tagName + '.' + String(e.className).split(' ').slice(0, 2).join('.'), ring, seen};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("docname", ["index", "chapters/toolkit/post-templates", "chapters/toolkit/checklists"])
def test_keyboard_reaches_every_control_with_a_visible_focus_and_no_trap(server, browser, viewport, docname):
    """Tab from the top: the first stop is a working skip link; every stop is on screen with a
    focus ring; Tab runs through the whole page and out again, so nothing traps the keyboard."""
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server}/{docname}.html")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STOP)
    assert first and first["name"] == "Skip to main content" and first["seen"] and first["ring"], first
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), \
        "after the skip link, Tab did not go to the page's content"
    page.goto(f"{server}/{docname}.html")
    problems, stops = [], 0
    for stops in range(1, 600):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            break
        if not (stop["seen"] and stop["ring"]):
            problems.append(f"{stop['where']} '{stop['name']}': " + ("no focus ring" if stop["seen"] else "focused but not on screen"))
    else:
        raise AssertionError(f"Tab never left the page after {stops} stops: a keyboard trap")
    page.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.browser
def test_landing_page_puts_help_now_on_the_first_phone_screen_and_lists_the_parts_once(server, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/index.html")
    help_now = page.locator("article .admonition").filter(has_text="112").first
    box = help_now.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"the help-now box ends at {box}, below the first screen"
    parts = page.evaluate("""() => [...document.querySelectorAll('article a[href$="/index.html"]')]
        .map(a => a.getAttribute('href')).filter(h => h.startsWith('chapters/'))""")
    assert sorted(parts) == sorted(set(parts)) and len(parts) == 4, f"the article links the parts {parts}"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_one_search_control_is_visible(server, browser, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server}/chapters/guidance/records.html")
    visible = page.evaluate("""() => [...document.querySelectorAll('button, input, a')]
        .filter(e => /search|sök/i.test(e.getAttribute('aria-label') || e.innerText || e.placeholder || ''))
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0).length""")
    page.close()
    assert visible == 1, f"{visible} search controls are visible"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "sv"])
def test_page_titles_take_at_most_two_lines_on_a_phone(both_editions, browser, language):
    page = browser.new_page(viewport=PHONE)
    long_titles = []
    for docname in docnames():
        page.goto(f"{both_editions}/{language}/{docname}.html")
        lines, title = page.evaluate("""() => { const h = document.querySelector('article h1');
            return [Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)), h.innerText]; }""")
        if lines > 2:
            long_titles.append(f"{docname}: '{title.strip()}' takes {lines} lines")
    page.close()
    assert not long_titles, "\n".join(long_titles)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("width", [390, 360, 320])
def test_every_header_control_is_on_a_phone_screen(both_editions, browser, language, width):
    page = browser.new_page(viewport={"width": width, "height": 700})
    page.goto(f"{both_editions}/{language}/chapters/guidance/records.html")
    outside = page.evaluate("""() => [...document.querySelectorAll('.bd-header-article a, .bd-header-article button')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.innerText.trim() || e.getAttribute('aria-label'), e.getBoundingClientRect()])
        .filter(([, r]) => r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5)
        .map(([name, r]) => `${name} at x ${Math.round(r.left)}-${Math.round(r.right)}, y ${Math.round(r.top)}`)""")
    page.close()
    assert not outside, f"at {width} px: " + "; ".join(outside)
