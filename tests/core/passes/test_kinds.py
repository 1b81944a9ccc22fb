"""People and organisations told apart by their company and their words (made-up sentences)."""

from __future__ import annotations

from reader.core.model import Span
from reader.core.passes.kinds import (
    bodies_after_their_noun,
    bodies_by_what_they_do,
    examples_of_a_kind,
    list_kinds,
    party_plurals,
    towns_listed_as_bodies,
)
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces
from tests.core.test_entities import raw as raw_span


def test_a_person_listed_among_bodies_is_a_body() -> None:
    gaz = default_gazetteer()
    text = "The coalition joined Kestrel, the Harbour Union and the Tarvian Party."
    spans = [
        span(text, "Kestrel", "PERSON"),
        span(text, "Harbour Union", "ORG"),
        span(text, "Tarvian Party", "ORG"),
    ]
    assert surfaces(text, list_kinds(text, spans, gaz)) == [
        ("Kestrel", "ORG"),
        ("Harbour Union", "ORG"),
        ("Tarvian Party", "ORG"),
    ]


def test_a_name_no_gazetteer_knows_listed_among_bodies_is_a_body() -> None:
    gaz = default_gazetteer()
    text = (
        "Members were the Kestrel Union, Harbour Party and Greater Tarvia; "
        "Norway, Dunmere League and Fisher Party objected."
    )
    spans = [
        span(text, "Kestrel Union", "ORG"),
        span(text, "Harbour Party", "ORG"),
        span(text, "Greater Tarvia", "PLACE"),
        span(text, "Norway", "PLACE"),
        span(text, "Dunmere League", "ORG"),
        span(text, "Fisher Party", "ORG"),
    ]
    assert surfaces(text, list_kinds(text, spans, gaz)) == [
        ("Kestrel Union", "ORG"),
        ("Harbour Party", "ORG"),
        ("Greater Tarvia", "ORG"),
        ("Norway", "PLACE"),
        ("Dunmere League", "ORG"),
        ("Fisher Party", "ORG"),
    ]


def test_a_body_the_model_took_for_a_place_is_a_body_among_bodies_and_a_place_inside_an_item_stays() -> None:
    gaz = default_gazetteer()
    text = "Four parties sat (United Tarvia, Harbour Party of Tarvia, Fishers League and A Just Kettleby)."
    spans = [
        span(text, "United Tarvia", "PLACE"),
        span(text, "Harbour Party of Tarvia", "ORG"),
        span(text, "Fishers League", "ORG"),
        span(text, "Kettleby", "PLACE"),
    ]
    assert surfaces(text, list_kinds(text, spans, gaz)) == [
        ("United Tarvia", "ORG"),
        ("Harbour Party of Tarvia", "ORG"),
        ("Fishers League", "ORG"),
        ("Kettleby", "PLACE"),
    ]


def test_as_many_places_as_bodies_or_a_realm_in_a_list_stay_places() -> None:
    gaz = default_gazetteer()
    text = (
        "Envoys of the Kestrel League, the Harbour Order, Orlmark and Vessia met; "
        "troops of the Tarvian Empire, the Fell League and the Dunmere Union surrendered."
    )
    spans = [
        span(text, "Kestrel League", "ORG"),
        span(text, "Harbour Order", "ORG"),
        span(text, "Orlmark", "PLACE"),
        span(text, "Vessia", "PLACE"),
        span(text, "Tarvian Empire", "PLACE"),
        span(text, "Fell League", "ORG"),
        span(text, "Dunmere Union", "ORG"),
    ]
    assert [kind for _, kind in surfaces(text, list_kinds(text, spans, gaz))] == [
        "ORG",
        "ORG",
        "PLACE",
        "PLACE",
        "PLACE",
        "ORG",
        "ORG",
    ]


def test_a_body_listed_among_people_is_a_person() -> None:
    gaz = default_gazetteer()
    text = "The cast included Maria Dunmore, Orlwick, Peter Sallow and Anna Fenby."
    spans = [
        span(text, "Maria Dunmore", "PERSON"),
        span(text, "Orlwick", "ORG"),
        span(text, "Peter Sallow", "PERSON"),
        span(text, "Anna Fenby", "PERSON"),
    ]
    assert [s.kind for s in list_kinds(text, spans, gaz)] == ["PERSON"] * 4


