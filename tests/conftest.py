"""Shared fixtures: small sites under tests/roots/ built in-process with Sphinx's own
test fixtures, and the real site built once per test run, strictly."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
ROOTS = Path(__file__).resolve().parent / "roots"
sys.path.insert(0, str(ROOT / "_ext"))  # the handbook package, for the roots' conf.py and for unit tests
# The strict flags, from the one place that sets them: the Makefile's STRICT.
STRICT = re.search(r"^STRICT\s*:=\s*(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()

pytest_plugins = ("sphinx.testing.fixtures",)


def pdf_name(language: str = "en") -> str:
    """The PDF's file name, from handbook.pdf_download (the one place that names it)."""
    from handbook.pdf_download import pdf_name

    return pdf_name(language)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test sites: @pytest.mark.sphinx("html", testroot="handbook")."""
    return ROOTS


def messages(warning, srcdir) -> list[str]:
    """The build's warnings and errors, one a line, with paths relative to the site."""
    from sphinx.util.console import strip_colors

    text = strip_colors(warning.getvalue()).replace(f"{srcdir}/", "")
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@dataclass
class Build:
    returncode: int
    log: str
    outdir: Path

    def html(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def sphinx_build(srcdir: Path, outdir: Path, *extra: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", *STRICT, "-q", *extra, str(srcdir), str(outdir)],
        capture_output=True, text=True, cwd=srcdir,
    )
    return Build(result.returncode, result.stdout + result.stderr, outdir)


COPY_IGNORE = (".venv", "_build", ".git", ".pytest_cache", "node_modules", "__pycache__")


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the whole handbook, for a build with changed settings or pages."""
    import shutil

    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*COPY_IGNORE))
    return dest


def docnames(root: Path = ROOT) -> list[str]:
    """Every page of the handbook: index.md and every .md under chapters/."""
    return ["index"] + sorted(str(p.relative_to(root).with_suffix("")) for p in (root / "chapters").rglob("*.md"))


@dataclass
class Site:
    build: Build

    @cached_property
    def pages(self) -> dict[str, BeautifulSoup]:
        return {doc: self.build.html(doc) for doc in docnames()}

    def page(self, docname: str) -> BeautifulSoup:
        return self.pages[docname]


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Build:
    """Both editions, built as `make html` builds them (tools/build_languages.py), strictly: outdir/sv, outdir/en."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_languages.py"), str(outdir), *STRICT, "-q"],
                            capture_output=True, text=True, cwd=ROOT)
    build = Build(result.returncode, result.stdout + result.stderr, outdir)
    assert build.returncode == 0, f"The strict build failed:\n{build.log}"
    assert "WARNING" not in build.log, f"The build has warnings:\n{build.log}"
    return build


@pytest.fixture(scope="session")
def site(editions) -> Site:
    """The English edition: the source language, which the other tests read."""
    return Site(Build(editions.returncode, editions.log, editions.outdir / "en"))


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright (tools/local_browser.py), one per test module.

    Not one per session: Playwright's threads must be gone before a later module's in-process
    Sphinx build forks its parallel workers, or a worker can hang on a lock a thread held."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tools"))
    from local_browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site):
    """The English edition, served from loopback as a host serves it (gzip)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from local_browser import serve

    with serve(site.build.outdir) as base:
        yield base


@pytest.fixture(scope="module")
def both_editions(editions):
    """The site root with both editions under it (/sv/, /en/), served as a host serves it (gzip)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from local_browser import serve

    with serve(editions.outdir) as base:
        yield base


def pytest_collection_modifyitems(items):
    """A test that drives Chromium is a browser test, whether or not its module says so."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
