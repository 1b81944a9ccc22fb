"""The format fixtures, made once per run in a temporary folder (Qt writes the PDFs and draws the scans)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from . import makers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESSERACT = shutil.which("tesseract")
needs_tesseract = pytest.mark.skipif(
    not TESSERACT and not os.environ.get("CI"), reason="no tesseract here (Debian: tesseract-ocr tesseract-ocr-eng)"
)

SCAN_LINES = ["The Secretary met Angela Merkel", "in Berlin on Tuesday."]
TWO_COLUMN_LEFT = ["The first column tells how", "Angela Merkel reached Paris", "late on a Monday in May."]
TWO_COLUMN_RIGHT = ["The second column turns to", "the United Nations, which", "met again in Tokyo."]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory, qapp) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    pages = [
        ["The inquiry began in Nairobi, where the commission heard an inter-", "national panel of witnesses."],
        ["On the second page the panel moved to Oslo."],
        ["The third page ends in Lisbon."],
    ]
    files = {
        "pdf": makers.text_pdf(folder / "report.pdf", pages, header="Commission Report", numbers=True),
        "two-column": makers.two_column_pdf(folder / "columns.pdf", "The Harbour Report", TWO_COLUMN_LEFT,
                                            TWO_COLUMN_RIGHT),
        "scan-png": makers.scanned_image(folder / "scan.png", SCAN_LINES),
        "scan-pdf": makers.scanned_pdf(folder / "scan.pdf", [["Kofi Annan spoke in Geneva."], ["He flew to Accra."]]),
        "docx": makers.docx(folder / "annual.docx"),
        "epub": makers.epub(folder / "book.epub", [("Chapter One", "Ishmael sailed from Nantucket."),
                                                   ("Chapter Two", "Ahab waited in Boston.")]),
        "odt": makers.odt(folder / "notes.odt"),
    }  # fmt: skip
    files["eml"] = makers.eml(folder / "meeting.eml", attachment=files["pdf"].read_bytes())
    return files
