"""The cleaning of one model span, as an ordered list of small named steps.

:func:`clean_span` runs the steps of :data:`SPAN_PASSES` that are switched on,
in order, over one :class:`SpanState`. A step trims the span, changes its kind,
or settles what the span gives: it returns ``None`` to let the next step go on,
or the final list of mentions (empty: no name). A step that splits a span into
pieces cleans each piece from the first step on (:meth:`SpanState.again`), as
its own span.

Each step's docstring names, on its first line, the error class it fixes, with a
made-up example; :func:`reader.core.passes.switched_off` turns steps off by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TypeAlias

from reader.core.entities import (
    _NAME_OPENERS,
    TITLE_WORDS,
    _combined,
    _is_generic,
    _singular,
    _site_words,
    _strip_edges,
    given_names,
    honorifics,
    is_role_word,
    is_title_word,
    post_nominals,
    without_accents,
)
from reader.core.model import KIND_OF_LABEL, RawSpan, Span
from reader.core.passes.org_names import CONNECTORS, org_heads
from reader.core.passes.people import LOCATIVE_BEFORE, given_name_or_initial
from reader.core.passes.registry import Pass, passes_off
from reader.core.passes.words import lexicon
from reader.core.places import AMBIGUOUS_COUNTRY_NAMES, Gazetteer, name_key

#: Labels the model gives to names of countries and cities by mistake; a
#: gazetteer match turns such a span into a PLACE.
_RESCUED_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})

_EVENT_WORDS = lexicon("event_words")
_STORM_WORDS = lexicon("storm_words")
_PLACE_GENERICS = lexicon("place_generics")
_PLACE_HEADS = lexicon("place_heads")
_HYPHEN_ADJECTIVES = lexicon("hyphen_adjectives")
_LOWER_PREFIX = re.compile(r"[a-z]+-(?=[A-Z])")
_COMPOUND_SPLIT = re.compile(r"(?<=[\w.])[-–](?=[A-Z])")
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"[A-Z][a-z]+\b")
_LOWER_TAIL = re.compile(r"(?:\s+[a-z][a-z’'-]*)+$")
_WORD_PREFIX = re.compile(r"([A-Za-z]+)-(?=[A-Z])")
_HYPHEN_ENDING = re.compile(r"-([a-z]+)$")
_LOWER_LAST_WORD = re.compile(r"\s+([a-z]+)$")
_GIVEN_NAME_TAIL = re.compile(r"-[a-z]{1,5}(?![\w-])")
_SITE_HEAD_AFTER = re.compile(r"\s([A-Z][a-z]+)(?:-\d+)?\b")
_COMMA_BEFORE = re.compile(r",\s*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_POSSESSIVE = re.compile(r"[’']s\s+(?=[A-Z])")
_SAINT = re.compile(r"\b(?:St\.|Saint)\s")
_LOWER_WORD_AFTER = re.compile(r"\s([a-z]+)\b")


class SpanState:
    """One model span being cleaned: the text, the span's offsets and kind so far, and
    what the steps read (its surface, words, lower-case keys, whether it names a site)."""

    __slots__ = ("_at", "_at_end", "_keys", "_site", "_words", "common", "e", "gaz", "kind", "raw", "s", "text")

    def __init__(self, text: str, raw: RawSpan, gaz: Gazetteer, common: frozenset[str]) -> None:
        self.text = text
        self.raw = raw
        self.gaz = gaz
        #: The lower-case words of the chunk, to tell a sentence's first word from a name.
        self.common = common
        self.s = raw.start
        self.e = raw.end
        #: PERSON, PLACE, ORG or GROUP; None for a label Gazette does not show.
        self.kind: str | None = KIND_OF_LABEL.get(raw.label)
        self._site: bool | None = None
        # The words and keys of text[_at:_at_end], split when a step first asks.
        self._at = self._at_end = -1
        self._words: list[str] = []
        self._keys: list[str] = []

    @property
    def surface(self) -> str:
        """The span's text as it stands."""
        return self.text[self.s : self.e]

    def _split(self) -> None:
        if self._at != self.s or self._at_end != self.e:
            self._at, self._at_end = self.s, self.e
            self._words = self.text[self.s : self.e].split()
            self._keys = [w.casefold() for w in self._words]

    @property
    def words(self) -> list[str]:
        """The span's words as it stands (do not change the list)."""
        self._split()
        return self._words

    @property
    def keys(self) -> list[str]:
        """The span's words in lower case (casefolded)."""
        self._split()
        return self._keys

    @property
    def site(self) -> bool:
        """Whether the words name a site ("Harbour Museum"), not a body: settled by the
        first step that asks, so an airline cut from its flight is no site."""
        if self._site is None:
            self._site = _site_words(self.words) and not self._person_named_like_a_site()
        return self._site

    def _person_named_like_a_site(self) -> bool:
        """A name the model read as a person's that is one word ("Marina") or a given name and
        a site's head word ("Shirley Temple", "Andy Street"), unless a word of place comes
        before it ("at Jenny Wharf")."""
        if self.raw.label != "PERSON":
            return False
        words = self.words
        return len(words) == 1 or (
            len(words) == 2
            and given_name_or_initial(words[0])
            and not LOCATIVE_BEFORE.search(self.text, max(0, self.s - 12), self.s)
        )

    def again(self, start: int, end: int, label: str) -> list[Span]:
        """The piece ``start:end`` of a split span, cleaned from the first step on."""
        return clean_span(self.text, RawSpan(start, end, label), self.gaz, self.common)

    def mention(self) -> list[Span]:
        """What is left once every step has gone on: one mention, or none without a kind."""
        return [] if self.kind is None else [Span(self.s, self.e, self.kind, self.raw.label)]


