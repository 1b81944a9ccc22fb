"""A club's name with its letters after it (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.passes.clubs import club_letters
from tests.core.passes.test_org_names import span, surfaces


def test_a_club_s_letters_make_the_name_before_them_a_club() -> None:
    text = "The Kettleby Rovers HC met Dunmere A.F.C. there; yesterday Harbour Town FC lost in Tarvia, FC."
    spans = [
        span(text, "Kettleby Rovers", "PLACE"),
        span(text, "Dunmere A.F.C.", "PLACE"),
        span(text, "Tarvia", "PLACE"),
    ]
    assert surfaces(text, club_letters(text, spans, frozenset({"yesterday"}))) == [
        ("Kettleby Rovers HC", "ORG"),
        ("Dunmere A.F.C.", "ORG"),
        ("Harbour Town FC", "ORG"),
        ("Tarvia", "PLACE"),
    ]
