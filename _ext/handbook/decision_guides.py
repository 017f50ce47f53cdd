"""Decision guides from one source: the chart, the written steps and the walk-through.

```{decision-guide} comment
:caption: Handling a comment
:alt: Flowchart: ...

- id: start
  chart: "A new comment\\nor message"
  text: Start with a new comment or message on the account.
- id: csam
  chart: "Could it be child\\nsexual abuse material?"
  text: Could it be child sexual abuse material ...?
  answers:
    - answer: "Yes"
      do:
        - {id: record, chart: "Do not save it", text: "do not save it."}
      end: "Stop here."
    - answer: "No"
      next: help
```

`decision-guide` draws the Graphviz chart from the YAML (questions are
diamonds, the `do` items boxes; an item's `id` may be reused to join
branches).  `decision-steps <name>`, under the guide's "as steps" heading,
writes the same tree as a numbered list, with "Go to step N" computed from
`next`.  The list carries classes that `_static/handbook-decision-guides.js`
reads to offer the guide one question at a time, so chart, steps and
walk-through cannot disagree.  Step texts are MyST: roles such as {ref} work.

Translation: the steps are written in the source language, like the rest of
the page, so the page's catalog translates them, answer words included.  The
chart is a `decision_chart` node, a graphviz node that is also
`addnodes.translatable`: its chart labels, answers and alt text are messages
of the page's catalog (`make gettext` extracts them; a label keeps its "\\n"
line breaks), and Sphinx's Locale transform hands it their translations, from
which it redraws its DOT code.
"""
from __future__ import annotations

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.ext.graphviz import (
    Graphviz,
    graphviz,
    latex_visit_graphviz,
    man_visit_graphviz,
    texinfo_visit_graphviz,
    text_visit_graphviz,
)
from sphinx.util.docutils import SphinxDirective

from .accessible_diagrams import visit_graphviz_html
from .messages import Kind
from .report import problem
from .toolkit import load_strings

FIX = "write the guide as a YAML list of steps, each with id, chart and text, and answers with answer and next, do or end."


def _guides(env) -> dict:
    return env.temp_data.setdefault("handbook_decision_guides", {})


def _line_of(directive, text: str) -> int:
    """The source line, at or after the directive, that holds text (MyST's content offsets are not file lines)."""
    try:
        lines = directive.env.doc2path(directive.env.docname).read_text(encoding="utf-8").splitlines()
    except OSError:
        return directive.lineno
    for number in range(max(directive.lineno - 1, 0), len(lines)):
        if lines[number].strip() == text:
            return number + 1
    return directive.lineno


def _parse(directive) -> list | None:
    docname = directive.env.docname
    try:
        steps = yaml.safe_load("\n".join(directive.content))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        first = _line_of(directive, directive.content[0].strip()) if directive.content else directive.lineno
        line = first + (mark.line if mark else 0)
        problem(docname, line, f"The decision guide is not valid YAML: {getattr(exc, 'problem', exc)}.", FIX, Kind.DECISION_GUIDE)
        return None
    if not isinstance(steps, list) or not steps:
        problem(docname, directive.lineno, "The decision guide has no steps.", FIX, Kind.DECISION_GUIDE)
        return None
    ids = {step.get("id") for step in steps if isinstance(step, dict)}
    for number, step in enumerate(steps, 1):
        where = f"Step {number} ({step.get('id') if isinstance(step, dict) else step!r})"
        if not isinstance(step, dict) or not all(isinstance(step.get(key), str) for key in ("id", "chart", "text")):
            problem(docname, directive.lineno, f"{where} needs an id, a chart label and a text.", FIX, Kind.DECISION_GUIDE)
            return None
        for answer in step.get("answers", []):
            if not isinstance(answer.get("answer"), str):
                problem(docname, directive.lineno, f"{where} has an answer without a text (write \"Yes\" in quotes).", FIX, Kind.DECISION_GUIDE)
                return None
        for target in [a.get("next") for a in step.get("answers", [])] + [step.get("next")]:
            if target is not None and target not in ids:
                line = _line_of(directive, f"next: {target}")
                problem(docname, line, f"{where} goes to '{target}', which is no step's id.",
                        f"use one of: {', '.join(sorted(ids))}.", Kind.DECISION_GUIDE)
                return None
    return steps


