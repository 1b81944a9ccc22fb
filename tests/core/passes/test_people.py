"""People and places told by given names and head words (made-up sentences)."""

from __future__ import annotations

from reader.core.model import Span
from reader.core.passes.people import (
    given_name_people,
    people_after_their_occupation,
    people_the_model_missed,
    person_name_tails,
    place_head_kind,
    places_after_in,
)
from reader.core.places import default_gazetteer
from tests.core.passes.test_org_names import span, surfaces
from tests.core.test_entities import raw as raw_span


def test_a_given_name_or_initials_make_a_person() -> None:
    gaz = default_gazetteer()
    text = "The list was led by Enrico Bellatrice, with J. R. Hartwell and the U.S. Senate."
    spans = [
        span(text, "Enrico Bellatrice", "ORG"),
        span(text, "J. R. Hartwell", "ORG"),
        span(text, "U.S. Senate", "ORG"),
    ]
    assert surfaces(text, given_name_people(text, spans, gaz)) == [
        ("Enrico Bellatrice", "PERSON"),
        ("J. R. Hartwell", "PERSON"),
        ("U.S. Senate", "ORG"),
    ]


def test_a_name_after_the_is_no_person_s_even_with_a_given_name() -> None:
    gaz = default_gazetteer()
    text = "The Red Cross sent aid, and so did the Mary Orme Hospice; Mary Orme came too."
    spans = [
        span(text, "Red Cross", "ORG"),
        span(text, "Mary Orme Hospice", "PLACE"),
        span(text, "Mary Orme", "ORG", 1),
    ]
    assert surfaces(text, given_name_people(text, spans, gaz)) == [
        ("Red Cross", "ORG"),
        ("Mary Orme Hospice", "PLACE"),
        ("Mary Orme", "PERSON"),
    ]


def test_a_place_or_a_body_opening_with_a_given_name_word_stays_what_it_is() -> None:
    gaz = default_gazetteer()
    text = "West Aberdeenshire and the Hoover Institution and Rose Theatre."
    spans = [
        span(text, "West Aberdeenshire", "PLACE"),
        span(text, "Hoover Institution", "ORG"),
        span(text, "Rose Theatre", "PLACE"),
    ]
    assert [s.kind for s in given_name_people(text, spans, gaz)] == ["PLACE", "ORG", "PLACE"]


def test_a_given_name_that_is_also_a_word_does_not_make_a_place_a_person() -> None:
    gaz = default_gazetteer()
    text = "She grew up in Sandy Kettle Bay, swam in the River Dunmere and sang with the Rose Kettle Band."
    spans = [
        span(text, "Sandy Kettle Bay", "PLACE"),
        span(text, "River Dunmere", "PLACE"),
        span(text, "Rose Kettle Band", "ORG"),
    ]
    assert [s.kind for s in given_name_people(text, spans, gaz)] == ["PLACE", "PLACE", "ORG"]


def test_a_feature_or_area_head_makes_a_place_but_a_surname_stays() -> None:
    text = "A bridge over Kettleby Brook, in Dunmere County by Tarvia Park and the Orme Quarter, by Lawrence Hill."
    spans = [
        span(text, "Kettleby Brook", "PERSON"),
        span(text, "Dunmere County", "ORG"),
        span(text, "Tarvia Park", "ORG"),
        span(text, "Orme Quarter", "ORG"),
        span(text, "Lawrence Hill", "PERSON"),
    ]
    assert [s.kind for s in place_head_kind(text, spans)] == ["PLACE", "PLACE", "PLACE", "PLACE", "PERSON"]


