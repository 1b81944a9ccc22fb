"""Numbered military units (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.passes.units import numbered_units
from tests.core.passes.test_org_names import span, surfaces


def test_a_numbered_unit_is_one_organisation_with_its_number() -> None:
    text = (
        "The 412th Harbour Wing joined the Ninth Kestrel Army, then 7 Tarvian Squadron. "
        "In 1943 Division games began, and the West Wing stayed empty."
    )
    spans = [
        span(text, "Harbour Wing", "ORG"),
        span(text, "Kestrel Army", "ORG"),
        span(text, "7 Tarvian", "ORG"),
    ]
    assert surfaces(text, numbered_units(text, spans)) == [
        ("412th Harbour Wing", "ORG"),
        ("Ninth Kestrel Army", "ORG"),
        ("7 Tarvian Squadron", "ORG"),
    ]
