"""What a reader's browser loads: one style sheet, one script, nothing unused.

When an HTML build has written its pages, this module rewrites the output:

- The local style sheets that the theme and the extensions link on a page are
  merged into one file, `_static/site.css`, without the rules that no page can
  use.  A rule is kept when every class, id and element name in one of its
  selectors occurs as a word in some page or in the site's script: the test
  PurgeCSS uses, so classes that scripts add stay.  The theme's icon font is
  left out; `_static/icons.css` draws the few icons the pages use.
- The local scripts are merged, in page order, into one deferred file,
  `_static/site.js`.  The theme's inline settings for Sphinx's own search
  (`DOCUMENTATION_OPTIONS.…`) are dropped with that search.
- Every page gets a Content-Security-Policy that allows only its own origin,
  with a hash for each inline script.
- Every file that no page loads is deleted: source maps, the icon font and
  Font Awesome's script, the theme's Jinja templates and locale files.

The theme is pydata-sphinx-theme 0.20.0 under sphinx-book-theme 1.4.0; their
style sheet is 376 KB and about 90 % unused on a handbook page (issue 12).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import tinycss2

BUNDLE_CSS = "_static/site.css"
BUNDLE_JS = "_static/site.js"
#: Files and folders that readers load without a page linking them.
ALWAYS_PUBLISHED = ("pagefind/", "robots.txt", "sitemap.xml", "404.html", "_static/social/", "api/")

STYLESHEET = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
PRELOAD = re.compile(r'[ \t]*<link\b[^>]*\brel="preload"[^>]*\bas="script"[^>]*>\n?')
SCRIPT = re.compile(r'[ \t]*<script\b([^>]*)>(.*?)</script>\n?', re.S)
HREF = re.compile(r'\b(?:href|src)="([^"]+)"')
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
WORD = re.compile(r"[A-Za-z0-9_-]+")
STATIC_PATH = re.compile(r"\b(_static/[A-Za-z0-9_./-]+\.[a-z0-9]+)\b")
ICON_FONT_CLASS = re.compile(r"^fa([srb]|-.*)?$")
# Bootstrap's script names every component's classes, so its words would keep the CSS of
# carousels, toasts and modals that no page has.  pydata-sphinx-theme 0.20.0 uses two of its
# components, dropdown and tooltip: these are the classes their code adds at run time
# (Bootstrap 5.3: dropdown.js, tooltip.js, base-component's fade).
BOOTSTRAP_CLASSES = ("show", "fade", "tooltip", "tooltip-inner", "tooltip-arrow", "bs-tooltip-auto", "bs-tooltip-top",
                     "bs-tooltip-bottom", "bs-tooltip-start", "bs-tooltip-end", "dropdown-menu-end", "dropdown-menu-start")
CSP_META = '<meta http-equiv="Content-Security-Policy" content="{}" />'


def _local(url: str) -> str | None:
    """The path part of a URL that points into the site, or None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url):
        return None
    return url.split("#", 1)[0].split("?", 1)[0] or None


#: The site's root path on its host ("/social-media-handbook/" on a GitHub project site), set in bundle().
#: The 404 page links everything from it, so that it works at any depth (handbook/web_conventions.py).
_site_root = "/"


def _resolve(page: Path, url: str, outdir: Path) -> Path:
    if url.startswith("/"):
        return Path(url[len(_site_root):] if url.startswith(_site_root) else url.lstrip("/"))
    return (page.parent / url).resolve().relative_to(outdir.resolve())


# ---------------------------------------------------------------- style sheet
def _selector_words(selector: str) -> set[str] | None:
    """The class, id and element names a selector needs; None if it styles the icon font."""
    plain = re.sub(r"\[[^\]]*\]", " ", selector)            # attribute selectors match anything
    plain = re.sub(r"::?[a-zA-Z-]+(\([^)]*\))?", " ", plain)  # pseudo-classes and pseudo-elements
    words = set()
    for kind, name in re.findall(r"([.#]?)(-?[A-Za-z_][A-Za-z0-9_-]*)", plain):
        if kind == "." and ICON_FONT_CLASS.match(name):
            return None
        words.add(name)
    return words


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :not(...) or :is(...))."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [part for part in parts + [current.strip()] if part]


