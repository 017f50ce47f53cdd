"""One site, two editions: Swedish (the default for readers) and English.

`make html` builds each language of conf.py's `handbook_languages` into its
own self-contained folder, `_build/html/<language>/` (tools/build_languages.py,
both at once), and writes a root page that leads to the first language.  This
module gives every page of an edition
- `<link rel="alternate" hreflang="...">` for the same page in every edition
  (absolute when conf.py sets `html_baseurl`, the site's root);
- a language switcher in the article header (_templates/handbook-language.html):
  a plain link to the same page in the other language, named in that language
  and marked with its `lang` and `hreflang`.
Neither theme has a switcher (sphinx-book-theme 1.4.0, pydata-sphinx-theme
0.20.0: pydata's version switcher switches versions, not languages).
`<html lang>` is the theme's, from `language` (set per edition with -D).
"""
from __future__ import annotations

import html


def _other_page(app, pagename: str, language: str) -> str:
    """The URL of the same page in `language`'s edition, relative to this page, or absolute from html_baseurl."""
    target = f"{language}/{app.builder.get_target_uri(pagename)}"
    if app.config.html_baseurl:
        return f"{app.config.html_baseurl.rstrip('/')}/{target}"
    return "../" * (pagename.count("/") + 1) + target


def add_language_links(app, pagename, templatename, context, doctree) -> None:
    languages = app.config.handbook_languages
    here = app.config.language
    if here not in languages:
        return
    links = [(code, name, _other_page(app, pagename, code)) for code, name in languages.items()]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n    <link rel="alternate" hreflang="{code}" href="{html.escape(href)}" />' for code, _name, href in links)
    context["handbook_other_languages"] = [
        {"code": code, "name": name, "href": href} for code, name, href in links if code != here]


def edition_settings(app, config) -> None:
    """conf.py's settings for this edition (`handbook_edition_settings`), over the English ones.

    A key `html_theme_options.<option>` sets one theme option.
    """
    for key, value in config.handbook_edition_settings.get(config.language, {}).items():
        if key.startswith("html_theme_options."):
            config.html_theme_options = {**config.html_theme_options, key.split(".", 1)[1]: value}
        else:
            config[key] = value


def setup(app):
    # Language code -> its name in that language; the first is the edition readers get first.
    app.add_config_value("handbook_languages", {"sv": "Svenska", "en": "English"}, "html", types=(dict,))
    # Language code -> {setting: value} for that edition, where it differs from conf.py's (English) value.
    app.add_config_value("handbook_edition_settings", {}, "env", types=(dict,))
    app.connect("config-inited", edition_settings, priority=100)
    app.connect("html-page-context", add_language_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
