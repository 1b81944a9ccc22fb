"""A country under one regime is one place's name (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.passes.regimes import countries_under_regimes
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces


def test_a_regime_s_word_before_a_country_belongs_to_the_place() -> None:
    text = "Vichy France and Tsarist Russia fell; Vichy officers and a Soviet Kettleby choir stayed."
    spans = [
        span(text, "Vichy", "GROUP"),
        span(text, "France", "PLACE"),
        span(text, "Tsarist Russia", "ORG"),
        span(text, "Vichy", "GROUP", 1),
        span(text, "Soviet", "GROUP"),
        span(text, "Kettleby", "PLACE"),
    ]
    assert surfaces(text, countries_under_regimes(text, spans, default_gazetteer())) == [
        ("Vichy France", "PLACE"),
        ("Tsarist Russia", "PLACE"),
        ("Vichy", "GROUP"),
        ("Soviet", "GROUP"),
        ("Kettleby", "PLACE"),
    ]