#: A span step: ``None`` to go on, or the span's final mentions.
SpanStep: TypeAlias = Callable[[SpanState], list[Span] | None]


# The steps, in the order they run. The first line of each docstring is what the
# ablation table and the tests print.


def flight_events(st: SpanState) -> list[Span] | None:
    """An air crash labelled an event names its airline: EVENT "Kestrel Air Flight 212" gives ORG "Kestrel Air"."""
    if st.kind is None and st.raw.label not in _RESCUED_LABELS:
        m = _FLIGHT.fullmatch(st.text, *_strip_edges(st.text, st.raw.start, st.raw.end))
        if m and _DIGIT.search(m.group()) and m.group(1)[:1].isupper():
            return st.again(m.start(), m.end(), "ORG")
    return None


def unshown_labels(st: SpanState) -> list[Span] | None:
    """Dates, numbers, laws and events are no person, place or body: DATE "last Tuesday", LAW "the Harbour Act".

    Without it most such spans still fall at gazetteer-kind; a country's name the
    model calls a date ("Uruguay" in "Uruguay Day") would not.
    """
    if st.kind is None and st.raw.label not in _RESCUED_LABELS:
        return []
    return None


def strip_edges(st: SpanState) -> list[Span] | None:
    """A name holds no leading "the", possessive or edge punctuation: "the Harbour Board's," is "Harbour Board".

    tidy-edges strips the same again after the trims, so without this step most
    spans come out the same; the trims between read the span unstripped.
    """
    st.s, st.e = _keep_the_of_places(st, *_strip_edges(st.text, st.s, st.e))
    return None


def _keep_the_of_places(st: SpanState, s: int, e: int) -> tuple[int, int]:
    """Put back a "The" that a place's name holds: "The Hague", "The Bronx" (the gazetteer knows
    the name with it and not without)."""
    if (
        s >= 4
        and st.text[s - 4 : s] == "The "
        and s - 4 >= st.raw.start
        and st.gaz.is_known_place(st.text[s - 4 : e])
        and not st.gaz.is_known_place(st.text[s:e])
    ):
        return s - 4, e
    return s, e


def line_breaks(st: SpanState) -> list[Span] | None:
    """A name ends at a line break unless the text is hard-wrapped: "Dunmere Gazette⏎Contents" is "Dunmere Gazette".

    Across a blank line the span holds two paragraphs' words, so each side is
    read on its own: "Widening Access⏎⏎The Harbour Board" gives "Harbour Board" too.
    """
    surface = st.text[st.s : st.e]
    if "\n" not in surface:
        return None
    m = _BLANK_LINE.search(surface)
    if m:
        label = st.raw.label
        pieces = st.again(st.s, st.s + m.start(), label) + st.again(st.s + m.end(), st.e, label)
        # A lone word opening a paragraph ("CHAPTER VI⏎⏎Having") is a name only if it is a known place.
        return [p for p in pieces if " " in st.text[p.start : p.end] or st.gaz.is_known_place(st.text[p.start : p.end])]
    st.s, st.e = _cut_at_line_break(st.text, st.s, st.e)
    return None


def transcript_apparatus(st: SpanState) -> list[Span] | None:
    """A transcript's stage directions are no names: "(Laughter.)", "(Applause.)"."""
    text, s, e = st.text, st.s, st.e
    if text[s - 1 : s] == "(" and text[e : e + 2] in (".)", ")"):
        return []
    return None


def person_titles(st: SpanState) -> list[Span] | None:
    """A person's titles, roles and nationality are not the name: "Harbour Commissioner Ana Roe" is "Ana Roe"."""
    if st.kind == "PERSON":
        st.s = _strip_person_titles(st.text, st.s, st.e, st.gaz)
    return None


def person_behind_title(st: SpanState) -> list[Span] | None:
    """A title opening a body's or place's name makes it a person's: ORG "Sister Maren Holt" is PERSON "Maren Holt"."""
    if st.kind in ("ORG", "PLACE"):
        start = _person_behind_title(st.text, st.s, st.e, st.gaz)
        if start is not None:
            st.s, st.kind = start, "PERSON"
    return None


def sentence_openers(st: SpanState) -> list[Span] | None:
    """A capitalised common word opening a sentence is not part of a name: "Meanwhile Dunmere" is "Dunmere"."""
    if not st.common:
        return None
    text, s, e, gaz = st.text, st.s, st.e, st.gaz
    m = _CAPITALISED.match(text[s:e])
    if (
        m
        and m.group().lower() in st.common
        and m.group().lower() not in _NAME_OPENERS
        and _starts_sentence(text, s)
        and not gaz.is_known_place(text[s:e])
        and not gaz.is_demonym(text[s:e])
        # "Bank of England": a word that a connector follows is the name's head, not an opener.
        and not re.match(r"\s+(?:of|for|and|&|on|de|du|des)\b", text[s + m.end() : e])
    ):
        s += m.end()
        while s < e and text[s] == " ":
            s += 1
        st.s = s
    return None


def lower_case_tail(st: SpanState) -> list[Span] | None:
    """Lower-case words do not end a name: "Kestrel Post news agency" is "Kestrel Post"."""
    m = _LOWER_TAIL.search(st.text[st.s : st.e])
    if m and m.start() > 0:
        st.e = st.s + m.start()
    return None


