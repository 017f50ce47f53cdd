"""Benchmarks: build times, page weight and word counts.  Prints figures; asserts nothing.

    make bench

Speed and size are measured here, not in the tests, because timed tests flake.
"""
from __future__ import annotations

import gzip
import re
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
    import runpy

    from handbook.pdf_download import pdf_name

    pdf = ROOT / "_build/latex" / pdf_name(runpy.run_path(str(ROOT / "conf.py"))["latex_documents"])
    if not pdf.is_file():
        print("PDF: not built (run make pdf first to include it)")
        return
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    pages = re.search(r"Pages:\s+(\d+)", info)
    print(f"PDF: {pdf.stat().st_size / 1024:.0f} KB" + (f", {pages.group(1)} pages" if pages else ""))


def readability_report() -> None:
    import readability

    print("Readability per page (Flesch-Kincaid grade, share of sentences over 25 words, LIX)")
    readability.main([])


def main() -> None:
    import json

    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        build_times(outdir)
        print()
        report["weight"] = page_weight(outdir)
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
