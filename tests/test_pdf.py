"""The PDF: it builds, and printed pages keep what staff need."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, STRICT, pdf_name

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("pdf")
    built = subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", str(ROOT), str(outdir), *STRICT, "-q"],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    pdf = outdir / "latex" / pdf_name()
    assert pdf.is_file()
    assert shutil.which("pdftotext"), "pdftotext is missing: run tools/system-packages.sh pdf"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_contents_list_the_chapters_in_order(pdf_text):
    """The printed table of contents: 'N  Title  page', in reading order."""
    titles = ["The 2011 interview", "Records, public access and archiving", "Decision guides", "Glossary", "Review status"]
    positions = []
    for title in titles:
        match = re.search(rf"^\s*\d+\s+{re.escape(title)}\s+\d+\s*$", pdf_text, re.M)
        assert match, f"'{title}' is not in the printed contents"
        positions.append(match.start())
    assert positions == sorted(positions), positions


def test_printed_checklists_have_boxes_to_tick(pdf_text):
    assert pdf_text.count("\u25a1") >= 60


def test_printed_decision_guides_keep_their_text_alternative(pdf_text):
    assert pdf_text.count("The same decision as steps") >= 3


def test_swedish_letters_survive(pdf_text):
    for word in ["Rikspolisstyrelsen", "Offentlighets- och sekretesslagen", "närpolisområde", "Böök"]:
        assert word in pdf_text, word


def test_printed_pages_show_owner_and_review_date(pdf_text):
    from conftest import docnames

    # Every page but the landing page, which the PDF leaves out.
    assert pdf_text.count("Next review due:") == len(docnames()) - 1