def prefixes(st: SpanState) -> list[Span] | None:
    """A prefix is not part of the name: "pro-Varland" and "Ex-Varland" are "Varland"; "al-Varza" keeps its particle.

    A capitalised prefix opening a name of several words belongs to it ("Anti-Tarvian League").
    """
    m = _LOWER_PREFIX.match(st.text, st.s, st.e)
    if m:
        if m.group()[:-1] not in lexicon("name_particles"):
            st.s = m.end()
        return None
    m = _WORD_PREFIX.match(st.text[st.s : st.e])
    # "Anti-Tarvian League", "Non-Aligned Union": a prefix opening a name of several words is its own.
    if m and m.group(1).casefold() in lexicon("name_prefixes") and len(st.text[st.s : st.e].split()) < 2:
        st.s += m.end()
    return None


def hyphen_adjectives(st: SpanState) -> list[Span] | None:
    """An adjective's hyphenated ending is not part of the name: "Dunmere-based" is "Dunmere"."""
    m = _HYPHEN_ENDING.search(st.text[st.s : st.e])
    if m and (m.group(1) in _HYPHEN_ADJECTIVES or len(m.group(1)) > 4):
        st.e -= len(m.group())
    return None


def place_generic_tail(st: SpanState) -> list[Span] | None:
    """A lower-case generic word does not end a place's name: "Varland region" is "Varland".

    lower-case-tail, before it, cuts every lower-case tail, so this step only
    acts when that one is off.
    """
    m = _LOWER_LAST_WORD.search(st.text[st.s : st.e])
    if m and m.group(1) in _PLACE_GENERICS:
        st.e -= len(m.group())
    return None


def hyphenated_given_names(st: SpanState) -> list[Span] | None:
    """A hyphenated given name the tokenizer cut is mended: "Park Ji" + "-won" is "Park Ji-won"."""
    if st.kind == "PERSON":
        m = _GIVEN_NAME_TAIL.match(st.text[st.e : st.e + 7])
        if m and m.group()[1:] not in _HYPHEN_ADJECTIVES:
            st.e += m.end()
    return None


def site_head_after(st: SpanState) -> list[Span] | None:
    """A site's head word right after the span belongs to it: "Harbour Testing" + " Facility-2" is one name.

    After a saint's name, through its possessive: "St Orme" + "'s Cathedral".
    """
    skip = 0
    # "St Paul's Cathedral", "St Peter's Basilica": a saint's possessive names the site.
    if _SAINT_OPENS.match(st.surface) and (p := _POSSESSIVE_START.match(st.text, st.e)) is not None:
        skip = p.end() - st.e
    m = _SITE_HEAD_AFTER.match(st.text[st.e + skip : st.e + skip + 24])
    if m and m.group(1).casefold() in lexicon("site_heads"):
        st.e += skip + m.end()
    return None


_POSSESSIVE_START = re.compile(r"(?:['’]s|['’])(?=\s)")
_SAINT_OPENS = re.compile(r"(?:St\.?|Saint)\s")


def tidy_edges(st: SpanState) -> list[Span] | None:
    """A trim leaves no space or punctuation at the edges: "Varland," left by a cut word is "Varland"."""
    st.s, st.e = _keep_the_of_places(st, *_strip_edges(st.text, st.s, st.e))
    return None


def not_a_word(st: SpanState) -> list[Span] | None:
    """What has no capital, only digits or one letter is no name: "downtown", "1990", "x" (a body's initial aside)."""
    text, s, e = st.text, st.s, st.e
    if e - s < 2 and not (e - s == 1 and text[s].isupper() and st.kind == "ORG"):
        return []
    surface = text[s:e]
    if not any(ch.isupper() for ch in surface) or surface.isdigit():
        return []
    return None


_PLURAL_OR_POSSESSIVE = re.compile(r"(?:['’]?s|['’])$")


def common_abbreviations(st: SpanState) -> list[Span] | None:
    """An abbreviation of a common noun is no name: "won by KO", "two MVP awards", "36 KO's"."""
    if len(st.words) == 1:
        key = _PLURAL_OR_POSSESSIVE.sub("", st.surface.replace(".", "")).casefold()
        if key in lexicon("common_abbreviations") and st.surface[:2].isupper():
            return []
    return None


def post_nominal_letters(st: SpanState) -> list[Span] | None:
    """Letters after a name are no name: "QC" in "Jane Roe, QC".

    A country's letters after a place are a place: "Kettleby, USA". Letters that
    are an item of a list of names stay ("Kestrel, GM and Orlwick", "the FBI, CIA
    and NSA"): those letters name a body.
    """
    if (
        st.surface.casefold().replace(".", "") in post_nominals()
        and _COMMA_BEFORE.search(st.text[max(0, st.s - 3) : st.s])
        and not (st.kind == "PLACE" and st.gaz.country_of_name(st.surface) is not None)
        # "Ford, GM and Stellantis", "the FBI, CIA and NSA": letters listed with names are a name,
        # unless what comes before the comma is a person's name or letters after one
        # ("Sir Ann Orme, KC and leader", "Ann Orme, MD, MPH and her colleagues").
        and not (
            (_LISTED_NEXT.match(st.text, st.e) or _LETTERS_BEFORE.search(st.text, max(0, st.s - 12), st.s))
            and not _after_a_person(st.text, st.s)
        )
    ):
        return []
    return None


#: The capitalised words right before a comma: "Sir Ann Orme, " gives "Sir Ann Orme".
_NAME_BEFORE_COMMA = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*),\s*$")


def _after_a_person(text: str, pos: int) -> bool:
    """Whether the name before the comma ending at ``pos`` is a person's, or letters after one."""
    m = _NAME_BEFORE_COMMA.search(text, max(0, pos - 60), pos)
    if m is None:
        return False
    words = m.group(1).split()
    if words[-1].casefold().replace(".", "") in post_nominals():
        return True
    return len(words) >= 2 and (words[0] in given_names() or is_role_word(words[0]))


