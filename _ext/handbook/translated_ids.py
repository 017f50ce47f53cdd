"""Every id once per page, in a translated edition too.

Sphinx translates a paragraph by parsing its msgstr and putting the new nodes in
place of the old (sphinx.transforms.i18n.Locale, Sphinx 9.0.4). For a cross-
reference it then copies every attribute of the original reference with the same
target onto the translated one (_NodeUpdater.update_pending_xrefs; only
`refexplicit` is left out), `ids` included, and the same list object at that.
Two `{cite}`s of one source in a paragraph, each with its own id in English,
so share one id in Swedish: a Swedish page repeated ids such as `id7` in its
HTML, and the Swedish PDF had "Anchor defined twice" warnings; English had none.

Right after the translation, an id stays with the node the page's id table gives
it to (or, where that node left the page, with the first node that has it); any
other node with it gets a fresh id from the page's own counter.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale


class UniqueIds(SphinxTransform):
    default_priority = Locale.default_priority + 1

    def apply(self, **kwargs) -> None:
        document = self.document
        settings = document.settings
        auto = settings.auto_id_prefix
        prefix = settings.id_prefix + ("id" if auto.endswith("%") else auto)
        in_page = {id(node) for node in document.findall(nodes.Element)}
        seen: set[str] = set()
        for node in document.findall(nodes.Element):
            ids = node.get("ids")
            if not ids:
                continue
            kept = []
            for ident in ids:
                owner = document.ids.get(ident)
                # The id stays where the page's table puts it; an id whose holder left the page
                # (a paragraph replaced by its translation) goes to the first node that has it.
                owned_elsewhere = owner is not None and owner is not node and id(owner) in in_page
                if ident not in seen and not owned_elsewhere:
                    document.ids[ident] = node
                    seen.add(ident)
                    kept.append(ident)
                    continue
                while True:
                    document.id_counter[prefix] += 1
                    fresh = f"{prefix}{document.id_counter[prefix]}"
                    if fresh not in document.ids and fresh not in seen:
                        break
                document.ids[fresh] = node
                seen.add(fresh)
                kept.append(fresh)
            # A new list: the translated references may share one list object (see above).
            node["ids"] = kept


def setup(app):
    app.add_transform(UniqueIds)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
