"""The toolkit on the spot: checklists that remember and a template composer.

Progressive enhancement only: the pages are complete without these scripts.
On a page with a checklist, `_static/handbook-checklists.js` keeps ticks in
the browser; on the decision guides page, `_static/handbook-decision-guides.js`
offers each guide one question at a time (see decision_guides.py); on the template pages, `_static/handbook-composer.js` turns each
template's [FIELDS] into inputs and counts the result against the platform
limits in `_static/platform-limits.json`.  Each script is added only to the
pages that need it, as a file (the site's Content-Security-Policy forbids
inline scripts).  Its data (interface strings for the page's language from
`toolkit_strings/<language>.json`, the page name, the platform limits) goes
into one `<meta name="handbook-toolkit">` element, which `_static/handbook-toolkit.js`,
loaded first, reads for the others.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes

from .messages import Kind
from .report import problem

HERE = Path(__file__).parent
STRINGS = HERE / "toolkit_strings"
LIMITS = "_static/platform-limits.json"
TEMPLATE_PAGES = {"chapters/toolkit/post-templates", "chapters/toolkit/reply-templates"}
PLATFORM_FIELDS = {"id": str, "name": str, "limit": int, "source": str, "url": str}


def load_strings(language: str) -> dict:
    path = STRINGS / f"{language}.json"
    if not path.exists():
        path = STRINGS / "en.json"
    english = json.loads((STRINGS / "en.json").read_text(encoding="utf-8"))
    return {**english, **json.loads(path.read_text(encoding="utf-8"))}


def load_limits(app) -> dict | None:
    path = Path(app.srcdir) / LIMITS
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem(f"{path}:{exc.lineno}", None, f"The platform limits are not valid JSON: {exc.msg}.",
                "write it as JSON: one object with 'checked' and a list of 'platforms'.", Kind.PLATFORM_LIMITS)
        return None
    if not isinstance(data.get("checked"), str) or not data.get("platforms"):
        problem(f"{path}:1", None, "The platform limits have no 'checked' date or no 'platforms'.",
                "add \"checked\": \"YYYY-MM-DD\" and a list of platforms.", Kind.PLATFORM_LIMITS)
        return None
    for platform in data["platforms"]:
        missing = [key for key, kind in PLATFORM_FIELDS.items()
                   if not isinstance(platform.get(key), kind) or (kind is int and platform[key] <= 0)]
        if missing:
            needle = f'"id": "{platform.get("id")}"'
            line = text[:text.find(needle)].count("\n") + 1 if needle in text else 1
            problem(f"{path}:{line}", None, f"A platform lacks {', '.join(missing)}.",
                    "give every platform an id, a name, a limit above 0, and the source and url it comes from.",
                    Kind.PLATFORM_LIMITS)
            return None
    return data


def setup_limits(app) -> None:
    app.env.handbook_platform_limits = load_limits(app) if (Path(app.srcdir) / LIMITS).exists() else None


def has_checklist(doctree) -> bool:
    return any("contains-task-list" in node["classes"] for node in doctree.findall(nodes.bullet_list))


def has_decision_steps(doctree) -> bool:
    return any("decision-steps" in node["classes"] for node in doctree.findall(nodes.enumerated_list))


def add_toolkit(app, pagename, templatename, context, doctree) -> None:
    # The EPUB and the PDF show the static form; only the website gets the scripts.
    if doctree is None or app.builder.name not in ("html", "dirhtml"):
        return
    checklist = has_checklist(doctree)
    composer = pagename in TEMPLATE_PAGES
    decisions = has_decision_steps(doctree)
    if not (checklist or composer or decisions):
        return
    language = app.config.language or "en"
    data = {"page": pagename, "lang": language, "strings": load_strings(language)}
    app.add_js_file("handbook-toolkit.js", loading_method="defer")
    if checklist:
        app.add_js_file("handbook-checklists.js", loading_method="defer")
    if decisions:
        app.add_js_file("handbook-decision-guides.js", loading_method="defer")
    if composer:
        limits = getattr(app.env, "handbook_platform_limits", None) or load_limits(app)
        if limits:
            data["limits"] = limits
            app.add_js_file("handbook-composer.js", loading_method="defer")
    content = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=True)
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="handbook-toolkit" content="{content}" />'


def setup(app):
    app.connect("builder-inited", setup_limits)
    app.connect("html-page-context", add_toolkit)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
