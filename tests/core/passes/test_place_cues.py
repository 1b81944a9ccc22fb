"""Places the model took for a person or a body, told by the words around them (made-up sentences)."""

from __future__ import annotations

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan
from reader.core.passes.place_cues import (
    districts_after_in,
    known_place_tails,
    parts_of_countries,
    places_after_where_verbs,
    places_before_their_country,
    places_defined_as_places,
    places_listed_with_places,
    realm_names,
)
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces


def _raw(text: str, *named: tuple[str, str]) -> list[RawSpan]:
    return [RawSpan(text.index(s), text.index(s) + len(s), label) for s, label in named]


def test_a_realm_taken_for_a_body_is_a_place_in_what_the_reader_sees() -> None:
    text = "He joined the revolt in the Duchy of Kettleby and settled in Dunmere Colony under the Tarvian Empire."
    raw = _raw(text, ("Duchy of Kettleby", "ORG"), ("Dunmere Colony", "ORG"), ("Tarvian Empire", "ORG"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Duchy of Kettleby", "PLACE"), ("Dunmere Colony", "PLACE"), ("Tarvian Empire", "PLACE")]


def test_a_body_named_after_a_realm_stays_a_body() -> None:
    gaz = default_gazetteer()
    text = "The Kingdom of Tarvia Army, the Dunmere Republic and the Empire backed the Crown Colony of Kettleby."
    spans = [
        span(text, "Kingdom of Tarvia Army", "ORG"),
        span(text, "Dunmere Republic", "ORG"),
        span(text, "Empire", "ORG"),
        span(text, "Crown Colony of Kettleby", "ORG"),
    ]
    assert surfaces(text, realm_names(text, spans, gaz)) == [
        ("Kingdom of Tarvia Army", "ORG"),
        ("Dunmere Republic", "ORG"),
        ("Empire", "ORG"),
        ("Crown Colony of Kettleby", "PLACE"),
    ]


def test_a_name_before_a_comma_and_its_country_is_a_place_in_what_the_reader_sees() -> None:
    text = "She was born in Kettleby, Slovakia, and played at a festival in Dunmere Castle, the Netherlands."
    raw = _raw(text, ("Kettleby", "PERSON"), ("Slovakia", "GPE"), ("Dunmere Castle", "PERSON"), ("Netherlands", "GPE"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [
        ("Kettleby", "PLACE"),
        ("Slovakia", "PLACE"),
        ("Dunmere Castle", "PLACE"),
        ("Netherlands", "PLACE"),
    ]


def test_people_bodies_and_possessives_before_a_country_stay_what_they_are() -> None:
    gaz = default_gazetteer()
    text = "Poets include Maria Delgado, Spain's laureate; Ann Roe, Kettleby, Slovakia; and Tarvia Press, Norway."
    spans = [
        span(text, "Maria Delgado", "PERSON"),
        span(text, "Spain", "PLACE"),
        span(text, "Ann Roe", "PERSON"),
        span(text, "Kettleby", "PERSON"),
        span(text, "Slovakia", "PLACE"),
        span(text, "Tarvia Press", "ORG"),
        span(text, "Norway", "PLACE"),
    ]
    assert [s.kind for s in places_before_their_country(text, spans, gaz)] == [
        "PERSON",
        "PLACE",
        "PERSON",
        "PERSON",
        "PLACE",
        "ORG",
        "PLACE",
    ]


def test_a_name_after_a_verb_of_where_is_a_place_in_what_the_reader_sees() -> None:
    text = "Maria Delgado was born in Kettleby-Dunmere; her troops were encamped at Tarvia Ford."
    raw = _raw(text, ("Maria Delgado", "PERSON"), ("Kettleby-Dunmere", "ORG"), ("Tarvia Ford", "PERSON"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Maria Delgado", "PERSON"), ("Kettleby-Dunmere", "PLACE"), ("Tarvia Ford", "PLACE")]


def test_an_acronym_or_a_body_after_a_verb_of_where_stays_what_it_is() -> None:
    gaz = default_gazetteer()
    text = "Fellows travel to KRL from afar; he was stationed at Tarvia Army and died at Kettleby."
    spans = [span(text, "KRL", "ORG"), span(text, "Tarvia Army", "ORG"), span(text, "Kettleby", "PERSON")]
    assert [s.kind for s in places_after_where_verbs(text, spans, gaz)] == ["ORG", "ORG", "PLACE"]


def test_a_name_listed_among_places_is_a_place_in_what_the_reader_sees() -> None:
    text = (
        "The union held Norway, Kettleby, Sweden and Finland, then Denmark, Poland and Latvia; "
        "Roe, Norway and Sweden agreed."
    )
    raw = _raw(
        text,
        ("Norway", "GPE"),
        ("Kettleby", "PERSON"),
        ("Sweden", "GPE"),
        ("Finland", "GPE"),
        ("Denmark", "GPE"),
        ("Poland", "GPE"),
        ("Latvia", "ORG"),
        ("Roe", "PERSON"),
    )
    kinds = {m.text: m.kind for m in build_analysis(text, raw).mentions}
    assert kinds["Kettleby"] == "PLACE"
    assert kinds["Latvia"] == "PLACE"
    assert kinds["Roe"] == "PERSON"


def test_a_person_or_a_body_after_a_list_of_places_stays_what_it_is() -> None:
    gaz = default_gazetteer()
    text = "After seasons in Norway and Dunmere, Roe broke in; Norway, Harwick and Tarvia Press agreed."
    spans = [
        span(text, "Norway", "PLACE"),
        span(text, "Dunmere", "PLACE"),
        span(text, "Roe", "PERSON"),
        span(text, "Norway", "PLACE", 1),
        span(text, "Harwick", "PLACE"),
        span(text, "Tarvia Press", "ORG"),
    ]
    assert [s.kind for s in places_listed_with_places(text, spans, gaz)] == [
        "PLACE",
        "PLACE",
        "PERSON",
        "PLACE",
        "PLACE",
        "ORG",
    ]


def test_people_the_model_took_for_places_do_not_make_a_list_of_places() -> None:
    gaz = default_gazetteer()
    text = "He read Fichtner, Schellberg, Roe, Dunmere and others."
    spans = [
        span(text, "Fichtner", "PLACE"),
        span(text, "Schellberg", "PLACE"),
        span(text, "Roe", "PERSON"),
        span(text, "Dunmere", "PLACE"),
    ]
    assert [s.kind for s in places_listed_with_places(text, spans, gaz)] == ["PLACE", "PLACE", "PERSON", "PLACE"]


def test_a_two_place_district_after_in_is_a_place_in_what_the_reader_sees() -> None:
    text = "Maria Delgado ran in Kettleby North - Harwick - Dunmere in 1957."
    raw = _raw(text, ("Maria Delgado", "PERSON"), ("Kettleby North - Harwick - Dunmere", "ORG"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Maria Delgado", "PERSON"), ("Kettleby North - Harwick - Dunmere", "PLACE")]


def test_a_body_with_a_dash_in_its_name_stays_a_body() -> None:
    gaz = default_gazetteer()
    text = "She served in Tarvia Party - Dunmere List and in Kettleby-Harwick Trust."
    spans = [span(text, "Tarvia Party - Dunmere List", "ORG"), span(text, "Kettleby-Harwick Trust", "ORG")]
    assert [s.kind for s in districts_after_in(text, spans, gaz)] == ["ORG", "ORG"]


def test_a_name_defined_as_a_place_is_that_place_everywhere_in_what_the_reader_sees() -> None:
    text = "Kettleby is a village in the county of Tarvia. Both Harwick and Kettleby are old. Kettleby grew."
    raw = _raw(text, ("Kettleby", "PERSON"), ("Harwick", "GPE"))
    last, middle = text.rindex("Kettleby"), text.index("Kettleby are")
    raw += [RawSpan(middle, middle + 8, "PERSON"), RawSpan(last, last + 8, "PERSON")]
    kinds = [(m.text, m.kind) for m in build_analysis(text, raw).mentions if m.text == "Kettleby"]
    assert kinds == [("Kettleby", "PLACE")] * 3


def test_a_person_described_by_a_place_s_noun_stays_a_person() -> None:
    gaz = default_gazetteer()
    text = "Maria Delgado is a town planner. Ann Roe was a state senator in Tarvia."
    spans = [span(text, "Maria Delgado", "PERSON"), span(text, "Ann Roe", "PERSON"), span(text, "Tarvia", "PLACE")]
    assert [s.kind for s in places_defined_as_places(text, spans, gaz)] == ["PERSON", "PERSON", "PLACE"]


def test_a_part_of_a_country_is_a_place_in_what_the_reader_sees() -> None:
    text = "Maria Delgado moved to Upper Norway, then to the Danish Congo."
    raw = _raw(text, ("Maria Delgado", "PERSON"), ("Upper Norway", "ORG"), ("Danish Congo", "ORG"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Maria Delgado", "PERSON"), ("Upper Norway", "PLACE"), ("Danish Congo", "PLACE")]


def test_a_party_named_after_a_country_stays_a_body() -> None:
    gaz = default_gazetteer()
    text = "United Norway and Fair Norway lost."
    spans = [span(text, "United Norway", "ORG"), span(text, "Fair Norway", "ORG")]
    assert [s.kind for s in parts_of_countries(text, spans, gaz)] == ["ORG", "ORG"]


def test_people_and_bodies_beside_the_place_cues_stay_what_they_are_in_what_the_reader_sees() -> None:
    text = (
        "Tom Hallen was a regular at the hotel. Hallen paid in cash. Ida Voss was born to Hal and Ann Voss "
        "and died in Roe's arms; he was stationed at Kestrel headquarters. Ida Voss, Norway, beat Ann Roe, "
        "Sweden. It was condemned by Norway, Sweden and Kestrel. Christian Norway scored. Tarvia won the "
        "State of Kestrels series."
    )
    raw = _raw(
        text,
        ("Tom Hallen", "PERSON"),
        ("Hallen", "PERSON"),
        ("Ida Voss", "PERSON"),
        ("Roe", "PERSON"),
        ("Kestrel", "ORG"),
    )
    hal = text.index("Hal and")
    raw.append(RawSpan(hal, hal + 3, "PERSON"))
    voss, roe = text.index("Ida Voss, Norway"), text.index("Ann Roe,")
    norway, sweden, kestrel = text.index("Norway, Sweden and"), text.index("Sweden and Kestrel"), text.index("Kestrel.")
    raw += [
        RawSpan(voss, voss + 8, "PERSON"),
        RawSpan(voss + 10, voss + 16, "GPE"),
        RawSpan(roe, roe + 7, "PERSON"),
        RawSpan(roe + 9, roe + 15, "GPE"),
        RawSpan(norway, norway + 6, "GPE"),
        RawSpan(sweden, sweden + 6, "GPE"),
        RawSpan(kestrel, kestrel + 7, "ORG"),
        RawSpan(text.index("Christian Norway"), text.index("Christian Norway") + 16, "PERSON"),
        RawSpan(text.index("State of Kestrels"), text.index("State of Kestrels") + 17, "ORG"),
    ]
    kinds = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert ("Tom Hallen", "PERSON") in kinds and ("Hallen", "PERSON") in kinds
    assert ("Hal", "PERSON") in kinds and ("Roe", "PERSON") in kinds
    assert [k for t, k in kinds if t == "Kestrel"] == ["ORG", "ORG"]
    assert [k for t, k in kinds if t in ("Ida Voss", "Ann Roe")] == ["PERSON", "PERSON", "PERSON"]
    assert ("Christian Norway", "PERSON") in kinds
    assert ("State of Kestrels", "ORG") in kinds


def test_the_district_s_letters_belong_to_the_city_s_name_in_what_the_reader_sees() -> None:
    text = "She marched in Kestrelton, D.C. The next day she flew to Kestrelton, D.C., and back."
    first, second = text.index("Kestrelton"), text.rindex("Kestrelton")
    raw = [RawSpan(first, first + 10, "GPE"), RawSpan(second, second + 10, "GPE")]
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Kestrelton, D.C", "PLACE"), ("Kestrelton, D.C.", "PLACE")]


def test_a_place_s_name_runs_on_through_the_small_word_of_its_language() -> None:
    gaz = default_gazetteer()
    text = "She moved from Burton upon Trent to Boadilla del Monte, then to Kestrel upon Orme."
    spans = [
        span(text, "Burton", "PLACE"),
        span(text, "Boadilla", "PERSON"),
        span(text, "Monte", "PLACE"),
        span(text, "Kestrel", "PLACE"),
    ]
    assert surfaces(text, known_place_tails(text, spans, gaz)) == [
        ("Burton upon Trent", "PLACE"),
        ("Boadilla del Monte", "PLACE"),
        # No gazetteer knows the longer name: the model's span stays as it was.
        ("Kestrel", "PLACE"),
    ]


def test_a_known_town_of_two_words_after_in_is_a_place_in_what_the_reader_sees() -> None:
    text = "The mayor said the situation in Campina Grande was grave. Work in Tamsin Orr's garden stopped."
    raw = _raw(text, ("Campina Grande", "PERSON"), ("Tamsin Orr", "PERSON"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [("Campina Grande", "PLACE"), ("Tamsin Orr", "PERSON")]


def test_a_known_town_in_a_part_of_a_country_is_a_place() -> None:
    gaz = default_gazetteer()
    # "Leeds" is a town the gazetteer knows; "Orme" is not.
    text = "Sensors run between Leeds in northern England and the coast; Orme in southern England agreed."
    spans = [span(text, "Leeds", "PERSON"), span(text, "England", "PLACE"), span(text, "Orme", "PERSON")]
    assert surfaces(text, places_before_their_country(text, spans, gaz)) == [
        ("Leeds", "PLACE"),
        ("England", "PLACE"),
        ("Orme", "PERSON"),
    ]
