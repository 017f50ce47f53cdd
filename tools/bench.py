"""Benchmarks: build times, page weight, search and word counts.  Prints figures; asserts nothing.

    make bench
    .venv/bin/python tools/bench.py search    # only the search figures, on a fresh build

Speed and size are measured here, not in the tests, because timed tests flake.
"""
from __future__ import annotations

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
LIGHTHOUSE_PAGES = ["index", "chapters/guidance/records", "chapters/toolkit/post-templates", "search"]
QUERIES = ROOT / "tests/search-queries.yaml"
SEARCH_FILES = re.compile(r"/pagefind/|handbook-search|searchindex\.js|searchtools\.js|language_data\.js")
WEIGHED_PAGES = ["index", "chapters/guidance/records", "chapters/toolkit/post-templates", "chapters/toolkit/decision-guides"]


def timed_build(outdir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", *STRICT, str(ROOT), str(outdir)], check=True)
    return time.perf_counter() - start


def build_times(outdir: Path) -> float:
    full = timed_build(outdir)
    nothing = timed_build(outdir)
    page = ROOT / "chapters/guidance/records.md"
    page.touch()
    one = timed_build(outdir)
    print("Build (strict, -j auto, 2 cores)")
    print(f"  full build from scratch        {full:6.1f} s")
    print(f"  rebuild with nothing changed   {nothing:6.1f} s")
    print(f"  rebuild after one page changed {one:6.1f} s")
    return full


def edition_times(outdir: Path, english: float) -> None:
    """Both editions from scratch, as `make html` builds them (tools/build_languages.py, at the same time),
    then again after one page changed: the time, and how many pages each edition wrote again."""
    command = [sys.executable, str(ROOT / "tools" / "build_languages.py"), str(outdir), *STRICT]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    both = time.perf_counter() - start
    print(f"  both editions (sv, en) from scratch {both:6.1f} s, {both / english:.2f}x the English build (target: at most 2x)")
    before = time.time()
    time.sleep(1)
    (ROOT / "chapters/guidance/records.md").touch()
    start = time.perf_counter()
    subprocess.run(command, check=True)
    again = time.perf_counter() - start
    written = {}
    for edition in sorted(p for p in outdir.iterdir() if p.is_dir()):
        pages = [p for p in edition.rglob("*.html") if p.relative_to(edition).parts[0] not in ("_static", "_images", "pagefind")]
        written[edition.name] = f"{sum(p.stat().st_mtime > before for p in pages)} of {len(pages)}"
    print(f"  both editions after one page changed {again:6.1f} s; pages written again: "
          + ", ".join(f"{code} {count}" for code, count in written.items()))


def books_times(builddir: Path) -> None:
    """Both PDFs and both EPUBs from scratch, as `make pdf epub` builds them (tools/build_books.py)."""
    start = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "pdf", "epub", f"BUILDDIR={builddir}"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    took = time.perf_counter() - start
    print("PDF and EPUB, Swedish and English, from scratch (each step: time on the clock, and CPU time)")
    for line in done.stdout.splitlines():
        if line.startswith("--- ") and "in all" not in line:
            print(f"  {line[4:]}")
    print(f"  make pdf epub, all four        {took:6.1f} s (target: at most 60 s on 2 cores)")


def page_weight(outdir: Path) -> dict:
    """Transfer (bytes on the wire, gzip as a host sends) and requests for a first visit to every page."""
    import statistics

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import docnames

    figures = {}
    with serve(outdir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for docname in docnames() + ["search"]:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            done = []
            page.on("requestfinished", lambda request: done.append(request))
            page.goto(f"{base}/{docname}.html", wait_until="networkidle")
            size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in done)
            figures[docname] = {"bytes": size, "requests": len(done)}
            context.close()
        browser.close()
    sizes = sorted(f["bytes"] for f in figures.values())
    requests = sorted(f["requests"] for f in figures.values())
    print("Page weight: first visit, empty cache, from a local server that compresses like a host")
    print(f"  transfer KB  min {sizes[0] / 1024:5.1f}  median {statistics.median(sizes) / 1024:5.1f}  max {sizes[-1] / 1024:5.1f}   (budget 120)")
    print(f"  requests     min {requests[0]:5d}  median {statistics.median(requests):5.0f}  max {requests[-1]:5d}   (budget 10)")
    heaviest = max(figures, key=lambda d: figures[d]["bytes"])
    print(f"  heaviest page: {heaviest}")
    total = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(outdir).parts))
    print(f"  published site on disk: {total / 1024 / 1024:.1f} MB")
    return {"pages": figures, "site_bytes": total}


