"""The passes are declared once, in order, documented, and each can be switched off."""

from __future__ import annotations

import pytest

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan
from reader.core.passes import switched_off
from reader.core.passes.chain import CHUNK_PASSES, all_passes, document_passes
from reader.core.passes.span_steps import SPAN_PASSES


def test_every_pass_has_a_unique_name_and_says_what_it_fixes() -> None:
    names = [p.name for p in all_passes()]
    assert len(names) == len(set(names))
    assert all(p.summary for p in all_passes())
    stages = ["span"] * len(SPAN_PASSES) + ["chunk"] * len(CHUNK_PASSES) + ["document"] * len(document_passes())
    assert [p.stage for p in all_passes()] == stages


def test_switching_a_pass_off_changes_what_is_found_and_only_while_switched_off() -> None:
    text = "He led the Radical Farmers Party of Upper Moravia until 1990."
    raw = [RawSpan(11, 32, "ORG"), RawSpan(36, 49, "GPE")]

    def names() -> list[str]:
        return [m.text for m in build_analysis(text, raw).mentions]

    assert names() == ["Radical Farmers Party of Upper Moravia"]
    with switched_off({"join-name-tails"}):
        assert names() == ["Radical Farmers Party", "Upper Moravia"]
    assert names() == ["Radical Farmers Party of Upper Moravia"]


@pytest.mark.model
def test_the_bundled_sample_lists_each_name_under_its_kind(pipeline, sample_path) -> None:
    from reader.nlp.analyse import analyse_text

    analysis = analyse_text(sample_path.read_text(encoding="utf-8"), pipeline)
    kinds = {e.name: e.kind for e in analysis.entities}
    assert kinds["Atlas Ferries"] == "ORG"  # a ferry company, not a person
    assert kinds["Tarifa"] == "PLACE"  # "between Tangier and Tarifa"
    assert kinds["Jean-Luc Marchand"] == "PERSON"
    assert not [e.name for e in analysis.entities if e.kind == "PERSON" and e.name in ("Atlas Ferries", "Tarifa")]
