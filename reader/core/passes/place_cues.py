"""Places the model took for a person or a body, told by the words around them.

Most passes here read one mention's own sentence (a country after a comma, a
verb of where, a list of places it stands in, "in" before a district), so their
changes of kind are kept as local: the one-kind-per-entity vote does not undo
them. Realm names, parts of countries and places the text defines read the name
itself or a defining sentence, and go to the vote like the model's own kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from reader.core.model import Span
from reader.core.passes.org_names import org_heads
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, name_key

#: Realm words that also end names of bodies or of sites ("Islamic State", "Party of
#: the Republic", "Tarvia State University"): they open a realm's name only before "of".
_ONLY_BEFORE_OF = frozenset({"state", "republic", "electorate"})


@cache
def _realm_of() -> re.Pattern[str]:
    """ "Principality of Dunmere", "Crown Colony of Tarvia": a realm's word and "of" open the name."""
    words = "|".join(sorted(lexicon("polity_words")))
    return re.compile(rf"(?:[A-Z][\w’'-]*\s+)?(?i:({words}))\s+of\s+(?=[A-Z])")


def _has_body_word(words: Sequence[str]) -> bool:
    heads = org_heads()
    return any(w.casefold() in heads for w in words)


def realm_names(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A realm's name taken for an organisation is a place.

    "the revolt in the Duchy of Kettleby", "settlers of Dunmere Colony", "the
    Tarvian Empire" read as a body: a realm's word ("Duchy", "Principality",
    "Crown Colony" ... before "of", or "Empire", "Colony", "Sultanate" as the
    last word) makes the name a state's, not a body's; a body's word in it
    ("Kingdom of Tarvia Army") keeps it a body.
    """
    heads = lexicon("polity_words") - _ONLY_BEFORE_OF
    out = []
    for sp in spans:
        if sp.kind == "ORG":
            surface = text[sp.start : sp.end]
            words = surface.split()
            m = _realm_of().match(surface)
            # "State of Origin": a state's or a republic's word before "of" needs a place the gazetteer knows.
            if (
                m is not None
                and m.group(1).casefold() in _ONLY_BEFORE_OF
                and not gaz.is_known_place(surface[m.end() :])
            ):
                m = None
            realm = m is not None or (len(words) >= 2 and words[-1].casefold() in heads)
            if realm and not surface.isupper() and not _has_body_word(words):
                sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out


#: After "Name, Country": the end of the clause, so that "Tarvia" is where the name is,
#: not the start of a list or of a possessive ("Dunmere, Tarvia's capital").
_CLAUSE_END = re.compile(r"\s*(?:[,.;:()\n]|$)")
_COMMA = re.compile(r",\s+")
#: ", Tarvia", ", the Netherlands", ", West Dunmere": the capitalised run after a comma.
_AFTER_COMMA = re.compile(r",\s+(?:the\s+)?((?:[A-Z]\.){2,}|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3})")


#: " in southern Tarvia": a part of a country after a name.
_IN_PART_OF = re.compile(
    r" in (?:the )?(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)? ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?)"
)


def places_before_their_country(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name written before a comma and the country or region it lies in is a place.

    "born in Kettleby, Tarvia", "a festival in Dunmere, the Netherlands" where
    the model took "Kettleby" for a person or a body: a country's or a region's
    name after the comma, ending the clause, places it. A name in a list of
    people or bodies ("Ann Roe, Dunmere, Kansas" of bands) is left as it is; so
    is one with a body's word ("Kettleby Press, Tarvia"), and a person's name of
    two words or opening with a given name ("Ida Voss, Norway, won": where she
    comes from). A town the gazetteer knows before "in southern Tarvia" is a
    place too.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    out = list(ordered)
    for i, sp in enumerate(ordered):
        if sp.kind not in ("PERSON", "ORG"):
            continue
        surface = text[sp.start : sp.end]
        # "between Pakse in southern Laos and ...": a town the gazetteer knows, in a part of a country.
        part = _IN_PART_OF.match(text, sp.end)
        if (
            part is not None
            and " " not in surface
            and gaz.is_known_place(surface)
            and (gaz.country_of_name(part.group(1)) is not None or name_key(part.group(1)) in gaz.regions)
        ):
            out[i] = Span(sp.start, sp.end, "PLACE", "GPE")
            continue
        m = _AFTER_COMMA.match(text, sp.end)
        if m is None or not _CLAUSE_END.match(text, m.end()):
            continue
        where = m.group(1)
        if gaz.country_of_name(where) is None and name_key(where) not in gaz.regions:
            continue
        before = ordered[i - 1] if i > 0 else None
        if before is not None and before.kind in ("PERSON", "ORG") and _COMMA.fullmatch(text, before.end, sp.start):
            continue
        words = text[sp.start : sp.end].split()
        if _has_body_word(words) or (_persons_name(sp, words) and not gaz.is_known_place(text[sp.start : sp.end])):
            continue
        out[i] = Span(sp.start, sp.end, "PLACE", "GPE")
    return out


def _persons_name(sp: Span, words: Sequence[str]) -> bool:
    """Whether ``sp`` reads as a person's name: the model's person of two words or more, or
    any name opening with a given name ("Paris Holt"), unless a site's or a place's word ends
    it ("Dunmere Hall")."""
    if len(words) < 2 or words[-1].casefold() in lexicon("site_heads") | lexicon("place_heads"):
        return False
    return sp.label == "PERSON" or words[0] in lexicon("given_names")


#: What follows a name: its possessive ending, or a lower-case word ("Kestrel headquarters").
_WORD_AFTER = re.compile(r"(['’]s\b|\s+[a-z]+\b)")


@cache
def _where_verb() -> re.Pattern[str]:
    """ "born in", "camped at", "travelled to": a verb of where and its preposition, right before a
    name ("to" only after a verb of travel: "born to" names parents)."""
    verbs = "|".join(sorted(lexicon("where_verbs")))
    return re.compile(
        rf"\b(?i:(?:{verbs})\s+(?:in|at|near)|(?:travel|travels|travelled|traveled|emigrated|moved)\s+to)\s+$"
    )


def places_after_where_verbs(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name right after a verb of where ("born in", "located in", "encamped at", "travel to") is a place.

    "born in Kettleby", "the troops camped at Dunmere" where the model took
    the name for a person or a body. An acronym ("travel to TRL"), a name with a
    body's word ("stationed at Tarvia Army"), a possessive ("died in Roe's
    arms") or a name before a common noun ("stationed at Kestrel headquarters")
    stays as it is.
    """
    cue = _where_verb()
    out = []
    for sp in spans:
        if sp.kind in ("PERSON", "ORG") and cue.search(text, max(0, sp.start - 30), sp.start):
            surface = text[sp.start : sp.end]
            after = _WORD_AFTER.match(text, sp.end)
            if (
                not surface.isupper()
                and not _has_body_word(surface.split())
                and not (
                    after
                    and (
                        after.group(1) in ("'s", "’s")
                        or after.group(1).strip().casefold() not in lexicon("function_words")
                    )
                )
            ):
                sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out


