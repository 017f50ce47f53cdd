"""Share previews: an image per page, made at build time, and OpenGraph/Twitter metadata.

When staff share a link to a page, the post shows the page's title and its
front-matter `summary` on a card in the handbook's colours.  The card is a
PNG under `_static/social/`, drawn with Pillow from fonts on this machine
(Debian's fonts-dejavu-core; no font or image is fetched from anywhere).
sphinxext-opengraph writes the tags; this module hands it, per page, the
summary as `og:description` and the card as `og:image` through the page's
metadata fields, the per-page override that sphinxext-opengraph 0.13.0 reads.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sphinx.errors import ExtensionError

WIDTH, HEIGHT = 1200, 630
BLUE, WHITE, PALE = (31, 78, 121), (255, 255, 255), (214, 228, 240)
FOLDER = "_static/social"


@lru_cache(maxsize=None)
def _font(path: str, size: int):
    from PIL import ImageFont

    if not Path(path).is_file():
        raise ExtensionError(f"The font {path} for the share previews is missing. "
                             "Fix: run `bash tools/system-packages.sh build` (it installs fonts-dejavu-core).")
    return ImageFont.truetype(path, size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + " …"
    return lines


def draw_card(path: Path, site: str, title: str, summary: str, fonts: tuple[str, str]) -> None:
    from PIL import Image, ImageDraw

    regular, bold = fonts
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    # The logo's mark: three lines of text on a page.
    draw.rounded_rectangle((80, 70, 160, 150), radius=14, fill=WHITE)
    for top, right in ((95, 140), (113, 140), (131, 125)):
        draw.rectangle((100, top, right, top + 8), fill=BLUE)
    draw.text((190, 92), site, font=_font(regular, 34), fill=PALE)
    y = 210
    for line in _wrap(draw, title, _font(bold, 64), WIDTH - 160, 3):
        draw.text((80, y), line, font=_font(bold, 64), fill=WHITE)
        y += 78
    y += 24
    for line in _wrap(draw, summary, _font(regular, 34), WIDTH - 160, 4):
        if y > HEIGHT - 60:
            break
        draw.text((80, y), line, font=_font(regular, 34), fill=PALE)
        y += 46
    path.parent.mkdir(parents=True, exist_ok=True)
    # Few colours are enough for flat colour and text; a quarter of the bytes.
    image.quantize(colors=32).save(path, "PNG", optimize=True)


def add_card(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html" or app.builder.name == "epub" or doctree is None:
        return
    meta = app.env.metadata.get(pagename, {})
    summary = str(meta.get("summary", "")).strip()
    if not summary:
        return
    relative = f"{FOLDER}/{pagename.replace('/', '-')}.png"
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else app.config.project
    draw_card(Path(app.outdir) / relative, app.config.html_title, title, summary, tuple(app.config.handbook_social_fonts))
    # A copy: sphinxext-opengraph removes the fields it has used, and this dict is the page's stored metadata.
    context["meta"] = {
        **(context.get("meta") or {}),
        "og:description": summary,
        "og:image": relative,
        "og:image:alt": f"{title}: {summary}",
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
    }


def setup(app):
    app.add_config_value("handbook_social_fonts", ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                                   "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), "html")
    # Before sphinxext-opengraph (priority 500), which reads the fields set here.
    app.connect("html-page-context", add_card, priority=450)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
