"""A build log that shows what a contributor needs: the build's messages.

Two lines are noise on every build:
- MyST prints its whole parser configuration (about 1,000 characters);
- on a rebuild with nothing changed, Sphinx says "The configuration has
  changed" and names options that the themes themselves rewrite when they
  start (sphinx-book-theme 1.4.0 / pydata-sphinx-theme 0.20.0: style
  sheets, static path, templates, theme options), so the pickled settings
  never equal conf.py's.  A real change is still shown, on Sphinx's
  "updating environment: [config changed (...)]" line and by this message
  when it names any other option.
"""
from __future__ import annotations

import logging
import re

THEME_REWRITES = {"html_css_files", "html_permalinks_icon", "html_sourcelink_suffix", "html_static_path",
                  "html_theme_options", "templates_path", "html_js_files", "html_context"}


class _MystConfigDump(logging.Filter):
    def filter(self, record) -> bool:
        return "myst v%s:" not in str(record.msg)


class _ThemeRewrites(logging.Filter):
    def filter(self, record) -> bool:
        message = str(record.msg)
        if not message.startswith("The configuration has changed"):
            return True
        named = set(re.findall(r"'([a-z_]+)'", record.getMessage()))
        total = record.args[0] if isinstance(record.args, tuple) and len(record.args) == 2 and isinstance(record.args[0], int) else len(named)
        return not (named <= THEME_REWRITES and total <= len(THEME_REWRITES))


def setup(app):
    logging.getLogger("sphinx.myst_parser.sphinx_ext.main").addFilter(_MystConfigDump())
    logging.getLogger("sphinx.sphinx.environment").addFilter(_ThemeRewrites())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
