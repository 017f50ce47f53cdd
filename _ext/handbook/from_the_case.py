"""Traceability from the guidance back to the source case.

    :::{from-the-case} interview-challenges lesson-resources
    How this chapter builds on the case.
    :::

renders a "From the case" box that links to each interview answer or lesson
named.  A name that is not an interview answer or lesson fails the build.
With no names, the box says in its body that the case is silent on the
topic and which source the chapter rests on instead.

    ```{traceability-matrix}
    ```

renders, on its page, every interview answer and lesson with the chapters
that build on it, and lists the ones that no chapter uses yet.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .generated import cell, link, page_title, register_generated, table
from .messages import Kind
from .report import problem
from .state import track_per_page
from .translations import _


class traceability_matrix(nodes.General, nodes.Element):
    """Replaced by a table at write time."""


def _case_prefixes(config) -> tuple[str, ...]:
    return tuple(config.handbook_case_labels)


class FromTheCase(SphinxDirective):
    optional_arguments = 30
    has_content = True
    final_argument_whitespace = False

    def run(self):
        labels = list(self.arguments)
        docname, line = self.env.docname, self.lineno
        if not self.content:
            problem(docname, line, "The from-the-case box is empty.",
                    "say in a sentence or two how the chapter builds on the case, or, with no labels, which source it rests on instead.", Kind.FROM_THE_CASE)
        box = nodes.admonition(classes=["from-the-case"])
        box += nodes.title("", _("From the case"))
        self.state.nested_parse(self.content, self.content_offset, box)
        if labels:
            para = nodes.paragraph(classes=["from-the-case-links"])
            para += nodes.strong("", _("Builds on:") + " ")
            for index, label in enumerate(labels):
                if index:
                    para += nodes.Text("; ")
                ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label,
                                            refexplicit=False, refwarn=True, refdoc=docname)
                ref += nodes.inline("", label)
                ref.source, ref.line = self.state.document["source"], line
                ref["handbook_reported"] = True  # check_links reports a name that is not in the case
                para += ref
            box += para
        self.env.handbook_case_links.setdefault(docname, []).extend((label, line) for label in labels)
        box.line = line
        return [box]


class TraceabilityMatrix(SphinxDirective):
    def run(self):
        node = traceability_matrix()
        node.line = self.lineno
        register_generated(self.env, self.env.docname)
        return [node]


def case_sources(env, config) -> list[tuple[str, str, str]]:
    """Every interview answer and lesson: (label, docname, title), in page order."""
    labels = env.domains.standard_domain.labels
    order = {label: index for doc in env.handbook_labels.values() for index, (label, _) in enumerate(doc)}
    found = [(name, doc, title) for name, (doc, _, title) in labels.items() if name.startswith(_case_prefixes(config))]
    return sorted(found, key=lambda item: (item[1], order.get(item[0], 0)))


def check_links(app, env) -> None:
    known = {label for label, _doc, _title in case_sources(env, app.config)}
    for docname, links in sorted(env.handbook_case_links.items()):
        for label, line in links:
            if label not in known:
                problem(docname, line, f"The from-the-case box names '{label}', which is not an interview answer or lesson.",
                        "use a label from chapters/case/interview.md or chapters/case/lessons.md (they start with 'interview-' or 'lesson-'); the traceability page lists them all.", Kind.FROM_THE_CASE)


def render_matrix(app, doctree, fromdocname: str) -> None:
    env, builder = app.env, app.builder
    for node in list(doctree.findall(traceability_matrix)):
        users: dict[str, list[str]] = {}
        for docname in sorted(env.handbook_case_links):
            for label, _line in env.handbook_case_links[docname]:
                if docname not in users.setdefault(label, []):
                    users[label].append(docname)
        rows, unused = [], []
        for label, docname, title in case_sources(env, app.config):
            chapters = []
            for user in users.get(label, []):
                if chapters:
                    chapters.append(nodes.Text(", "))
                chapters.append(link(builder, fromdocname, user, page_title(env, user)))
            if not chapters:
                chapters = [nodes.emphasis("", _("Not used by any guidance yet"))]
                unused.append(link(builder, fromdocname, docname, title, label))
            rows.append([cell(link(builder, fromdocname, docname, title, label)), cell(*chapters)])
        result = [table([_("Case source"), _("Guidance that builds on it")], [35, 65], rows),
                  nodes.rubric("", _("Case sources that no guidance uses yet"))]
        if unused:
            result.append(nodes.bullet_list("", *[nodes.list_item("", nodes.paragraph("", "", ref)) for ref in unused]))
        else:
            result.append(nodes.paragraph("", _("Every interview answer and lesson is used by at least one chapter.")))
        node.replace_self(result)


def setup(app):
    app.setup_extension("handbook.content_rules")
    app.setup_extension("handbook.generated")
    app.add_config_value("handbook_case_labels", ("interview-", "lesson-"), "env")
    app.add_node(traceability_matrix)
    app.add_directive("from-the-case", FromTheCase)
    app.add_directive("traceability-matrix", TraceabilityMatrix)
    track_per_page(app, "handbook_case_links")
    app.connect("env-check-consistency", check_links)
    app.connect("doctree-resolved", render_matrix)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
