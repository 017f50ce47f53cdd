"""Checklists print with boxes to tick.

On the web, MyST's task lists show checkboxes.  In the PDF they would be
plain bullets, so for LaTeX each task list gets an empty box as its label.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class PrintedCheckboxes(SphinxPostTransform):
    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for task_list in list(self.document.findall(nodes.bullet_list)):
            if "contains-task-list" not in task_list["classes"]:
                continue
            parent = task_list.parent
            index = parent.index(task_list)
            parent.insert(index, nodes.raw("", r"\begingroup\renewcommand{\labelitemi}{$\square$}\renewcommand{\labelitemii}{$\square$}", format="latex"))
            parent.insert(index + 2, nodes.raw("", r"\endgroup", format="latex"))


def setup(app):
    app.add_post_transform(PrintedCheckboxes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
