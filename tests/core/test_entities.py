"""The cleaning step, class by class of error, on small made-up sentences."""

from __future__ import annotations

import pytest

from reader.core.entities import clean_chunk, is_role_word
from reader.core.model import RawSpan
from reader.core.passes.span_steps import clean_span
from reader.core.places import default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def raw(text: str, surface: str, label: str, occurrence: int = 0) -> RawSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return RawSpan(start, start + len(surface), label)


def cleaned(text: str, surface: str, label: str, gaz) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in clean_span(text, raw(text, surface, label), gaz)]


def test_titles_and_roles_alone_singular_or_plural_are_not_entities(gaz) -> None:
    text = "The Trade Envoys met the Governors and the Taoiseach."
    assert cleaned(text, "Trade Envoys", "ORG", gaz) == []
    assert cleaned(text, "Governors", "PERSON", gaz) == []
    assert cleaned(text, "Taoiseach", "PERSON", gaz) == []
    assert is_role_word("Envoys") and is_role_word("Majesty") and not is_role_word("United")


def test_house_style_capitals_are_not_names(gaz) -> None:
    text = "The Administration and the Federal Government told State and local officials."
    assert cleaned(text, "Administration", "ORG", gaz) == []
    assert cleaned(text, "Federal Government", "ORG", gaz) == []


def test_a_role_ending_a_span_is_cut_off(gaz) -> None:
    text = "NOAA Administrator Jane Roe spoke; Ohio Participants followed."
    assert cleaned(text, "NOAA Administrator", "ORG", gaz) == [("NOAA", "ORG")]
    assert cleaned(text, "Ohio Participants", "ORG", gaz) == [("Ohio", "PLACE")]


def test_two_names_joined_before_administration_are_two_people(gaz) -> None:
    text = "The Okafor-Lindqvist Administration said so."
    assert cleaned(text, "Okafor-Lindqvist Administration", "ORG", gaz) == [
        ("Okafor", "PERSON"),
        ("Lindqvist", "PERSON"),
    ]
    # A body's name that ends in the word is no person's.
    text = "The Federal Railway Administration said so."
    assert cleaned(text, "Federal Railway Administration", "ORG", gaz) == [("Federal Railway Administration", "ORG")]


def test_hyphenated_given_name_with_lower_case_part_is_kept_whole(gaz) -> None:
    text = "Lee Mei-ling arrived late."
    assert cleaned(text, "Lee Mei", "PERSON", gaz) == [("Lee Mei-ling", "PERSON")]


def test_long_name_run_into_its_parenthesised_acronym_is_cut(gaz) -> None:
    text = "the Bureau of Fisheries (BoF) said"
    assert cleaned(text, "Bureau of Fisheries (", "ORG", gaz) == [("Bureau of Fisheries", "ORG")]


def test_sites_are_places_and_bodies_are_organisations(gaz) -> None:
    text = (
        "The Harbourview Museum of Flight, Dunmore Space Center and Kestrel Airport; the Fenwick Aviation Association."
    )
    assert cleaned(text, "Harbourview Museum of Flight", "ORG", gaz) == [("Harbourview Museum of Flight", "PLACE")]
    assert cleaned(text, "Dunmore Space Center", "ORG", gaz) == [("Dunmore Space Center", "PLACE")]
    assert cleaned(text, "Kestrel Airport", "PERSON", gaz) == [("Kestrel Airport", "PLACE")]
    assert cleaned(text, "Fenwick Aviation Association", "ORG", gaz) == [("Fenwick Aviation Association", "ORG")]
    text = "Ships berthed at Kestrel Dock and Orme Wharf."
    assert cleaned(text, "Kestrel Dock", "PERSON", gaz) == [("Kestrel Dock", "PLACE")]
    assert cleaned(text, "Orme Wharf", "ORG", gaz) == [("Orme Wharf", "PLACE")]


def test_a_person_named_like_a_site_stays_a_person(gaz) -> None:
    # "Temple" and "Street" end sites' names and are surnames; "Shirley" and "Andy" are given names.
    text = "Shirley Temple met Andy Street by Kestrel Temple."
    assert cleaned(text, "Shirley Temple", "PERSON", gaz) == [("Shirley Temple", "PERSON")]
    assert cleaned(text, "Andy Street", "PERSON", gaz) == [("Andy Street", "PERSON")]
    assert cleaned(text, "Kestrel Temple", "PERSON", gaz) == [("Kestrel Temple", "PLACE")]
    # A centre "for" something, or of a field of work, is a body.
    text = "The Kestrel Center for Coastal Studies and the Harbour Information Centre met at Dunmore Science Center."
    assert cleaned(text, "Kestrel Center for Coastal Studies", "ORG", gaz) == [
        ("Kestrel Center for Coastal Studies", "ORG")
    ]
    assert cleaned(text, "Harbour Information Centre", "ORG", gaz) == [("Harbour Information Centre", "ORG")]
    assert cleaned(text, "Dunmore Science Center", "ORG", gaz) == [("Dunmore Science Center", "PLACE")]
    # After a word of place, a given name and a site's word are the site.
    text = "The boat was moored at Jenny Wharf."
    assert cleaned(text, "Jenny Wharf", "PERSON", gaz) == [("Jenny Wharf", "PLACE")]
    # A site's head word alone names no site: "a nocturne by Field".
    text = "They played a nocturne by Field."
    assert cleaned(text, "Field", "ORG", gaz) == [("Field", "ORG")]



