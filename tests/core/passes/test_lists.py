"""Names listed one after another (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.passes.lists import names_in_lists
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces


def test_a_span_across_commas_holds_one_name_a_piece() -> None:
    text = "Backed by the Harbour League, Kestrel Union and Dunmore Rovers, it reached Kettleby, Portugal."
    spans = [span(text, "Harbour League, Kestrel Union", "ORG"), span(text, "Kettleby, Portugal", "PLACE")]
    assert surfaces(text, names_in_lists(text, spans, default_gazetteer())) == [
        ("Harbour League", "ORG"),
        ("Kestrel Union", "ORG"),
        ("Kettleby", "PLACE"),
        ("Portugal", "PLACE"),
    ]


def test_a_company_s_form_a_generation_or_initials_after_a_comma_stay_in_the_name() -> None:
    text = "Acme Widgets, Inc. hired Tom Roe, Jr. in Dunmore, D.C. and Kettleby, UK."
    spans = [
        span(text, "Acme Widgets, Inc.", "ORG"),
        span(text, "Tom Roe, Jr.", "PERSON"),
        span(text, "Dunmore, D.C.", "PLACE"),
        span(text, "Kettleby, UK", "PLACE"),
    ]
    assert names_in_lists(text, spans, default_gazetteer()) == spans
