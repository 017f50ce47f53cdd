"""Set-up on a fresh machine: the system-package script installs or says exactly what to run."""
from __future__ import annotations

import os
import shutil
import subprocess

from conftest import ROOT

SCRIPT = ROOT / "tools" / "system-packages.sh"


def _bare_path(tmp_path, uid: str):
    """A PATH with only the shell tools the script needs and a fake `id`: nothing else is installed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "awk", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    fake_id = bin_dir / "id"
    fake_id.write_text(f"#!{shutil.which('bash')}\necho {uid}\n")
    fake_id.chmod(0o755)
    return {**os.environ, "PATH": str(bin_dir)}


def test_without_root_it_stops_with_the_exact_command(tmp_path):
    result = subprocess.run([shutil.which("bash"), str(SCRIPT), "build"], env=_bare_path(tmp_path, "1000"),
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y --no-install-recommends python3-venv graphviz" in result.stderr


def test_test_pdf_and_epub_groups_include_the_build_packages(tmp_path):
    result = subprocess.run([shutil.which("bash"), str(SCRIPT), "test", "pdf", "epub"], env=_bare_path(tmp_path, "1000"),
                            capture_output=True, text=True)
    # chromium is found by its path, /usr/bin/chromium, so it may well be present here.
    for package in ("python3-venv", "graphviz", "poppler-utils", "libpangoft2-1.0-0", "fonts-dejavu-core", "default-jre-headless"):
        assert package in result.stderr, package


def test_nothing_to_do_when_everything_is_there():
    result = subprocess.run(["bash", str(SCRIPT), "build", "test", "pdf", "epub"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_unknown_use_is_refused():
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 2 and "usage" in result.stderr