def test_a_country_ending_a_body_s_name_keeps_its_last_word(gaz) -> None:
    text = "Loans from the Kestrel Bank of the United States and the Gulf Coast State officials."
    assert cleaned(text, "Kestrel Bank of the United States", "ORG", gaz) == [
        ("Kestrel Bank of the United States", "ORG")
    ]
    assert cleaned(text, "Gulf Coast State", "ORG", gaz) == [("Gulf Coast", "ORG")]


def test_letters_listed_with_names_are_a_body_not_post_nominals(gaz) -> None:
    text = (
        "Kestrel, GM and Orlwick signed, as did the FBI, CIA and NSA; Jane Roe, QC, was there, "
        "and Sir Ann Orme, KC and Harbour leader, with Tamsin Orr, MD, MPH and her colleagues."
    )
    assert cleaned(text, "GM", "ORG", gaz) == [("GM", "ORG")]
    assert cleaned(text, "CIA", "ORG", gaz) == [("CIA", "ORG")]
    assert cleaned(text, "QC", "ORG", gaz) == []
    # After a person's name, or after letters that follow one, letters are post-nominals.
    assert cleaned(text, "KC", "ORG", gaz) == []
    assert cleaned(text, "MPH", "ORG", gaz) == []


def test_the_hague_keeps_its_the_and_a_police_force_is_a_body(gaz) -> None:
    text = "The court in The Hague heard West Riding Police, and the Executive Councillor for Planning."
    assert cleaned(text, "The Hague", "GPE", gaz) == [("The Hague", "PLACE")]
    assert cleaned(text, "The court", "ORG", gaz) == []
    assert cleaned(text, "West Riding Police", "GPE", gaz) != [("West Riding Police", "PERSON")]
    # A role over a field names no one.
    assert cleaned(text, "the Executive Councillor for Planning", "ORG", gaz) != [("Planning", "PERSON")]


def test_a_title_of_field_words_still_opens_a_name(gaz) -> None:
    text = "National Security Advisor Tamsin Orr attended."
    assert cleaned(text, "National Security Advisor Tamsin Orr", "PERSON", gaz) == [("Tamsin Orr", "PERSON")]


def test_a_cathedral_or_a_cemetery_is_a_site_and_a_saint_s_possessive_names_it(gaz) -> None:
    text = "They met at St Orme's Cathedral and were buried in Kestrel Cemetery; St Orme's feast followed."
    assert cleaned(text, "St Orme's", "FAC", gaz) == [("St Orme's Cathedral", "PLACE")]
    assert cleaned(text, "Kestrel Cemetery", "ORG", gaz) == [("Kestrel Cemetery", "PLACE")]


def test_a_shopping_mall_named_like_a_person_is_a_place(gaz) -> None:
    text = "Kestrel Properties runs Cary Orme Mall, which opened in 1979."
    assert cleaned(text, "Cary Orme Mall", "PERSON", gaz) == [("Cary Orme Mall", "PLACE")]


def test_site_of_a_town_is_two_places(gaz) -> None:
    text = "the Redcliff Rail & Steam Museum of Brackenton opened"
    assert cleaned(text, "Redcliff Rail & Steam Museum of Brackenton", "ORG", gaz) == [
        ("Redcliff Rail & Steam Museum", "PLACE"),
        ("Brackenton", "PLACE"),
    ]


def test_a_site_head_the_model_left_out_joins_the_name(gaz) -> None:
    text = "work at the Tarn Processing Facility-2 went on"
    assert cleaned(text, "Tarn Processing", "ORG", gaz) == [("Tarn Processing Facility-2", "PLACE")]


def test_vehicles_codes_and_programmes_are_not_entities(gaz) -> None:
    text = "Space Shuttle Meridian flew STS-42 for the Lunar Access Program and the Coastal Resilience Initiative."
    assert cleaned(text, "Space Shuttle Meridian", "PERSON", gaz) == []
    assert cleaned(text, "STS-42", "GPE", gaz) == []
    assert cleaned(text, "Lunar Access Program", "ORG", gaz) == []
    assert cleaned(text, "Coastal Resilience Initiative", "ORG", gaz) == []