#: What follows an item of a list of names: "and Stellantis", "or NSA".
_LISTED_NEXT = re.compile(r",?\s+(?:and|or|&)\s+(?:the\s+)?[A-Z]")
#: Capital letters of a name just before the comma: "FBI, CIA".
_LETTERS_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,}[a-z]?,\s*$")


def generic_words(st: SpanState) -> list[Span] | None:
    """Titles, roles and house-style capitals alone are no names: "the Administration", "Deputy Governors"."""
    words = st.words
    # "Chamber of Tariffs", "Party of Regions": a body's head word "of" what it serves is a name.
    if len(words) >= 3 and words[1] == "of" and words[0].casefold() in org_heads():
        return None
    # "King County", "Crown Point": a place's head word after a capitalised word names one place.
    if st.kind == "PLACE" and len(words) >= 2 and st.keys[-1] in _PLACE_HEADS:
        return None
    if all(_is_generic(w) for w in words):
        return []
    return None


def headings(st: SpanState) -> list[Span] | None:
    """Headings, numerals, contractions and words that are never names: "CHAPTER XII", "XIV", "I’ll", "Thy"."""
    surface = st.surface
    if (
        _HEADING.match(surface)
        or _ROMAN.fullmatch(surface)
        or _CONTRACTION.search(surface)
        or surface.casefold() in lexicon("not_names")
    ):
        return []
    return None


def split_at_possessive(st: SpanState) -> list[Span] | None:
    """A possessive between two names splits them: "Varland’s Harbour Guard" is "Varland" and "Harbour Guard"."""
    surface = st.surface
    m = _POSSESSIVE.search(surface)
    if not m or _SAINT.search(surface):
        return None
    # "Varland's Museum", "Orme's Hospital", "Orme's College Kettleby": a head word right after
    # the possessive makes it the name's own, unless the owner is a place ("Kettleby's Museum")
    # or a whole name follows ("Orme's Department of Energy").
    after = surface[m.end() :].split()
    owner_name = surface[: m.start()]
    if after and (
        (len(after) == 1 and after[0].casefold() in _combined("body_heads", "site_heads"))
        or (
            after[0].casefold() in org_heads() | lexicon("site_heads")
            and not st.gaz.is_known_place(owner_name)
            and st.gaz.country_of_name(owner_name) is None
            # "Orme's Department of Energy": a whole name of its own after the owner.
            and not (len(after) >= 3 and after[1] == "of")
        )
    ):
        return None
    # "the People's Harbour Party", "Kestrel Women's Health Centre": a common noun's possessive is
    # part of the name.
    owner = surface[: m.start()].split()
    if len(owner) >= 1 and (
        owner[-1].casefold() in st.common or owner[-1].casefold() in ("people", "women", "men", "children")
    ):
        return None
    s, e, label = st.s, st.e, st.raw.label
    return st.again(s, s + m.start() + 2, label) + st.again(s + m.end(), e, label)


_SLASH = re.compile(r"\s+/\s+")
_AND_BETWEEN = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")


def _whole_name(words: list[str]) -> bool:
    """Whether ``words`` make a name complete on its own: two words or more, with a body's, a
    place's or a realm's head word last or before "of" ("Harbour Party", "Colony of Kestrel")."""
    heads = _combined("org_heads", "body_heads", "place_heads", "polity_words")
    if len(words) < 2:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head.casefold() in heads


def split_lists(st: SpanState) -> list[Span] | None:
    """Names in a list are each their own: "Harbour Party / Kestrel League", "Cape Colony and Colony of Tarvia".

    A slash between capitalised names always splits them.

    "and" splits only where the name before it ends on its head word and the one
    after it has a head word too, so "Harbour Trade and Industry Board" stays whole.
    """
    surface = st.surface
    label = st.raw.label
    if _SLASH.search(surface):
        cuts = [(m.start(), m.end()) for m in _SLASH.finditer(surface)]
        bounds = [0] + [x for cut in cuts for x in cut] + [len(surface)]
        pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        if all(surface[a:b][:1].isupper() or surface[a:b][:1].isdigit() for a, b in pieces):
            return [sp for a, b in pieces for sp in st.again(st.s + a, st.s + b, label)]
        return None
    found = list(_AND_BETWEEN.finditer(surface))
    if len(found) != 1:
        return None
    m = found[0]
    before, after = surface[: m.start()].split(), surface[m.end() :].split()
    if _whole_name(before) and _whole_name(after):
        return st.again(st.s, st.s + m.start(), label) + st.again(st.s + m.end(), st.e, label)
    return None


def split_body_from_person(st: SpanState) -> list[Span] | None:
    """A body's name and a person's name run together are two: "Harbour Party of Norway Maren Holt".

    After the body's head word (and its "of" place), a given name and a
    capitalised surname to the span's end are a person's name.
    """
    if st.kind != "ORG" or len(st.words) < 4:
        return None
    words, keys = st.words, st.keys
    heads = [i for i, k in enumerate(keys) if k in org_heads()]
    if not heads:
        return None
    j = heads[-1] + 1
    if j < len(words) and keys[j] == "of":
        # "of" and a place's name, which may have several words ("of New York State").
        place_end = next(
            (k for k in range(len(words) - 2, j, -1) if st.gaz.is_known_place(" ".join(words[j + 1 : k + 1]))), None
        )
        if place_end is None:
            return None
        j = place_end + 1
    if j > len(words) - 2 or words[j] not in given_names():
        return None
    if not all(w[:1].isupper() for w in words[j:]):
        return None
    cut = st.s + _nth_word_offset(st.surface, j)
    return st.again(st.s, cut, st.raw.label) + st.again(cut, st.e, "PERSON")


