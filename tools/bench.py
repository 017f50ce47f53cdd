"""Benchmarks: build times, page weight, search and word counts.  Prints figures; asserts nothing.

    make bench
    .venv/bin/python tools/bench.py search    # only the search figures, on a fresh build

Speed and size are measured here, not in the tests, because timed tests flake.
"""
from __future__ import annotations

import gzip
import re
from urllib.parse import quote, urlparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from local_browser import launch, serve

ROOT = Path(__file__).resolve().parents[1]
STRICT = ["-W", "--keep-going", "-n", "-j", "auto", "-q"]
QUERIES = ROOT / "tests/search-queries.yaml"
SEARCH_FILES = re.compile(r"/pagefind/|handbook-search|searchindex\.js|searchtools\.js|language_data\.js")
WEIGHED_PAGES = ["index", "chapters/guidance/records", "chapters/toolkit/post-templates", "chapters/toolkit/decision-guides"]


def timed_build(outdir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", *STRICT, str(ROOT), str(outdir)], check=True)
    return time.perf_counter() - start


def build_times(outdir: Path) -> None:
    full = timed_build(outdir)
    nothing = timed_build(outdir)
    page = ROOT / "chapters/guidance/records.md"
    page.touch()
    one = timed_build(outdir)
    print("Build (strict, -j auto, 2 cores)")
    print(f"  full build from scratch        {full:6.1f} s")
    print(f"  rebuild with nothing changed   {nothing:6.1f} s")
    print(f"  rebuild after one page changed {one:6.1f} s")


def page_weight(outdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    print("Page weight (first visit, empty cache; gzip as a web server would send it)")
    print(f"  {'page':40} {'requests':>8} {'raw KB':>8} {'gzip KB':>8}")
    with serve(outdir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for docname in WEIGHED_PAGES:
            page = browser.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{base}/{docname}.html")
            page.wait_for_load_state("networkidle")
            bodies = [r.body() for r in responses if r.ok]
            raw = sum(len(b) for b in bodies)
            zipped = sum(len(gzip.compress(b, 6)) for b in bodies)
            print(f"  {docname:40} {len(bodies):8d} {raw / 1024:8.0f} {zipped / 1024:8.0f}")
            page.close()
        browser.close()
    maps = sum(p.stat().st_size for p in (outdir / "_static").rglob("*.map"))
    total = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts)
    print(f"  whole site on disk: {total / 1024 / 1024:.1f} MB ({maps / 1024 / 1024:.1f} MB of it .map files that browsers fetch only with developer tools open)")


def _result_pages(page, base: str) -> list[str]:
    """The docnames of the results shown, best first, each once."""
    page.wait_for_selector(".handbook-search__status:not(:empty)", timeout=30000)
    found = []
    for href in page.eval_on_selector_all(".handbook-search__results a", "links => links.map(a => a.href)"):
        docname = urlparse(href).path[len(urlparse(base).path) + 1:].removesuffix(".html")
        if docname not in found:
            found.append(docname)
    return found


def search_quality(base: str, browser) -> None:
    """Mean reciprocal rank and the share found first, on tests/search-queries.yaml, through search.html?q=."""
    import yaml

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["english"]
    page = browser.new_page()
    ranks = []
    misses = []
    for entry in queries:
        page.goto(f"{base}/search.html?q={quote(entry['query'])}")
        found = _result_pages(page, base)
        rank = next((i + 1 for i, doc in enumerate(found) if doc in entry["pages"]), None)
        ranks.append(rank)
        if rank != 1:
            misses.append(f"    {entry['query']!r}: {'rank ' + str(rank) if rank else 'not found'}; first {found[:2]}")
    page.close()
    n = len(queries)
    print(f"Search quality ({n} English queries in {QUERIES.relative_to(ROOT)}, through search.html?q=)")
    print(f"  mean reciprocal rank              {sum(1 / r for r in ranks if r) / n:6.2f}")
    print(f"  right page first                  {sum(r == 1 for r in ranks) / n:6.0%}")
    print(f"  nothing useful in the top five    {sum(not r or r > 5 for r in ranks) / n:6.0%}")
    if misses:
        print("  not first:")
        print("\n".join(misses))


def search_bytes(outdir: Path) -> None:
    """Bytes sent by a gzip server: a page where nobody searches, then one visit with several queries."""
    from playwright.sync_api import sync_playwright

    sent: list = []
    queries = ["account hacked", "gallring", "delete comment", "subtitles", "allmän handling"]
    print("Search bytes (gzip server, empty cache, one visit)")
    with serve(outdir, sent=sent) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(f"{base}/chapters/guidance/records.html")
        page.wait_for_load_state("networkidle")
        search = sum(size for path, size in sent if SEARCH_FILES.search(path))
        print(f"  a page where the reader does not search: {search / 1024:.1f} KB of search")
        field = page.locator("#pst-search-dialog input[name=q]")
        for number, query in enumerate(queries):
            sent.clear()
            if number == 0:  # opening the search loads it: part of the first query
                page.get_by_role("button", name="Search").first.click()
            field.fill(query)
            page.locator("#pst-search-dialog .handbook-search__status", has_text=query).wait_for(timeout=30000)
            page.wait_for_load_state("networkidle")
            total = sum(size for _, size in sent)
            label = "first query" if number == 0 else "next query "
            print(f"  {label} {query!r:20} {total / 1024:6.1f} KB in {len(sent)} responses")
        page.close()
        firsts = []
        for query in queries:
            page = browser.new_context().new_page()
            page.goto(f"{base}/chapters/guidance/records.html")
            page.wait_for_load_state("networkidle")
            sent.clear()
            page.get_by_role("button", name="Search").first.click()
            page.locator("#pst-search-dialog input[name=q]").fill(query)
            page.locator("#pst-search-dialog .handbook-search__status", has_text=query).wait_for(timeout=30000)
            page.wait_for_load_state("networkidle")
            firsts.append(sum(size for _, size in sent))
            page.context.close()
        print(f"  first query of a visit, each of the {len(queries)} above: {', '.join(f'{b / 1024:.0f}' for b in firsts)} KB")
        browser.close()


def search(outdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(outdir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        search_quality(base, browser)
        browser.close()
    search_bytes(outdir)


def word_counts() -> None:
    print("Words per page (prose; front matter, code and templates excluded)")
    total = 0
    for page in [ROOT / "index.md", *sorted((ROOT / "chapters").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        # Templates, code, diagrams and tables of contents are not prose; the glossary is.
        text = re.sub(r"^```(?!\{glossary\}).*?^```", "", text, flags=re.S | re.M)
        words = len(re.findall(r"[\w§–-]+", re.sub(r"\{[a-z:-]+\}`[^`]*`", "x", text)))
        total += words
        print(f"  {words:6d}  {page.relative_to(ROOT)}")
    print(f"  {total:6d}  in all")


def pdf_figures() -> None:
    pdf = ROOT / "_build/latex/agency-social-media-handbook.pdf"
    if not pdf.is_file():
        print("PDF: not built (run make pdf first to include it)")
        return
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    pages = re.search(r"Pages:\s+(\d+)", info)
    print(f"PDF: {pdf.stat().st_size / 1024:.0f} KB" + (f", {pages.group(1)} pages" if pages else ""))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        if sys.argv[1:] == ["search"]:
            timed_build(outdir)
            search(outdir)
            return
        build_times(outdir)
        print()
        page_weight(outdir)
        print()
        search(outdir)
    print()
    word_counts()
    print()
    pdf_figures()


if __name__ == "__main__":
    main()
