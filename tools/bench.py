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
    """Both editions from scratch, as `make html` builds them (tools/build_languages.py, at the same time)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_languages.py"), str(outdir), *STRICT], check=True)
    both = time.perf_counter() - start
    print(f"  both editions (sv, en) from scratch {both:6.1f} s, {both / english:.2f}x the English build (target: at most 2x)")


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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        english = build_times(outdir)
        edition_times(Path(tmp) / "editions" / "html", english)
        print()
        page_weight(outdir)
    print()
    word_counts()
    print()
    pdf_figures()


if __name__ == "__main__":
    main()
