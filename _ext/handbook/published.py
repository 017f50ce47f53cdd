"""No page in the output without a source.

Sphinx writes pages but never removes one: after a chapter is deleted or
renamed, its old HTML would stay in _build/html and be published.  Before
writing, this removes every page that no source, and no special page
(search, index), will write again; sphinxext-rediraffe then writes a
redirect page for each old path listed in redirects.txt.

`make check-redirects` (`sphinx-build -b handbook-redirects`) checks that
every page deleted or renamed since this branch left `rediraffe_branch`
(main) has a line in redirects.txt.  It is rediraffe's own check
(`rediraffecheckdiff`: the same git diff and rediraffe's reading of
redirects.txt) restricted to pages, and from where the branch left main:
rediraffe 0.3.0 counts every Markdown file below conf.py, so it also fails
for README.md or a test fixture that `exclude_patterns` keeps out of the
handbook, and it diffs against main's tip, so a page that someone else has
added on main since counts as deleted on every other branch.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.matching import Matcher
from sphinxext.rediraffe import create_graph

from .messages import Kind
from .report import problem

logger = logging.getLogger("handbook")

# Folders of the output that hold no pages: Sphinx's own (_static, _images, ...) and search indexes.
NOT_PAGES = ("_", "pagefind")


def remove_pages_without_source(app, env) -> None:
    if app.builder.format != "html" or not hasattr(app.builder, "get_target_uri"):
        return
    outdir = Path(app.outdir)
    suffix = app.builder.out_suffix
    keep = {app.builder.get_target_uri(doc) for doc in env.found_docs}
    keep |= {f"{name}{suffix}" for name in ("genindex", "search", "py-modindex", *app.config.html_additional_pages)}
    for path in sorted(outdir.rglob(f"*{suffix}")):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith(NOT_PAGES) or relative in keep:
            continue
        path.unlink()
        logger.info("removed %s: no source page writes it any more", relative)


class CheckRedirects(Builder):
    """Every page deleted or renamed since main has a redirect: one message per page, with a fix."""

    name = "handbook-redirects"

    def init(self) -> None:
        config, srcdir = self.config, Path(self.srcdir)
        redirects = create_graph(srcdir / config.rediraffe_redirects)
        excluded = Matcher(config.exclude_patterns)
        git_root = Path(subprocess.check_output(["git", "rev-parse", "--show-toplevel"], cwd=srcdir, text=True).strip())
        # Changes since this branch left main (the merge base), not since main's tip: a page
        # added on main in the meantime is not "deleted" here.  (rediraffecheckdiff diffs against the tip.)
        base = subprocess.check_output(["git", "merge-base", config.rediraffe_branch, "HEAD"], cwd=srcdir, text=True).strip()
        changes = subprocess.check_output(["git", "diff", "--name-status", "-M", "--diff-filter=DR", base],
                                          cwd=srcdir, text=True).splitlines()
        for change in changes:
            status, old, *new = change.split("\t")
            page = (git_root / old).resolve()
            if not page.is_relative_to(srcdir) or page.suffix not in config.source_suffix:
                continue
            relative = page.relative_to(srcdir).as_posix()
            parts = relative.split("/")
            if any(excluded("/".join(parts[:n])) for n in range(1, len(parts) + 1)) or relative in redirects:
                continue  # not a page (exclude_patterns names it or a folder above it), or redirected
            target = (git_root / new[0]).resolve().relative_to(srcdir).as_posix() if new else "new/page.md"
            problem(relative.removesuffix(page.suffix), None, f"The page was {'renamed to ' + target if new else 'deleted'} since {config.rediraffe_branch}, and redirects.txt does not send readers on.",
                    f"add the line '{relative} {target}' to redirects.txt{'' if new else ', with the page that replaces it'}.", Kind.REDIRECT)

    def get_outdated_docs(self):
        return []

    def get_target_uri(self, docname, typ=None):
        return ""

    def prepare_writing(self, docnames) -> None:
        pass

    def write_doc(self, docname, doctree) -> None:
        pass

    def read(self):
        return []


def setup(app):
    app.add_builder(CheckRedirects)
    app.connect("env-updated", remove_pages_without_source)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