def test_an_airline_is_named_in_a_flight_the_flight_is_not(gaz) -> None:
    text = "Kestrel Air Flight 212 landed."
    assert cleaned(text, "Kestrel Air Flight 212", "PERSON", gaz) == [("Kestrel Air", "ORG")]


def test_an_event_named_after_a_region_names_the_region(gaz) -> None:
    text = "at the Summit of the Americas in May"
    assert cleaned(text, "Summit of the Americas", "ORG", gaz) == [("Americas", "PLACE")]


def test_transcript_apparatus_and_post_nominals_are_not_names(gaz) -> None:
    text = "It was fine. (Laughter.) Jane Roe, QC, said so."
    assert cleaned(text, "Laughter", "PERSON", gaz) == []
    assert cleaned(text, "QC", "GPE", gaz) == []


def test_a_title_opening_a_body_or_place_makes_a_person(gaz) -> None:
    text = "Sister Maria Okonjo spoke, then Indonesian Pilot Rudiyanto and Countess Ilse."
    assert cleaned(text, "Sister Maria Okonjo", "ORG", gaz) == [("Maria Okonjo", "PERSON")]
    assert cleaned(text, "Indonesian Pilot Rudiyanto", "ORG", gaz) == [("Rudiyanto", "PERSON")]
    assert cleaned(text, "Countess Ilse", "GPE", gaz) == [("Ilse", "PERSON")]


def test_titles_never_start_a_persons_name(gaz) -> None:
    text = "Monsieur Anatole and Uncle Ferdinand and Emperor Otto came."
    assert cleaned(text, "Monsieur Anatole", "PERSON", gaz) == [("Anatole", "PERSON")]
    assert cleaned(text, "Uncle Ferdinand", "PERSON", gaz) == [("Ferdinand", "PERSON")]
    assert cleaned(text, "Emperor Otto", "PERSON", gaz) == [("Otto", "PERSON")]
    # "St." is part of a saint's name and of names built on it.
    text = "St. Brendan’s Day came."
    assert cleaned(text, "St. Brendan’s Day", "FAC", gaz) == [("St. Brendan", "PERSON")]


def test_a_hyphen_prefix_is_not_part_of_the_name(gaz) -> None:
    text = "Ex-CAB boss Jean Roe said so."
    assert cleaned(text, "Ex-CAB", "ORG", gaz) == [("CAB", "ORG")]


def test_a_lower_case_place_noun_before_of_makes_a_place(gaz) -> None:
    text = "troops reached the village of Tembwani at dawn"
    assert cleaned(text, "Tembwani", "PERSON", gaz) == [("Tembwani", "PLACE")]


def test_a_name_ends_at_a_line_break_unless_the_line_is_hard_wrapped(gaz) -> None:
    short = "Harbour Master Ilse Brandt\nRotterdam sent word."
    assert cleaned(short, "Ilse Brandt\nRotterdam", "PERSON", gaz) == [("Ilse Brandt", "PERSON")]
    wrapped = "and then, after a long while of waiting in the hall, Prince Andrew\nBolkónski came in."
    assert cleaned(wrapped, "Andrew\nBolkónski", "PERSON", gaz) == [("Andrew\nBolkónski", "PERSON")]


def test_two_person_spans_side_by_side_are_one_name(gaz) -> None:
    text = "Her mother, Maria Elena Okafor Diaz, came."
    spans = [raw(text, "Maria Elena", "PERSON"), raw(text, "Okafor Diaz", "PERSON")]
    assert [(text[s.start : s.end], s.kind) for s in clean_chunk(text, 0, spans, gaz)] == [
        ("Maria Elena Okafor Diaz", "PERSON")
    ]


def test_the_model_reads_an_accent_free_copy_of_the_same_length(pipeline) -> None:
    from reader.nlp.analyse import analyse_text
    from reader.nlp.pipeline import model_text

    text = "Natásha and Borís walked to Borodinó with Pleasant\u00a0Vale’s mayor."
    plain = model_text(text, 0, len(text))
    assert len(plain) == len(text)
    assert plain == "Natasha and Boris walked to Borodino with Pleasant Vale's mayor."
    analysis = analyse_text(text, pipeline)
    # Offsets are the real text's: the accented names are highlighted as written.
    assert {m.text for m in analysis.mentions} >= {"Natásha", "Borís"}


def test_a_flight_taken_for_an_event_names_its_airline(gaz) -> None:
    text = "Lindo Kestrel Flight 9021 went down."
    assert cleaned(text, "Lindo Kestrel Flight 9021", "EVENT", gaz) == [("Lindo Kestrel", "ORG")]


