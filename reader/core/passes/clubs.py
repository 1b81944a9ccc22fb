"""Clubs, teams and newspapers named for their towns are organisations.

"Kettleby F.C.", "the Kettleby Pirates", "the Kettleby Star".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reader.core.entities import is_role_word
from reader.core.model import Span
from reader.core.passes.spans import put_names
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer

#: Letters that end a club's name: football, hockey, rugby, athletic and sports clubs.
_CLUB_LETTERS = r"A\.F\.C\.|AFC|F\.C\.|FC|H\.C\.|HC|R\.F\.C\.|RFC"
_CLUB = re.compile(rf"(?<![\w’'-])((?:[A-Z][\w’'-]*[ \t]+){{1,3}})(?:{_CLUB_LETTERS})(?![\w])")


def club_letters(text: str, spans: Sequence[Span], common: frozenset[str]) -> list[Span]:
    """A club's name with its letters after it is one organisation: "Kettleby F.C.", "Dunmere HC".

    The model reads "Dunmere HC" as the town, or "Kettleby A.F.C." as a place;
    the letters of a football, hockey or rugby club after capitalised words make
    the whole a club. A word before the name that the text also writes in lower
    case, or a small word ("The", "In"), is no part of it.
    """
    if not any(letters in text for letters in ("FC", "F.C.", "HC", "H.C.")):
        return list(spans)
    small = lexicon("function_words") | lexicon("not_names")
    names = []
    for m in _CLUB.finditer(text):
        s, e = m.start(), m.end()
        # "In 1990 Kettleby FC", "Yesterday Kettleby FC": leading small or common words are not the name.
        for word in m.group(1).split()[:-1]:
            if word.casefold() in common or word.casefold() in small:
                s = text.index(word, s) + len(word)
                s = len(text) - len(text[s:].lstrip())
            else:
                break
        names.append((s, e))
    return put_names(spans, names, "ORG")


_TEAM = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'.-]*[ \t]){1,3})([A-Z][a-z’'-]*[a-z]s)(?![\w’'-])")


def _is_team_word(word: str, gaz: Gazetteer, common: frozenset[str]) -> bool:
    """Whether ``word``, a capitalised plural after a place's name, may name its team ("Pirates")."""
    key = word.casefold()
    if key.endswith(("ss", "us", "is", "ists")) or key in common or gaz.is_demonym(word) or is_role_word(word):
        return False
    # "Austin Texas": a place after a town is no team.
    if gaz.is_major_place(word):
        return False
    singulars = {key[:-3] + "y" if key.endswith("ies") else key[:-1]}
    if key.endswith("es"):
        singulars.add(key[:-2])  # "Caucuses"
    return not any(w in lexicon(name) for w in (key, *singulars) for name in _NOT_TEAM_WORDS)


#: Lists whose words, singular or plural, name no team: places, bodies, parties, people, things.
_NOT_TEAM_WORDS = (
    "place_heads",
    "site_heads",
    "org_heads",
    "body_plurals",
    "people_plurals",
    "party_plurals",
    "faith_and_party_words",
    "event_words",
    "thing_words",
    "unit_words",
    "generic_words",
)


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
#: How far from the name a word of sport may be (about a sentence either side).
_SPORT_REACH = 160


@cache
def _any_word_of(name: str, stems: bool = False) -> re.Pattern[str]:
    """Any word of the list ``name``, in any case; with ``stems``, any word one of them opens."""
    tail = r"\w*\b" if stems else r"\b"
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lexicon(name)))) + ")" + tail, re.IGNORECASE)