def test_a_given_name_before_a_feature_word_that_is_no_surname_makes_a_place() -> None:
    # "Sandy", "Grace", "Ricki", "Billy" and "Ellen" are given names; "Creek" and "Glacier" are no
    # one's surname, "Lake" and "Ocean" are; "Ellen Cove" follows a word of place.
    text = "Sandy Creek feeds Tarn Reservoir; Grace Glacier shrank; Ricki Lake and Billy Ocean sailed on Ellen Cove."
    spans = [
        span(text, "Sandy Creek", "PERSON"),
        span(text, "Tarn Reservoir", "ORG"),
        span(text, "Grace Glacier", "PERSON"),
        span(text, "Ricki Lake", "PERSON"),
        span(text, "Billy Ocean", "PERSON"),
        span(text, "Ellen Cove", "PERSON"),
    ]
    kinds = [s.kind for s in place_head_kind(text, spans)]
    assert kinds == ["PLACE", "PLACE", "PLACE", "PERSON", "PERSON", "PLACE"]


def test_span_helper_finds_repeats() -> None:
    text = "Ann met Ann."
    assert span(text, "Ann", "PERSON", 1) == Span(8, 11, "PERSON", "PERSON")


def test_a_name_after_in_is_a_place_and_the_vote_of_its_namesakes_does_not_overrule_it() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "Kettleby wrote to Kettleby. The inn in Kettleby burned."
    raw = [RawSpan(0, 8, "PERSON"), RawSpan(18, 26, "PERSON"), RawSpan(39, 47, "PERSON")]
    kinds = [(m.start, m.kind) for m in build_analysis(text, raw).mentions]
    assert kinds == [(0, "PERSON"), (18, "PERSON"), (39, "PLACE")]


def test_a_name_after_in_at_a_sentence_s_start_is_a_place_too() -> None:
    # "Kota Kinabalu" is a city the gazetteer knows; "Kettleby" is made up.
    text = "In Kettleby, rain fell. In Kota Kinabalu, the vote was close."
    spans = [span(text, "Kettleby", "PERSON"), span(text, "Kota Kinabalu", "PERSON")]
    assert [sp.kind for sp in places_after_in(text, spans, default_gazetteer())] == ["PLACE", "PLACE"]


def test_a_title_word_after_a_given_name_is_a_surname() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "A novel by Stephen King; Lady Anne Roe and Damian Duke came."
    raw = [RawSpan(11, 23, "PERSON"), RawSpan(25, 38, "PERSON"), RawSpan(43, 54, "PERSON")]
    assert [m.text for m in build_analysis(text, raw).mentions] == ["Stephen King", "Anne Roe", "Damian Duke"]


def test_a_given_name_before_a_surname_opens_the_name() -> None:
    from reader.core.passes.people import given_name_before

    text = "From: Sarah Connolly, then. Among Montfort's friends was the mayor of Leeds, Moses Mendel."
    spans = [span(text, "Connolly", "PERSON"), span(text, "Montfort", "PERSON"), span(text, "Mendel", "PERSON")]
    got = surfaces(text, given_name_before(text, spans, frozenset({"among", "the", "was"})))
    assert got == [("Sarah Connolly", "PERSON"), ("Montfort", "PERSON"), ("Mendel", "PERSON")]
    text = "the philosopher Moses Mendel wrote"
    assert surfaces(text, given_name_before(text, [span(text, "Mendel", "PERSON")])) == [("Moses Mendel", "PERSON")]


def test_name_particles_keep_a_name_whole() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = (
        "Fighters of al-Shabaab met Salem ould Breihmatt, Sidan ag Hitta and Ludwig van der Rohe "
        "at the Parti des Verts."
    )
    raw = []
    for surface, label in (
        ("al-Shabaab", "ORG"),
        ("Salem", "GPE"),
        ("Breihmatt", "GPE"),
        ("Sidan ag Hitta", "ORG"),
        ("Ludwig", "PERSON"),
        ("Parti des Verts", "ORG"),
    ):
        start = text.index(surface)
        raw.append(RawSpan(start, start + len(surface), label))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [
        ("al-Shabaab", "ORG"),
        ("Salem ould Breihmatt", "PERSON"),
        ("Sidan ag Hitta", "PERSON"),
        ("Ludwig van der Rohe", "PERSON"),
        ("Parti des Verts", "ORG"),
    ]


