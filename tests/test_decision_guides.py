"""Decision guides come from one YAML source each: chart and steps agree."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CHAPTERS, ROOT

PAGE = "chapters/toolkit/decision-guides"
SOURCE = (CHAPTERS / "toolkit" / "decision-guides.md").read_text(encoding="utf-8")
GUIDES = dict(re.findall(r"```\{decision-guide\} (\w+)\n(?::[^\n]*\n)*\n(.*?)\n```", SOURCE, re.S))


def test_each_guide_is_written_once_as_yaml():
    assert sorted(GUIDES) == ["comment", "helpnow", "official"]
    assert "```{graphviz}" not in SOURCE, "a guide is drawn by hand instead of from its YAML"


@pytest.mark.parametrize("name", ["comment", "helpnow", "official"])
def test_go_to_step_points_at_the_step_the_tree_names(site, name):
    steps = site.page(PAGE).select_one(f"ol.decision-steps-{name}")
    items = steps.find_all("li", class_="decision-step", recursive=False)
    number = {item["id"].removeprefix(f"decision-{name}-"): index for index, item in enumerate(items, 1)}
    tree = yaml.safe_load(GUIDES[name])
    assert list(number) == [step["id"] for step in tree]
    for item in items:
        for answer in item.select("li.decision-answer"):
            target = next((c.removeprefix("decision-next-") for c in answer["class"] if c.startswith("decision-next-")), None)
            if target:
                assert re.search(rf"[Gg]o to step {number[target]}\.", answer.get_text()), answer.get_text()


@pytest.mark.parametrize("name", ["comment", "helpnow", "official"])
def test_the_chart_shows_every_step_of_the_tree(site, name):
    section = site.page(PAGE).select_one(f"ol.decision-steps-{name}").find_parent("section").find_parent("section")
    svg = (site.build.outdir / "chapters/toolkit" / section.select_one("div.graphviz img")["src"]).read_text(encoding="utf-8")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for step in yaml.safe_load(GUIDES[name]):
        assert step["chart"].split("\n")[0] in texts, step["chart"]


# ------------------------------------------------------------------ the Swedish edition (issue 14)

CATALOG = ROOT / "locales/sv/LC_MESSAGES" / f"{PAGE}.po"


def _swedish(msgid: str) -> str | None:
    """The Swedish catalog's translation of an English message, or None."""
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as handle:
        message = read_po(handle).get(msgid)
    return message.string if message and message.string and not message.fuzzy else None


def _chart(edition: Path, name: str):
    """The guide's chart on the page: its <img> and the lines of text in its SVG."""
    page = BeautifulSoup((edition / f"{PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    section = page.select_one(f"ol.decision-steps-{name}").find_parent("section").find_parent("section")
    img = section.select_one("div.graphviz img")
    svg = (edition / "chapters/toolkit" / img["src"]).read_text(encoding="utf-8")
    return page, img, [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _labels(name: str) -> tuple[list[str], list[str]]:
    """The chart labels and the answers the guide's YAML gives, in English."""
    tree = yaml.safe_load(GUIDES[name])
    labels = [step["chart"] for step in tree]
    labels += [item["chart"] for step in tree for answer in step.get("answers", []) for item in answer.get("do", []) if "chart" in item]
    answers = sorted({answer["answer"] for step in tree for answer in step.get("answers", [])})
    return labels, answers


@pytest.mark.parametrize("name", ["comment", "helpnow", "official"])
def test_the_swedish_chart_is_drawn_from_swedish_labels(editions, name):
    _page, img, texts = _chart(editions.outdir / "sv", name)
    labels, answers = _labels(name)
    swedish = {label: _swedish(label) for label in labels + answers}
    assert all(swedish.values()), f"{CATALOG.relative_to(ROOT)}: no Swedish for {[k for k, v in swedish.items() if not v]}"
    swedish_lines = {line for text in swedish.values() for line in text.split("\n")}
    for english, text in swedish.items():
        assert text.split("\n")[0] in texts, f"the Swedish chart lacks {text!r} ({english!r})"
        for line in english.split("\n"):
            assert line in swedish_lines or line not in texts, f"English {line!r} in the Swedish chart"
    alt = _swedish(re.search(rf"```\{{decision-guide\}} {name}\n(?::[^\n]*\n)*?:alt: ([^\n]*)\n", SOURCE).group(1))
    assert alt and img["alt"] == alt, img["alt"]


@pytest.mark.parametrize("name", ["comment", "helpnow", "official"])
def test_the_swedish_steps_answer_in_swedish(editions, name):
    page, _img, _texts = _chart(editions.outdir / "sv", name)
    for answer in page.select(f"ol.decision-steps-{name} li.decision-answer"):
        text = answer.get_text(" ", strip=True)
        assert re.match(r"(Ja|Nej)\b", text), text
        assert not re.search(r"\b[Gg]o to step\b", text), text