def teams_named_for_places(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """A town's name and a capitalised plural after it are a team: "the Kettleby Pirates", "Leeds Rhinos".

    The model reads "the Pittsburgh Pirates" as the city, splits it ("Montreal"
    + "Victorias") or misses it. A word of sport must be near (``sport_words.txt``:
    "beat", "season", "pitcher"), and the plural no word the text also writes
    in lower case, nor a place's, a body's, an event's or a people's word
    ("Leeds Docks", "Boston Democrats", "Iowa Caucuses"), nor a place ("Austin
    Texas"), nor a people the model saw ("Warsaw Jews"); a person's name the
    model saw that opens with a given name ("Eugene Dennis") stays, and a line
    in title case ("Germany Wins World Cup") is left as it is.
    """
    names = []
    for m in _TEAM.finditer(text):
        if not _is_team_word(m.group(2), gaz, common) or not _any_word_of("sport_words").search(
            text, max(0, m.start() - _SPORT_REACH), m.end() + _SPORT_REACH
        ):
            continue
        # "Germany Wins World Cup": a headline in title case says nothing of the words' kind.
        line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        if not _LOWER_WORD.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue
        # "Warsaw Jews": a people the model saw.
        if any(sp.kind == "GROUP" and sp.start < m.end(2) and m.start(2) < sp.end for sp in spans):
            continue
        if (name := _named_for_town(m.group(1).split(), m.start(1), m.group(1), m.end(2), spans, gaz)) is not None:
            names.append(name)
    return put_names(spans, names, "ORG")


def _named_for_town(
    words: Sequence[str], at: int, before: str, end: int, spans: Sequence[Span], gaz: Gazetteer
) -> tuple[int, int] | None:
    """Where the name that opens with the longest known town at the end of ``words`` (the
    capitalised words ``before``, at ``at``) and ends at ``end`` starts and ends, or None.

    "Eugene Dennis": a given name that is also a town's opens a person's name the model saw.
    """
    for i in range(len(words)):
        if gaz.is_known_place(" ".join(words[i:])):
            start = at + before.index(words[i])
            person = any(sp.kind == "PERSON" and sp.start < end and start < sp.end for sp in spans)
            return None if person and words[i] in lexicon("given_names") else (start, end)
    return None


_PAPER = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'.-]*[ \t]){1,4})([A-Z][a-z]+)(?![\w’'-])")
_EDITION = frozenset({"Daily", "Evening", "Morning", "Sunday"})


#: What follows a word that is no newspaper's: a name going on ("Sun Yat-sen"), "of" ("a Paris
#: Citizen of Honour").
_NOT_A_PAPER_AFTER = re.compile(r"\s+(?:[A-Z]|of\b)|-[a-z]")
_ONE_OF_MANY_BEFORE = re.compile(r"\b(?:a|an|every|each|his|her|my|our|your|their)\s+$", re.IGNORECASE)
#: How far from the name a word of the press is looked for.
_PRESS_REACH = 300


def _reads_as_paper(text: str, m: re.Match[str], start: int, edition: bool, spans: Sequence[Span]) -> bool:
    """Whether the town's name from ``start`` and the word of ``m`` name a newspaper."""
    if _NOT_A_PAPER_AFTER.match(text, m.end(2)) or _ONE_OF_MANY_BEFORE.search(text, max(0, start - 7), start):
        return False
    # "In Zanzibar Mercury": a person the model saw, whose surname is the word.
    if any(sp.kind == "PERSON" and sp.start == m.start(2) for sp in spans):
        return False
    # "under the Arizona Sun": a word with an everyday sense needs the press near, an edition,
    # or a citation's bracket ("(Kettleby Star, 23 May 1986)").
    return (
        edition
        or text[start - 1 : start] == "("
        or m.group(2).casefold() not in lexicon("everyday_paper_words")
        or _any_word_of("press_words", stems=True).search(text, max(0, start - _PRESS_REACH), m.end() + _PRESS_REACH)
        is not None
    )


def papers_named_for_places(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A town's name and a newspaper's word after it are the newspaper: "the Windsor Star", "Kettleby Evening Post".

    The model reads "the Guelph Mercury" as a person, or "the Toronto Star" as
    the city. The word must be one of ``newspaper_words.txt``, and one with an
    everyday sense ("Sun", "Star", "Citizen") needs a word of the press near
    ("reported", "editor") or an edition ("Evening"). Left: a person's name the
    model saw ("Paris Post", "Zanzibar Mercury"), a name that goes on ("Nanjing
    Sun Yat-sen", "a Paris Citizen of Honour"), and one of many ("every Texas
    Citizen").
    """
    names = []
    for m in _PAPER.finditer(text):
        if m.group(2).casefold() not in lexicon("newspaper_words"):
            continue
        words = m.group(1).split()
        while words and words[-1] in _EDITION:
            words.pop()
        edition = len(words) < len(m.group(1).split())
        name = _named_for_town(words, m.start(1), m.group(1), m.end(2), spans, gaz)
        if name is None or not _reads_as_paper(text, m, name[0], edition, spans):
            continue
        names.append(name)
    return put_names(spans, names, "ORG")