def test_hyphenated_and_accented_surnames_and_club_names() -> None:
    gaz = default_gazetteer()
    text = "Camila Reyes-Soto and Eva Björk Ólafsdóttir watched Kestrel United."
    spans = [
        span(text, "Camila Reyes-Soto", "ORG"),
        span(text, "Eva Björk Ólafsdóttir", "ORG"),
        span(text, "Kestrel United", "PERSON"),
    ]
    from reader.core.passes.org_names import head_word_kind

    got = head_word_kind(text, given_name_people(text, spans, gaz), gaz)
    assert [s.kind for s in got] == ["PERSON", "PERSON", "ORG"]


def test_what_only_a_person_has_or_does_makes_a_person() -> None:
    from reader.core.passes.people import people_by_what_they_do

    gaz = default_gazetteer()
    text = (
        "Lindqvist's second novel sold well. Tallis wrote it in a year; Orme himself agreed. "
        "Kettleby's widow moved. Halden Shipping's novel idea and the NLP's founder were praised. "
        "Brannagh broke his arm; Tarvia and her allies won; Halden Shipping raised its prices."
    )
    spans = [
        span(text, "Lindqvist", "ORG"),
        span(text, "Tallis", "ORG"),
        span(text, "Orme", "ORG"),
        span(text, "Kettleby", "PLACE"),
        span(text, "Halden Shipping", "ORG"),
        span(text, "NLP", "ORG"),
        span(text, "Brannagh", "ORG"),
        span(text, "Tarvia", "PLACE"),
        span(text, "Halden Shipping", "ORG", 1),
    ]
    assert [s.kind for s in people_by_what_they_do(text, spans, gaz)] == [
        "PERSON",
        "PERSON",
        "PERSON",
        "PERSON",
        "ORG",
        "ORG",
        "PERSON",
        "PLACE",
        "ORG",
    ]


def test_what_only_a_person_does_tells_a_person_but_what_bodies_do_too_does_not() -> None:
    from reader.core.passes.people import people_by_what_they_do

    gaz = default_gazetteer()
    text = (
        "Orlwick later campaigned for the seat. Fenby announced that she would stand. "
        "Sallow had previously died. Halden Shipping announced that it would stand. "
        "Dunmere's widow was young. At Kettleby he left his horse; Tarvia came out after her."
    )
    spans = [
        span(text, "Orlwick", "ORG"),
        span(text, "Fenby", "ORG"),
        span(text, "Sallow", "ORG"),
        span(text, "Halden Shipping", "ORG"),
        span(text, "Dunmere", "ORG"),
        span(text, "Kettleby", "PLACE"),
        span(text, "Tarvia", "ORG"),
    ]
    # A body campaigns and says that someone will stand; only a person dies or leaves a widow.
    assert [s.kind for s in people_by_what_they_do(text, spans, gaz)] == [
        "ORG",
        "ORG",
        "PERSON",
        "ORG",
        "PERSON",
        "PLACE",
        "ORG",
    ]


def test_what_a_person_does_makes_every_mention_of_the_name_a_person() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "Orlwick sold well. Orlwick toured. Orlwick's widow spoke."
    raw = [RawSpan(m, m + 7, "ORG") for m in (0, 19, 35)]
    assert [m.kind for m in build_analysis(text, raw).mentions] == ["PERSON", "PERSON", "PERSON"]