def _nth_word_offset(surface: str, n: int) -> int:
    """The offset in ``surface`` where its ``n``-th word (from 0) starts."""
    return [m.start() for m in re.finditer(r"\S+", surface)][n]


def split_people(st: SpanState) -> list[Span] | None:
    """A person span holding two names is split: "Hal Brannock to Ida Voss", "Ida Prince Brannock"."""
    if st.kind == "PERSON" and len(st.words) > 1:
        names = _person_parts(st.text, st.s, st.e)
        if names is not None:
            return [sp for a, b in names for sp in st.again(a, b, "PERSON")]
    return None


def administration_people(st: SpanState) -> list[Span] | None:
    """A government named after its leaders names them: "the Voss-Brannock Administration" names "Voss", "Brannock"."""
    return _people_of_administration(st.text, st.s, st.e, st.gaz, st.common)


def saint_days(st: SpanState) -> list[Span] | None:
    """A saint's day names the saint: "St. Brannock's Day" gives "St. Brannock"."""
    m = _SAINT_DAY.fullmatch(st.text, st.s, st.e)
    if m:
        return [Span(m.start(1), m.end(1), "PERSON", "PERSON")]
    return None


def trailing_roles(st: SpanState) -> list[Span] | None:
    """A role ending the span is not part of the name: "Varland Delegation", "KPA Administrator"."""
    text, s, e, gaz = st.text, st.s, st.e, st.gaz
    trailing = _combined("role_words", "trailing_words")
    surface = text[s:e]
    words = surface.split()
    while (
        len(words) > 1
        and _singular(words[-1]) in trailing
        and not gaz.is_known_place(surface)
        # "Bank of the United States": a place's name that ends the span is whole.
        and not any(gaz.is_known_place(" ".join(words[k:])) for k in range(1, len(words) - 1))
        # "Hal King": after a given name, a title word is a surname.
        and not (st.kind == "PERSON" and words[-2] in given_names())
        # "Departments of State", "Tarvian Federal Government": what would be left is no name.
        and not (words[-2].casefold() in CONNECTORS or _is_generic(words[-2]))
    ):
        e = s + surface.rindex(words[-1])
        s, e = _strip_edges(text, s, e)
        surface = text[s:e]
        words = surface.split()
    st.s, st.e = s, e
    return None


def airline_of_flight(st: SpanState) -> list[Span] | None:
    """A flight names its airline, not itself: "Kestrel Air Flight 212" is ORG "Kestrel Air"."""
    if st.site:
        return None
    m = _FLIGHT.fullmatch(st.text, st.s, st.e)
    if m and m.group(1).split()[-1].casefold() not in ("of", "the"):
        st.e, st.kind = m.end(1), "ORG"
    return None


def vehicles(st: SpanState) -> list[Span] | None:
    """Vehicles are no places or bodies: "the shuttle Kestrel", "Varland Rover"."""
    if not st.site and any(k in lexicon("vehicle_words") for k in st.keys):
        return []
    return None


def codes(st: SpanState) -> list[Span] | None:
    """A code of letters and digits is no name: "KX-500", "A320"."""
    if not st.site and len(st.words) == 1 and _CODE.fullmatch(st.surface):
        return []
    return None


_ERA = re.compile(r"(?:BCE?|AD|CE|B\.C\.(?:E\.)?|A\.D\.|C\.E\.)")
_YEAR_OR_CENTURY_BEFORE = re.compile(r"(?:\d|\bcentury|\bcenturies|\bmillennium)\s*$", re.IGNORECASE)


def eras(st: SpanState) -> list[Span] | None:
    """An era after a year or a century is no name: "the 8th century BC", "in 701 BCE", "AD 43"."""
    if _ERA.fullmatch(st.surface):
        # "the 2017 BC election": letters before a common noun name a province or a party.
        after = _LOWER_WORD_AFTER.match(st.text, st.e)
        if after and after.group(1) not in lexicon("function_words") and st.surface in ("BC", "AD", "CE"):
            return None
        before = st.text[max(0, st.s - 12) : st.s]
        if _YEAR_OR_CENTURY_BEFORE.search(before) or re.match(r"\s*\d", st.text[st.e : st.e + 3]):
            return []
    return None


def bare_titles(st: SpanState) -> list[Span] | None:
    """A title alone is no name: "Minister", "Governor".

    Every title word is also a role, which generic-words drops before, so this
    step only acts when that one is off.
    """
    if is_title_word(st.surface):
        return []
    return None


def events(st: SpanState) -> list[Span] | None:
    """Events, laws and programmes are no names: "Dunmere Harvest Festival", "Varland Water Act".

    A given name alone taken for a person ("Bill") is that person, not a bill.
    """
    keys = st.keys
    # "Bill" alone, taken for a person: a given name, not a bill.
    if len(keys) == 1 and st.kind == "PERSON" and st.words[0] in given_names():
        return None
    if keys and keys[-1] in _EVENT_WORDS and not _body_before_preposition(keys):
        return []
    return None


def _body_before_preposition(keys: list[str]) -> bool:
    """ "Harbour Forum for Energy Policy": a body's head word before "for", "of" or "on" heads the name,
    so the event's word at the end is what the body is about."""
    heads = org_heads()
    return any(keys[i] in ("for", "of", "on") and keys[i - 1] in heads for i in range(1, len(keys) - 1))


