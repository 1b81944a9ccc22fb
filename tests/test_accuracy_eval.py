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
