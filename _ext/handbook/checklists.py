"""Checklists that work on a phone, with a screen reader and on paper.

MyST renders `- [ ] item` as a disabled checkbox with no accessible name
(axe rule `label`, critical).  On the web each box is made tickable and is
named by its own item's text; in the PDF (_static/print.css) each item gets an
empty box to tick.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

MYST_CHECKBOX = '<input class="task-list-item-checkbox"'


class NamedCheckboxes(SphinxPostTransform):
    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for number, item in enumerate(self._items()):
            paragraph = item.children[0] if item.children and isinstance(item.children[0], nodes.paragraph) else None
            box = paragraph.children[0] if paragraph is not None and paragraph.children else None
            if not isinstance(box, nodes.raw) or not box.astext().startswith(MYST_CHECKBOX):
                continue
            text_id = f"checklist-item-{number + 1}"
            paragraph["ids"].append(text_id)
            paragraph.replace(box, nodes.raw("", f'<input class="task-list-item-checkbox" type="checkbox" aria-labelledby="{text_id}" />', format="html"))

    def _items(self):
        for task_list in self.document.findall(nodes.bullet_list):
            if "contains-task-list" in task_list["classes"]:
                yield from (item for item in task_list.children if "task-list-item" in item["classes"])


def setup(app):
    app.add_post_transform(NamedCheckboxes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
