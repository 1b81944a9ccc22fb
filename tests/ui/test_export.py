"""File › Export and Print from the window, and `gazette export`: the bytes a reader takes away."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.export import analysis_to_dict

from .conftest import open_and_wait, write_text
from .fakes import ARTICLE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"
HOSTILE = ARTICLE.replace("signed a ferry agreement", "signed <script>alert(1)</script> a ferry agreement")


def open_hostile(qtbot, fake_window, tmp_path: Path):
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, HOSTILE))
    return window, analysis


def test_the_export_menu_offers_every_format_and_print(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = open_hostile(qtbot, fake_window, tmp_path)
    menu = window.commands.export_menu
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Entities (CSV)…",
        "Analysis (JSON)…",
        "Annotated Article (HTML)…",
        "Annotated Article (PDF)…",
        "Map (PNG, SVG)…",
    ]
    assert all(a.isEnabled() for a in menu.actions()) and window.commands.print.isEnabled()
    window.close_document()
    assert not window.commands.exports[".html"].isEnabled() and not window.commands.print.isEnabled()


def test_html_csv_and_json_exports_hold_what_the_window_shows(qtbot, fake_window, tmp_path) -> None:
    window, analysis = open_hostile(qtbot, fake_window, tmp_path)
    page = tmp_path / "out.html"
    assert window.export_to(str(page))
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert html.count("<mark ") == len([m for m in analysis.mentions if m.kind != "GROUP"])
    assert "<svg" in html  # the map, inline
    assert window.export_to(str(tmp_path / "out.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["name", "kind", "mentions", "aliases", "country"]
    assert ["Maria Ortega", "PERSON", "3", "Ortega", ""] in rows
    assert window.export_to(str(tmp_path / "out.json"))
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(analysis_to_dict(window.document, window.analysis)))
    assert window.settings["last_folder"] == str(tmp_path.resolve())


def test_a_pdf_export_is_a_pdf_of_the_text(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = open_hostile(qtbot, fake_window, tmp_path)
    out = tmp_path / "out.pdf"
    assert window.export_to(str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext") or os.environ.get("CI"):  # CI installs it (Debian: poppler-utils)
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Maria Ortega" in text and "<script>alert(1)</script>" in text  # shown as typed


def test_a_failed_export_says_why_and_leaves_the_old_file(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = open_hostile(qtbot, fake_window, tmp_path)
    assert not window.export_to(str(tmp_path / "missing" / "out.html"))
    assert "The export could not be saved" in window.banner.label.text()
    assert not window.export_to(str(tmp_path / "out.docx"))
    assert "use .html, .csv, .json or .pdf" in window.banner.label.text()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=180, check=False, cwd=ROOT
    )


def test_gazette_export_refuses_a_bad_extension_and_an_unreadable_file(tmp_path) -> None:
    bad = run("export", str(SAMPLE), "-o", str(tmp_path / "out.docx"))
    assert (
        bad.returncode == 2 and bad.stderr == "gazette: cannot export to 'out.docx': use .html, .csv, .json or .pdf\n"
    )
    missing = run("export", str(tmp_path / "none.txt"), "-o", str(tmp_path / "out.html"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr


@pytest.mark.model
def test_gazette_export_writes_each_format(tmp_path) -> None:
    for name in ("out.html", "out.csv", "out.json", "out.pdf"):
        result = run("export", str(SAMPLE), "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert "Amélie Rousseau" in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert json.loads((tmp_path / "out.json").read_text())["file"] == "harbour-summit.txt"
    assert "help" in run("--help").stdout and "gazette export FILE" in run("--help").stdout


def test_an_export_to_a_full_disk_says_so_and_keeps_the_old_file(qtbot, fake_window, tmp_path, monkeypatch) -> None:
    from tests.core.test_files import disk_full_after

    window, _analysis = open_hostile(qtbot, fake_window, tmp_path)
    folder = tmp_path / "disk"
    folder.mkdir()
    disk_full_after(monkeypatch, folder, 2_000)
    for name in ("out.pdf", "out.html", "out.csv", "out.json", "map.png", "map.svg"):
        out = folder / name
        out.write_bytes(b"the old file")
        window.statusBar().clearMessage()
        saved = window.export_map(str(out)) if name.startswith("map") else window.export_to(str(out))
        assert not saved, name
        assert "the disk is full" in window.banner.label.text(), name
        assert "Exported to" not in window.statusBar().currentMessage()
        assert "saved to" not in window.statusBar().currentMessage()
        assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["out.pdf", "out.html", "out.csv", "out.json", "map.png", "map.svg"]
    )


def test_an_export_is_created_readable_by_others(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = open_hostile(qtbot, fake_window, tmp_path)
    old = os.umask(0o022)
    try:
        assert window.export_to(str(tmp_path / "out.html"))
        assert window.export_map(str(tmp_path / "map.png"))
    finally:
        os.umask(old)
    assert (tmp_path / "out.html").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "map.png").stat().st_mode & 0o777 == 0o644


@pytest.mark.model
def test_gazette_export_and_map_to_a_full_disk_exit_1_with_one_line(tmp_path, monkeypatch, capsys) -> None:
    from reader.cli import main
    from tests.core.test_files import disk_full_after

    disk_full_after(monkeypatch, tmp_path, 2_000)
    for command, name in (("export", "out.pdf"), ("export", "out.html"), ("map", "map.png"), ("map", "map.svg")):
        out = tmp_path / name
        out.write_bytes(b"the old file")
        assert main([command, str(SAMPLE), "-o", str(out)]) == 1, name
        err = capsys.readouterr().err
        assert err.endswith(f"{out}: the disk is full\n") and err.count("\n") == 1, err
        assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "map.svg", "out.html", "out.pdf"]


def test_the_pdf_spaces_paragraphs_on_lines_of_their_own_as_the_window_does(qtbot, fake_window, tmp_path) -> None:
    from PySide6.QtGui import QFont

    from reader.ui.exporting import text_document

    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))  # one paragraph per line
    page = text_document(window.document, window.analysis, QFont()).toPlainText()
    first, second = ARTICLE.split("\n")[1:3]
    assert f"{first}\n\n{second}" in page.replace("\u2029", "\n")


def test_the_inline_maps_legend_is_as_large_as_the_text_around_it(qtbot, fake_window, tmp_path) -> None:
    import re

    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    out = tmp_path / "out.html"
    assert window.export_to(str(out))
    page = out.read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # the drawing's own units
    sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)', svg)]  # the legend's text
    assert sizes and "Portugal" in svg
    shown = 768  # the map fills the article's column of 48rem
    assert min(sizes) * shown / width >= 12  # legible: not the 8 px of a 1600 px drawing shrunk
