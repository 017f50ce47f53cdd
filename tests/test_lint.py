"""The lint hooks pass on the whole project (the same checks as `make lint`, minus the build).

The whitespace hooks fix files in place, so they run on a copy: tests never write into the working tree.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def tracked_text_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    text = subprocess.run(["git", "grep", "-I", "--name-only", "-e", ""], cwd=ROOT, capture_output=True, text=True).stdout.split()
    return [name for name in listed if name in set(text) and (ROOT / name).is_file() and not (ROOT / name).is_symlink()]


def test_no_trailing_whitespace_and_one_final_newline(tmp_path):
    # The translation catalogs are written by sphinx-intl (.pre-commit-config.yaml excludes them too).
    files = [name for name in tracked_text_files() if not name.startswith("locales/")]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    for hook in ("trailing-whitespace-fixer", "end-of-file-fixer"):
        result = subprocess.run([str(BIN / hook), *files], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, f"{hook} would change these files (run make lint):\n{result.stdout}"


def test_codespell_finds_no_english_misspelling():
    files = [name for name in tracked_text_files() if name.endswith((".md", ".py"))]
    result = subprocess.run([sys.executable, "-m", "codespell_lib", "--ignore-words", "tools/codespell-ignore.txt", *files],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
