"""Headings and lines in capitals (made-up texts, spans given by hand and through the whole analysis)."""

from __future__ import annotations

from reader.core.analysis import build_analysis
from reader.core.model import RawSpan
from reader.core.passes.layout import capital_lines, heading_lines
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces

TABLE = (
    "STANDINGS AFTER WEEK NINE\n\n"
    "TEAM W L PCT\n"
    "KESTREL ROVERS 7 2 .778\n"
    "DUNMORE UNITED 5 4 .556\n\n"
    "LISBON HOLDS THE FINAL\n\n"
    "Maria Delgado of the Kestrel Rovers scored twice on Sunday."
)


def test_on_a_line_in_capitals_only_names_the_text_or_the_gazetteer_knows_stay() -> None:
    spans = [
        span(TABLE, "PCT", "PERSON"),
        span(TABLE, "KESTREL", "ORG"),
        span(TABLE, "DUNMORE", "ORG"),
        span(TABLE, "LISBON", "ORG"),
        span(TABLE, "Maria Delgado", "PERSON"),
        span(TABLE, "Kestrel Rovers", "ORG"),
    ]
    got = surfaces(TABLE, capital_lines(TABLE, spans, default_gazetteer()))
    # "PCT" and "DUNMORE" are nowhere else; "LISBON" is a known place; the row's
    # "KESTREL ROVERS" is the club named below, found whole.
    assert got == [
        ("KESTREL ROVERS", "ORG"),
        ("LISBON", "PLACE"),
        ("Maria Delgado", "PERSON"),
        ("Kestrel Rovers", "ORG"),
    ]


def test_a_line_in_capitals_names_a_person_the_text_names() -> None:
    text = "MARIA DELGADO WINS IN LISBON\n\nMaria Delgado won on Sunday."
    raw = [RawSpan(text.index("Maria"), text.index("Maria") + 13, "PERSON")]
    assert surfaces(text, list(build_analysis(text, raw).mentions)) == [
        ("MARIA DELGADO", "PERSON"),
        ("Maria Delgado", "PERSON"),
    ]


def test_lines_with_lower_case_are_left_alone() -> None:
    text = "NASA and the ESA met in Paris.\n\nTEAM W L PCT"
    spans = [span(text, "NASA", "ORG"), span(text, "ESA", "ORG"), span(text, "Paris", "PLACE")]
    assert capital_lines(text, spans, default_gazetteer()) == spans


def test_a_heading_in_title_case_is_no_name_but_a_body_alone_on_its_line_is() -> None:
    text = (
        "Widening Harbour Access\n\n"
        "The plan widens access to the harbour for small boats.\n\n"
        "Kestrel Rovers Football Club\n\n"
        "Maria Delgado\n\n"
        "Closing the Toll Gaps\n\n"
        "Tolls and gaps were closing, the report said."
    )
    spans = [
        span(text, "Widening Harbour Access", "ORG"),
        span(text, "Kestrel Rovers Football Club", "ORG"),
        span(text, "Maria Delgado", "PERSON"),
        span(text, "Closing the Toll Gaps", "ORG"),
    ]
    assert surfaces(text, heading_lines(text, spans, default_gazetteer())) == [
        ("Kestrel Rovers Football Club", "ORG"),
        ("Maria Delgado", "PERSON"),
    ]


def test_a_name_inside_a_sentence_is_no_heading() -> None:
    text = "Harbour Access Trust\nsaid the harbour access was widening."
    spans = [span(text, "Harbour Access Trust", "ORG")]
    assert heading_lines(text, spans, default_gazetteer()) == spans


def test_a_span_the_model_ran_from_a_heading_into_the_next_paragraph_keeps_only_the_name() -> None:
    text = "Widening Harbour Access\n\nThe Harbour Board will widen access to the harbour."
    raw = [RawSpan(0, text.index(" will"), "ORG")]
    assert surfaces(text, list(build_analysis(text, raw).mentions)) == [("Harbour Board", "ORG")]


def test_a_title_case_heading_holds_a_person_s_name_and_no_body_of_its_own_words() -> None:
    text = (
        "FACT SHEET: President Orme Announces New Actions to Lower Harbour Costs\n\n"
        "Today, President Orme announced new actions to lower harbour costs for families.\n\n"
        "Kestrel Agency Opens Office in Dunmere\n\n"
        "The agency opens its first office today."
    )
    spans = [
        span(text, "Orme Announces New Actions", "PERSON"),
        span(text, "Lower Harbour Costs", "ORG"),
        span(text, "Orme", "PERSON", 1),
        span(text, "Kestrel Agency", "ORG"),
        span(text, "Dunmere", "PLACE"),
    ]
    assert surfaces(text, heading_lines(text, spans, default_gazetteer())) == [
        ("Orme", "PERSON"),
        ("Orme", "PERSON"),
        # A body with a word of its own stays whole.
        ("Kestrel Agency", "ORG"),
        ("Dunmere", "PLACE"),
    ]


def test_a_name_the_text_writes_elsewhere_stays_whole_in_a_heading() -> None:
    text = (
        "Ann Cook Unveils New Phone\n\n"
        "Kestrel CEO Ann Cook showed the phone. She likes to cook.\n\n"
        "Kestrel Agency Issues New Rules\n\n"
        "The Kestrel Agency issues new rules."
    )
    spans = [
        span(text, "Ann Cook Unveils New Phone", "PERSON"),
        span(text, "Ann Cook", "PERSON", 1),
        span(text, "Kestrel Agency Issues New Rules", "ORG"),
        span(text, "Kestrel Agency", "ORG", 1),
    ]
    assert surfaces(text, heading_lines(text, spans, default_gazetteer())) == [
        ("Ann Cook", "PERSON"),
        ("Ann Cook", "PERSON"),
        ("Kestrel Agency", "ORG"),
        ("Kestrel Agency", "ORG"),
    ]


def test_a_word_the_text_writes_only_inside_a_longer_name_is_no_name_of_its_own() -> None:
    text = "Harbour Health Report Published\n\nThe Kestrel Health Union published its health report."
    spans = [span(text, "Harbour Health Report Published", "ORG"), span(text, "Kestrel Health Union", "ORG")]
    # Only "Kestrel Health Union" is written elsewhere; "Health" alone is no name.
    assert surfaces(text, heading_lines(text, spans, default_gazetteer())) == [("Kestrel Health Union", "ORG")]


def test_a_particle_of_a_name_in_a_heading_is_the_name_s_own() -> None:
    text = "Statement on the Visit of President Ana da Orme\n\nThe visit of the president begins today."
    spans = [span(text, "Ana da Orme", "PERSON")]
    assert heading_lines(text, spans, default_gazetteer()) == spans


def test_a_place_of_the_heading_s_own_words_is_none_but_a_known_or_named_one_stays() -> None:
    text = (
        "Kestrel Agency Invests in Rural Broadband Across Tarvia and Busan\n\n"
        "The agency invests in rural broadband across Tarvia."
    )
    spans = [span(text, "Rural Broadband", "PLACE"), span(text, "Tarvia", "PLACE"), span(text, "Busan", "PLACE")]
    assert surfaces(text, heading_lines(text, spans, default_gazetteer())) == [("Tarvia", "PLACE"), ("Busan", "PLACE")]
