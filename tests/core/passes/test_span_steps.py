"""The span steps one by one, on made-up sentences: the mentions a reader sees with a step on and off."""

from __future__ import annotations

import pytest

from reader.core.analysis import build_analysis
from reader.core.entities import lowercase_words
from reader.core.model import RawSpan
from reader.core.passes import switched_off
from reader.core.passes.chain import all_passes
from reader.core.passes.span_steps import SPAN_PASSES, clean_span
from reader.core.places import default_gazetteer


def seen(text: str, surface: str, label: str) -> list[tuple[str, str]]:
    """The mentions one model span ``surface`` (labelled ``label``) gives, as (text, kind)."""
    start = text.index(surface)
    raw = RawSpan(start, start + len(surface), label)
    common = frozenset(lowercase_words(text))
    return [(text[s.start : s.end], s.kind) for s in clean_span(text, raw, default_gazetteer(), common)]


# step, sentence, the model's span and label, what the reader sees with the step on, then off.
CASES = [
    (
        "flight-events",
        "The Kestrel Air Flight 212 crash was studied.",
        ("Kestrel Air Flight 212", "EVENT"),
        [("Kestrel Air", "ORG")],
        [],
    ),
    (
        "line-breaks",
        "Dunmere Gazette\nContents\n\nA story.",
        ("Dunmere Gazette\nContents", "ORG"),
        [("Dunmere Gazette", "ORG")],
        [("Dunmere Gazette\nContents", "ORG")],
    ),
    (
        "person-titles",
        "Deputy Commissioner Ana Roe spoke.",
        ("Deputy Commissioner Ana Roe", "PERSON"),
        [("Ana Roe", "PERSON")],
        [("Deputy Commissioner Ana Roe", "PERSON")],
    ),
    (
        "person-behind-title",
        "They thanked Sister Maren Holt warmly.",
        ("Sister Maren Holt", "ORG"),
        [("Maren Holt", "PERSON")],
        [("Sister Maren Holt", "ORG")],
    ),
    (
        "sentence-openers",
        "It rained. Meanwhile Dunmere slept, and meanwhile we waited.",
        ("Meanwhile Dunmere", "GPE"),
        [("Dunmere", "PLACE")],
        [("Meanwhile Dunmere", "PLACE")],
    ),
    (
        "hyphenated-given-names",
        "Park Ji-won spoke first.",
        ("Park Ji", "PERSON"),
        [("Park Ji-won", "PERSON")],
        [("Park Ji", "PERSON")],
    ),
    (
        "split-at-possessive",
        "Uruguay’s Harbour Guard sailed at dawn.",
        ("Uruguay’s Harbour Guard", "ORG"),
        [("Uruguay", "PLACE"), ("Harbour Guard", "ORG")],
        [("Uruguay’s Harbour Guard", "ORG")],
    ),
    (
        "split-lists",
        "Seats went to the Harbour Party / Kestrel League / Dunmere Union alliance.",
        ("Harbour Party / Kestrel League / Dunmere Union", "ORG"),
        [("Harbour Party", "ORG"), ("Kestrel League", "ORG"), ("Dunmere Union", "ORG")],
        [("Harbour Party / Kestrel League / Dunmere Union", "ORG")],
    ),
    (
        "split-lists",
        "Talks between the Kestrel Colony and Colony of Tarvia began.",
        ("Kestrel Colony and Colony of Tarvia", "LOC"),
        [("Kestrel Colony", "PLACE"), ("Colony of Tarvia", "PLACE")],
        [("Kestrel Colony and Colony of Tarvia", "PLACE")],
    ),
    (
        "split-people",
        "The letter went from Hal Brannock to Ida Voss.",
        ("Hal Brannock to Ida Voss", "PERSON"),
        [("Hal Brannock", "PERSON"), ("Ida Voss", "PERSON")],
        [("Hal Brannock to Ida Voss", "PERSON")],
    ),
    (
        "airline-of-flight",
        "Kestrel Air Flight 212 landed late.",
        ("Kestrel Air Flight 212", "ORG"),
        [("Kestrel Air", "ORG")],
        [("Kestrel Air Flight 212", "ORG")],
    ),
    (
        "events-of-places",
        "The Summit of Uruguay met in May.",
        ("Summit of Uruguay", "ORG"),
        [("Uruguay", "PLACE")],
        [("Summit of Uruguay", "ORG")],
    ),
    (
        "storms",
        "Hurricane Maren struck the coast.",
        ("Hurricane Maren", "PERSON"),
        [],
        [("Hurricane Maren", "PERSON")],
    ),
    (
        "place-compounds",
        "The Uruguay-Paraguay border was closed.",
        ("Uruguay-Paraguay", "GPE"),
        [("Uruguay", "PLACE"), ("Paraguay", "PLACE")],
        [("Uruguay-Paraguay", "PLACE")],
    ),
    (
        "unit-types",
        "The KPA Harbour Response Teams came.",
        ("KPA Harbour Response Teams", "ORG"),
        [("KPA", "ORG")],
        [("KPA Harbour Response Teams", "ORG")],
    ),
    (
        "gazetteer-kind",
        "Porto said no to the plan.",
        ("Porto", "PERSON"),
        [("Porto", "PLACE")],
        [("Porto", "PERSON")],
    ),
    (
        "title-before",
        "Captain Vossberg spoke to the crew.",
        ("Vossberg", "GPE"),
        [("Vossberg", "PERSON")],
        [("Vossberg", "PLACE")],
    ),
    (
        "sites",
        "The Kestrel Air Museum of Dunmerton opened.",
        ("Kestrel Air Museum of Dunmerton", "ORG"),
        [("Kestrel Air Museum", "PLACE"), ("Dunmerton", "PLACE")],
        [("Kestrel Air Museum of Dunmerton", "ORG")],
    ),
    (
        "state-of",
        "In the State of Varland it rained.",
        ("Varland", "GPE"),
        [("State of Varland", "PLACE")],
        [("Varland", "PLACE")],
    ),
    (
        "headings",
        "CHAPTER XII\n\nIt was late.",
        ("CHAPTER XII", "ORG"),
        [],
        [("CHAPTER XII", "ORG")],
    ),
    (
        "person-behind-title",
        "She joined the Tarvian Party of Pensioners.",
        ("Tarvian Party of Pensioners", "ORG"),
        [("Tarvian Party of Pensioners", "ORG")],
        [("Tarvian Party of Pensioners", "ORG")],
    ),
    (
        "prefixes",
        "He led the Anti-Tarvian Harbour League.",
        ("Anti-Tarvian Harbour League", "ORG"),
        [("Anti-Tarvian Harbour League", "ORG")],
        [("Anti-Tarvian Harbour League", "ORG")],
    ),
    (
        "split-at-possessive",
        "The people voted for the People's Harbour Party.",
        ("People's Harbour Party", "ORG"),
        [("People's Harbour Party", "ORG")],
        [("People's Harbour Party", "ORG")],
    ),
    (
        "trailing-roles",
        "He wrote to the Tarvian Departments of State.",
        ("Tarvian Departments of State", "ORG"),
        [("Tarvian Departments of State", "ORG")],
        [("Tarvian Departments of State", "ORG")],
    ),
    (
        "generic-words",
        "He spoke to the Chamber of Commerce.",
        ("Chamber of Commerce", "ORG"),
        [("Chamber of Commerce", "ORG")],
        [("Chamber of Commerce", "ORG")],
    ),
    (
        "line-breaks",
        "Widening Harbour Access\n\nThe Harbour Board will widen it.",
        ("Widening Harbour Access\n\nThe Harbour Board", "ORG"),
        [("Widening Harbour Access", "ORG"), ("Harbour Board", "ORG")],
        [("Widening Harbour Access\n\nThe Harbour Board", "ORG")],
    ),
    (
        "events",
        "Bill came home after the Varland Water Act passed.",
        ("Bill", "PERSON"),
        [("Bill", "PERSON")],
        [("Bill", "PERSON")],
    ),
    (
        "split-lists",
        "He ran the Tarvian Department of Trade and Industry.",
        ("Tarvian Department of Trade and Industry", "ORG"),
        [("Tarvian Department of Trade and Industry", "ORG")],
        [("Tarvian Department of Trade and Industry", "ORG")],
    ),
    (
        "eras",
        "Kettleby was founded in the 8th century BC and walled in 701 BCE.",
        ("BC", "ORG"),
        [],
        [("BC", "ORG")],
    ),
    (
        "eras",
        "In the 2019 BC election the Kestrel Party won.",
        ("BC", "ORG"),
        [("BC", "ORG")],
        [("BC", "ORG")],
    ),
    (
        "eras",
        "The AD of the Kestrel Harbour Board spoke.",
        ("AD", "ORG"),
        [("AD", "ORG")],
        [("AD", "ORG")],
    ),
    (
        "common-abbreviations",
        "She holds a PhD and two MBA's from Kettleby.",
        ("MBA's", "ORG"),
        [],
        [("MBA", "ORG")],
    ),
    (
        "events",
        "She chairs the Kestrel Institute for Energy Policy.",
        ("Kestrel Institute for Energy Policy", "ORG"),
        [("Kestrel Institute for Energy Policy", "ORG")],
        [("Kestrel Institute for Energy Policy", "ORG")],
    ),
    (
        "events",
        "She signed the Kestrel Fisheries Policy.",
        ("Kestrel Fisheries Policy", "ORG"),
        [],
        [("Kestrel Fisheries Policy", "ORG")],
    ),
    (
        "post-nominal-letters",
        "She was born in Kettleby, Ohio, USA, and lives there.",
        ("USA", "GPE"),
        [("USA", "PLACE")],
        [("USA", "PLACE")],
    ),
    (
        "generic-words",
        "He audited Duke County for years.",
        ("Duke County", "GPE"),
        [("Duke County", "PLACE")],
        [("Duke County", "PLACE")],
    ),
    (
        "events",
        "In the Dark Ages a Kestrel Colloquium met at Kettleby.",
        ("Dark Ages", "LOC"),
        [],
        [("Dark Ages", "PLACE")],
    ),
    (
        "split-body-from-person",
        "She came second to the Harbour Party of Norway Maren Holt in 1990.",
        ("the Harbour Party of Norway Maren Holt", "ORG"),
        [("Harbour Party of Norway", "ORG"), ("Maren Holt", "PERSON")],
        [("Harbour Party of Norway Maren Holt", "ORG")],
    ),
    (
        "split-body-from-person",
        "She joined the Harbour Party of New Zealand Youth in 1990.",
        ("the Harbour Party of New Zealand Youth", "ORG"),
        [("Harbour Party of New Zealand Youth", "ORG")],
        [("Harbour Party of New Zealand Youth", "ORG")],
    ),
    (
        "strip-edges",
        "She stood as a Kestrel Party candidate.",
        ("a Kestrel Party", "ORG"),
        [("Kestrel Party", "ORG")],
        [("Kestrel Party", "ORG")],  # tidy-edges strips the edges again
    ),
]


