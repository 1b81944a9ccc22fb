"""Organisation names read from their head word (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.model import Span
from reader.core.passes.org_names import (
    body_name_openers,
    head_word_kind,
    join_across_connectors,
    join_name_tails,
    missed_org_names,
    nationality_opens_body,
    party_names_abroad,
)
from reader.core.places import default_gazetteer


def span(text: str, surface: str, kind: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), kind, kind)


def surfaces(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in sorted(spans, key=lambda s: s.start)]


def test_a_name_cut_before_its_of_tail_runs_on_through_it() -> None:
    text = "She led the Radical Farmers Party of Upper Moravia until 1990."
    spans = [span(text, "Radical Farmers Party", "ORG"), span(text, "Upper Moravia", "PLACE")]
    assert surfaces(text, join_name_tails(text, spans)) == [("Radical Farmers Party of Upper Moravia", "ORG")]


def test_a_head_of_whom_it_gathers_runs_on_through_its_place() -> None:
    text = "She led the League of Anglers of Tarvia, then the Democratic Union of Ferrymen of Upper Moravia."
    spans = [
        span(text, "League of Anglers", "ORG"),
        span(text, "Tarvia", "PLACE"),
        span(text, "Democratic Union of Ferrymen", "ORG"),
        span(text, "Upper Moravia", "PLACE"),
    ]
    assert surfaces(text, join_name_tails(text, spans)) == [
        ("League of Anglers of Tarvia", "ORG"),
        ("Democratic Union of Ferrymen of Upper Moravia", "ORG"),
    ]


def test_a_name_split_at_and_with_a_nationality_read_inside_is_one_body() -> None:
    gaz = default_gazetteer()
    text = (
        "She joined the Alliance of Anglers and Democrats for Tarvia Party, then the Union of Croatia and Tarvia Party."
    )
    spans = [
        span(text, "Alliance of Anglers", "ORG"),
        span(text, "Democrats", "GROUP"),
        span(text, "Tarvia Party", "ORG"),
        span(text, "Union of Croatia", "ORG"),
        span(text, "Tarvia Party", "ORG", 1),
    ]
    # A head word "of" a place ("Union of Croatia") is a whole name already: the next party is another.
    assert surfaces(text, join_across_connectors(text, spans, gaz)) == [
        ("Alliance of Anglers and Democrats for Tarvia Party", "ORG"),
        ("Union of Croatia", "ORG"),
        ("Tarvia Party", "ORG"),
    ]


def test_a_tail_stops_at_and_at_in_and_at_a_number() -> None:
    text = "The Kestrel Union of Dockers and the Harbour League met; the Kestrel Union in Dover in 1990 too."
    spans = [span(text, "Kestrel Union", "ORG"), span(text, "Dockers", "ORG"), span(text, "Harbour League", "ORG")]
    spans.append(span(text, "Kestrel Union", "ORG", 1))
    got = surfaces(text, join_name_tails(text, spans))
    # The tail swallows no other organisation, and "in Dover" is where the body sits, not its name.
    assert ("Kestrel Union", "ORG") in got
    assert ("Harbour League", "ORG") in got
    assert not any(" in " in name for name, _kind in got)


def test_two_pieces_split_at_and_are_one_party() -> None:
    text = "The Social Radical and Crofters Party won two seats."
    spans = [span(text, "Social Radical", "ORG"), span(text, "Crofters Party", "ORG")]
    assert surfaces(text, join_across_connectors(text, spans)) == [("Social Radical and Crofters Party", "ORG")]


def test_two_parties_joined_by_and_stay_two() -> None:
    text = "The Crofters Party and the Fishers Party agreed."
    spans = [span(text, "Crofters Party", "ORG"), span(text, "Fishers Party", "ORG")]
    assert len(join_across_connectors(text, spans)) == 2


def test_a_head_word_makes_a_person_or_place_an_organisation_but_not_a_state() -> None:
    gaz = default_gazetteer()
    text = "Mirela Workers Party and the Soviet Union."
    spans = [span(text, "Mirela Workers Party", "PERSON"), span(text, "Soviet Union", "PLACE")]
    assert surfaces(text, head_word_kind(text, spans, gaz)) == [
        ("Mirela Workers Party", "ORG"),
        ("Soviet Union", "PLACE"),
    ]


def test_papers_publishers_and_studios_are_named_by_their_head_word() -> None:
    gaz = default_gazetteer()
    text = "Orla Kirrin Reviews praised it; the Dunmere Examiner and Harbour Pictures did not."
    spans = [
        span(text, "Orla Kirrin Reviews", "PERSON"),
        span(text, "Dunmere Examiner", "PLACE"),
        span(text, "Harbour Pictures", "PERSON"),
    ]
    assert [kind for _, kind in surfaces(text, head_word_kind(text, spans, gaz))] == ["ORG", "ORG", "ORG"]


def test_an_organisation_the_model_missed_is_found_from_its_head_word() -> None:
    text = "In 1990 she joined the Kestrel Valley Walkers League. Later, a Reform Party candidate won."
    found = surfaces(text, missed_org_names(text, [], frozenset({"later", "she", "joined"})))
    assert found == [("Kestrel Valley Walkers League", "ORG")]


def test_a_run_stops_at_the_end_of_a_sentence() -> None:
    text = "He went to the Club. In the Rowing Club he sat."
    found = surfaces(text, missed_org_names(text, [], frozenset({"he", "went", "in"})))
    assert found == [("Rowing Club", "ORG")]


def test_a_plural_name_after_the_is_a_team_not_a_person_or_a_place() -> None:
    from reader.core.passes.org_names import plural_names_after_the

    gaz = default_gazetteer()
    text = "He helped the Kestrels beat the Harriers, sailed to the Netherlands and the Americas, and met Tom Jones."
    spans = [
        span(text, "Kestrels", "PERSON"),
        span(text, "Harriers", "PLACE"),
        span(text, "Netherlands", "PLACE"),
        span(text, "Americas", "PLACE"),
        span(text, "Tom Jones", "PERSON"),
    ]
    assert [s.kind for s in plural_names_after_the(text, spans, gaz)] == ["ORG", "ORG", "PLACE", "PLACE", "PERSON"]


def test_a_missed_body_beside_a_found_one_in_one_capitalised_run_is_found() -> None:
    text = "The Tarvian Self-Help Party and the Dunmore Sama Party met."
    spans = [span(text, "Dunmore Sama Party", "ORG")]
    assert surfaces(text, missed_org_names(text, spans, frozenset({"met"}))) == [
        ("Tarvian Self-Help Party", "ORG"),
        ("Dunmore Sama Party", "ORG"),
    ]


def test_a_party_named_in_its_own_language_is_one_organisation() -> None:
    text = (
        "The Tarvian Green Party (Partido Verde de Tarvia) and the Mouvement des Pêcheurs pour le Port "
        "joined Liga Obrera. He took it as a parti pris, not a Partido."
    )
    spans = [
        span(text, "Tarvian Green Party", "ORG"),
        span(text, "Partido Verde", "PERSON"),
        span(text, "Tarvia", "PLACE", nth=1),
        span(text, "Port", "PLACE"),
    ]
    assert surfaces(text, party_names_abroad(text, spans, default_gazetteer(), frozenset({"he", "took"}))) == [
        ("Tarvian Green Party", "ORG"),
        ("Partido Verde de Tarvia", "ORG"),
        ("Mouvement des Pêcheurs pour le Port", "ORG"),
        ("Liga Obrera", "ORG"),
    ]


def test_a_name_abroad_that_crosses_another_span_is_left_alone() -> None:
    text = "The Partido Verde Tarvia, Kestrel Harbour spoke."
    spans = [span(text, "Tarvia, Kestrel Harbour", "ORG")]
    assert surfaces(text, party_names_abroad(text, spans, default_gazetteer(), frozenset())) == [
        ("Tarvia, Kestrel Harbour", "ORG")
    ]


def test_a_nationality_after_the_opens_the_body_s_name() -> None:
    text = "She led the Tarvian Communist Party; Tarvian Harbour Board men and a Tarvian Ferry League came."
    spans = [
        span(text, "Tarvian", "GROUP"),
        span(text, "Communist Party", "ORG"),
        span(text, "Tarvian", "GROUP", 1),
        span(text, "Harbour Board", "ORG"),
        span(text, "Tarvian", "GROUP", 2),
        span(text, "Ferry League", "ORG"),
    ]
    assert surfaces(text, nationality_opens_body(text, spans)) == [
        ("Tarvian Communist Party", "ORG"),
        ("Tarvian", "GROUP"),
        ("Harbour Board", "ORG"),
        ("Tarvian", "GROUP"),
        ("Ferry League", "ORG"),
    ]


def test_a_nationality_in_a_list_or_a_bracket_opens_the_body_s_name_too() -> None:
    text = "Seats went to the Farmers Party, Tarvian Motoring Party and others (Varlish Sailing League)."
    spans = [
        span(text, "Farmers Party", "ORG"),
        span(text, "Tarvian", "GROUP"),
        span(text, "Motoring Party", "ORG"),
        span(text, "Varlish", "GROUP"),
        span(text, "Sailing League", "ORG"),
    ]
    assert surfaces(text, nationality_opens_body(text, spans)) == [
        ("Farmers Party", "ORG"),
        ("Tarvian Motoring Party", "ORG"),
        ("Varlish Sailing League", "ORG"),
    ]
    # After a comma, a company is the country's company, not one name with it.
    text = "Buyers included Kestrel Bank, Tarvian Harbour Motor Corporation and others."
    spans = [
        span(text, "Kestrel Bank", "ORG"),
        span(text, "Tarvian", "GROUP"),
        span(text, "Harbour Motor Corporation", "ORG"),
    ]
    assert nationality_opens_body(text, spans) == spans


def test_a_word_for_a_party_anywhere_in_a_name_abroad_makes_an_organisation() -> None:
    gaz = default_gazetteer()
    text = "She voted for Lega Kestrel, then for Orme Dunmere and the Mouvement des Pêcheurs pour le Dunmere."
    spans = [span(text, "Lega Kestrel", "PERSON"), span(text, "Dunmere", "PLACE", nth=1)]
    assert surfaces(text, party_names_abroad(text, spans, gaz, frozenset())) == [
        ("Lega Kestrel", "ORG"),
        ("Mouvement des Pêcheurs pour le Dunmere", "ORG"),
    ]
    text = "In 1990 Kestrel Lega won; Paris Liga Dunmere, Ida Orme's Forza Fenby and Maria Sena did not."
    assert surfaces(text, party_names_abroad(text, [], gaz, frozenset({"in"}))) == [
        ("Kestrel Lega", "ORG"),
        ("Liga Dunmere", "ORG"),
        ("Forza Fenby", "ORG"),
    ]


def test_the_first_words_of_a_body_s_name_the_model_left_out_open_it() -> None:
    text = (
        "She joined the Harbour and Fisheries Party, then the Co-operative Kestrel Federation; "
        "he ran for (Greater Tarvian Party) and for Kettleby, Dunmere Crofters League."
    )
    spans = [
        span(text, "Fisheries Party", "ORG"),
        span(text, "Kestrel Federation", "ORG"),
        span(text, "Tarvian Party", "ORG"),
        span(text, "Crofters League", "ORG"),
    ]
    assert surfaces(text, body_name_openers(text, spans, frozenset())) == [
        ("Harbour and Fisheries Party", "ORG"),
        ("Co-operative Kestrel Federation", "ORG"),
        ("Greater Tarvian Party", "ORG"),
        ("Dunmere Crofters League", "ORG"),
    ]


def test_the_first_words_of_a_body_s_name_after_a_open_it_unless_the_text_writes_them_in_lower_case() -> None:
    text = "He was a Co-operative Kestrel Federation candidate, then a Senior Harbour Party member; senior staff left."
    spans = [span(text, "Kestrel Federation", "ORG"), span(text, "Harbour Party", "ORG")]
    assert surfaces(text, body_name_openers(text, spans, frozenset({"senior", "staff"}))) == [
        ("Co-operative Kestrel Federation", "ORG"),
        ("Harbour Party", "ORG"),
    ]
    # After "a", a rank or a word of praise opens no name.
    text = "She was a Visiting Harbour University fellow and a Lifelong Kestrel Party member."
    spans = [span(text, "Harbour University", "ORG"), span(text, "Kestrel Party", "ORG")]
    assert body_name_openers(text, spans, frozenset()) == spans


def test_names_roles_dates_and_ordinary_words_before_a_body_stay_out_of_it() -> None:
    text = (
        "Talks between Ida Voss and Harbour Party members failed. "
        "It met the Minister Kestrel Union chose; at the June Fishers Party congress, "
        "voters said: Yes, Crofters League members left; backed Labour, Green and Crofters League lists."
    )
    spans = [
        span(text, "Ida Voss", "PERSON"),
        span(text, "Harbour Party", "ORG"),
        span(text, "Kestrel Union", "ORG"),
        span(text, "Fishers Party", "ORG"),
        span(text, "Crofters League", "ORG"),
        span(text, "Crofters League", "ORG", 1),
    ]
    assert body_name_openers(text, spans, frozenset({"yes"})) == spans


def test_adjectives_two_bodies_and_words_of_a_bracket_stay_out_of_a_body_s_name() -> None:
    text = (
        "In the Kestrel-era Harbour Party; both the Labour and Fishers Party conferences; "
        "the Green and Crofters Party candidates; (See Dunmere League manifesto, page 2)."
    )
    spans = [
        span(text, "Harbour Party", "ORG"),
        span(text, "Fishers Party", "ORG"),
        span(text, "Crofters Party", "ORG"),
        span(text, "Dunmere League", "ORG"),
    ]
    assert body_name_openers(text, spans, frozenset()) == spans


def test_a_date_or_a_role_is_no_part_of_a_body_the_model_missed() -> None:
    text = "On 1 July 1863 the Army attacked. He saw the Chief of Police. She joined the Kestrel Valley Walkers League."
    found = surfaces(text, missed_org_names(text, [], frozenset({"on", "he", "saw", "she", "joined"})))
    assert found == [("Kestrel Valley Walkers League", "ORG")]


def test_a_faith_s_followers_and_a_name_in_us_are_no_band_after_the() -> None:
    from reader.core.passes.org_names import plural_names_after_the
    from reader.core.places import default_gazetteer

    text = "The Mormons sailed up the Bosphorus with the Kestrels."
    spans = [span(text, "Mormons", "PERSON"), span(text, "Bosphorus", "PERSON"), span(text, "Kestrels", "PERSON")]
    assert surfaces(text, plural_names_after_the(text, spans, default_gazetteer())) == [
        ("Mormons", "PERSON"),
        ("Bosphorus", "PERSON"),
        ("Kestrels", "ORG"),
    ]


def test_a_given_name_and_a_body_s_word_the_model_read_as_a_person_stay_a_person() -> None:
    from reader.core.places import default_gazetteer

    text = "Margaret Court won; Kestrel Union and Orme Workers Party objected."
    spans = [
        span(text, "Margaret Court", "PERSON"),
        span(text, "Kestrel Union", "PERSON"),
        span(text, "Orme Workers Party", "PERSON"),
    ]
    assert surfaces(text, head_word_kind(text, spans, default_gazetteer())) == [
        ("Margaret Court", "PERSON"),
        ("Kestrel Union", "ORG"),
        ("Orme Workers Party", "ORG"),
    ]
