"""The evaluation set parses cleanly, and the scorer counts what it should."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_markup_is_stripped_into_exact_spans(accuracy) -> None:
    doc = accuracy.parse_annotated("# countries: FR\n[[Emmanuel Macron|PERSON]] visited [[Paris|PLACE]]’s port.")
    assert doc.text == "Emmanuel Macron visited Paris’s port."
    assert [(doc.text[s.start : s.end], s.kind) for s in doc.spans] == [
        ("Emmanuel Macron", "PERSON"),
        ("Paris", "PLACE"),
    ]
    assert doc.countries == frozenset({"FR"})


def test_every_eval_article_is_well_formed_and_scores_one_against_itself(accuracy) -> None:
    paths = sorted((ROOT / "benchmarks" / "eval").glob("*.txt"))
    assert len(paths) >= 8
    for doc in accuracy.load_documents(paths):
        assert accuracy.lint_document(doc) == [], doc.name
        total = accuracy.micro(accuracy.score_spans(doc.spans, doc.spans))
        assert total.tp == len(doc.spans) and total.fp == 0 and total.fn == 0


def test_wrong_kind_counts_as_a_miss_and_a_false_alarm(accuracy) -> None:
    doc = accuracy.parse_annotated("[[NATO|ORG]] met.")
    span = doc.spans[0]
    wrong = type(span)(span.start, span.end, "PLACE")
    total = accuracy.micro(accuracy.score_spans(doc.spans, [wrong]))
    assert (total.tp, total.fp, total.fn) == (0, 1, 1)


def test_gold_json_set_is_read_and_scored_like_its_scorer(accuracy, tmp_path: Path) -> None:
    import json

    text = "Ada Lovelace met the Royal Society in London. Danes came."
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "one.txt").write_text(text, encoding="utf-8")
    gold = {
        "entities": [
            {"start": 0, "end": 12, "text": "Ada Lovelace", "label": "PERSON"},
            {"start": 21, "end": 34, "text": "Royal Society", "label": "ORG"},
            {"start": 38, "end": 44, "text": "London", "label": "PLACE"},
        ],
        "countries": ["gb"],
    }
    (tmp_path / "gold" / "one.json").write_text(json.dumps(gold), encoding="utf-8")
    [doc] = accuracy.load_gold_json_set(tmp_path)
    assert doc.countries == frozenset({"GB"})
    Span = type(doc.spans[0])
    # A nationality word (GROUP) is not annotated in such a set: it is left out, not a false alarm.
    predicted = frozenset({Span(0, 12, "PERSON"), Span(38, 44, "ORG"), Span(46, 51, "GROUP")})
    [result] = accuracy.restrict_kinds(
        [accuracy.FileResult(doc, predicted, frozenset({"GB"}))], ("PERSON", "PLACE", "ORG")
    )
    report = accuracy.build_report("gazette", "test", [result], ("PERSON", "PLACE", "ORG"))
    assert set(report.kinds) == {"PERSON", "PLACE", "ORG"}
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 1, 2)
    written = accuracy.prediction_json(result)
    assert [e["text"] for e in written["entities"]] == ["Ada Lovelace", "London"]
    assert written["entities"][1]["label"] == "ORG"
    assert written["countries"] == ["GB"]


def test_gold_json_span_that_does_not_match_its_text_is_refused(accuracy, tmp_path: Path) -> None:
    import json

    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "one.txt").write_text("Paris is big.", encoding="utf-8")
    bad = {"entities": [{"start": 0, "end": 4, "text": "Paris", "label": "PLACE"}], "countries": []}
    (tmp_path / "gold" / "one.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(accuracy.AnnotationError, match="not 'Paris'"):
        accuracy.load_gold_json_set(tmp_path)
