"""`gazette corrections` and corrections in `gazette extract`: what a user types and gets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "harbour-summit.txt"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(folder))
    return folder


def write(path: Path, corrections: list[dict]) -> Path:
    path.write_text(json.dumps({"format": "gazette-corrections", "version": 1, "corrections": corrections}))
    return path


def test_import_list_and_export_round_trip(tmp_path: Path, capsys, data_dir: Path) -> None:
    items = [
        {"action": "remove", "text": "Acme Weekly"},
        {"action": "kind", "text": "Atlas Ferries", "kind": "ORG"},
        {"action": "country", "text": "Georgia", "country": None},
    ]
    source = write(tmp_path / "in.json", items)
    assert main(["corrections", "import", str(source)]) == 0
    assert capsys.readouterr().out == "3 corrections added or changed, 0 already there\n"
    assert main(["corrections", "import", str(source)]) == 0
    assert capsys.readouterr().out == "0 corrections added or changed, 3 already there\n"
    assert (data_dir / "corrections.sqlite3").is_file()
    assert main(["corrections", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in listed] == [
        "“Acme Weekly” is not a name",
        "“Atlas Ferries” is an organisation",
        "“Georgia” is in no country",
    ]
    out = tmp_path / "out.json"
    assert main(["corrections", "export", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["corrections"] == items
    assert main(["corrections", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["corrections"] == items


def test_a_bad_file_exits_1_with_one_line_and_changes_nothing(tmp_path: Path, capsys) -> None:
    assert main(["corrections", "import", str(write(tmp_path / "good.json", [{"action": "remove", "text": "A"}]))]) == 0
    capsys.readouterr()
    bad = write(tmp_path / "bad.json", [{"action": "remove", "text": "B"}, {"action": "kind", "text": "C"}])
    assert main(["corrections", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err == f"gazette: {bad}: correction 2: “kind” is missing\n"
    assert main(["corrections", "import", str(tmp_path / "missing.json")]) == 1
    assert capsys.readouterr().err.startswith("gazette: cannot read ")
    main(["corrections", "list"])
    assert [line.split("\t")[1:3] for line in capsys.readouterr().out.splitlines()] == [["remove", "“A” is not a name"]]


@pytest.mark.model
def test_extract_applies_the_rules_marks_what_they_changed_and_can_leave_them_out(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(SAMPLE)]) == 0
    plain = json.loads(capsys.readouterr().out)
    person = next(e for e in plain["entities"] if e["kind"] == "PERSON")
    place = next(e for e in plain["entities"] if e["kind"] == "PLACE")
    rules = [
        {"action": "remove", "text": place["name"]},
        {"action": "kind", "text": person["name"], "kind": "ORG"},
    ]
    assert main(["corrections", "import", str(write(tmp_path / "rules.json", rules))]) == 0
    capsys.readouterr()
    assert main(["extract", str(SAMPLE)]) == 0
    corrected = json.loads(capsys.readouterr().out)
    assert place["name"] not in {e["name"] for e in corrected["entities"]}
    assert not [m for m in corrected["mentions"] if m["entity"] == place["id"]]
    now = next(e for e in corrected["entities"] if e["name"] == person["name"])
    assert (now["kind"], now["corrected"], now["mentions"]) == ("ORG", ["kind"], person["mentions"])
    marked = [m for m in corrected["mentions"] if m["entity"] == now["id"]]
    assert marked and all(m["kind"] == "ORG" and m["corrected"] == ["kind"] for m in marked)
    assert main(["extract", "--no-corrections", str(SAMPLE)]) == 0
    assert json.loads(capsys.readouterr().out) == plain


@pytest.mark.model
def test_map_applies_the_rules_and_can_leave_them_out(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(SAMPLE)]) == 0
    plain = json.loads(capsys.readouterr().out)
    country = plain["countries"][-1]
    gone = [{"action": "remove", "text": e["name"]} for e in plain["entities"] if e["country"] == country["code"]]
    assert gone
    before, after, again = (tmp_path / f"{n}.svg" for n in ("before", "after", "again"))
    assert main(["map", str(SAMPLE), "-o", str(before)]) == 0
    assert main(["corrections", "import", str(write(tmp_path / "rules.json", gone))]) == 0
    assert main(["map", str(SAMPLE), "-o", str(after)]) == 0
    assert main(["map", "--no-corrections", str(SAMPLE), "-o", str(again)]) == 0
    colour = country["colour"].lower()
    assert colour in before.read_text().lower()
    assert colour not in after.read_text().lower()
    assert colour in again.read_text().lower()


def test_a_store_that_cannot_be_made_is_one_line_not_a_traceback(tmp_path: Path, capsys, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(blocker))
    assert main(["corrections", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gazette: the corrections store ") and err.count("\n") == 1 and "Traceback" not in err
    assert blocker.read_text() == "a file where the data folder should be"  # nothing moved or lost


@pytest.mark.timeout(30)
def test_an_import_of_a_fifo_a_device_or_a_deep_nest_is_one_line(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "theirs.json"
    os.mkfifo(fifo)
    assert main(["corrections", "import", str(fifo)]) == 1
    assert capsys.readouterr().err == f"gazette: cannot read {fifo}: it is a named pipe (FIFO), not a file\n"
    assert main(["corrections", "import", "/dev/zero"]) == 1
    assert capsys.readouterr().err == "gazette: cannot read /dev/zero: it is a device, not a file\n"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    assert main(["corrections", "import", str(deep)]) == 1
    assert capsys.readouterr().err == f"gazette: {deep}: not a corrections file (its JSON is nested too deeply)\n"
    assert main(["corrections", "list"]) == 0
    assert capsys.readouterr().out == ""