def events_of_places(st: SpanState) -> list[Span] | None:
    """An event named after a place names the place: "Summit of Varland" gives "Varland"; other such events none."""
    keys = st.keys
    if "of" not in keys[1:]:
        return None
    i = keys.index("of", 1)
    if keys[i - 1] not in _EVENT_WORDS:
        return None
    rest = st.words[i + 1 :]
    if rest and rest[0].casefold() == "the":
        rest = rest[1:]
    place = " ".join(rest)
    if place and (st.gaz.is_known_place(place) or name_key(place) in st.gaz.broad):
        start = st.s + st.surface.rindex(place)
        return [Span(start, start + len(place), "PLACE", "LOC")]
    return []


def storms(st: SpanState) -> list[Span] | None:
    """A storm is no person or place: "Hurricane Maren", "Typhoon Kell"."""
    keys = st.keys
    if keys and keys[0] in _STORM_WORDS:
        return []
    return None


def place_compounds(st: SpanState) -> list[Span] | None:
    """A hyphenated pair of places or peoples is two names: "Uruguay-Paraguay" is "Uruguay" and "Paraguay"."""
    text, gaz = st.text, st.gaz
    parts = _COMPOUND_SPLIT.split(st.surface)
    if len(parts) > 1 and all(gaz.is_known_place(p, 100_000) or gaz.is_demonym(p) for p in parts):
        spans = []
        offset = st.s
        for part in parts:
            start = text.index(part, offset)
            part_kind = "GROUP" if gaz.is_demonym(part) else "PLACE"
            spans.append(Span(start, start + len(part), part_kind, st.raw.label))
            offset = start + len(part)
        return spans
    return None


def thing_nouns(st: SpanState) -> list[Span] | None:
    """A name before a lower-case noun of a unit or thing names a type: "Harbour Rescue teams", "EV charging"."""
    m = _LOWER_WORD_AFTER.match(st.text[st.e : st.e + 20])
    thing_noun = m is not None and m.group(1) in _combined("unit_words", "thing_words", "address")
    # "Varlandian crews": a group.
    if thing_noun and st.kind not in ("PERSON", "GROUP") and not st.gaz.is_known_place(st.surface):
        return []
    return None


def unit_types(st: SpanState) -> list[Span] | None:
    """A body's unit types are no name, its acronym is: "KPA Harbour Response Teams" gives "KPA"."""
    words = st.words
    if len(words) > 1 and st.keys[-1] in lexicon("unit_words"):
        if words[0].isupper() and len(words[0]) >= 2:
            return [Span(st.s, st.s + len(words[0]), "ORG", st.raw.label)]
        return []
    return None


def gazetteer_kind(st: SpanState) -> list[Span] | None:
    """Countries and cities the model mislabels are places, peoples groups: PERSON "Porto", PRODUCT "Uruguay"."""
    st.kind = _rescue_kind(st.surface, st.kind, st.raw.label, st.gaz)
    if st.kind is None:
        return []
    return None


def brand_names(st: SpanState) -> list[Span] | None:
    """A word with a capital inside is a brand's or a company's name, not a place's: "SkyKestrel"."""
    surface = st.surface
    if (
        st.kind == "PLACE"
        and len(st.words) == 1
        and _CAMEL.fullmatch(surface)
        and not st.gaz.is_known_place(surface)
        and not any(p.casefold() in _combined("site_heads", "city", "town") for p in _CAMEL_PART.findall(surface))
    ):
        st.kind = "ORG"
    return None


def title_before(st: SpanState) -> list[Span] | None:
    """A title right before a place's or body's name says it is a person's: "Captain Vossberg" taken for a place."""
    if st.kind in ("PLACE", "ORG") and not st.gaz.is_known_place(st.surface) and not st.site:
        m = _TITLE_BEFORE.search(st.text, max(0, st.s - 20), st.s)
        if (
            m
            and m.group(1).casefold().rstrip(".") not in ("st", "saint")
            and is_role_word(m.group(1))
            and not any(w.casefold() in lexicon("body_heads") for w in st.words)
        ):
            st.kind = "PERSON"
    return None


def sites(st: SpanState) -> list[Span] | None:
    """A site is a place, not a body, and a town after it another: "Kestrel Air Museum of Dunmerton"."""
    if not st.site:
        return None
    s, e, words, keys = st.s, st.e, st.words, st.keys
    if "of" in keys[2:]:
        i = keys.index("of", 2)
        town = " ".join(words[i + 1 :])
        if (
            words[i - 1].casefold() in lexicon("site_heads")
            and town
            and all(w[:1].isupper() for w in words[i + 1 :])
            and (st.gaz.is_known_place(town) or _is_town_name(town))
        ):
            head_end = s + len(" ".join(words[:i]))
            start = s + st.surface.rindex(town)
            return [Span(s, head_end, "PLACE", "FAC"), Span(start, e, "PLACE", "GPE")]
    return [Span(s, e, "PLACE", "FAC")]


def site_of_words(st: SpanState) -> list[Span] | None:
    """A name after "the island of" or "the village of" is a place: "the island of Kell"."""
    m = _SITE_OF.search(st.text[max(0, st.s - 40) : st.s])
    # "the riding of British Columbia ...": a people's word the model found alone is no place.
    if m and m.group(1) in lexicon("site_of_words") and st.kind != "ORG" and not st.gaz.is_demonym(st.surface):
        st.kind = "PLACE"
    return None


def state_of(st: SpanState) -> list[Span] | None:
    """A state's formal name keeps its "State of": "the State of Varland"."""
    if st.kind == "PLACE":
        m = _STATE_OF.search(st.text[max(0, st.s - 40) : st.s])
        if m:
            st.s -= len(m.group())
    return None


