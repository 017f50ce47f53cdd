"""Build the PDF and the EPUB of every language at once: `make pdf`, `make epub`, `make pdf epub`.

    python tools/build_books.py [--pdf] [--epub] [--language sv --language en] [--builddir _build] [--copy-pdf-to DIR]

With neither --pdf nor --epub it builds both; without --language, every edition in
conf.py's `handbook_languages`. Each language is built in a process of its own, at the
same time as the others. Within a language the single-page build (for the PDF) and the
EPUB build share one doctree folder (BUILDDIR/doctrees-books/<lang>) and one version, so
Sphinx reads and translates the pages once for both; then WeasyPrint writes the PDF
(tools/build_pdf.py) while the EPUB is built and EPUBCheck checks it (tools/build_epub.py).

The PDFs go to BUILDDIR/pdf, the EPUBs to BUILDDIR/epub/<lang>. --copy-pdf-to DIR also
copies each PDF into DIR/<lang>/, its edition's folder of the website (`make site`).
Prints how long each step took. Exits non-zero, with the failing step's message, if any
language fails: warnings from Sphinx or WeasyPrint and any EPUBCheck error are failures.
"""
from __future__ import annotations

import argparse
import json
import runpy
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))


def _cpu(who: str) -> float:
    """CPU seconds used so far by this thread ("thread") or by the finished processes this process
    waited for ("children"): on a shared machine a fairer figure than the time on the clock."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_THREAD if who == "thread" else resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_language(language: str, builddir: Path, pdf: bool, epub: bool) -> dict:
    """Everything for one language, in this process; the seconds each step took.

    After the single-page build, the EPUB (Sphinx, then EPUBCheck, both separate processes) is
    built in a second thread while WeasyPrint lays out the PDF in this one, so that a language
    that finishes first leaves its core to the other's remaining work."""
    from concurrent.futures import ThreadPoolExecutor

    import build_epub
    import build_pdf

    doctrees = builddir / "doctrees-books" / language
    version = build_pdf.edition_date().isoformat()
    seconds: dict[str, float] = {}

    def step(name, who, function, *args):
        started, cpu = time.monotonic(), _cpu(who)
        result = function(*args)
        seconds[name] = time.monotonic() - started
        seconds[f"{name} CPU"] = _cpu(who) - cpu
        return result

    def the_epub() -> str:
        book = step("Sphinx epub", "children", build_epub.build, language, builddir / "epub", doctrees, version)
        problems = step("EPUBCheck", "children", build_epub.check, book)
        if problems:
            sys.exit(f"EPUBCheck found {len(problems)} errors in {book}:\n" + "\n".join(problems))
        return f"The {language} EPUB is {book} ({book.stat().st_size / 1e6:.1f} MB); EPUBCheck: 0 errors"

    if pdf:
        page = step("Sphinx singlehtml", "children", build_pdf.singlehtml, language, builddir / "pdf" / language / "singlehtml",
                    doctrees, version)
    with ThreadPoolExecutor(max_workers=1) as pool:
        book = pool.submit(the_epub) if epub else None
        if pdf:
            target = step("WeasyPrint", "thread", build_pdf.write, language, page, builddir / "pdf")
            print(f"The {language} PDF is {target} ({target.stat().st_size / 1e6:.1f} MB)")
        if book:
            print(book.result())  # an EPUB that failed raises its SystemExit here
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--epub", action="store_true")
    parser.add_argument("--language", action="append", help="language code; repeat for more (default: every edition)")
    parser.add_argument("--builddir", default=str(ROOT / "_build"))
    parser.add_argument("--copy-pdf-to", help="also copy each PDF into DIR/<lang>/ (make site: the website's editions)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: this language only, timings as JSON on the last line
    args = parser.parse_args()
    pdf, epub = (args.pdf, args.epub) if args.pdf or args.epub else (True, True)
    builddir = Path(args.builddir).resolve()

    if args.one:
        print(json.dumps(one_language(args.one, builddir, pdf, epub)))
        return 0

    from handbook.pdf_download import pdf_name

    languages = args.language or list(runpy.run_path(str(ROOT / "conf.py"))["handbook_languages"])
    started = time.monotonic()
    flags = [*(["--pdf"] if pdf else []), *(["--epub"] if epub else [])]
    runs = {language: subprocess.Popen([sys.executable, __file__, "--one", language, "--builddir", str(builddir), *flags],
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
            for language in languages}
    status = 0
    for language, run in runs.items():
        log = run.communicate()[0]
        lines = log.rstrip().splitlines()
        if run.returncode:
            print(log, end="")
            print(f"--- {language}: failed ({run.returncode}), log above")
            status = status or run.returncode
            continue
        seconds = json.loads(lines[-1])
        print("\n".join(lines[:-1]))
        print(f"--- {language}: " + ", ".join(f"{name} {value:.1f} s (CPU {seconds[name + ' CPU']:.1f} s)"
                                             for name, value in seconds.items() if not name.endswith(" CPU")))
        if pdf and args.copy_pdf_to:
            edition = Path(args.copy_pdf_to) / language
            edition.mkdir(parents=True, exist_ok=True)
            shutil.copy2(builddir / "pdf" / pdf_name(language), edition / pdf_name(language))
    print(f"--- {' and '.join(flag[2:].upper() for flag in flags)} for {', '.join(languages)}: "
          f"{time.monotonic() - started:.1f} s in all")
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "_ext"))
    sys.exit(main())