@pytest.mark.parametrize(("step", "text", "span", "on", "off"), CASES, ids=[case[0] for case in CASES])
def test_a_span_step_fixes_its_class_of_error_and_only_that_step_does(
    step: str, text: str, span: tuple[str, str], on: list[tuple[str, str]], off: list[tuple[str, str]]
) -> None:
    assert seen(text, *span) == on
    with switched_off({step}):
        assert seen(text, *span) == off
    assert seen(text, *span) == on


def test_every_span_step_is_declared_once_runs_first_and_says_what_it_fixes_with_an_example() -> None:
    names = [p.name for p in SPAN_PASSES]
    assert len(names) == len(set(names))
    assert [p.name for p in all_passes()][: len(names)] == names
    for p in SPAN_PASSES:
        assert p.stage == "span"
        assert p.summary.endswith(".") and '"' in p.summary, p.name  # the error class, then a quoted example


SAMPLE = (
    "Meanwhile Dunmere slept. Deputy Commissioner Ana Roe met Sister Maren Holt of the Kestrel Post news "
    "agency in pro-Varland Oster. Kestrel Air Flight 212 landed near the Kestrel Air Museum of Dunmerton. "
    "Uruguay’s Harbour Guard and the KPA Harbour Response Teams met on the Uruguay-Paraguay border after "
    "Hurricane Maren. In the State of Varland, Park Ji-won and Captain Vossberg spoke. (Laughter.)\n\n"
    "CHAPTER XII\n\nThe Summit of Uruguay opened on Monday in the Dunmere-based Harbour Testing Facility-2."
)
SAMPLE_SPANS = [
    ("Meanwhile Dunmere", "GPE"),
    ("Deputy Commissioner Ana Roe", "PERSON"),
    ("Sister Maren Holt", "ORG"),
    ("the Kestrel Post news", "ORG"),
    ("pro-Varland", "NORP"),
    ("Oster", "GPE"),
    ("Kestrel Air Flight 212", "EVENT"),
    ("the Kestrel Air Museum of Dunmerton", "ORG"),
    ("Uruguay’s Harbour Guard", "ORG"),
    ("KPA Harbour Response Teams", "ORG"),
    ("Uruguay-Paraguay", "GPE"),
    ("Hurricane Maren", "PERSON"),
    ("Varland", "GPE"),
    ("Park Ji", "PERSON"),
    ("Vossberg", "GPE"),
    ("Laughter", "ORG"),
    ("CHAPTER XII", "ORG"),
    ("The Summit of Uruguay", "ORG"),
    ("Monday", "DATE"),
    ("Dunmere-based Harbour Testing", "ORG"),
]


def sample_raw() -> list[RawSpan]:
    raw = []
    for surface, label in SAMPLE_SPANS:
        start = SAMPLE.index(surface, raw[-1].end if raw else 0)
        raw.append(RawSpan(start, start + len(surface), label))
    return raw


@pytest.mark.parametrize("step", [p.name for p in SPAN_PASSES])
def test_each_span_step_can_be_switched_off_and_the_analysis_still_holds(step: str) -> None:
    def mentions() -> list[tuple[int, int, str]]:
        return [(m.start, m.end, m.kind) for m in build_analysis(SAMPLE, sample_raw()).mentions]

    everything = mentions()
    with switched_off({step}):
        without = mentions()
    ends = [end for _start, end, _kind in without]
    starts = [start for start, _end, _kind in without]
    assert all(0 <= a < b <= len(SAMPLE) for a, b, _kind in without)
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))  # sorted, none overlap
    assert mentions() == everything