def lighthouse(outdir: Path) -> dict:
    """Lighthouse 12.2.3, mobile preset, median of three runs per page from the compressing server."""
    import json
    import os
    import statistics

    tool = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "lighthouse@12.2.3"], cwd=ROOT, check=True)
    scores = {}
    print("Lighthouse 12.2.3 (mobile, median of 3 runs)")
    with serve(outdir) as base:
        for docname in LIGHTHOUSE_PAGES:
            runs = []
            for _ in range(3):
                out = subprocess.run([str(tool), f"{base}/{docname}.html", "--quiet", "--output=json", "--output-path=stdout",
                                      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                                      "--only-categories=performance,accessibility,best-practices,seo"],
                                     capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
                report = json.loads(out.stdout)
                runs.append({k: round(v["score"] * 100) for k, v in report["categories"].items()})
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            scores[docname] = median
            print(f"  {docname:40} " + "  ".join(f"{k} {v:.0f}" for k, v in median.items()))
    return scores


def scaling() -> dict:
    """Build time per page for the handbook and for a synthetic handbook ten times its size."""
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 10):
            project = Path(tmp) / f"x{factor}"
            shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", "locales"))
            guidance = sorted(p for p in (project / "chapters/guidance").glob("*.md") if p.name != "index.md")
            copies = []
            for n in range(1, factor):
                for page in guidance:
                    text = page.read_text(encoding="utf-8")
                    # Each copy gets its own labels, so the synthetic handbook builds strictly.
                    labels = re.findall(r"^\(([a-z0-9-]+)\)=$", text, re.M)
                    for label in labels:
                        text = re.sub(rf"\({re.escape(label)}\)=", f"({label}-copy{n})=", text)
                    name = f"{page.stem}-copy{n}"
                    (page.parent / f"{name}.md").write_text(text, encoding="utf-8")
                    copies.append(name)
            if copies:
                index = project / "chapters/guidance/index.md"
                index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\n:hidden:\n\n" + "\n".join(copies) + "\n```\n", encoding="utf-8")
            pages = len(list((project / "chapters").rglob("*.md"))) + 1
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-j", "auto", "-q", str(project), str(project / "_build")],
                           check=True, capture_output=True)
            seconds = time.perf_counter() - start
            times[factor] = {"pages": pages, "seconds": round(seconds, 1), "per_page": round(seconds / pages, 3)}
    ratio = times[10]["per_page"] / times[1]["per_page"]
    print("Build time per page as the handbook grows (synthetic copies of the guidance chapters)")
    for factor, t in times.items():
        print(f"  {factor:2d}x: {t['pages']:4d} pages in {t['seconds']:6.1f} s = {t['per_page'] * 1000:5.0f} ms a page")
    print(f"  per-page time at 10x is {ratio:.2f}x the time at 1x (goal: at most 1.5x)")
    return {"times": times, "ratio": round(ratio, 2)}


def _result_pages(page, base: str) -> list[str]:
    """The docnames of the results shown, best first, each once."""
    page.wait_for_selector(".handbook-search__status:not(:empty)", timeout=30000)
    found = []
    for href in page.eval_on_selector_all(".handbook-search__results a", "links => links.map(a => a.href)"):
        docname = urlparse(href).path[len(urlparse(base).path) + 1:].removesuffix(".html")
        if docname not in found:
            found.append(docname)
    return found


#: The query set of each edition in tests/search-queries.yaml.
QUERY_SETS = {"en": "english", "sv": "swedish"}


def search_quality(base: str, browser, language: str = "en") -> dict:
    """Mean reciprocal rank and the share found first, on tests/search-queries.yaml, through search.html?q=.

    `base` is the edition's address (…/en or …/sv); the edition's own Pagefind index answers its queries."""
    import yaml

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))[QUERY_SETS[language]]
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
    figures = {"queries": n, "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
               "first": round(sum(r == 1 for r in ranks) / n, 3), "none_in_top_five": round(sum(not r or r > 5 for r in ranks) / n, 3)}
    print(f"Search quality, {language} edition ({n} {QUERY_SETS[language]} queries in {QUERIES.relative_to(ROOT)}, through search.html?q=)")
    print(f"  mean reciprocal rank              {figures['mrr']:6.2f}")
    print(f"  right page first                  {figures['first']:6.0%}")
    print(f"  nothing useful in the top five    {figures['none_in_top_five']:6.0%}")
    if misses:
        print("  not first:")
        print("\n".join(misses))
    return figures


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


def search(outdir: Path, editions: Path) -> dict:
    """Search quality in each edition of the two-edition site (as `make html` builds it), then search bytes."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with serve(editions) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for language in QUERY_SETS:
            figures[language] = search_quality(f"{base}/{language}", browser, language)
        browser.close()
    search_bytes(outdir)
    return figures


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
    sys.path.insert(0, str(ROOT / "_ext"))
    from handbook.pdf_download import pdf_name

    for language in ("sv", "en"):
        pdf = ROOT / "_build/pdf" / pdf_name(language)
        if not pdf.is_file():
            print(f"PDF ({language}): not built (run make pdf first to include it)")
            continue
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
        pages = re.search(r"Pages:\s+(\d+)", info)
        print(f"PDF ({language}): {pdf.stat().st_size / 1024:.0f} KB" + (f", {pages.group(1)} pages" if pages else ""))


def readability_report() -> None:
    import readability

    print("Readability per page (Flesch-Kincaid grade, share of sentences over 25 words, LIX)")
    readability.main([])


def main() -> None:
    import json

    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        editions = Path(tmp) / "editions" / "html"
        if sys.argv[1:] == ["search"]:
            timed_build(outdir)
            subprocess.run([sys.executable, str(ROOT / "tools" / "build_languages.py"), str(editions), *STRICT], check=True)
            search(outdir, editions)
            return
        english = build_times(outdir)
        edition_times(editions, english)
        books_times(Path(tmp) / "books")
        print()
        report["weight"] = page_weight(outdir)
        print()
        report["search"] = search(outdir, editions)
        print()
        if "--no-lighthouse" not in sys.argv:
            report["lighthouse"] = lighthouse(outdir)
            print()
    report["scaling"] = scaling()
    print()
    word_counts()
    print()
    readability_report()
    print()
    pdf_figures()
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\nFigures written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
