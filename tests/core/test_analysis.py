"""From raw spans to entities: cleaning, merging, votes, countries (no model needed)."""

from __future__ import annotations

import re

import pytest

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan


def spans_of(text: str, *items: tuple[str, str]) -> list[RawSpan]:
    """Raw spans for each ``(surface, label)``: the first occurrence not yet used."""
    result = []
    used: set[int] = set()
    for surface, label in items:
        start = text.index(surface)
        while start in used:
            start = text.index(surface, start + 1)
        used.add(start)
        result.append(RawSpan(start, start + len(surface), label))
    return result


def surfaces(text: str, analysis) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.kind) for m in analysis.mentions]


def test_leading_the_possessive_and_trailing_punctuation_are_stripped() -> None:
    text = "The talks in the United States’ capital ended. Russia's envoy left the European Union."
    raw = spans_of(text, ("the United States’", "GPE"), ("Russia's", "GPE"), ("the European Union.", "ORG"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("United States", "PLACE"),
        ("Russia", "PLACE"),
        ("European Union", "ORG"),
    ]


def test_titles_and_nationalities_are_not_part_of_a_name() -> None:
    text = "Ukrainian President Volodymyr Zelensky met U.S. Secretary of State Antony Blinken."
    raw = spans_of(
        text,
        ("Ukrainian President Volodymyr Zelensky", "PERSON"),
        ("State", "ORG"),
        ("Antony Blinken", "PERSON"),
    )
    analysis = build_analysis(text, raw)
    names = [(m.text, m.kind) for m in analysis.mentions]
    assert ("Volodymyr Zelensky", "PERSON") in names
    assert ("Antony Blinken", "PERSON") in names
    assert all(m.text != "State" for m in analysis.mentions)


def test_hyphenated_name_cut_by_the_tokenizer_is_mended() -> None:
    text = "Foreign Minister Choe Son-hui arrived. Choe spoke first."
    analysis = build_analysis(text, spans_of(text, ("Choe Son", "PERSON")))
    assert surfaces(text, analysis) == [("Choe Son-hui", "PERSON"), ("Choe", "PERSON")]
    entity = analysis.find_entity("Choe")
    assert entity is not None
    assert entity.name == "Choe Son-hui"
    assert entity.mentions == 2


def test_compounds_give_each_place_its_own_mention() -> None:
    text = "U.S.-China trade fell while pro-Beijing groups cheered, and troops massed in the Kursk region."
    raw = spans_of(text, ("U.S.-China", "GPE"), ("pro-Beijing", "NORP"), ("the Kursk region", "LOC"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("U.S.", "PLACE"),
        ("China", "PLACE"),
        ("Beijing", "PLACE"),
        ("Kursk", "PLACE"),
    ]


def test_surnames_join_the_full_name_and_vote_decides_the_kind() -> None:
    text = "Sergei Lavrov spoke. Later Lavrov added more, and Antony Blinken replied; Blinken left."
    raw = spans_of(text, ("Sergei Lavrov", "PERSON"), ("Lavrov", "ORG"), ("Antony Blinken", "PERSON"))
    analysis = build_analysis(text, raw)
    lavrov = analysis.find_entity("Sergei Lavrov")
    assert lavrov is not None
    assert lavrov.kind == "PERSON"
    assert lavrov.aliases == ("Lavrov",)
    blinken = analysis.find_entity("Blinken")
    assert blinken is not None
    assert blinken.name == "Antony Blinken"
    assert blinken.mentions == 2
    assert all(m.kind == "PERSON" for m in analysis.mentions)


def test_country_variants_are_one_entity() -> None:
    text = "The U.S. and the United States of America are America; the US agrees. DPRK is North Korea."
    raw = spans_of(
        text,
        ("U.S.", "GPE"),
        ("United States of America", "GPE"),
        ("America", "GPE"),
        ("US", "GPE"),
        ("DPRK", "ORG"),
        ("North Korea", "GPE"),
    )
    analysis = build_analysis(text, raw)
    us = analysis.find_entity("United States")
    assert us is not None
    assert us.country == "US"
    assert us.mentions == 4
    kp = analysis.find_entity("DPRK")
    assert kp is not None
    assert kp.kind == "PLACE"
    assert kp.country == "KP"
    assert kp.mentions == 2


def test_countries_and_cities_are_places_whatever_the_model_said() -> None:
    text = "Troops reached Kursk while Moscow watched."
    analysis = build_analysis(text, spans_of(text, ("Kursk", "PRODUCT"), ("Moscow", "ORG")))
    assert surfaces(text, analysis) == [("Kursk", "PLACE"), ("Moscow", "PLACE")]
    assert {c.code for c in analysis.countries} == {"RU"}


def test_events_and_laws_are_not_entities() -> None:
    text = "Under the Paris Agreement and the Minsk Accords, the Korean War ended."
    raw = spans_of(text, ("the Paris Agreement", "ORG"), ("the Minsk Accords", "LAW"), ("the Korean War", "EVENT"))
    analysis = build_analysis(text, raw)
    assert analysis.mentions == ()


def test_missed_repeats_of_known_names_are_added() -> None:
    text = "Kim Jong-un met Vladimir Putin. Kim smiled. Putin did not. Japan watched Japan’s rival."
    raw = spans_of(text, ("Kim Jong-un", "PERSON"), ("Vladimir Putin", "PERSON"), ("Japan", "GPE"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("Kim Jong-un", "PERSON"),
        ("Vladimir Putin", "PERSON"),
        ("Kim", "PERSON"),
        ("Putin", "PERSON"),
        ("Japan", "PLACE"),
        ("Japan", "PLACE"),
    ]


def test_a_known_name_the_model_read_as_a_product_is_a_mention_but_a_work_stays_out() -> None:
    text = "Secretary Ida Vossberg spoke. \"We will act,\" said Vossberg. She quoted Orme. Orme Tarrant wrote Orme."
    raw = spans_of(text, ("Ida Vossberg", "PERSON"), ("Orme Tarrant", "PERSON"))
    said = text.index("said Vossberg") + len("said ")
    raw.append(RawSpan(said, said + len("Vossberg"), "PRODUCT"))
    # The last "Orme" is a book the model saw as a work: it stays out.
    raw.append(RawSpan(text.rindex("Orme"), text.rindex("Orme") + 4, "WORK_OF_ART"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("Ida Vossberg", "PERSON"),
        ("Vossberg", "PERSON"),
        ("Orme", "PERSON"),
        ("Orme Tarrant", "PERSON"),
    ]


def test_demonyms_resolve_to_countries_and_broad_regions_to_none() -> None:
    text = "North Korean troops and Ukrainian officials met Western diplomats in East Asia."
    raw = spans_of(text, ("North Korean", "NORP"), ("Ukrainian", "NORP"), ("Western", "NORP"), ("East Asia", "LOC"))
    analysis = build_analysis(text, raw)
    countries = {e.name: e.country for e in analysis.entities}
    assert countries == {"North Korean": "KP", "Ukrainian": "UA", "Western": None, "East Asia": None}


def test_caption_lines_colour_the_map_and_are_not_counted_as_mentions() -> None:
    text = "Russia and Ukraine fought; China watched.\nRussia = Red\nOrange = North Korea\n"
    raw = spans_of(text, ("Russia", "GPE"), ("Ukraine", "GPE"), ("China", "GPE"))
    analysis = build_analysis(text, raw)
    by_code = {c.code: c for c in analysis.countries}
    assert by_code["RU"].colour == "#ff0000"
    assert by_code["RU"].from_legend
    assert by_code["RU"].mentions == 1  # "Russia = Red" colours; only the sentence's Russia counts
    assert by_code["KP"].colour == "#ffa500"
    assert by_code["KP"].mentions == 0  # named only in the caption: coloured, never mentioned
    assert [m.text for m in analysis.mentions] == ["Russia", "Ukraine", "China"]
    assert not by_code["UA"].from_legend
    assert by_code["UA"].colour not in {"#ff0000", "#ffa500"}


def test_mentions_are_sorted_and_never_overlap() -> None:
    text = "The European Union and EU officials met in Brussels with European Union staff."
    raw = spans_of(
        text,
        ("The European Union", "ORG"),
        ("European Union and EU", "ORG"),
        ("EU", "ORG"),
        ("Brussels", "GPE"),
    )
    analysis = build_analysis(text, raw)
    starts = [m.start for m in analysis.mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(analysis.mentions, analysis.mentions[1:], strict=False))


def test_acronym_joins_its_organisation() -> None:
    text = "The European Union said the EU would act."
    analysis = build_analysis(text, spans_of(text, ("The European Union", "ORG"), ("EU", "ORG")))
    eu = analysis.find_entity("EU")
    assert eu is not None
    assert eu.name == "European Union"
    assert eu.mentions == 2


@pytest.mark.parametrize("text", ["", "   \n\n", "no names here at all."])
def test_texts_without_entities_give_an_empty_analysis(text: str) -> None:
    analysis = build_analysis(text, [])
    assert analysis.mentions == ()
    assert analysis.entities == ()
    assert analysis.countries == ()


def test_nested_short_forms_all_reach_the_longest_name() -> None:
    text = "Maria Anna Smith rode out. Anna Smith was silent. Smith looked back. Maria Anna Smith spoke."
    raw = spans_of(
        text,
        ("Maria Anna Smith", "PERSON"),
        ("Anna Smith", "PERSON"),
        ("Smith", "PERSON"),
        ("Maria Anna Smith", "PERSON"),
    )
    analysis = build_analysis(text, raw)
    assert len(analysis.mentions) == 4
    ids = {m.entity for m in analysis.mentions}
    assert len(ids) == 1
    entity = analysis.entity(ids.pop())
    assert entity.mentions == 4


def test_a_surname_taken_for_a_small_place_joins_the_person() -> None:
    text = "Engineer Maria Delgado inspected the levee. Delgado said it would hold."
    second = text.index("Delgado said")
    raw = [*spans_of(text, ("Maria Delgado", "PERSON")), RawSpan(second, second + len("Delgado"), "GPE")]
    analysis = build_analysis(text, raw)
    person = analysis.find_entity("Delgado")
    assert person is not None and person.name == "Maria Delgado" and person.kind == "PERSON"
    assert person.mentions == 2
    assert analysis.countries == ()


def test_a_defined_acronym_of_a_site_is_a_place_and_an_alias_of_the_long_name() -> None:
    text = "Crews at the Dunmore Space Center (DSC) cheered. Many DSC workers stayed."
    raw = spans_of(text, ("Dunmore Space Center", "ORG"), ("DSC", "ORG"), ("DSC", "ORG"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [("Dunmore Space Center", "PLACE"), ("DSC", "PLACE"), ("DSC", "PLACE")]
    entity = analysis.find_entity("DSC")
    assert entity is not None and entity.name == "Dunmore Space Center" and entity.mentions == 3


def test_a_defined_acronym_of_a_body_is_an_organisation_even_where_the_model_missed_it() -> None:
    text = "The Bureau of Fisheries (BoF) said so."
    analysis = build_analysis(text, spans_of(text, ("Bureau of Fisheries", "ORG")))
    assert surfaces(text, analysis) == [("Bureau of Fisheries", "ORG"), ("BoF", "ORG")]
    assert analysis.find_entity("BoF") is analysis.find_entity("Bureau of Fisheries")


def test_an_acronym_in_brackets_after_a_party_is_the_party_whatever_its_letters() -> None:
    text = "Wahl led the Agrarian Union (LSV) and the Union of Greens (UZ; a small list). Later the LSV split."
    raw = spans_of(text, ("Agrarian Union", "ORG"), ("Union of Greens", "ORG"), ("LSV", "PERSON"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("Agrarian Union", "ORG"),
        ("LSV", "ORG"),
        ("Union of Greens", "ORG"),
        ("UZ", "ORG"),
        ("LSV", "ORG"),
    ]
    assert analysis.find_entity("LSV") is analysis.find_entity("Agrarian Union")


def test_a_name_abbreviated_by_its_initials_is_a_body_not_a_person() -> None:
    text = "He backed the Liga Obrera Tarviana (LOT) and met Maria Delgado Reyes. The LOT won."
    raw = spans_of(text, ("Liga Obrera Tarviana", "PERSON"), ("Maria Delgado Reyes", "PERSON"))
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Liga Obrera Tarviana", "ORG"),
        ("LOT", "ORG"),
        ("Maria Delgado Reyes", "PERSON"),
        ("LOT", "ORG"),
    ]


def test_an_acronym_spelling_only_the_end_of_a_body_s_name_is_that_body() -> None:
    text = "He led the Tarvian Party for Fishing and Shipping (PFS). The PFS won."
    raw = spans_of(text, ("Tarvian Party for Fishing and Shipping", "ORG"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [
        ("Tarvian Party for Fishing and Shipping", "ORG"),
        ("PFS", "ORG"),
        ("PFS", "ORG"),
    ]
    assert analysis.find_entity("PFS") is analysis.find_entity("Tarvian Party for Fishing and Shipping")


def test_a_defined_acronym_of_a_company_named_systems_is_the_company() -> None:
    text = "He wrote to Dunmere Signal Systems (DSS) to sell it. DSS agreed."
    raw = spans_of(text, ("Dunmere Signal Systems", "ORG"))
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Dunmere Signal Systems", "ORG"),
        ("DSS", "ORG"),
        ("DSS", "ORG"),
    ]


def test_a_country_in_brackets_after_a_party_stays_a_place() -> None:
    text = "She joined the Labour Party (UK) and then the Green Party (USA)."
    raw = spans_of(text, ("Labour Party", "ORG"), ("Green Party", "ORG"))
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Labour Party", "ORG"),
        ("UK", "PLACE"),
        ("Green Party", "ORG"),
        ("USA", "PLACE"),
    ]


def test_a_defined_acronym_of_a_programme_or_system_is_no_entity() -> None:
    text = (
        "The Rural Fibre Access and Delivery (RFAD) program pays. RFAD grants help. "
        "The Automated Cockpit Alert Monitor (ACAM) system failed."
    )
    raw = spans_of(
        text,
        ("Rural Fibre Access and Delivery", "ORG"),
        ("RFAD", "ORG"),
        ("RFAD", "ORG"),
        ("ACAM", "ORG"),
    )
    assert surfaces(text, build_analysis(text, raw)) == []


def test_a_country_name_with_and_wins_over_its_parts() -> None:
    text = "Leaders of Trinidad and Tobago and of Antigua and Barbuda met."
    raw = spans_of(text, ("Trinidad", "GPE"), ("Tobago", "ORG"), ("Antigua", "PERSON"), ("Barbuda", "PERSON"))
    analysis = build_analysis(text, raw)
    assert surfaces(text, analysis) == [("Trinidad and Tobago", "PLACE"), ("Antigua and Barbuda", "PLACE")]
    assert {c.code for c in analysis.countries} == {"TT", "AG"}


def test_the_state_of_a_us_state_is_its_formal_name() -> None:
    text = "An emergency was declared for the State of Ohio."
    analysis = build_analysis(text, spans_of(text, ("Ohio", "GPE")))
    assert surfaces(text, analysis) == [("State of Ohio", "PLACE")]


def test_a_realm_s_word_before_a_name_makes_one_place_whatever_the_model_said() -> None:
    text = (
        "The Kingdom of Tarvia fought the Grand Duchy of Dunmere and the Principality of Kettleby. "
        "The State of the Kestrel Union met."
    )
    raw = spans_of(text, ("Tarvia", "PERSON"), ("Dunmere", "GPE"), ("Kettleby", "ORG"), ("Kestrel Union", "ORG"))
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Kingdom of Tarvia", "PLACE"),
        ("Grand Duchy of Dunmere", "PLACE"),
        ("Principality of Kettleby", "PLACE"),
        ("Kestrel Union", "ORG"),
    ]


def test_the_name_after_a_place_s_noun_is_one_place() -> None:
    text = "She won the riding of Kettleby - Dunmere, then the constituency of Harwick in the county of Tarvia."
    raw = spans_of(text, ("Kettleby", "PERSON"), ("Dunmere", "GPE"), ("Harwick", "PERSON"), ("Tarvia", "ORG"))
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Kettleby - Dunmere", "PLACE"),
        ("Harwick", "PLACE"),
        ("Tarvia", "PLACE"),
    ]


def test_a_two_place_district_read_as_one_body_after_a_place_s_noun_is_a_place() -> None:
    text = "He stood in the riding of Kettleby - Dunmere Lakes in 2006."
    raw = spans_of(text, ("Kettleby - Dunmere Lakes", "ORG"))
    assert surfaces(text, build_analysis(text, raw)) == [("Kettleby - Dunmere Lakes", "PLACE")]


def test_a_place_s_noun_outweighs_a_verb_of_speech_and_a_namesake_s_surname() -> None:
    text = (
        "Harbour Hall Kettleby stands by the village of Kettleby. Ferries sail to Kettleby weekly. "
        "In 1990 the village of Dunmere voted to keep the quay."
    )
    town, weekly = text.index("Kettleby."), text.index("Kettleby weekly")
    raw = [
        *spans_of(text, ("Hall Kettleby", "PERSON"), ("Dunmere", "ORG")),
        RawSpan(town, town + 8, "GPE"),
        RawSpan(weekly, weekly + 8, "PERSON"),
    ]
    assert surfaces(text, build_analysis(text, raw)) == [
        ("Hall Kettleby", "PERSON"),
        ("Kettleby", "PLACE"),
        ("Kettleby", "PLACE"),
        ("Dunmere", "PLACE"),
    ]


def test_one_name_one_kind_a_title_before_a_name_makes_it_sure() -> None:
    text = "Captain Waluyo flew. Waluyo turned. Later Waluyo landed. Waluyo rested."
    raw = spans_of(text, ("Waluyo", "PERSON"), ("Waluyo", "GPE"), ("Waluyo", "GPE"), ("Waluyo", "PERSON"))
    analysis = build_analysis(text, raw)
    assert {m.kind for m in analysis.mentions} == {"PERSON"}
    assert len(analysis.entities) == 1


def test_a_hard_wrapped_name_keeps_its_offsets_but_is_shown_with_a_space() -> None:
    text = (
        "It was late in the evening when the old servant announced that Prince Vasíli\n"
        "Kurágin had come. Vasíli Kurágin bowed."
    )
    raw = spans_of(text, ("Vasíli\nKurágin", "PERSON"), ("Vasíli Kurágin", "PERSON"))
    analysis = build_analysis(text, raw)
    assert [m.text for m in analysis.mentions] == ["Vasíli\nKurágin", "Vasíli Kurágin"]
    [entity] = analysis.entities
    assert entity.name == "Vasíli Kurágin" and entity.mentions == 2


def test_a_storms_name_alone_is_the_storm() -> None:
    text = "Hurricane Odalys struck. Odalys left thousands without power in Ohio."
    raw = spans_of(text, ("Hurricane Odalys", "EVENT"), ("Odalys", "PERSON"), ("Ohio", "GPE"))
    assert surfaces(text, build_analysis(text, raw)) == [("Ohio", "PLACE")]


def test_a_place_counts_for_the_country_the_text_puts_it_in() -> None:
    text = "Crews from Ohio, Texas and Georgia reached Cambridge, Massachusetts."
    raw = spans_of(
        text, ("Ohio", "GPE"), ("Texas", "GPE"), ("Georgia", "GPE"), ("Cambridge", "GPE"), ("Massachusetts", "GPE")
    )
    analysis = build_analysis(text, raw)
    assert {c.code for c in analysis.countries} == {"US"}


def test_a_name_found_again_after_a_title_is_a_person() -> None:
    text = "Waluyo spoke. Later Waluyo left. The report named Captain Waluyo."
    # The model took the name for a place twice and missed the third mention.
    raw = spans_of(text, ("Waluyo", "GPE"), ("Waluyo", "GPE"))
    analysis = build_analysis(text, raw)
    assert [m.kind for m in analysis.mentions] == ["PERSON", "PERSON", "PERSON"]


def test_a_family_surname_does_not_merge_its_members() -> None:
    gap = " It rained." * 4000  # far more than a chapter apart
    text = (
        "Ivan Orlóv came home. Orlóv sat down."
        + gap
        + "Peter Orlóv rode out. Orlóv laughed. Orlóv slept."
        + gap
        + "Orlóv wept."
    )
    raw = [RawSpan(m.start(), m.end(), "PERSON") for m in re.finditer(r"(?:Ivan |Peter )?Orlóv", text)]
    analysis = build_analysis(text, raw)
    ivan, peter = analysis.find_entity("Ivan Orlóv"), analysis.find_entity("Peter Orlóv")
    assert ivan is not None and peter is not None and ivan is not peter
    # Each bare "Orlóv" joins the family member named nearest before it; one far
    # from every full name stays an entity of its own.
    assert ivan.mentions == 2 and peter.mentions == 3
    assert sorted(e.name for e in analysis.entities) == ["Ivan Orlóv", "Orlóv", "Peter Orlóv"]


def test_a_bare_first_name_joins_the_namesake_written_nearest() -> None:
    gap = " It rained." * 4000
    text = "Nicholas Vlasov spoke. Nicholas left." + gap + "Nicholas Orlóv rode. Nicholas smiled. Nicholas ate."
    raw = [RawSpan(m.start(), m.end(), "PERSON") for m in re.finditer(r"Nicholas(?: Vlasov| Orlóv)?", text)]
    analysis = build_analysis(text, raw)
    vlasov, orlov = analysis.find_entity("Nicholas Vlasov"), analysis.find_entity("Nicholas Orlóv")
    assert vlasov is not None and orlov is not None
    assert (vlasov.mentions, orlov.mentions) == (2, 3)


def test_an_ebooks_licence_is_not_analysed() -> None:
    text = (
        "Produced by Jane Roe.\n*** START OF THE PROJECT GUTENBERG EBOOK A TALE ***\n"
        "Ivan Orlóv rode to Moscow.\n*** END OF THE PROJECT GUTENBERG EBOOK A TALE ***\n"
        "Project Gutenberg License terms, by Michael Hart."
    )
    raw = spans_of(
        text,
        ("Jane Roe", "PERSON"),
        ("Ivan Orlóv", "PERSON"),
        ("Moscow", "GPE"),
        ("Project Gutenberg License", "PERSON"),
        ("Michael Hart", "PERSON"),
    )
    assert surfaces(text, build_analysis(text, raw)) == [("Ivan Orlóv", "PERSON"), ("Moscow", "PLACE")]


def test_several_ebooks_in_one_file_are_all_analysed_even_when_the_last_is_cut_short() -> None:
    book = (
        "Produced by Jane Roe.\n*** START OF THE PROJECT GUTENBERG EBOOK A TALE ***\n"
        "Ivan Orlóv rode to Moscow.\n*** END OF THE PROJECT GUTENBERG EBOOK A TALE ***\n"
        "Project Gutenberg License terms.\n" + "More licence words. " * 12_000 + "\n"
    )
    text = book + book + "Produced by Jane Roe.\n*** START OF THE PROJECT GUTENBERG EBOOK A TALE ***\nIvan Orlóv rode"
    orlov = [i for i in range(len(text)) if text.startswith("Ivan Orlóv", i)]
    raw = [RawSpan(i, i + len("Ivan Orlóv"), "PERSON") for i in orlov]
    # Three books, the last cut short with no end line: every one of its pages counts.
    assert [m.start for m in build_analysis(text, raw).mentions] == orlov


def test_a_word_run_into_a_name_is_trimmed() -> None:
    text = (
        "Sometimes Ivan laughed. Ivan sat. Ivan rose. sometimes it rained, sometimes not, sometimes more. "
        "On reaching Tula Ivan rested. Tula was cold. He left Tula."
    )
    raw = [
        RawSpan(m.start(), m.end(), "GPE" if m.group() == "Tula" else "PERSON")
        for m in re.finditer(r"(?:Sometimes |Tula )?Ivan|Tula", text)
    ]
    names = [m.text for m in build_analysis(text, raw).mentions]
    assert "Sometimes Ivan" not in names and "Tula Ivan" not in names
    assert names.count("Ivan") == 4


def test_a_name_beside_a_verb_of_speech_is_a_person() -> None:
    text = "“Come,” said Sónya. Sónya smiled. Later Sónya left the room."
    raw = spans_of(text, ("Sónya", "GPE"), ("Sónya", "GPE"), ("Sónya", "PERSON"))
    assert {m.kind for m in build_analysis(text, raw).mentions} == {"PERSON"}


def test_a_bare_name_of_several_people_far_from_all_stays_a_person() -> None:
    gap = " It rained." * 4000
    text = "Louis Vardan spoke. Louis Vardan II spoke too." + gap + "Louis said so. Louis left."
    raw = [RawSpan(0, 12, "PERSON"), RawSpan(20, 35, "PERSON")] + [
        RawSpan(m.start(), m.end(), "ORG") for m in re.finditer(r"Louis(?= said| left)", text)
    ]
    analysis = build_analysis(text, raw)
    louis = analysis.find_entity("Louis")
    assert louis is not None and louis.kind == "PERSON" and louis.mentions == 2


def test_stress_accents_do_not_hide_a_known_city() -> None:
    text = "The army left Kalúga at dawn and reached Kalúga again by night."
    raw = spans_of(text, ("Kalúga", "ORG"), ("Kalúga", "GPE"))
    analysis = build_analysis(text, raw)
    assert {m.kind for m in analysis.mentions} == {"PLACE"}
    assert [c.code for c in analysis.countries] == ["RU"]


def test_a_saints_name_does_not_take_in_a_bare_first_name() -> None:
    text = "Ansgar Lindqvist bowed. He wore the Order of St. Ansgar. Ansgar smiled."
    raw = spans_of(text, ("St. Ansgar", "PERSON"), ("Ansgar Lindqvist", "PERSON"))
    raw.append(RawSpan(text.rindex("Ansgar"), text.rindex("Ansgar") + 6, "PERSON"))
    analysis = build_analysis(text, raw)
    person = analysis.find_entity("Ansgar Lindqvist")
    assert person is not None and person.mentions == 2
    saint = analysis.find_entity("St. Ansgar")
    assert saint is not None and saint.mentions == 1


def test_a_name_after_the_island_of_is_a_place_in_every_mention() -> None:
    text = "Troops landed on the island of Tembwani. Tembwani's port fell. Tembwani voted."
    # The model took the name for a nationality twice and missed it once.
    raw = [RawSpan(m.start(), m.end(), "NORP") for m in re.finditer("Tembwani", text)][1:]
    analysis = build_analysis(text, raw)
    assert [(m.text, m.kind) for m in analysis.mentions] == [("Tembwani", "PLACE")] * 3