def _purge(rules, used: set[str], drop_icon_font: bool) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            keep = []
            for selector in selectors:
                words = _selector_words(selector)
                if words is None and drop_icon_font:
                    continue
                if words is None or words <= used:
                    keep.append(selector)
            if keep:
                kept.append(",".join(keep) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            if name == "font-face" and drop_icon_font and "Font Awesome" in tinycss2.serialize(rule.content or []):
                continue
            if name in ("media", "supports", "layer", "container") and rule.content is not None:
                inner = _purge(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used, drop_icon_font)
                if inner:
                    kept.append(f"@{name} {prelude}{{{''.join(inner)}}}")
            elif rule.content is None:
                kept.append(f"@{name} {prelude};")
            else:
                kept.append(f"@{name} {prelude}{{{tinycss2.serialize(rule.content).strip()}}}")
    return kept


def _read_css(path: Path, outdir: Path) -> str:
    """A style sheet with its local @imports inlined, its url()s made relative to _static/."""
    text = path.read_text(encoding="utf-8")
    text = IMPORT.sub(lambda m: _read_css((path.parent / m.group(1)).resolve(), outdir), text)
    bundle_dir = (outdir / BUNDLE_CSS).parent

    def rebase(match):
        url = match.group(1)
        if url.startswith(("data:", "#")) or _local(url) is None:
            return match.group(0)
        target = (path.parent / url).resolve()
        return f'url("{_relative(bundle_dir, target)}")'

    return CSS_URL.sub(rebase, text)


def _relative(from_dir: Path, target: Path) -> str:
    return os.path.relpath(target, from_dir).replace(os.sep, "/")


def build_style_sheet(outdir: Path, sheets: list[Path], used: set[str]) -> str:
    parts = []
    for sheet in sheets:
        is_theme = "handbook" not in sheet.name and sheet.name != "icons.css"
        rules = tinycss2.parse_stylesheet(_read_css(sheet, outdir), skip_comments=True, skip_whitespace=True)
        parts.append(f"/* {sheet.name} */\n" + "\n".join(_purge(rules, used, drop_icon_font=is_theme)))
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- pages
def _csp(inline_scripts: list[str]) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()}'" for code in dict.fromkeys(inline_scripts)
    )
    # Pagefind runs WebAssembly; inline styles cannot load anything from another host.
    return ("default-src 'self'; img-src 'self' data:; "
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'").replace("  ", " ")


def _is_rewritten(html: str) -> bool:
    return 'http-equiv="Content-Security-Policy"' in html


def page_assets(page: Path, outdir: Path, html: str) -> tuple[list[str], list[str]]:
    """The local style sheets and scripts a page links, in order, as paths in the site."""
    sheets, scripts = [], []
    for tag in STYLESHEET.findall(html):
        url = _local((HREF.search(tag) or [None, "#"])[1])
        if url:
            sheets.append(_resolve(page, url, outdir).as_posix())
    for attrs, _ in SCRIPT.findall(html):
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        url = _local(src.group(1)) if src else None
        if url and 'type="module"' not in attrs:
            scripts.append(_resolve(page, url, outdir).as_posix())
    return sheets, scripts


def _common(lists: list[list[str]]) -> list[str]:
    """What every page links, in the order the first page links it."""
    lists = [items for items in lists if items]
    return [item for item in lists[0] if all(item in other for other in lists[1:])] if lists else []


def rewrite_page(page: Path, outdir: Path, html: str, sheets: list[str], scripts: list[str]) -> None:
    """Link the bundles instead of the files they hold; add the CSP."""
    root = _relative(page.parent, outdir)
    prefix = "" if root == "." else root + "/"
    if re.search(r'\b(?:href|src)="' + re.escape(_site_root) + "_static/", html):
        prefix = _site_root  # a page that links from the site's root path (404.html) keeps doing so
    has_assets = False

    def take_sheet(match):
        nonlocal has_assets
        url = _local((HREF.search(match.group(0)) or [None, "#"])[1])
        if url and _resolve(page, url, outdir).as_posix() in sheets:
            has_assets = True
            return ""
        return match.group(0)

    inline, after_bundle = [], []

    def take_script(match):
        nonlocal has_assets
        attrs, code = match.group(1), match.group(2)
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if src is None:
            if code.strip().startswith("DOCUMENTATION_OPTIONS."):
                return ""
            inline.append(code)
            return match.group(0)
        url = _local(src.group(1))
        if url and _resolve(page, url, outdir).as_posix() in scripts:
            has_assets = True
            return ""
        if url and "defer" not in attrs.split() and "async" not in attrs.split():
            # A page's own scripts run after the bundle they may need, in their order.
            after_bundle.append(f"<script defer{attrs}></script>\n")
            return ""
        return match.group(0)

    html = STYLESHEET.sub(take_sheet, html)
    html = PRELOAD.sub("", html)
    html = SCRIPT.sub(take_script, html)
    if has_assets:
        links = f'<link rel="stylesheet" href="{prefix}{BUNDLE_CSS}" />\n<script defer src="{prefix}{BUNDLE_JS}"></script>\n'
        html = html.replace("</head>", links + "".join(after_bundle) + "</head>", 1)
    html = html.replace("<head>", "<head>\n" + CSP_META.format(_csp(inline)), 1)
    page.write_text(html, encoding="utf-8")


# ---------------------------------------------------------------- published tree
def html_pages(outdir: Path) -> list[Path]:
    """The site's pages (the theme copies Jinja templates ending in .html into _static/: not pages)."""
    return sorted(p for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] not in ("_static", "_images"))


