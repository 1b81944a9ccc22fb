"""No mention holds half a bracket or half a quotation."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.model import Span
from reader.core.passes.brackets import balanced_brackets, is_balanced
from tests.core.passes.test_org_names import span, surfaces

ROOT = Path(__file__).resolve().parents[3]
DEV_FOLDERS = [ROOT.parent / "shared" / "eval-dev", *sorted((ROOT.parent / "shared" / "eval-public-dev").glob("*"))]


def test_a_name_ends_before_an_unclosed_bracket_and_starts_after_a_stray_one() -> None:
    text = "the Department of Widgets (DoW) said; Widgets) and “Blue Harbour said"
    spans = [span(text, "Department of Widgets (DoW", "ORG"), span(text, "Widgets)", "ORG")]
    spans.append(span(text, "“Blue Harbour", "PLACE"))
    assert surfaces(text, balanced_brackets(text, spans)) == [
        ("Department of Widgets", "ORG"),
        ("Widgets", "ORG"),
        ("Blue Harbour", "PLACE"),
    ]


def test_balanced_names_are_left_alone() -> None:
    assert is_balanced("Air Division (Defense)")
    assert not is_balanced("Air Division (Defense")
    text = "Air Division (Defense) flew."
    spans = [Span(0, 22, "ORG", "ORG")]
    assert balanced_brackets(text, spans) == spans


@pytest.mark.model
def test_no_mention_in_any_dev_text_has_an_unbalanced_bracket_or_quote(pipeline) -> None:
    from reader.nlp.analyse import analyse_text

    texts = [t for folder in DEV_FOLDERS for t in sorted((folder / "texts").glob("*.txt"))]
    if not texts:
        pytest.skip("the development sets are not beside the repository")
    bad = [
        (t.name, m.text)
        for t in texts
        for m in analyse_text(t.read_text(encoding="utf-8"), pipeline).mentions
        if not is_balanced(m.text)
    ]
    assert bad == []
