"""`gazette extract` on every format: pages or sections per mention in JSON and CSV; one line per bad file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import needs_tesseract
from .test_bad_input import ENCRYPTED

pytestmark = pytest.mark.model


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "extract", *args], capture_output=True, text=True, timeout=120, check=False
    )


def mentions_named(result: dict, name: str) -> list[dict]:
    return [m for m in result["mentions"] if m["text"] == name]


def test_pdf_mentions_give_their_page_in_json_and_csv(made: dict[str, Path]) -> None:
    done = run_cli(str(made["pdf"]))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["format"] == "pdf"
    assert result["encoding"] is None
    [oslo] = mentions_named(result, "Oslo")
    assert oslo["page"] == 2
    [lisbon] = mentions_named(result, "Lisbon")
    assert lisbon["page"] == 3
    assert not [m for m in result["mentions"] if "Commission" in m["text"]]  # the running header is not analysed
    rows = list(csv.DictReader(io.StringIO(run_cli("--format", "csv", str(made["pdf"])).stdout)))
    places = {(row["text"], row["page"], row["section"]) for row in rows}
    assert places >= {("Oslo", "2", "p. 2"), ("Lisbon", "3", "p. 3")}


def test_docx_epub_and_email_mentions_give_their_section(made: dict[str, Path]) -> None:
    done = run_cli(str(made["docx"]), str(made["epub"]), str(made["eml"]))
    assert done.returncode == 0, done.stderr
    docx, epub, mail = (json.loads(line) for line in done.stdout.splitlines())
    assert {m["section"] for m in mentions_named(docx, "Nairobi")} == {"Operations in Kenya"}
    assert {m["chapter"] for m in mentions_named(epub, "Boston")} == {"Chapter Two"}
    assert {m["section"] for m in mentions_named(mail, "Geneva")} >= {"Message"}


def test_an_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    refused = run_cli(str(ENCRYPTED))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1
    assert "protected by a password. Give it with --password." in refused.stderr
    wrong = run_cli("--password", "guess", str(ENCRYPTED))
    assert wrong.returncode == 1
    assert "The password is wrong" in wrong.stderr
    opened = run_cli("--password", "letmein", str(ENCRYPTED))
    assert opened.returncode == 0, opened.stderr
    assert mentions_named(json.loads(opened.stdout), "Nelson Mandela")[0]["page"] == 1


def test_each_bad_file_gets_one_line_and_exit_status_1(made: dict[str, Path], tmp_path: Path) -> None:
    cut_pdf = tmp_path / "cut.pdf"
    cut_pdf.write_bytes(made["pdf"].read_bytes()[:400])
    cut_docx = tmp_path / "cut.docx"
    cut_docx.write_bytes(made["docx"].read_bytes()[:3000])
    liar = tmp_path / "liar.epub"
    liar.write_bytes(bytes(range(256)) * 16)
    done = run_cli(str(cut_pdf), str(cut_docx), str(liar))
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert "PDF is damaged" in lines[0]
    assert "is damaged" in lines[1]
    assert "named like an EPUB e-book file, but its content is not one" in lines[2]


@needs_tesseract
def test_ocr_on_the_command_line(made: dict[str, Path]) -> None:
    refused = run_cli(str(made["scan-pdf"]))
    assert refused.returncode == 1
    assert "has no text layer (2 scanned pages)" in refused.stderr
    assert "Run with --ocr" in refused.stderr
    done = run_cli("--ocr", str(made["scan-pdf"]))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {m["page"] for m in mentions_named(result, "Accra")} == {2}


def test_export_and_map_accept_every_format(made: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(made["pdf"]), "-o", str(page)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert html.index('id="page-2"') < html.index(">Oslo</mark>") < html.index('id="page-3"')
    drawn = tmp_path / "map.svg"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "map", str(made["epub"]), "-o", str(drawn)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"<svg" in drawn.read_bytes()[:400]


def test_export_takes_a_password(tmp_path: Path) -> None:
    page = tmp_path / "memo.html"
    command = [sys.executable, "-m", "reader", "export", str(ENCRYPTED), "-o", str(page)]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("protected by a password. Give it with --password.")
    done = subprocess.run([*command, "--password", "letmein"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert ">Nelson Mandela</mark>" in page.read_text(encoding="utf-8")