def loaded_files(outdir: Path) -> set[Path]:
    """Every file in the site that a page or the style sheet loads or links."""
    loaded = set()
    for page in html_pages(outdir):
        for url in HREF.findall(page.read_text(encoding="utf-8")):
            local = _local(url)
            if local:
                try:
                    loaded.add(_resolve(page, local, outdir))
                except ValueError:
                    pass
    # Scripts load some files themselves (the search loads its script and style sheet only when
    # a reader starts to search): a "_static/..." path named in a page or a loaded script counts.
    texts = [page.read_text(encoding="utf-8") for page in html_pages(outdir)]
    while texts:
        found = {Path(p) for text in texts for p in STATIC_PATH.findall(text) if (outdir / p).is_file()} - loaded
        loaded |= found
        texts = [(outdir / p).read_text(encoding="utf-8", errors="replace") for p in found if p.suffix in (".js", ".css")]
    css = outdir / BUNDLE_CSS
    if css.is_file():
        for url in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if _local(url):
                loaded.add((css.parent / url).resolve().relative_to(outdir.resolve()))
    return loaded


def published_files(outdir: Path) -> list[Path]:
    """What the host publishes: the output without Sphinx's own build state (dotfiles)."""
    return sorted(p.relative_to(outdir) for p in outdir.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(outdir).parts))


def prune(outdir: Path) -> list[Path]:
    """Delete every published file that no page loads; returns what was deleted."""
    keep = loaded_files(outdir)
    removed = []
    for rel in published_files(outdir):
        if (rel.suffix == ".html" and rel.parts[0] != "_static") or rel in keep or str(rel.as_posix()).startswith(ALWAYS_PUBLISHED):
            continue
        (outdir / rel).unlink()
        removed.append(rel)
    for folder in sorted((p for p in outdir.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


def bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name not in ("html", "dirhtml"):
        return
    global _site_root
    _site_root = getattr(app.config, "notfound_urls_prefix", None) or urlparse(app.config.html_baseurl or "/").path or "/"
    outdir = Path(app.outdir)
    state = Path(app.doctreedir) / "handbook-assets.json"
    pages = html_pages(outdir)
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    fresh = [page for page in pages if not _is_rewritten(texts[page])]
    if len(fresh) == len(pages) or not state.is_file():
        found = [page_assets(page, outdir, texts[page]) for page in fresh]
        known = {"sheets": _common([f[0] for f in found]), "scripts": _common([f[1] for f in found])}
        state.write_text(json.dumps(known))
    else:
        known = json.loads(state.read_text())
    for page in fresh:
        rewrite_page(page, outdir, texts[page], known["sheets"], known["scripts"])
    sheets = [outdir / s for s in known["sheets"]]
    scripts = [outdir / s for s in known["scripts"]]
    if all(p.is_file() for p in sheets + scripts):
        texts = {script: script.read_text(encoding="utf-8") for script in scripts}
        script_text = ";\n".join(texts.values())
        used = set(BOOTSTRAP_CLASSES)
        for script, text in texts.items():
            if script.name != "bootstrap.js":
                used |= set(WORD.findall(text))
        # Scripts a page loads later (the search) may add the theme's classes too; the bundle an
        # earlier build left is not one of them (it holds Bootstrap's words).
        for script in (outdir / "_static").glob("*.js"):
            if script != outdir / BUNDLE_JS:
                used |= set(WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
        for page in pages:
            used |= set(WORD.findall(page.read_text(encoding="utf-8")))
        (outdir / BUNDLE_JS).write_text(script_text, encoding="utf-8")
        (outdir / BUNDLE_CSS).write_text(build_style_sheet(outdir, sheets, used), encoding="utf-8")
    prune(outdir)


def setup(app):
    app.connect("build-finished", bundle, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
