"""Decision guides come from one YAML source each: chart and steps agree."""
from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import CHAPTERS

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
