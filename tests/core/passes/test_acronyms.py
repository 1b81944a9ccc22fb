"""An acronym of a lower-case phrase is no name (made-up sentences)."""

from __future__ import annotations

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan


def test_an_acronym_of_common_nouns_and_its_later_uses_are_not_names() -> None:
    text = "Pilots flew unmanned aerial vehicles (UAVs) near Kyiv. The UAVs crashed. The Kestrel Air Board (KAB) met."
    raw = []
    for surface, label in (("UAVs", "ORG"), ("Kyiv", "GPE"), ("Kestrel Air Board", "ORG"), ("KAB", "ORG")):
        start = -1
        while (start := text.find(surface, start + 1)) != -1:
            raw.append(RawSpan(start, start + len(surface), label))
    names = [m.text for m in build_analysis(text, sorted(raw, key=lambda r: r.start)).mentions]
    assert names == ["Kyiv", "Kestrel Air Board", "KAB"]


def _analysed(text: str, *items: tuple[str, str]) -> list[tuple[str, str]]:
    raw = []
    for surface, label in items:
        start = -1
        while (start := text.find(surface, start + 1)) != -1:
            raw.append(RawSpan(start, start + len(surface), label))
    return [(m.text, m.kind) for m in build_analysis(text, sorted(raw, key=lambda r: r.start)).mentions]


def test_the_words_an_acronym_spells_are_one_name_where_the_model_found_part_of_it() -> None:
    text = (
        "The Party of Farmers and Fishers (PFF) joined the Friends for Tarvia (FfT) and the "
        "Kestrel Social Union in Dunmere (KSUD). Later the PFF left."
    )
    found = _analysed(
        text,
        ("Party of Farmers", "ORG"),
        ("Tarvia", "GPE"),
        ("Kestrel Social Union", "ORG"),
        ("Dunmere", "GPE"),
    )
    assert found == [
        ("Party of Farmers and Fishers", "ORG"),
        ("PFF", "ORG"),
        ("Friends for Tarvia", "ORG"),
        ("FfT", "ORG"),
        ("Kestrel Social Union in Dunmere", "ORG"),
        ("KSUD", "ORG"),
        ("PFF", "ORG"),
    ]


def test_a_role_a_person_and_a_site_spelt_by_an_acronym_keep_their_own_spans() -> None:
    text = (
        "Ida Voss, a Member of the Kettleby Assembly (MKA), met Hal Brannock Voss (HBV) at "
        "Kettleby International Airport (KIA)."
    )
    found = _analysed(
        text,
        ("Kettleby Assembly", "ORG"),
        ("Ida Voss", "PERSON"),
        ("Hal Brannock", "PERSON"),
        ("Kettleby", "GPE"),
    )
    assert ("Member of the Kettleby Assembly", "ORG") not in found
    assert ("Kettleby Assembly", "ORG") in found
    # The role's letters name no body.
    assert all(surface != "MKA" for surface, _ in found)
    assert ("Hal Brannock Voss", "ORG") not in found
    assert ("Kettleby International Airport", "PLACE") in found


def test_places_listed_areas_roles_treaties_and_bodies_of_people_keep_what_an_acronym_spells_apart() -> None:
    text = (
        "Trade in Europe, the Middle East and Africa (EMEA) grew. The Kestrel River Delta (KRD) flooded. "
        "The Tarvia Senate Majority Leader (TSML) spoke; the Treaty on Kestrel Union (TKU) was signed. "
        "The Brothers of Tarvia (BoT) marched, and the BoT won."
    )
    found = _analysed(
        text,
        ("Europe", "LOC"),
        ("Middle East", "LOC"),
        ("Africa", "LOC"),
        ("Kestrel River", "LOC"),
        ("Tarvia Senate", "ORG"),
        ("Kestrel Union", "ORG"),
        ("Tarvia", "GPE"),
    )
    assert ("Europe, the Middle East and Africa", "ORG") not in found
    assert ("Middle East", "PLACE") in found
    assert ("Kestrel River Delta", "PLACE") in found
    assert not any("Majority Leader" in surface for surface, _ in found)
    assert ("Treaty on Kestrel Union", "ORG") not in found
    # "Brothers of Tarvia" names a body, not a role: its acronym stays, everywhere.
    assert [kind for surface, kind in found if surface == "BoT"] == ["ORG", "ORG"]


def test_a_department_of_a_field_is_a_body_and_keeps_its_acronym() -> None:
    # "Agriculture" and "Energy" open roles ("Agriculture Secretary"); after "Department of" they
    # name the department's field.
    text = (
        "The Tarvian Department of Agriculture (TDA) and the Ministry of Energy (MoE) met. "
        "Later the TDA spoke; the Bank of Kettleby Governor (BKG) did not."
    )
    found = _analysed(
        text,
        ("Tarvian Department of Agriculture", "ORG"),
        ("TDA", "ORG"),
        ("Ministry of Energy", "ORG"),
        ("MoE", "ORG"),
        ("Bank of Kettleby", "ORG"),
    )
    assert [kind for surface, kind in found if surface == "TDA"] == ["ORG", "ORG"]
    assert ("MoE", "ORG") in found
    # A role further on still names no body.
    assert all(surface != "BKG" for surface, _ in found)


def test_a_small_word_the_first_letter_matches_does_not_open_the_name_an_acronym_spells() -> None:
    # "IP": its "I" could be the one of "is"; the capitalised "Ilvara" before it opens the name.
    text = "The list joined Ilvara is Popular (IP) and Kestrel for All (KfA) in 2018."
    found = _analysed(text, ("Ilvara", "GPE"), ("Kestrel", "GPE"))
    assert ("Ilvara is Popular", "ORG") in found
    assert ("IP", "ORG") in found
    assert ("Kestrel for All", "ORG") in found
