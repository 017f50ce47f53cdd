"""Build every edition of the handbook at once into one site, and its root page.

    python tools/build_languages.py OUTDIR [sphinx-build options ...]
    python tools/build_languages.py --list      (the language codes, first the default)

builds each language of conf.py's `handbook_languages` with
`sphinx-build -b html -D language=<code>` into OUTDIR/<code>/ (its own doctree
folder, OUTDIR/../doctrees/<code>), all at the same time, and writes
OUTDIR/index.html: a plain page that sends readers to the first language and
links every edition.  Each edition is self-contained (its own _static, search
index, 404 page and PDF), so search, the asset bundler and the PDF link work
per folder.  Exits with the first failing build's status, after showing its log.

`-j auto` shares the machine's cores among the editions that build at the same
time (on 2 cores, `-j 1` each): two editions each forking a worker per core
spend CPU time on parallel reading (pickling and merging environments) that
buys nothing when the other edition keeps every core busy.
"""
from __future__ import annotations

import html
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The root page's words, in each language (the page is in the first language, with the others marked).
ROOT_TEXT = {
    "sv": ("Handboken för myndigheters sociala medier", "Läs handboken på svenska"),
    "en": ("The agency social-media handbook", "Read the handbook in English"),
}


def languages() -> dict[str, str]:
    return runpy.run_path(str(ROOT / "conf.py"))["handbook_languages"]


def root_page(langs: dict[str, str]) -> str:
    first = next(iter(langs))
    title, _ = ROOT_TEXT.get(first, (first, first))
    items = "\n".join(
        f'      <li><a href="{code}/index.html" hreflang="{code}" lang="{code}">{html.escape(ROOT_TEXT.get(code, (name, name))[1])}</a></li>'
        for code, name in langs.items())
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{code}" href="{code}/index.html" />' for code in langs)
    return f"""<!DOCTYPE html>
<html lang="{first}">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>{html.escape(title)}</title>
  <meta http-equiv="refresh" content="0; url={first}/index.html" />
  <link rel="canonical" href="{first}/index.html" />
{alternates}
</head>
<body>
  <main>
    <h1>{html.escape(title)}</h1>
    <ul>
{items}
    </ul>
  </main>
</body>
</html>
"""


def shared_jobs(options: list[str], editions: int) -> list[str]:
    """The sphinx-build options with `-j auto` (or `--jobs auto`) replaced by each edition's share of the cores."""
    share = str(max(1, (os.cpu_count() or 1) // max(1, editions)))
    result = list(options)
    for index, option in enumerate(result):
        if option in ("-j", "--jobs") and index + 1 < len(result) and result[index + 1] == "auto":
            result[index + 1] = share
        elif option in ("-jauto", "--jobs=auto"):
            result[index] = option.replace("auto", share)
    return result


def main(argv: list[str]) -> int:
    langs = languages()
    if argv == ["--list"]:  # for the Makefile
        print(" ".join(langs))
        return 0
    outdir, options = Path(argv[0]), shared_jobs(argv[1:], len(langs))
    doctrees = outdir.parent / "doctrees"
    runs = {}
    for code in langs:
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-D", f"language={code}",
                   "-d", str(doctrees / code), *options, str(ROOT), str(outdir / code)]
        runs[code] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    status = 0
    for code, run in runs.items():
        log, code_status = run.communicate()[0], run.returncode
        if code_status:
            print(log, end="")
        print(f"--- {code} ({langs[code]}): {'built' if code_status == 0 else f'failed ({code_status}), log above'}")
        status = status or code_status
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "index.html").write_text(root_page(langs), encoding="utf-8")
    root_files(outdir, langs)
    return status


def root_files(outdir: Path, langs: dict[str, str]) -> None:
    """What a host looks for at the site's root: robots.txt naming every edition's sitemap, and
    the 404 page it serves for any missing address (the first edition's: its links start at the root)."""
    sitemaps = []
    for code in langs:
        robots = outdir / code / "robots.txt"
        if robots.is_file():
            sitemaps += [line for line in robots.read_text(encoding="utf-8").splitlines() if line.startswith("Sitemap:")]
    if sitemaps:
        (outdir / "robots.txt").write_text("User-agent: *\nAllow: /\n\n" + "\n".join(sitemaps) + "\n", encoding="utf-8")
    first = outdir / next(iter(langs)) / "404.html"
    if first.is_file():
        shutil.copy2(first, outdir / "404.html")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