def test_a_word_with_a_capital_inside_is_a_companys_name_not_a_place(gaz) -> None:
    text = "The SkyWing flight left; MediaTownUK studios stayed."
    assert cleaned(text, "SkyWing", "GPE", gaz) == [("SkyWing", "ORG")]
    assert cleaned(text, "MediaTownUK", "GPE", gaz) == [("MediaTownUK", "PLACE")]


def test_unit_types_and_things_named_after_a_span_are_not_names(gaz) -> None:
    text = "12 Coastal Rescue teams came; FEMA Incident Support Teams too; EV charging grew."
    assert cleaned(text, "Coastal Rescue", "ORG", gaz) == []
    assert cleaned(text, "FEMA Incident Support Teams", "ORG", gaz) == [("FEMA", "ORG")]
    assert cleaned(text, "EV", "ORG", gaz) == []


def test_a_title_before_a_name_taken_for_a_place_makes_a_person(gaz) -> None:
    text = "the Malaysian Captain Harunsyah and his crew"
    assert cleaned(text, "Harunsyah", "GPE", gaz) == [("Harunsyah", "PERSON")]


def test_chapter_headings_numerals_contractions_and_god_are_not_entities(gaz) -> None:
    text = "CHAPTER XXIX\n\nI’ll go, said he. Thy will be done, God knows. Louis XV smiled."
    assert cleaned(text, "CHAPTER XXIX", "PERSON", gaz) == []
    assert cleaned(text, "I’ll", "GPE", gaz) == []
    assert cleaned(text, "Thy", "GPE", gaz) == []
    assert cleaned(text, "God", "PERSON", gaz) == []
    assert cleaned(text, "XV", "ORG", gaz) == []
    assert cleaned(text, "Louis XV", "PERSON", gaz) == [("Louis XV", "PERSON")]


def test_forms_of_address_alone_are_not_entities(gaz) -> None:
    text = "Your Majesty, said Mamma to Papa and Uncle; the Emperor and the Countess came."
    for surface, label in (("Majesty", "PERSON"), ("Mamma", "PERSON"), ("Papa", "ORG"), ("Uncle", "PERSON")):
        assert cleaned(text, surface, label, gaz) == [], surface
    assert cleaned(text, "Emperor", "GPE", gaz) == []
    assert cleaned(text, "Countess", "PERSON", gaz) == []


def test_a_person_span_holding_two_names_is_split(gaz) -> None:
    text = "He rode from Vlasov to Orlóv and Anna Prince Ivánov bowed; Peter the Great watched."
    assert cleaned(text, "Vlasov to Orlóv", "PERSON", gaz) == [("Vlasov", "PERSON"), ("Orlóv", "PERSON")]
    assert cleaned(text, "Anna Prince Ivánov", "PERSON", gaz) == [("Anna", "PERSON"), ("Ivánov", "PERSON")]
    assert cleaned(text, "Peter the Great", "PERSON", gaz) == [("Peter the Great", "PERSON")]


def test_a_possessive_between_two_names_splits_them(gaz) -> None:
    text = "the Tarnfield's Royal Gallery opened; St. Aidan’s School stayed shut"
    # A gallery is a site, like a museum.
    assert cleaned(text, "Tarnfield's Royal Gallery", "ORG", gaz) == [
        ("Tarnfield", "ORG"),
        ("Royal Gallery", "PLACE"),
    ]
    assert cleaned(text, "St. Aidan’s School", "ORG", gaz) == [("St. Aidan’s School", "ORG")]


def test_a_hospital_or_college_named_with_a_possessive_is_one_body(gaz) -> None:
    text = (
        "Orme's Hospital and Tamsin's College Kettleby opened, and Busan's Museum of Lanterns too; "
        "Kestrel Women's Health Union sued Orme's Department of Fisheries."
    )
    assert cleaned(text, "Orme's Hospital", "ORG", gaz) == [("Orme's Hospital", "ORG")]
    assert cleaned(text, "Kestrel Women's Health Union", "ORG", gaz) == [("Kestrel Women's Health Union", "ORG")]
    # A whole name of its own after a person's possessive.
    assert cleaned(text, "Orme's Department of Fisheries", "ORG", gaz) == [
        ("Orme", "ORG"),
        ("Department of Fisheries", "ORG"),
    ]
    assert cleaned(text, "Tamsin's College Kettleby", "ORG", gaz) == [("Tamsin's College Kettleby", "ORG")]
    # A known place owning a site is two names.
    assert cleaned(text, "Busan's Museum of Lanterns", "ORG", gaz) == [
        ("Busan", "PLACE"),
        ("Museum of Lanterns", "PLACE"),
    ]
