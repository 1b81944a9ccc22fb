"""A club's name with its letters after it (made-up sentences, spans given by hand)."""

from __future__ import annotations

from reader.core.passes.clubs import club_letters, papers_named_for_places, teams_named_for_places
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


def test_a_town_s_name_and_a_capitalised_plural_after_it_are_a_team() -> None:
    from reader.core.entities import lowercase_words
    from reader.core.places import default_gazetteer

    # Real towns the gazetteer knows, with made-up teams; "Leeds Docks" and "Boston Democrats"
    # are a place and a party's people, "Eugene Dennis" a person, "Ohio rovers" lower case.
    text = (
        "The Pittsburgh Kestrels beat the Orlando Herons; Montreal Victorias fans cheered. "
        "Leeds Docks and Boston Democrats met Eugene Dennis, and Ohio Rovers played Ohio rovers."
    )
    spans = [
        span(text, "Pittsburgh Kestrels", "PLACE"),
        span(text, "Montreal", "PLACE"),
        span(text, "Victorias", "PERSON"),
        span(text, "Eugene Dennis", "PERSON"),
    ]
    common = frozenset(lowercase_words(text))
    assert surfaces(text, teams_named_for_places(text, spans, default_gazetteer(), common)) == [
        ("Pittsburgh Kestrels", "ORG"),
        ("Orlando Herons", "ORG"),
        ("Montreal Victorias", "ORG"),
        ("Eugene Dennis", "PERSON"),
    ]
    # With no word of sport near, or in a headline, or a place after a town, no team.
    for text in ("The Leeds Marchers filled the square.", "Leeds Kestrels Win Cup", "He drove to Austin Texas."):
        assert teams_named_for_places(text, [], default_gazetteer(), frozenset(lowercase_words(text))) == []


def test_a_town_s_name_and_a_newspaper_s_word_after_it_are_the_newspaper() -> None:
    from reader.core.places import default_gazetteer

    # Real towns with made-up newspapers; "Paris Post" is a person the model saw, "Ida" no town.
    text = "The Guelph Mercury and the Toronto Evening Star quoted Paris Post and the Ida Star."
    spans = [
        span(text, "Guelph Mercury", "PERSON"),
        span(text, "Toronto", "PLACE"),
        span(text, "Paris Post", "PERSON"),
    ]
    assert surfaces(text, papers_named_for_places(text, spans, default_gazetteer())) == [
        ("Guelph Mercury", "ORG"),
        ("Toronto Evening Star", "ORG"),
        ("Paris Post", "PERSON"),
    ]
    # A word with an everyday sense needs the press near or a citation's bracket; one of many is none.
    gaz = default_gazetteer()
    assert papers_named_for_places("We lay under the Toronto Sun all day.", [], gaz) == []
    assert papers_named_for_places("Every Toronto Citizen may vote.", [], gaz) == []
    text = "He lost (Toronto Sun, 3 May 2004). The Ottawa Star reported it."
    assert surfaces(text, papers_named_for_places(text, [], gaz)) == [("Toronto Sun", "ORG"), ("Ottawa Star", "ORG")]
    # A name that goes on is another's: a post office, a hotel.
    text = "Letters reached the Lagos Post Office and the Windsor Star Hotel."
    assert papers_named_for_places(text, [], default_gazetteer()) == []