def test_a_list_of_bare_names_keeps_the_model_s_kinds() -> None:
    gaz = default_gazetteer()
    text = "He wrote on Orlwick, Fenby and Sallow. Ann Orme, Ida Frey and Kestrel were sued."
    spans = [
        span(text, "Orlwick", "ORG"),
        span(text, "Fenby", "PERSON"),
        span(text, "Sallow", "PERSON"),
        span(text, "Ann Orme", "PERSON"),
        span(text, "Ida Frey", "PERSON"),
        span(text, "Kestrel", "ORG"),
    ]
    # Two given names tell two people; they do not make a person of the company beside them.
    assert [s.kind for s in list_kinds(text, spans, gaz)] == ["ORG", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON"]


def test_a_mixed_list_or_a_list_with_places_stays_as_it_is() -> None:
    gaz = default_gazetteer()
    text = "Speakers were Anna Fenby, J. R. Sallow and the Tarvian Party. They went to Orlwick, Fenby and Paris."
    spans = [
        span(text, "Anna Fenby", "PERSON"),
        span(text, "J. R. Sallow", "PERSON"),
        span(text, "Tarvian Party", "ORG"),
        span(text, "Orlwick", "ORG"),
        span(text, "Fenby", "PERSON", 1),
        span(text, "Paris", "PLACE"),
    ]
    assert [s.kind for s in list_kinds(text, spans, gaz)] == ["PERSON", "PERSON", "ORG", "ORG", "PERSON", "PLACE"]


def test_a_name_of_a_list_the_model_missed_is_of_the_list_s_kind() -> None:
    gaz = default_gazetteer()
    text = (
        "A coalition of Kestrel, Orlwick Society, Fenby and the Harbour Union formed. "
        "It sued Anglers and Ferrymen, the Harbour League and Dunmere Party. "
        "See the Harbour League, Kestrel 12, Sallow and the Dunmere Party."
    )
    spans = [
        span(text, "Kestrel", "PERSON"),
        span(text, "Harbour Union", "ORG"),
        span(text, "Harbour League", "ORG"),
        span(text, "Dunmere Party", "ORG"),
        span(text, "Harbour League", "ORG", 1),
        span(text, "Dunmere Party", "ORG", 1),
    ]
    assert surfaces(text, list_kinds(text, spans, gaz)) == [
        ("Kestrel", "ORG"),
        ("Orlwick Society", "ORG"),
        ("Fenby", "ORG"),
        ("Harbour Union", "ORG"),
        ("Harbour League", "ORG"),
        ("Dunmere Party", "ORG"),
        ("Harbour League", "ORG"),
        ("Sallow", "ORG"),
        ("Dunmere Party", "ORG"),
    ]


def test_names_given_as_examples_of_a_kind_are_of_that_kind() -> None:
    gaz = default_gazetteer()
    text = (
        "Parties such as Kestrel and Orlwick won seats. He played with guitarists such as Fenby, "
        "Sallow and J. R. Dunmere, and with bands including Tarvia Brass and Harbour Lights. "
        "Firms such as Orme's Kestrel Works grew. Critics such as Harbour Review agreed."
    )
    spans = [
        span(text, "Kestrel", "PERSON"),
        span(text, "Fenby", "ORG"),
        span(text, "Sallow", "ORG"),
        span(text, "J. R. Dunmere", "PERSON"),
        span(text, "Tarvia Brass", "PERSON"),
        span(text, "Harbour Review", "ORG"),
    ]
    assert surfaces(text, examples_of_a_kind(text, spans, gaz)) == [
        ("Kestrel", "ORG"),
        ("Orlwick", "ORG"),
        ("Fenby", "PERSON"),
        ("Sallow", "PERSON"),
        ("J. R. Dunmere", "PERSON"),
        ("Tarvia Brass", "ORG"),
        ("Harbour Lights", "ORG"),
        ("Harbour Review", "ORG"),
    ]


def test_a_plural_for_members_after_a_people_is_a_party() -> None:
    gaz = default_gazetteer()
    text = (
        "He left the Tarvian Greens for the Paris Democrats and the Kestrel Liberals. "
        "Many Democrats stayed; the Social Democrats held on; Greens did not."
    )
    spans = [span(text, "Tarvian", "GROUP"), span(text, "Kestrel", "GROUP")]
    common = frozenset({"many", "social"})
    # "Paris Democrats" are the city's voters: only a people's name makes a party.
    assert surfaces(text, party_plurals(text, spans, gaz, common)) == [
        ("Tarvian Greens", "ORG"),
        ("Kestrel Liberals", "ORG"),
    ]


def test_a_name_after_a_noun_for_a_body_is_that_body() -> None:
    gaz = default_gazetteer()
    text = (
        "He wrote for the magazine The Kestrel Review and sang about the band Orlwick. "
        "Her old band, Fenby, toured; for the party, Sallow spoke; the band President Ann Roe left."
    )
    spans = [span(text, "Orlwick", "PERSON"), span(text, "Fenby", "PERSON"), span(text, "Sallow", "PERSON")]
    assert surfaces(text, bodies_after_their_noun(text, spans, gaz)) == [
        ("Kestrel Review", "ORG"),
        ("Orlwick", "ORG"),
        ("Fenby", "ORG"),
        ("Sallow", "PERSON"),
    ]


def test_a_body_named_after_its_noun_is_that_body_everywhere() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "Orlwick toured. Orlwick played. His band, Orlwick, was formed in 1994."
    raw = [RawSpan(m, m + 7, "PERSON") for m in (0, 16, text.index("Orlwick,"))]
    analysis = build_analysis(text, raw)
    assert [m.kind for m in analysis.mentions] == ["ORG", "ORG", "ORG"]


def test_a_name_followed_by_what_only_a_body_does_is_a_body() -> None:
    gaz = default_gazetteer()
    text = "Kestrel merged with Orlwick. Fenby was founded in 2005. Anna Sallow merged the two."
    spans = [span(text, "Kestrel", "PERSON"), span(text, "Fenby", "PERSON"), span(text, "Anna Sallow", "PERSON")]
    assert [s.kind for s in bodies_by_what_they_do(text, spans, gaz)] == ["ORG", "ORG", "PERSON"]


def test_people_and_bodies_beside_the_kind_cues_stay_what_they_are_in_what_the_reader_sees() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = (
        "Veteran broadcaster Ann Orme presented the series. Orme later said so. "
        "Kestrelpeace campaigned against the pipeline. Kestrelpeace said that she would join. "
        "Ida Frey, Hal Voss and Dunmere Bank were sued. Critics such as Harbour Review praised it. "
        "Goalkeeper Ivo Sena saved a penalty. Texas Republicans voted."
    )

    def raw(surface: str, label: str, nth: int = 0) -> RawSpan:
        return raw_span(text, surface, label, nth)

    spans = [
        raw("Ann Orme", "PERSON"),
        raw("Orme", "PERSON", 1),
        raw("Kestrelpeace", "ORG"),
        raw("Kestrelpeace", "ORG", 1),
        raw("Ida Frey", "PERSON"),
        raw("Hal Voss", "PERSON"),
        raw("Dunmere Bank", "ORG"),
        raw("Harbour Review", "ORG"),
        raw("Ivo Sena", "PERSON"),
        raw("Texas", "GPE"),
    ]
    mentions = [(m.text, m.kind) for m in build_analysis(text, spans).mentions]
    assert mentions == [
        ("Ann Orme", "PERSON"),
        ("Orme", "PERSON"),
        ("Kestrelpeace", "ORG"),
        ("Kestrelpeace", "ORG"),
        ("Ida Frey", "PERSON"),
        ("Hal Voss", "PERSON"),
        ("Dunmere Bank", "ORG"),
        ("Harbour Review", "ORG"),
        ("Ivo Sena", "PERSON"),
        ("Texas", "PLACE"),
    ]


def _labelled(text: str, surface: str, kind: str, label: str, nth: int = 0) -> Span:
    sp = span(text, surface, kind, nth)
    return Span(sp.start, sp.end, kind, label)


def test_a_town_s_name_the_model_read_as_a_body_among_bodies_is_a_body() -> None:
    gaz = default_gazetteer()
    # "Leeds" is a city the gazetteer knows; the model labelled every name of the list a body.
    text = (
        "Suppliers such as Leeds, Kestrel and Orlwick raised prices. Leeds, Lincoln and Orlwick Harbour were shut. "
        "Kestrel, Orlwick and Busan yards hired."
    )
    spans = [
        _labelled(text, "Leeds", "PLACE", "ORG"),
        _labelled(text, "Kestrel", "ORG", "ORG"),
        _labelled(text, "Orlwick", "ORG", "ORG"),
        _labelled(text, "Leeds", "PLACE", "GPE", 1),
        _labelled(text, "Lincoln", "PLACE", "GPE"),
        _labelled(text, "Orlwick Harbour", "PLACE", "ORG"),
        _labelled(text, "Kestrel", "ORG", "ORG", 1),
        _labelled(text, "Orlwick", "ORG", "ORG", 2),
        _labelled(text, "Busan", "PLACE", "ORG"),
    ]
    assert surfaces(text, towns_listed_as_bodies(text, spans, gaz)) == [
        ("Leeds", "ORG"),
        ("Kestrel", "ORG"),
        ("Orlwick", "ORG"),
        # The model saw places here: the list stays one of places.
        ("Leeds", "PLACE"),
        ("Lincoln", "PLACE"),
        ("Orlwick Harbour", "PLACE"),
        # A city of millions listed with bodies is still the city.
        ("Kestrel", "ORG"),
        ("Orlwick", "ORG"),
        ("Busan", "PLACE"),
    ]


def test_a_list_of_towns_the_model_read_as_bodies_stays_a_list_of_places() -> None:
    gaz = default_gazetteer()
    text = "Offices in Busan, Leeds and Kestrel closed; Japan, Kestrel and Orlwick signed."
    spans = [
        _labelled(text, "Busan", "PLACE", "ORG"),
        _labelled(text, "Leeds", "PLACE", "ORG"),
        _labelled(text, "Kestrel", "ORG", "ORG"),
        _labelled(text, "Japan", "PLACE", "ORG"),
        _labelled(text, "Kestrel", "ORG", "ORG", 1),
        _labelled(text, "Orlwick", "ORG", "ORG"),
    ]
    assert towns_listed_as_bodies(text, spans, gaz) == spans


def test_a_given_name_in_a_body_s_name_tells_no_person_in_a_list() -> None:
    gaz = default_gazetteer()
    # The model read all three as bodies: the given names in two of them make no person of the third.
    text = "Shares of Orlwick, John Harbour and Peter Kestrel rose."
    spans = [span(text, "Orlwick", "ORG"), span(text, "John Harbour", "ORG"), span(text, "Peter Kestrel", "ORG")]
    assert list_kinds(text, spans, gaz) == spans
