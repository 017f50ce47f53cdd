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


def _other_page(app, pagename: str, language: str, absolute: bool) -> str:
    """The same page in `language`'s edition: relative to this page (the switcher, which must
    work on any host and from a local preview), or absolute from the site's root (hreflang)."""
    target = f"{language}/{app.builder.get_target_uri(pagename)}"
    root = app.config.handbook_site_root
    # The 404 page is served at whatever address was asked for: only an address from the root works there.
    if (absolute or pagename == "404") and root:
        return f"{root.rstrip('/')}/{target}"
    return "../" * (pagename.count("/") + 1) + target


def add_language_links(app, pagename, templatename, context, doctree) -> None:
    languages = app.config.handbook_languages
    here = app.config.language
    if here not in languages:
        return
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n    <link rel="alternate" hreflang="{code}" href="{html.escape(_other_page(app, pagename, code, True))}" />'
        for code in languages)
    context["handbook_other_languages"] = [
        {"code": code, "name": name, "href": _other_page(app, pagename, code, False)}
        for code, name in languages.items() if code != here]


def edition_base_url(app, config) -> None:
    """Each edition lives in its own folder under the site's root: its canonical URLs, sitemap,
    share previews and 404 links start at <root><code>/ (after handbook.toml may set the root)."""
    config.handbook_site_root = config.html_baseurl
    if config.html_baseurl and config.language in config.handbook_languages:
        root = config.html_baseurl.rstrip("/") + "/"
        config.html_baseurl = f"{root}{config.language}/"
        # sphinx-sitemap writes <site_url><lang>/<page> and an alternate for every edition.
        config.site_url = root


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
    app.add_config_value("handbook_site_root", "", "html", types=(str,))
    app.connect("config-inited", edition_settings, priority=100)
    # After handbook.toml's values (200), before web_conventions reads html_baseurl (400).
    app.connect("config-inited", edition_base_url, priority=300)
    app.connect("html-page-context", add_language_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