def test_a_surname_the_model_read_as_a_people_is_the_person_named_in_full() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "Delwin Q. Vossberg built guitars. Vossberg was born in Tarvia; the Tarvians liked Vossberg guitars."
    raw = [RawSpan(0, 18, "PERSON")]
    raw += [RawSpan(m, m + 8, "NORP") for m in (34, text.index("Vossberg guitars"))]
    raw += [RawSpan(text.index("Tarvians"), text.index("Tarvians") + 8, "NORP")]
    mentions = [(text[m.start : m.end], m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [
        ("Delwin Q. Vossberg", "PERSON"),
        ("Vossberg", "PERSON"),
        ("Tarvians", "GROUP"),
        ("Vossberg", "PERSON"),
    ]
    entities = [(e.name, e.kind, e.mentions) for e in build_analysis(text, raw).entities if e.kind == "PERSON"]
    assert entities == [("Delwin Q. Vossberg", "PERSON", 3)]


def test_a_name_the_model_missed_before_what_only_a_person_does_is_a_person() -> None:
    text = (
        "Vossberg was elected in 1990 for the Harbour Party. Maren Oddny resigned in 1994. "
        "She was born in Kettleby. Senator Holt resigned. Yesterday died away; the storm died. "
        "Protesters died there. Happily married, Two died and Seven resigned. "
        "Governor resigned."
    )
    spans = [span(text, "Harbour Party", "ORG"), span(text, "Kettleby", "PLACE"), span(text, "Holt", "PERSON")]
    common = frozenset(w for w in text.replace(".", " ").replace(";", " ").split() if w.islower())
    assert surfaces(text, people_the_model_missed(text, spans, default_gazetteer(), common)) == [
        ("Vossberg", "PERSON"),
        ("Harbour Party", "ORG"),
        ("Maren Oddny", "PERSON"),
        ("Kettleby", "PLACE"),
        ("Holt", "PERSON"),
    ]


def test_a_person_s_name_runs_on_through_its_suffix_and_its_byname() -> None:
    text = (
        "Hal Brannock, Jr. met Oswin II of Kettleby and a poem by Walter of Dunmere-on-Sea. "
        "They suspected Maren of Heresy. Ida Voss of Kettleby spoke. Ida Voss Jr. left."
    )
    spans = [
        span(text, "Hal Brannock", "PERSON"),
        span(text, "Oswin II", "PERSON"),
        span(text, "Kettleby", "PLACE"),
        span(text, "Walter", "PERSON"),
        span(text, "Maren", "PERSON"),
        span(text, "Ida Voss", "PERSON"),
        span(text, "Kettleby", "PLACE", 1),
        span(text, "Ida Voss", "PERSON", 1),
    ]
    assert surfaces(text, person_name_tails(text, spans)) == [
        ("Hal Brannock, Jr.", "PERSON"),
        ("Oswin II of Kettleby", "PERSON"),
        ("Walter of Dunmere-on-Sea", "PERSON"),
        ("Maren", "PERSON"),
        ("Ida Voss", "PERSON"),
        ("Kettleby", "PLACE"),
        ("Ida Voss Jr.", "PERSON"),
    ]


def test_the_new_chunk_passes_in_a_whole_analysis_on_made_up_news() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = (
        "Vossberg was elected in 1990. Happily married, she moved to Kettleby. "
        "Hal Brannock, Jr. met Walter of Dunmere. It reminds Anna of Vienna. "
        "Maren Brannholt spoke; Brannholt later left. Fletcher Christian sailed; Christian missionaries stayed."
    )

    def raw(surface: str, label: str, nth: int = 0) -> RawSpan:
        return raw_span(text, surface, label, nth)

    spans = [
        raw("Kettleby", "GPE"),
        raw("Hal Brannock", "PERSON"),
        raw("Jr.", "PERSON"),
        raw("Walter", "PERSON"),
        raw("Anna", "PERSON"),
        raw("Vienna", "GPE"),
        raw("Maren Brannholt", "PERSON"),
        raw("Brannholt", "NORP", 1),
        raw("Fletcher Christian", "PERSON"),
        raw("Christian", "NORP", 1),
    ]
    mentions = [(text[m.start : m.end], m.kind) for m in build_analysis(text, spans).mentions]
    assert mentions == [
        ("Vossberg", "PERSON"),
        ("Kettleby", "PLACE"),
        ("Hal Brannock, Jr.", "PERSON"),
        ("Walter of Dunmere", "PERSON"),
        ("Anna", "PERSON"),
        ("Vienna", "PLACE"),
        ("Maren Brannholt", "PERSON"),
        ("Brannholt", "PERSON"),
        ("Fletcher Christian", "PERSON"),
        ("Christian", "GROUP"),
    ]


def test_a_name_right_after_what_its_bearer_is_is_a_person_s() -> None:
    text = (
        "Reviews praised the novelist Orla Vennick and the poet Kestrel; the king Orm ruled. "
        "The architect Kestrel Partners built it, the historian Paris wrote nothing, the "
        "writer Dunmere Holt left, the company Tarvia grew.\nsinger\nHarbour sang."
    )
    spans = [
        span(text, "Orla Vennick", "PLACE"),
        span(text, "Kestrel", "ORG"),
        span(text, "Orm", "PLACE"),
        span(text, "Kestrel Partners", "ORG"),
        span(text, "Paris", "PLACE"),
        span(text, "Dunmere", "PLACE"),
        span(text, "Tarvia", "ORG"),
        span(text, "Harbour", "ORG"),
    ]
    assert surfaces(text, people_after_their_occupation(text, spans, default_gazetteer())) == [
        ("Orla Vennick", "PERSON"),
        ("Kestrel", "PERSON"),
        ("Orm", "PERSON"),
        # A body's word, a known place, a name the model cut short, no calling, a line break.
        ("Kestrel Partners", "ORG"),
        ("Paris", "PLACE"),
        ("Dunmere", "PLACE"),
        ("Tarvia", "ORG"),
        ("Harbour", "ORG"),
    ]


def test_a_people_and_the_body_that_hires_the_one_with_a_calling_stay_what_they_are() -> None:
    text = "He is the poet Tarvians quote most. The lawyer Kestrel retained filed it; the striker Dunmere sold left."
    spans = [
        span(text, "Tarvians", "GROUP"),
        span(text, "Kestrel", "ORG"),
        span(text, "Dunmere", "ORG"),
    ]
    assert people_after_their_occupation(text, spans, default_gazetteer()) == spans


def test_a_given_name_alone_is_the_person_the_document_names_in_full() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    # "Elizabeth" is also a town's name the gazetteer knows; "Lincoln" and "the Reading" are not people here.
    text = "Elizabeth Tarvish walked to Lincoln. Elizabeth found a letter on the Reading line."
    raw = [
        RawSpan(0, 17, "PERSON"),
        RawSpan(text.index("Lincoln"), text.index("Lincoln") + 7, "PERSON"),
        RawSpan(37, 46, "PERSON"),
        RawSpan(text.index("Reading"), text.index("Reading") + 7, "PERSON"),
    ]
    assert [(m.text, m.kind) for m in build_analysis(text, raw).mentions] == [
        ("Elizabeth Tarvish", "PERSON"),
        ("Lincoln", "PLACE"),
        ("Elizabeth", "PERSON"),
        ("Reading", "PLACE"),
    ]


def test_a_town_s_name_after_a_title_or_before_a_monarch_s_number_is_that_person_only() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    # "Lincoln" and "Leeds" are towns the gazetteer knows; the model read people in the first three.
    text = "Captain Lincoln met Mr. Leeds and Leeds II, then retired to Lincoln, Nebraska."
    named = [("Lincoln", "PERSON", 0), ("Leeds", "PERSON", 0), ("Leeds", "PERSON", 1), ("Lincoln", "GPE", 1)]
    raw = [RawSpan((s := span(text, w, "PERSON", n)).start, s.end, label) for w, label, n in named]
    raw.append(RawSpan(text.index("Nebraska"), text.index("Nebraska") + 8, "GPE"))
    mentions = [(m.text, m.kind) for m in build_analysis(text, raw).mentions]
    assert mentions == [
        ("Lincoln", "PERSON"),
        ("Leeds", "PERSON"),
        ("Leeds II", "PERSON"),
        # The title settles its own mention only: the town stays a town.
        ("Lincoln", "PLACE"),
        ("Nebraska", "PLACE"),
    ]


def test_a_name_after_faith_in_is_no_town_even_where_a_town_bears_it() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    # "Jose Rizal" is also a town the gazetteer knows.
    text = "They placed their faith in Jose Rizal, and the city of Lincoln honoured Ann Lincoln."
    raw = [
        RawSpan(text.index("Jose Rizal"), text.index("Jose Rizal") + 10, "PERSON"),
        RawSpan(text.index("Lincoln"), text.index("Lincoln") + 7, "PERSON"),
        RawSpan(text.index("Ann Lincoln"), text.index("Ann Lincoln") + 11, "PERSON"),
    ]
    assert [(m.text, m.kind) for m in build_analysis(text, raw).mentions] == [
        ("Jose Rizal", "PERSON"),
        ("Lincoln", "PLACE"),
        ("Ann Lincoln", "PERSON"),
    ]


def test_a_name_opening_with_another_language_s_article_or_saint_is_no_person_s() -> None:
    gaz = default_gazetteer()
    text = "We flew from El Kestrel to Santa Orlwick and met Santa Montefiore."
    spans = [
        span(text, "El Kestrel", "ORG"),
        span(text, "Santa Orlwick", "ORG"),
        span(text, "Santa Montefiore", "PERSON"),
    ]
    assert surfaces(text, given_name_people(text, spans, gaz)) == [
        ("El Kestrel", "ORG"),
        ("Santa Orlwick", "ORG"),
        ("Santa Montefiore", "PERSON"),
    ]


def test_a_one_word_name_after_the_is_no_person_unless_it_describes_what_follows() -> None:
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    # Every name below was read as a person's by the model; "Ohio" is a region the gazetteer knows.
    text = (
        "The barges crossed the Velda and the Ohio, and the Frenchwoman waited. The Velda flooded. "
        "Critics praised the Vance novel and the Vance-Orme years; they stayed at the Vance's. "
        "This was the Vance who wrote it, the Mozart of the harp, the Mahatma, known as the Gipper; "
        "Ida Tarrant is back and the Tarrant smiled."
    )
    words = ["Velda", "Ohio", "Frenchwoman", "Velda", "Vance", "Vance", "Vance", "Vance", "Mozart"]
    words += ["Mahatma", "Gipper", "Ida Tarrant", "Tarrant"]
    raw, at = [], 0
    for word in words:
        at = text.index(word, at)
        raw.append(RawSpan(at, at + len(word), "PERSON"))
        at += len(word)
    assert [(m.text, m.kind) for m in build_analysis(text, raw).mentions] == [
        # A river known as a region is a place; a river and a word for a kind of person are gone.
        ("Ohio", "PLACE"),
        # Before a word it describes, or a possessive: the person the model saw.
        ("Vance", "PERSON"),
        ("Vance", "PERSON"),
        ("Vance", "PERSON"),
        # Narrowed down, used as a type, a title used as a name, what a person is called,
        # a word of a name the text writes in full.
        ("Vance", "PERSON"),
        ("Mozart", "PERSON"),
        ("Mahatma", "PERSON"),
        ("Gipper", "PERSON"),
        ("Ida Tarrant", "PERSON"),
        ("Tarrant", "PERSON"),
    ]


def test_a_given_name_read_as_a_place_before_a_person_s_name_opens_it() -> None:
    from reader.core.entities import _merge_adjacent_people

    # "Shannon" and "Georgia" are given names and places; "French" is a given name and a people.
    text = "The lawyer Shannon Vossberg met the Governor of Georgia Ida Marr near French Tarvia."
    spans = [
        span(text, "Shannon", "PLACE"),
        span(text, "Vossberg", "PERSON"),
        span(text, "Georgia", "PLACE"),
        span(text, "Ida Marr", "PERSON"),
        span(text, "French", "GROUP"),
        span(text, "Tarvia", "PERSON"),
    ]
    assert surfaces(text, _merge_adjacent_people(text, spans)) == [
        ("Shannon Vossberg", "PERSON"),
        ("Georgia", "PLACE"),
        ("Ida Marr", "PERSON"),
        ("French", "GROUP"),
        ("Tarvia", "PERSON"),
    ]
    # Before a person named in full, the given name is the place: "For Georgia Ida Marr scored".
    text = "For Georgia Ida Marr scored twice."
    spans = [span(text, "Georgia", "PLACE"), span(text, "Ida Marr", "PERSON")]
    assert _merge_adjacent_people(text, spans) == spans
