"""The lint hooks pass on the whole project (the same checks as `make lint`, minus the build)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

TEXT_SUFFIXES = {".md", ".py", ".txt", ".yml", ".yaml", ".bib", ".css", ".html", ".ini", ".cfg", ".sh", ".svg"}


def tracked_text_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [name for name in listed if (ROOT / name).suffix in TEXT_SUFFIXES and (ROOT / name).is_file()]


def test_no_trailing_whitespace_and_one_final_newline():
    result = subprocess.run([sys.executable, "tools/check_text_files.py", *tracked_text_files()], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_codespell_finds_no_english_misspelling():
    files = [name for name in tracked_text_files() if name.endswith((".md", ".py"))]
    result = subprocess.run([sys.executable, "-m", "codespell_lib", "--ignore-words", "tools/codespell-ignore.txt", *files],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_checker_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("a line with a trailing space \nno final newline", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools/check_text_files.py"), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{bad}:1: trailing whitespace" in result.stdout and "no newline at the end" in result.stdout
