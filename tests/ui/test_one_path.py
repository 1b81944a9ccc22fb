"""The window and ``gazette extract`` analyse by one path: the same text gives the same result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document import load_document
from reader.core.export import analysis_to_dict

from .conftest import open_and_wait

DATA = Path(__file__).resolve().parents[1] / "data"


def extract_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["extract", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def window_json(qtbot, make_window, path: Path, package: str) -> dict:
    window = make_window()
    analysis = open_and_wait(qtbot, window, path, timeout=600_000)
    # The highlights shown are the mentions extract lists, kind for kind.
    shown = window.view.highlighted_ranges()
    assert shown == [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind != "GROUP"]
    return analysis_to_dict(load_document(path), analysis, package)


def package_of(extract: dict) -> str:
    return extract["pipeline"].get("package", extract["pipeline"]["name"])


def assert_same(window: dict, extract: dict) -> None:
    for key in ("mentions", "entities", "countries"):
        assert window[key] == extract[key], key
    assert window == extract


@pytest.mark.model
def test_window_and_extract_agree_on_the_reference_article(qtbot, make_window, reference_path, capsys) -> None:
    extract = extract_json(reference_path, capsys)
    assert len(extract["mentions"]) > 40 and extract["countries"]
    assert_same(window_json(qtbot, make_window, reference_path, package_of(extract)), extract)


@pytest.mark.model
def test_window_and_extract_agree_on_a_long_book_excerpt(qtbot, make_window, capsys) -> None:
    path = DATA / "war-and-peace-excerpt.txt"
    assert len(path.read_text(encoding="utf-8")) > 399_000
    extract = extract_json(path, capsys)
    assert len(extract["mentions"]) > 2000
    assert_same(window_json(qtbot, make_window, path, package_of(extract)), extract)