#: The span steps, in the order they run.
SPAN_PASSES: tuple[Pass, ...] = (
    Pass("flight-events", "span", flight_events),
    Pass("unshown-labels", "span", unshown_labels),
    Pass("strip-edges", "span", strip_edges),
    Pass("line-breaks", "span", line_breaks),
    Pass("transcript-apparatus", "span", transcript_apparatus),
    Pass("person-titles", "span", person_titles),
    Pass("person-behind-title", "span", person_behind_title),
    Pass("sentence-openers", "span", sentence_openers),
    Pass("lower-case-tail", "span", lower_case_tail),
    Pass("prefixes", "span", prefixes),
    Pass("hyphen-adjectives", "span", hyphen_adjectives),
    Pass("place-generic-tail", "span", place_generic_tail),
    Pass("hyphenated-given-names", "span", hyphenated_given_names),
    Pass("site-head-after", "span", site_head_after),
    Pass("tidy-edges", "span", tidy_edges),
    Pass("not-a-word", "span", not_a_word),
    Pass("common-abbreviations", "span", common_abbreviations),
    Pass("post-nominal-letters", "span", post_nominal_letters),
    Pass("generic-words", "span", generic_words),
    Pass("headings", "span", headings),
    Pass("split-at-possessive", "span", split_at_possessive),
    Pass("split-lists", "span", split_lists),
    Pass("split-body-from-person", "span", split_body_from_person),
    Pass("split-people", "span", split_people),
    Pass("administration-people", "span", administration_people),
    Pass("saint-days", "span", saint_days),
    Pass("trailing-roles", "span", trailing_roles),
    Pass("airline-of-flight", "span", airline_of_flight),
    Pass("vehicles", "span", vehicles),
    Pass("codes", "span", codes),
    Pass("eras", "span", eras),
    Pass("bare-titles", "span", bare_titles),
    Pass("events", "span", events),
    Pass("events-of-places", "span", events_of_places),
    Pass("storms", "span", storms),
    Pass("place-compounds", "span", place_compounds),
    Pass("thing-nouns", "span", thing_nouns),
    Pass("unit-types", "span", unit_types),
    Pass("gazetteer-kind", "span", gazetteer_kind),
    Pass("brand-names", "span", brand_names),
    Pass("title-before", "span", title_before),
    Pass("sites", "span", sites),
    Pass("site-of-words", "span", site_of_words),
    Pass("state-of", "span", state_of),
)


def clean_span(text: str, raw: RawSpan, gaz: Gazetteer, common: frozenset[str] = frozenset()) -> list[Span]:
    """Turn one raw model span into clean mentions (possibly none, possibly two).

    Runs the steps of :data:`SPAN_PASSES` that are switched on, in order, until
    one settles what the span gives; if none does, the span as the steps left it
    is the mention. ``text`` is the chunk's text and ``raw`` the model's span in
    it; ``common`` holds the chunk's lower-case words, to tell a sentence's first
    word from a name.
    """
    state = SpanState(text, raw, gaz, common)
    for step in steps_on():
        spans = step(state)
        if spans is not None:
            return spans
    return state.mention()


def steps_on() -> tuple[SpanStep, ...]:
    """The span steps switched on now, in order."""
    return _steps_without(passes_off())


@cache
def _steps_without(off: frozenset[str]) -> tuple[SpanStep, ...]:
    return tuple(p.run for p in SPAN_PASSES if p.name not in off)


# What the steps use.

_FIRST_WORD = re.compile(r"\S+\s+")
_FIRST_TWO_WORDS = re.compile(r"\S+\s+\S+\s+")


def _strip_person_titles(text: str, s: int, e: int, gaz: Gazetteer) -> int:
    """Move ``s`` past leading titles, roles and nationalities of a person's name."""
    while True:
        m = _FIRST_WORD.match(text[s:e])
        if not m:
            return s
        word = m.group().strip()
        key = word.casefold().rstrip(",")
        if (
            key in TITLE_WORDS
            or key in honorifics()
            or key in ("of", "the", "for", "and")
            or word[:1].islower()
            or gaz.is_demonym(word)
            or gaz.country_of_name(word) is not None
        ):
            s += m.end()
            continue
        # Two-word nationalities and countries ("North Korean Foreign Minister").
        m2 = _FIRST_TWO_WORDS.match(text[s:e])
        if m2:
            pair = m2.group().strip()
            if gaz.is_demonym(pair) or gaz.country_of_name(pair) is not None:
                s += m2.end()
                continue
        return s


def _person_behind_title(text: str, s: int, e: int, gaz: Gazetteer) -> int | None:
    """Where the name starts in "Sister Jane Roe" or "Chilean Captain Roe" taken for a body or a place.

    A title (after any nationality) opening a name that is no site, body or
    known place makes it a person's name; returns its start, else None.
    """
    start = _strip_person_titles(text, s, e, gaz)
    if start == s or start >= e:
        return None
    # "Party of Anglers", "Croatian Party of Pensioners": a body's head word makes it no person.
    if any(w.casefold() in org_heads() for w in text[s:e].split()):
        return None
    titles = text[s:start].split()
    if not any(is_role_word(w) for w in titles) or any(w.casefold().rstrip(".") in ("st", "saint") for w in titles):
        return None
    # "Executive Councillor for Planning": a role over a field names no one ("Duke of Orme" does).
    if titles[-1].casefold() == "for":
        return None
    rest = text[start:e].split()
    if not (len(rest) >= 2 or titles[-1].casefold() in lexicon("address_words") or len(titles) >= 2):
        return None
    if (
        not all(w[:1].isupper() for w in rest)
        or any(_is_generic(w) for w in rest)
        or _site_words(rest)
        or any(w.casefold() in lexicon("body_heads") for w in rest)
        or gaz.is_known_place(" ".join(rest))
    ):
        return None
    return start


