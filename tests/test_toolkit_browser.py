"""The toolkit on the spot, as a reader uses it on a phone and on a desktop.

Checklists keep their ticks (with a time) across a reload until reset; the
template composer fills a template's fields, counts against the platform's
limit, warns, and copies the finished text; without JavaScript every
template and checklist is still there.  Debian's chromium via Playwright.
"""
from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from local_browser import axe_violations  # noqa: E402

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
CHECKLISTS = "chapters/toolkit/checklists"
POSTS = "chapters/toolkit/post-templates"
REPLIES = "chapters/toolkit/reply-templates"
LIMITS = json.loads((ROOT / "_static" / "platform-limits.json").read_text(encoding="utf-8"))
X_LIMIT = next(p["limit"] for p in LIMITS["platforms"] if p["id"] == "x")


@pytest.fixture(params=list(VIEWPORTS))
def context(request, browser, server):
    """A fresh browser profile at one screen size, that records every request and script error."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], permissions=["clipboard-read", "clipboard-write"])
    context.requests = []
    context.errors = []
    context.on("request", lambda req: context.requests.append(req.url))
    context.on("page", lambda page: page.on("pageerror", lambda exc: context.errors.append(str(exc))))
    yield context
    context.close()
    assert not context.errors, context.errors
    elsewhere = [url for url in context.requests if not url.startswith(server) and not url.startswith("data:")]
    assert not elsewhere, f"requests to another host: {elsewhere}"


def axe_problems(page) -> list[str]:
    return [f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}"
            for v in axe_violations(page)]


# -- Checklists ---------------------------------------------------------------

def test_a_tick_is_kept_with_its_time_until_the_checklist_is_reset(context, server):
    page = context.new_page()
    page.goto(f"{server}/{CHECKLISTS}.html")
    hijacked = page.locator("section#toolkit-checklist-hijacked")
    box = hijacked.locator("input.task-list-item-checkbox").nth(1)
    box.scroll_into_view_if_needed()
    box.click()
    stamp = hijacked.locator("li.task-list-item").nth(1).locator(".checklist-stamp")
    assert re.fullmatch(r"Ticked \d\d:\d\d", stamp.inner_text()), stamp.inner_text()

    page.reload()
    assert box.is_checked()
    assert re.fullmatch(r"Ticked \d\d:\d\d", stamp.inner_text())
    assert not hijacked.locator("input.task-list-item-checkbox").nth(0).is_checked()
    opening = page.locator("section#toolkit-checklist-opening input.task-list-item-checkbox").nth(1)
    assert not opening.is_checked(), "a tick leaked into another checklist"
    keys = page.evaluate("Object.keys(localStorage)")
    assert any(":en:" in key and "toolkit-checklist-hijacked" in key for key in keys), keys

    problems = axe_problems(page)
    assert not problems, problems

    reset = hijacked.get_by_role("button", name="Reset this checklist")
    reset.scroll_into_view_if_needed()
    reset.click()
    assert not box.is_checked()
    assert stamp.inner_text() == ""
    assert "every box is empty" in hijacked.get_by_role("status").first.inner_text()
    problems = axe_problems(page)
    assert not problems, problems

    page.reload()
    assert not box.is_checked()
    assert not [key for key in page.evaluate("Object.keys(localStorage)") if key.startswith("handbook-checklist")]


def test_a_checklist_at_the_end_of_a_guidance_chapter_remembers(context, server):
    page = context.new_page()
    page.goto(f"{server}/chapters/guidance/records.html")
    box = page.locator("input.task-list-item-checkbox").first
    box.scroll_into_view_if_needed()
    box.click()
    page.reload()
    assert box.is_checked()
    assert page.locator(".checklist-stamp").first.inner_text().startswith("Ticked ")


def test_a_printed_checklist_has_empty_boxes_and_no_buttons(context, server):
    page = context.new_page()
    page.goto(f"{server}/{CHECKLISTS}.html")
    box = page.locator("input.task-list-item-checkbox").first
    box.click()
    page.emulate_media(media="print")
    assert box.evaluate("b => getComputedStyle(b).appearance") == "none"
    assert not page.locator(".checklist-stamp").first.is_visible()
    assert not page.get_by_role("button", name="Reset this checklist").first.is_visible()


# -- Template composer ---------------------------------------------------------

def open_composer(page, section_id: str, which: int = 0):
    section = page.locator(f"section#{section_id}")
    toggle = section.get_by_role("button", name="Fill in this template").nth(which)
    toggle.scroll_into_view_if_needed()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    return section.locator("div.composer-panel").nth(which)


def test_fill_in_a_template_and_copy_the_finished_text(context, server):
    page = context.new_page()
    page.goto(f"{server}/{POSTS}.html")
    template = page.locator("section#toolkit-post-witness-appeal pre").first.inner_text().rstrip("\n")
    panel = open_composer(page, "toolkit-post-witness-appeal")
    values = {"What happened": "a robbery at a shop", "Place": "Storgatan 5", "Date": "3 December",
              "Time": "2 pm", "Case number": "5000-K123456-26"}
    first = panel.get_by_label("What happened")
    assert first.evaluate("f => f === document.activeElement"), "focus did not move to the first field"
    for label, value in values.items():
        panel.get_by_label(label, exact=True).fill(value)
    expected = template
    for label, value in values.items():
        expected = expected.replace(f"[{label.upper()}]", value)
    assert "[" not in expected
    assert panel.locator("pre.composer-result").inner_text() == expected
    assert panel.get_by_label("Platform").input_value() == "x"
    count = len(expected)
    assert panel.locator(".composer-count").inner_text() == f"{count} of {X_LIMIT} characters on X"

    panel.get_by_role("button", name="Copy the finished text").click()
    page.wait_for_function("() => document.querySelector('.composer-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert panel.locator(".composer-status").inner_text() == "Copied."
    problems = axe_problems(page)
    assert not problems, problems

    # Nothing typed is kept: not in storage, not after a reload.
    stored = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "Storgatan" not in stored
    page.reload()
    panel = open_composer(page, "toolkit-post-witness-appeal")
    assert panel.get_by_label("Place", exact=True).input_value() == ""


def test_crossing_the_limit_warns_and_marks_where_the_text_is_cut(context, server):
    page = context.new_page()
    page.goto(f"{server}/{REPLIES}.html")
    panel = open_composer(page, "toolkit-reply-cannot-answer")
    panel.get_by_label("Where to turn instead", exact=False).fill("polisen.se")
    panel.get_by_label("Signature").fill("/Anna")
    reason = panel.get_by_label("Reason, for example: it concerns an ongoing investigation")
    warning = panel.locator("p.composer-warning")
    assert warning.inner_text() == ""
    rest = int(panel.locator(".composer-count").inner_text().split()[0]) - len("[REASON, FOR EXAMPLE: IT CONCERNS AN ONGOING INVESTIGATION]")

    reason.fill("x" * (X_LIMIT - 10 - rest))
    assert warning.inner_text() == "Near the limit: 10 characters left.", warning.inner_text()
    assert panel.locator("mark.composer-cut").count() == 0
    reason.fill("x" * (X_LIMIT + 5 - rest))
    assert warning.inner_text().startswith("Over the limit by 5 characters."), warning.inner_text()
    cut = panel.locator("mark.composer-cut")
    assert cut.is_visible()
    before = panel.locator("pre.composer-result").inner_text().split("Cut from here:")[0]
    assert len(before) <= X_LIMIT
    problems = axe_problems(page)
    assert not problems, problems

    panel.get_by_label("Platform").select_option("facebook")
    assert warning.inner_text() == ""
    assert cut.count() == 0


def test_a_link_counts_as_23_characters_on_x(context, server):
    page = context.new_page()
    page.goto(f"{server}/{REPLIES}.html")
    panel = open_composer(page, "toolkit-reply-cannot-answer")
    field = panel.get_by_label("Where to turn instead, for example: the tax agency can help you at link")
    count = panel.locator(".composer-count")
    field.fill("x" * 23)
    with_letters = count.inner_text()
    link = "https://www.polisen.se/en/contact-the-swedish-police/"
    field.fill(link)
    assert count.inner_text() == with_letters
    on_x = int(with_letters.split()[0])
    panel.get_by_label("Platform").select_option("linkedin")
    assert count.inner_text() == f"{on_x - 23 + len(link)} of 3,000 characters on LinkedIn"


# -- Without JavaScript ----------------------------------------------------------

@pytest.mark.parametrize("docname", [CHECKLISTS, POSTS, REPLIES, "chapters/toolkit/decision-guides"])
def test_without_javascript_every_template_and_checklist_is_there(browser, server, site, docname):
    built = site.page(docname)
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(f"{server}/{docname}.html")
    templates = [pre.get_text() for pre in built.select("div.literal-block-wrapper pre")]
    assert page.locator("div.literal-block-wrapper pre").count() == len(templates)
    boxes = len(built.select("input.task-list-item-checkbox"))
    assert page.locator("input.task-list-item-checkbox").count() == boxes
    assert page.locator("div.graphviz img").count() == len(built.select("div.graphviz img"))
    assert page.locator("ol li").count() >= len(built.select("ol li"))
    assert page.locator(".template-composer, .checklist-actions").count() == 0
    if docname == CHECKLISTS:
        assert boxes >= 60
    if docname in (POSTS, REPLIES):
        assert len(templates) >= 6
    context.close()


# -- Decision guides -------------------------------------------------------------

GUIDES = "chapters/toolkit/decision-guides"
# Each guide along two routes: the answers given, and words of the action reached at the end.
ROUTES = {
    "comment": [(["Yes"], "do not download, save or take a screenshot", None),
                (["No", "Yes", "Yes"], "register it", "Someone needs help now")],
    "official": [(["Yes", "Yes", "No", "No"], "keep it saved and ordered", None),
                 (["No"], "not an official document of your agency", "official document")],
    "helpnow": [(["Yes"], "Save the exchange", "Is this an official document, and must it be registered?"),
                (["No", "No", "No", "No"], "say that you cannot answer it here", "Handling a comment")],
}


@pytest.mark.parametrize("guide", list(ROUTES))
def test_walk_a_decision_guide_along_two_routes(context, server, guide):
    page = context.new_page()
    page.goto(f"{server}/{GUIDES}.html")
    walk = page.locator(f"#decision-walk-{guide}")
    card = walk.locator(".decision-card")
    for answers, action, link in ROUTES[guide]:
        walk.scroll_into_view_if_needed()
        assert card.inner_text().startswith("STEP 2") or card.inner_text().startswith("Step 2"), card.inner_text()
        for answer in answers:
            walk.get_by_role("button", name=answer, exact=True).click()
            assert card.evaluate("c => c === document.activeElement"), "focus did not move to the next question"
        assert action in card.inner_text(), card.inner_text()
        assert "End of the guide." in card.inner_text()
        assert walk.locator(".decision-answer-button").count() == 0
        if link:
            assert card.get_by_role("link", name=link).first.is_visible()
        route = walk.locator("ol.decision-route > li")
        assert route.count() == len(answers)
        assert route.last.inner_text().endswith(f"— {answers[-1]}")

        walk.get_by_role("button", name="Copy the route").click()
        page.wait_for_function(f"() => document.querySelector('#decision-walk-{guide} .decision-status').textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()").splitlines()
        assert len(copied) >= len(answers) + 1 and copied[1].startswith("1. Step 2: "), copied
        problems = axe_problems(page)
        assert not problems, problems

        walk.get_by_role("button", name="Back").click()
        assert walk.locator(".decision-answer-button").count() >= 2, "Back did not return to the last question"
        assert walk.locator("ol.decision-route > li:not(.decision-route-empty)").count() == len(answers) - 1
        if len(answers) > 1:
            walk.get_by_role("button", name="Start again").click()
        assert "No answers yet." in walk.locator("ol.decision-route").inner_text()
    # The chart and the written steps stay on the page.
    section = page.locator(f"ol.decision-steps-{guide}").locator("xpath=ancestor::section[2]")
    assert section.locator("div.graphviz img").is_visible()
    assert page.locator(f"ol.decision-steps-{guide} > li").count() >= 3