#: What joins the members of a list: a comma, "and", "or" ("Kettleby, Dunmere, and also Tarvia").
_LIST_JOIN = re.compile(r"(?:,|,?\s+and|,?\s+or)(?:\s+also)?\s+")
#: A list's first member after a lower-case word ("to carry Kettleby, ..."), not after a comma.
_LIST_OPENS = re.compile(r"\b[a-z]+\s+$")
#: A list of where: after a preposition of place ("in Kettleby, Tarvia and Dunmere").
_WHERE_OPENS = re.compile(r"\b(?:in|at|near|from|to|across|throughout|between|into|through|via)\s+$")


def places_listed_with_places(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name listed among places is a place.

    "Tarvia, Kettleby, Dunmere", "Tarvia, Dunmere and Kettleby.", "to carry
    Kettleby, Tarvia, Dunmere" where the model took "Kettleby" for a person or
    a body: a place on each side makes it one more place, where one of them is
    a place the gazetteer knows (the model takes lists of people for places
    too); at a list's start or end ("backed by Roe, Norway and Sweden"), only a
    name the gazetteer knows as a place is one. A name with a body's word, an
    acronym, or a last member the sentence goes on from ("Norway and Dunmere,
    Roe said") stays as it is.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    joined = [_LIST_JOIN.fullmatch(text, a.end, b.start) is not None for a, b in pairwise(ordered)]

    def members(i: int, step: int) -> list[Span]:
        """Up to two list members next to ``ordered[i]``, before it (-1) or after it (+1)."""
        found: list[Span] = []
        j = i
        while len(found) < 2 and 0 <= j + step < len(ordered) and joined[min(j, j + step)]:
            j += step
            found.append(ordered[j])
        return found

    out = list(ordered)
    for i, sp in enumerate(ordered):
        surface = text[sp.start : sp.end]
        if sp.kind not in ("PERSON", "ORG") or surface.isupper() or _has_body_word(surface.split()):
            continue
        near = members(i, -1), members(i, 1)
        # The model's places are believed where one of them is a place the gazetteer knows:
        # a list of people the model took for places ("Holt, Roe, Voss") is no list of places.
        if not any(o.kind == "PLACE" and gaz.is_known_place(text[o.start : o.end]) for o in near[0] + near[1]):
            continue
        before, after = [o.kind for o in near[0]], [o.kind for o in near[1]]
        between = before[:1] == ["PLACE"] and after[:1] == ["PLACE"]
        last = before == ["PLACE", "PLACE"] and not after and _CLAUSE_END.match(text, sp.end) is not None
        first = (
            after == ["PLACE", "PLACE"]
            and not before
            and _LIST_OPENS.search(text, max(0, sp.start - 20), sp.start) is not None
        )
        # At a list's end, the list must be one of where: after "in", "from", "across" ..., or the
        # name a known place ("condemned by Norway, Sweden and Kestrel" names a body).
        if last or first:
            opened = ordered[i - len(before)] if before else sp
            where = _WHERE_OPENS.search(text, max(0, opened.start - 12), opened.start) is not None
            if not (where or gaz.is_known_place(surface)):
                continue
        if between or last or first:
            out[i] = Span(sp.start, sp.end, "PLACE", "GPE")
    return out


#: "Kettleby - Dunmere", "Kettleby North - Tarvia - Dunmere": capitalised names joined by spaced dashes.
_DISTRICT = re.compile(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*(?: - [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)+")
_IN_BEFORE = re.compile(r"\bin\s+$")


def districts_after_in(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A two-place district right after "in" is a place: "ran in Kettleby - Dunmere".

    Electoral districts named after two or three places joined by spaced dashes,
    read as a body: after "in", with no body's word ("in Tarvia Party - Dunmere
    List" stays a body), the name is one place.
    """
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if (
            sp.kind == "ORG"
            and " - " in surface
            and _DISTRICT.fullmatch(surface)
            and _IN_BEFORE.search(text, max(0, sp.start - 6), sp.start)
            and not _has_body_word(surface.replace(" - ", " ").split())
        ):
            sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out


#: Words that end a description before a place's noun: "was a regular at the hotel" is said of a person.
_NOT_DESCRIBING = "at|in|on|of|to|for|from|by|with|the|his|her|their|its|a|an|and|or"


@cache
def _defined_as_place() -> re.Pattern[str]:
    """ " is a village in", " was a small suburb of": a place's noun the name is defined by."""
    nouns = (
        lexicon("site_of_words")
        | lexicon("place_heads")
        | lexicon("place_generics")
        | lexicon("site_heads")
        | lexicon("place_nouns")
    )
    words = "|".join(sorted(nouns))
    return re.compile(
        rf"\s+(?:is|was)\s+an?\s+(?:(?!(?:{_NOT_DESCRIBING})\b)[a-z-]+\s+){{0,3}}?(?:{words})"
        rf"(?:\s+(?:in|on|of|near|and|at|located|situated|within|between)\b|\s*[,.;(])"
    )


def places_defined_as_places(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name the text defines as a place ("Kettleby is a village in ...") is that place everywhere.

    The model often takes a small place's name for a person's throughout an
    article; the sentence that says what it is ("is a village in", "was a small
    suburb of") settles every mention of it. A person described by a place's
    noun ("Roe is a town planner", "Ann Roe was a regular at the hotel") is left:
    the noun must end the description and follow it at once, and a person's name
    of two words the model found is no place.
    """
    cue = _defined_as_place()
    defined = {
        text[sp.start : sp.end]
        for sp in spans
        if sp.kind in ("PERSON", "ORG")
        and not _has_body_word(text[sp.start : sp.end].split())
        and not _persons_name(sp, text[sp.start : sp.end].split())
        and cue.match(text, sp.end)
    }
    if not defined:
        return list(spans)
    return [
        Span(sp.start, sp.end, "PLACE", "GPE")
        if sp.kind in ("PERSON", "ORG") and text[sp.start : sp.end] in defined
        else sp
        for sp in spans
    ]


#: Words for a part of a country ("Upper Tarvia", "Northern Tarvia").
_PART_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper", "lower"}
    | {"central", "greater", "inner", "outer", "northeast", "northwest", "southeast", "southwest"}
)


def parts_of_countries(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A country's or region's name after a compass word or a nationality is a place: "Upper Tarvia", "Danish Congo".

    The model reads "moved to Upper Norway" or "the Danish Congo" as a body; a
    part of a country ("Upper", "Lower", "Northern") or a colony named by its
    ruler's nationality is a place. Parties named after a country keep their
    kind: their first word is neither ("United Tarvia", "Fair Tarvia"); so does
    a person's name the model read as one ("Christian Jordan").
    """
    out = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if sp.kind in ("ORG", "PERSON") and len(words) >= 2:
            rest = " ".join(words[1:])
            first = words[0]
            if (
                sp.label != "PERSON"
                and (gaz.country_of_name(rest) is not None or name_key(rest) in gaz.regions)
                and (first.casefold() in _PART_WORDS or gaz.is_demonym(first))
            ):
                sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out


_DC_AFTER = re.compile(r",\s+D\.\s?C\.?")


def district_letters(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """ "Washington, D.C." is one place's name: the district's letters after the comma belong to it.

    The model reads "Kestrelton, D.C." as the city alone; the letters ", D.C."
    name the district the city is, and stay in its name.
    """
    out = []
    for sp in spans:
        m = _DC_AFTER.match(text, sp.end) if sp.kind == "PLACE" else None
        if m is not None and not any(o.start < m.end() and sp.end < o.end for o in spans if o is not sp):
            end = m.end()
            # "... in Kestrelton, D.C. The next day": that full stop ends the sentence too.
            rest = text[end : end + 3].lstrip()
            if text[end - 1] == "." and (not rest or rest[:1].isupper()):
                end -= 1
            sp = Span(sp.start, end, "PLACE", sp.label)
        out.append(sp)
    return out


#: A place name's tail after a small word of its language: " do Sul", " am Main", " upon Tyne".
_PLACE_TAIL = re.compile(
    r"(?: (?:do|da|dos|das|de|del|della|di|du|des|am|an|im|upon|on|sur|en|la|le|les)(?=[ ]))+"
    r" [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?"
)


def known_place_tails(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A place's name runs on through the small word of its language: "Kestrel do Sul", "Orm upon Tyne".

    The model stops a name at a lower-case word ("in the state of Kestrel
    Grande do Sul" found as "Kestrel Grande"); where the name with that word and
    the capitalised words after it is a place the gazetteer knows, that whole
    name is the place, and any span on its tail joins it.
    """
    out = sorted(spans, key=lambda sp: sp.start)
    i = 0
    while i < len(out):
        sp = out[i]
        m = _PLACE_TAIL.match(text, sp.end) if sp.kind in ("PLACE", "PERSON", "ORG", "GROUP") else None
        if m is not None:
            words = m.group(0).split()
            # The longest tail that makes a known place: "do Sul Grande", then "do Sul".
            for cut in (len(words), len(words) - 1):
                if cut < 2 or words[cut - 1][:1].islower():
                    continue
                end = sp.end + 1 + len(" ".join(words[:cut]))
                if gaz.is_known_place(text[sp.start : end]):
                    later = [o for o in out[i + 1 :] if o.start < end]
                    if all(o.end <= end for o in later):
                        out[i + 1 : i + 1 + len(later)] = []
                        out[i] = Span(sp.start, end, "PLACE", "GPE")
                    break
        i += 1
    return out