def _cut_at_line_break(text: str, s: int, e: int) -> tuple[int, int]:
    """End a name at a line break unless the text is hard-wrapped there.

    A hard-wrapped line ("... Prince Andrew⏎Bolkónski ...") is long and runs on
    into a capitalised word; a headline, a list item or a dateline is short, or
    is followed by a blank line or a line in capitals.
    """
    newline = text.find("\n", s, e)
    while newline != -1:
        line_start = text.rfind("\n", 0, newline) + 1
        rest = text[newline + 1 : e].strip()
        wrapped = (
            newline - line_start >= 50
            and text[newline + 1 : newline + 2] not in ("\n", "")
            and rest[:1].isupper()
            and not rest.isupper()
        )
        if not wrapped:
            return _strip_edges(text, s, newline)
        newline = text.find("\n", newline + 1, e)
    return s, e


_ADMINISTRATION = re.compile(r"([A-Z][\w’'.]+(?:-[A-Z][\w’'.]+)*)\s+Administration")
_SAINT_DAY = re.compile(r"((?:St\.|Saint)\s+[A-Z][\w]+)['’]s\s+Day")
_FLIGHT = re.compile(r"(.+?)\s+Flight(?:\s+\w*\d\w*)?")
_CODE = re.compile(r"[A-Z][A-Za-z]*-?\d[\w-]*")
_CAMEL = re.compile(r"(?!Mc|Mac|De|Di|La|Le|Van|Von|O['’])[A-Z][a-z]+[A-Z][A-Za-z]+")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")
_TITLE_BEFORE = re.compile(r"\b([A-Z][\w.]*)\s+$")
_SITE_OF = re.compile(r"\b(?:the\s+)?(\w+)\s+of\s+$")
_STATE_OF = re.compile(r"\bState\s+of\s+$")


def _people_of_administration(text: str, s: int, e: int, gaz: Gazetteer, common: frozenset[str]) -> list[Span] | None:
    """ "the Voss-Brannock Administration": the people it is named after, or None if not such a name."""
    m = _ADMINISTRATION.fullmatch(text, s, e)
    if not m:
        return None
    spans = []
    pos = m.start(1)
    for part in m.group(1).split("-"):
        if part.casefold() in common or _is_generic(part) or gaz.is_known_place(part) or gaz.is_demonym(part):
            return None
        spans.append(Span(pos, pos + len(part), "PERSON", "PERSON"))
        pos += len(part) + 1
    return spans


def _rescue_kind(surface: str, kind: str | None, label: str, gaz: Gazetteer) -> str | None:
    """Correct the kind with the gazetteer: countries and cities are places (stress accents aside)."""
    if not surface.isascii() and not gaz.is_known_place(surface):
        surface = without_accents(surface)
    key = name_key(surface)
    if gaz.country_of_name(surface) is not None:
        if kind == "PERSON" and key in AMBIGUOUS_COUNTRY_NAMES:
            return kind
        return "PLACE"
    if label not in _RESCUED_LABELS:
        return kind
    if gaz.is_demonym(surface) and kind != "PERSON":
        return "GROUP"
    if kind == "PERSON":
        # "Busan", "Leeds": a lone word that names a large city. A person of
        # that surname is still found: the surname joins the full name later.
        if " " not in surface and key not in AMBIGUOUS_COUNTRY_NAMES and gaz.is_known_place(surface, 100_000):
            return "PLACE"
        return kind
    if gaz.is_known_place(surface, min_population=0 if kind == "ORG" else 100_000):
        return "PLACE"
    return kind


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _is_town_name(name: str) -> bool:
    """A single capitalised word that looks like a town's name ("McDunnville"), not a subject ("Flight")."""
    return " " not in name and bool(_TOWN.fullmatch(name))


_TOWN = re.compile(
    r"(?:Mc|Mac)?[A-Z][a-z]+(?:ville|ton|burg|bury|ford|field|port|mouth|land|wood|chester|minster|dale|by|ham|stead)"
)


_HEADING = re.compile(
    r"(?:CHAPTER|BOOK|PART|VOLUME|EPILOGUE|SECTION|CANTO)\b|(?:Chapter|Book|Part|Volume)\s+[IVXLC\d]+\b"
)
_ROMAN = re.compile(r"[IVXLC]+\.?")
_CONTRACTION = re.compile(r"[’']+(?:ll|ve|re|m|d|t|LL|VE|RE|M|D|T)$")


def _person_parts(text: str, s: int, e: int) -> list[tuple[int, int]] | None:
    """Where a person span holds two names: "Roe to Doe" (a lower-case word that is no
    name particle), "Anna Prince Roe" (a title inside). The parts, or None when it is one name."""
    pieces: list[tuple[int, int]] = []
    start = s
    split = False
    for m in re.finditer(r"\S+", text[s:e]):
        word = m.group()
        a, b = s + m.start(), s + m.end()
        # "Anna Prince Roe" holds two names; "Stephen King" is one (a given name, then a surname).
        inner_title = (
            a > s
            and word.casefold() in lexicon("address_words")
            and not (b == e and text[s:a].split()[-1] in given_names())
        )
        tail = text[b:e].split()
        particle = word.casefold() in lexicon("name_particles") and (
            word.casefold() not in ("the", "of") or (len(tail) == 1 and tail[0][:1].isupper())
        )
        stray = word[:1].islower() and not particle and "-" not in word
        if inner_title or stray:
            split = True
            if start < a:
                pieces.append((start, a))
            start = b
    if not split:
        return None
    if start < e:
        pieces.append((start, e))
    return [(a, b) for a, b in (_strip_edges(text, a, b) for a, b in pieces) if b > a]