def _label(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(name: str, steps: list) -> str:
    lines = [f"digraph {name} {{", '  graph [rankdir=TB, fontname="sans-serif"];',
             '  node [shape=box, style="rounded", fontname="sans-serif"];', '  edge [fontname="sans-serif"];']
    drawn = set()

    def node(node_id: str, chart: str | None, diamond: bool = False) -> None:
        if node_id in drawn or chart is None:
            return
        drawn.add(node_id)
        shape = "shape=diamond, " if diamond else ""
        lines.append(f"  {node_id} [{shape}label={_label(chart)}];")

    for step in steps:
        node(step["id"], step["chart"], diamond=bool(step.get("answers")))
        for answer in step.get("answers", []):
            for item in answer.get("do", []):
                node(item["id"], item.get("chart"))
    for index, step in enumerate(steps):
        if not step.get("answers"):
            following = step.get("next") or (steps[index + 1]["id"] if index == 0 and len(steps) > 1 else None)
            if following:
                lines.append(f"  {step['id']} -> {following};")
        for answer in step.get("answers", []):
            previous, label = step["id"], f" [label={_label(answer['answer'])}]"
            for item in answer.get("do", []):
                lines.append(f"  {previous} -> {item['id']}{label};")
                previous, label = item["id"], ""
            if answer.get("next"):
                lines.append(f"  {previous} -> {answer['next']}{label};")
    lines.append("}")
    return "\n".join(lines)


def chart_messages(steps: list) -> list[str]:
    """The chart's words, each once, in the order the guide gives them: labels and answers."""
    found: list[str] = []
    for step in steps:
        found.append(step["chart"])
        for answer in step.get("answers", []):
            found.append(answer["answer"])
            found += [item["chart"] for item in answer.get("do", []) if isinstance(item.get("chart"), str)]
    return list(dict.fromkeys(found))


def translate_steps(steps: list, words: dict[str, str]) -> list:
    """The guide with its chart labels and answers in another language (texts untouched)."""
    def word(text):
        return words.get(text, text) if isinstance(text, str) else text

    return [dict(step, chart=word(step["chart"]),
                 answers=[dict(answer, answer=word(answer["answer"]),
                               do=[dict(item, chart=word(item.get("chart"))) for item in answer.get("do", [])])
                          for answer in step.get("answers", [])])
            for step in steps]


class decision_chart(graphviz, addnodes.translatable):
    """A decision guide's chart: a graphviz node whose labels, answers and alt text are translatable.

    Keeps the guide (`steps`, in the source language) and its name; `translations` maps each
    translated message to its translation, and the DOT code is redrawn from them."""

    def preserve_original_messages(self) -> None:
        self.setdefault("original_alt", self.get("alt", ""))

    def extract_original_messages(self) -> list[str]:
        # The alt text last: Sphinx 9.0.4's Locale transform (phase 1) leaves the node marked by its last
        # message, and skips it in phase 2 if that message's translation equals the English (a label
        # such as "112" might); the alt text is always translated.
        alt = self.get("original_alt", self.get("alt", ""))
        return chart_messages(self["steps"]) + ([alt] if alt else [])

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if original_message == self.get("original_alt", self.get("alt")):
            self["alt"] = translated_message
        words = dict(self.get("translations", {}))
        words[original_message] = translated_message
        self["translations"] = words
        self["code"] = to_dot(self["guide"], translate_steps(self["steps"], words))


class DecisionGuide(Graphviz):
    """The chart, drawn from the guide's YAML; remembers the guide for decision-steps."""

    required_arguments = 1
    optional_arguments = 0

    def run(self):
        name = self.arguments[0]
        steps = _parse(self)
        if steps is None:
            return []
        _guides(self.env)[name] = steps
        self.content = StringList(to_dot(name, steps).splitlines(), source=self.content.source(0) if self.content else "")
        self.arguments = []
        result = []
        for node in super().run():
            for drawn in list(node.findall(graphviz)):
                chart = decision_chart()
                chart.attributes.update(drawn.attributes)
                chart.source, chart.line = self.get_source_info()
                chart["guide"], chart["steps"] = name, steps
                if drawn is node:
                    node = chart
                else:
                    drawn.replace_self(chart)
            node["classes"].append(f"decision-chart-{name}")
            result.append(node)
        return result


class DecisionSteps(SphinxDirective):
    """The same guide as a numbered list, with "Go to step N" worked out from the tree."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        steps = _guides(self.env).get(name)
        if steps is None:
            problem(self.env.docname, self.lineno, f"No decision guide named '{name}' comes before these steps.",
                    f"put '```{{decision-guide}} {name}' above this directive, or fix the name.", Kind.DECISION_GUIDE)
            return []
        # The steps are written in the source language, as `make gettext` extracted them, so that the
        # page's catalog translates them like any other sentence ("No: go to step 3." -> "Nej: gå till steg 3.").
        strings = load_strings("en")
        number = {step["id"]: index for index, step in enumerate(steps, 1)}

        def goto(target, lower=False):
            text = strings["decision.goto"].format(n=number[target])
            return text[0].lower() + text[1:] if lower else text

        def indent(text: str, spaces: int) -> list[str]:
            first, *rest = text.strip().splitlines()
            return [first] + [" " * spaces + line for line in rest]

        markdown: list[str] = []
        for index, step in enumerate(steps, 1):
            lines = indent(step["text"], 3)
            markdown.append(f"{index}. {lines[0]}")
            markdown.extend(lines[1:])
            if not step.get("answers") and step.get("next"):
                markdown.append("   " + goto(step["next"]))
            for answer in step.get("answers", []):
                texts = [item["text"].strip() for item in answer.get("do", [])]
                if answer.get("end"):
                    texts.append(answer["end"].strip())
                if texts:
                    body = indent("\n".join(texts), 5)
                    markdown.append(f"   - {answer['answer']}: {body[0]}")
                    markdown.extend(body[1:])
                    if answer.get("next"):
                        markdown.extend(["", "     " + goto(answer["next"]), ""])
                elif answer.get("next"):
                    markdown.append(f"   - {answer['answer']}: {goto(answer['next'], lower=True)}")
                else:
                    markdown.append(f"   - {answer['answer']}")
        container = nodes.container()
        self.state.nested_parse(StringList(markdown, source=self.env.doc2path(self.env.docname)), self.content_offset, container)
        lists = [child for child in container.children if isinstance(child, nodes.enumerated_list)]
        if not lists:
            return container.children
        ordered = lists[0]
        ordered["classes"] += ["decision-steps", f"decision-steps-{name}"]
        for step, item in zip(steps, ordered.children):
            item["ids"].append(f"decision-{name}-{step['id']}")
            item["classes"].append("decision-step")
            answers = [child for child in item.children if isinstance(child, nodes.bullet_list)]
            for answer, answer_item in zip(step.get("answers", []), answers[0].children if answers else []):
                target = answer.get("next")
                answer_item["classes"] += ["decision-answer",
                                           f"decision-next-{target}" if target else "decision-end",
                                           "decision-has-action" if answer.get("do") or answer.get("end") else "decision-no-action"]
                paragraphs = [child for child in answer_item.children if isinstance(child, nodes.paragraph)]
                if target and len(paragraphs) > 1:
                    paragraphs[-1]["classes"].append("decision-goto")
        return container.children


def setup(app):
    app.setup_extension("handbook.accessible_diagrams")
    app.add_directive("decision-guide", DecisionGuide)
    app.add_directive("decision-steps", DecisionSteps)
    app.add_node(decision_chart, html=(visit_graphviz_html, None), latex=(latex_visit_graphviz, None),
                 text=(text_visit_graphviz, None), man=(man_visit_graphviz, None), texinfo=(texinfo_visit_graphviz, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
