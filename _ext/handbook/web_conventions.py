"""What a published site is expected to have, all from the one `html_baseurl`.

- robots.txt that allows every page and names the sitemap (sphinx-sitemap
  writes sitemap.xml);
- the 404 page (sphinx-notfound-page) links its style sheets, scripts and
  navigation from the site's root path, so that it works at any depth: the
  root path is taken from `html_baseurl` unless `notfound_urls_prefix` is set;
- OpenGraph's site address and name, and the title beside the logo, follow
  `html_baseurl` and `html_title` after handbook.toml may have changed them
  (handbook/settings.py, at config-inited priority 200).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse


def _base(app) -> str:
    base = app.config.html_baseurl or "/"
    return base if base.endswith("/") else base + "/"


def follow_base_url_and_title(app, config) -> None:
    if "notfound_urls_prefix" not in config._raw_config:
        config.notfound_urls_prefix = urlparse(_base(app)).path or "/"
    config.ogp_site_url = _base(app)
    # handbook/settings.py writes og:site_name itself when handbook.toml names the agency.
    config.ogp_site_name = False if getattr(config, "handbook_agency_name", "") else config.html_title
    logo = dict(config.html_theme_options.get("logo", {}))
    if "text" in logo:
        config.html_theme_options = {**config.html_theme_options, "logo": {**logo, "text": config.html_title}}


def write_robots_txt(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    text = f"User-agent: *\nAllow: /\n\nSitemap: {_base(app)}{app.config.sitemap_filename}\n"
    (Path(app.outdir) / "robots.txt").write_text(text, encoding="utf-8")


def setup(app):
    app.setup_extension("notfound.extension")
    app.setup_extension("sphinx_sitemap")
    # After handbook.toml's values (priority 100), before sphinx-notfound-page checks the prefix (500).
    app.connect("config-inited", follow_base_url_and_title, priority=400)
    app.connect("build-finished", write_robots_txt)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
