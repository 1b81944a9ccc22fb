"""People and organisations told apart by the company a name keeps and the words around it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from reader.core.entities import is_role_word, is_site_name
from reader.core.model import Span
from reader.core.passes.org_names import org_heads, word_places
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, name_key

_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}\s*[A-Z][\w’'-]+")


def _evidence(text: str, sp: Span) -> str | None:
    """The kind a list item's own words tell, if they tell one: a body's head word or an
    acronym in brackets after it tells an organisation; a given name, "St." or initials
    opening a name of two words or more, a person."""
    surface = text[sp.start : sp.end]
    words = surface.split()
    if (
        any(w.casefold() in org_heads() for w in words)
        or (surface.isupper() and len(surface) >= 2)
        or (len(words) >= 2 and words[-1].casefold() in lexicon("party_plurals"))
    ):
        return "ORG"
    if re.match(r"\s*\([A-Z][A-Za-z&.-]*[A-Z]\)", text[sp.end : sp.end + 14]):
        return "ORG"
    if len(words) >= 2 and (
        words[0] in lexicon("given_names") or words[0] in ("St.", "Saint") or _INITIALS.fullmatch(surface)
    ):
        return "PERSON"
    return None


def _unknown_place(surface: str, gaz: Gazetteer) -> bool:
    """A name no gazetteer knows as a place, a country, a people or a region, nor a site's."""
    return not (
        gaz.is_known_place(surface)
        or gaz.country_of_name(surface) is not None
        or gaz.is_demonym(surface)
        or name_key(surface) in gaz.broad
        or is_site_name(surface)
    )


def list_kinds(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A person's name listed among organisations is an organisation's, and the other way round.

    "a coalition with Kestrel, Harbour Union and the Tarvian Party" where the
    model took "Kestrel" for a person, or "with Ann Orme, Dunmere and Jo Frey"
    where it took "Dunmere" for a body: the items whose own words tell their
    kind settle the others, and a name of the list that the model missed is of
    that kind too. Where no item's words tell a kind, the model's kinds stand
    ("Ann Orme, Jo Frey and Kestrel" may name a company beside two people).
    """
    out = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in out]
    found: list[Span] = []
    for items in _lists(text, out):
        near = range(max(0, bisect_left(starts, items[0][0]) - 1), bisect_left(starts, items[-1][1]))
        item_starts = [a for a, _ in items]
        run = [i for i in near if _overlaps_item(out[i], items, item_starts)]
        # A given name counts for a person only where the model saw one: "Bristol Myers Squibb",
        # read as a body, tells no person.
        told = Counter(
            kind for i in run if (kind := _evidence(text, out[i])) != "PERSON" or out[i].kind == "PERSON"
        )
        major = None
        # A given name is weaker evidence than a body's head word: "Velvet" is a given name.
        if told["ORG"] >= 1 and told["ORG"] >= 2 * told["PERSON"]:
            major = "ORG"
        elif not told["ORG"] and told["PERSON"] >= 2:
            major = "PERSON"
        if major is None:
            continue
        minor = "PERSON" if major == "ORG" else "ORG"
        # A lone place among bodies is a body's name; a list that names a known place ("Kettleby,
        # Dunmere Bank, Hampshire") or as many places as bodies ("the Kestrel League, Jutland and
        # Karelia") lists where, and so does a realm's word ("the Kestrel Empire").
        # A place inside a longer item ("Russia" in "A Just Russia") is not an item of its own.
        whole = set(items)
        places = [out[i] for i in run if out[i].kind == "PLACE" and (out[i].start, out[i].end) in whole]
        of_bodies = (
            major == "ORG"
            and len(places) < sum(out[i].kind == "ORG" for i in run)
            and all(_unknown_place(text[p.start : p.end], gaz) for p in places)
            and not any(
                w.casefold() in lexicon("polity_words") for p in places for w in text[p.start : p.end].split()
            )
        )
        for i in run:
            sp = out[i]
            told_by_words = _evidence(text, sp)
            if (told_by_words is None and sp.kind == minor) or (
                # "Kestrel Union, Harbour Party and Greater Tarvia": among bodies, a place no gazetteer
                # knows is a body's name too ("Norway" in such a list stays a place).
                of_bodies and sp.kind == "PLACE" and sp in places and told_by_words in (None, "ORG")
            ):
                out[i] = Span(sp.start, sp.end, major, major)
        taken = sorted((out[i].start, out[i].end) for i in near)
        taken_starts = [a for a, _ in taken]
        found.extend(
            Span(a, b, major, major)
            for a, b in items
            if not _overlaps_item(Span(a, b, major, major), taken, taken_starts)
            and _may_be_missed(text, a, b, major)
            and not (major == "ORG" and _joined_by_and(text, a, b))
        )
    return sorted([*out, *found], key=lambda sp: sp.start) if found else out


_THE_BEFORE = re.compile(r"\b[Tt]he $")


def _overlaps_item(sp: Span, items: Sequence[tuple[int, int]], item_starts: Sequence[int]) -> bool:
    """Whether ``sp`` overlaps one of ``items`` (sorted, not overlapping each other)."""
    k = bisect_left(item_starts, sp.end)
    return k > 0 and items[k - 1][1] > sp.start


_NAME_ON_NEXT_LINE = re.compile(r"\n[A-Z]")


def _may_be_missed(text: str, start: int, end: int, kind: str) -> bool:
    """Whether a list's item that no span covers may be a name of ``kind`` the model missed:
    no number ("Kestrel 12"), no common word alone ("Harbour is Home"), no name that runs
    on to the next line ("the Tverskóy\nStreets"), and no person's name after "the" ("Talma,
    Potier, the Sorbonne")."""
    surface = text[start:end]
    return not (
        re.search(r"\d", surface)
        or (" " not in surface and word_places(text, [surface.casefold()]))
        or _NAME_ON_NEXT_LINE.match(text, end)
        or (kind == "PERSON" and _THE_BEFORE.search(text, max(0, start - 4), start))
    )


_AND_BEFORE = re.compile(r"[^,] and $")
_AND_AFTER = re.compile(r" and (?!the )")


def _joined_by_and(text: str, start: int, end: int) -> bool:
    """A bare "and" beside an item may join two words of one body's name ("Anglers and
    Ferrymen", "Boards of Harbours, Ferries and Locks")."""
    return bool(_AND_BEFORE.search(text, max(0, start - 6), start) or _AND_AFTER.match(text, end))


_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")
#: Up to three capitalised words right before a place in the text.
_WORDS_BEFORE = re.compile(r"(?:(?<![\w’'-])[A-Z][\w’'-]*\s){1,3}$")


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def party_plurals(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """A party's name built on a plural for its members is an organisation.

    "voted for the Tarvian Greens", where the model read only a nationality or
    nothing: a plural such as "Greens" or "Democrats" after a people's name
    names the party. Alone, after a place ("Kettleby Democrats", its voters),
    or after a word for what they hold ("Social Democrats"), such a plural is a
    noun for followers, and no name.
    """
    out = list(spans)
    found: list[Span] = []
    for plural_start, end in word_places(text, (w.capitalize() for w in lexicon("party_plurals"))):
        before = _WORDS_BEFORE.search(text, max(0, plural_start - 80), plural_start)
        if before is None:
            continue
        words = list(_CAPITALISED.finditer(text, before.start(), plural_start))
        while words and (
            words[0].group() in ("The", "A", "An")
            or (words[0].group().casefold() in common and _sentence_start(text, words[0].start()))
        ):
            words = words[1:]
        # "Social Democrats", "Liberals": a word for what they hold makes a noun for followers.
        if not words:
            continue
        first = words[0].group()
        # "Tarvian Greens"; not "Texas Republicans", a state's voters.
        if not (
            gaz.is_demonym(first) or any(sp.kind == "GROUP" and (sp.start, sp.end) == words[0].span() for sp in out)
        ):
            continue
        start = words[0].start()
        inside = [sp for sp in out if sp.start < end and start < sp.end]
        if any(sp.start < start or sp.end > end or sp.kind == "ORG" for sp in inside):
            continue
        found.append(Span(start, end, "ORG", "ORG"))
        out = [sp for sp in out if sp not in inside]
    return sorted([*out, *found], key=lambda sp: sp.start)


#: After a body's noun: a comma or not, "The" or not, and capitalised words.
_NAME_AFTER_NOUN = re.compile(
    r"(?P<comma>,?)\s+(?:The\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|&)\s+)*[A-Z0-9][\w’'-]*)*)"
)
_WORD_BEFORE_NOUN = re.compile(r"([A-Za-z][\w’'-]*)\s+$")


_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})


def bodies_after_their_noun(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name right after a noun for a kind of body is that body's.

    "lyrics about the band Kestrel", "a column in the magazine The Harbour",
    "her old band, Kestrel, split in 2001": the model took the name for a person
    or a place, or never found it. With a comma between, the noun must have a
    word of its own before it ("her old band,", "rock band,"): "for the party,
    Orme" is an address. A name opening with a given name is a person's ("the
    band Ann Orme formed").
    """
    out = sorted(spans, key=lambda sp: sp.start)
    starts = {sp.start: i for i, sp in enumerate(out)}
    found: list[Span] = []
    for noun_start, noun_end in word_places(text, lexicon("body_nouns")):
        m = _NAME_AFTER_NOUN.match(text, noun_end)
        if m is None:
            continue
        word_before = _WORD_BEFORE_NOUN.search(text, max(0, noun_start - 30), noun_start)
        # "Harbour magazine, Orme noted": a name before the noun is the body's own.
        before = word_before.group(1) if word_before else "the"
        if m.group("comma") and (
            before.casefold() in ("the", "a", "an") or (before[:1].isupper() and before.casefold() not in _POSSESSIVES)
        ):
            continue
        start = m.start("name")
        words = m.group("name").split()
        while words and words[-1].endswith("."):  # the sentence's full stop
            words[-1] = words[-1][:-1]
            if not words[-1]:
                words.pop()
        if not words or is_role_word(words[0]) or words[0].casefold() in lexicon("title_words"):
            continue
        # "the band Ann Orme formed": a given name opens a person's name of two words.
        if len(words) >= 2 and words[0] in lexicon("given_names"):
            continue
        i = starts.get(start)
        if i is not None:
            sp = out[i]
            if sp.kind in ("PERSON", "PLACE") and " and " not in text[sp.start : sp.end]:
                out[i] = Span(sp.start, sp.end, "ORG", "ORG")
            continue
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words) or any(sp.start < end and start < sp.end for sp in out):
            continue
        found.append(Span(start, end, "ORG", "ORG"))
    return sorted([*out, *found], key=lambda sp: sp.start) if found else out


@cache
def _kind_plurals() -> dict[str, str]:
    """Plural nouns for kinds of bodies and people, and the kind each gives."""
    return {**dict.fromkeys(lexicon("body_plurals"), "ORG"), **dict.fromkeys(lexicon("people_plurals"), "PERSON")}


#: People's nouns whose examples may be bodies too ("critics such as the Kestrel Review").
_BODIES_TOO = frozenset({"critics", "commentators", "scholars", "sources", "observers"})

#: What introduces examples, and the noun for their kind before it ("parties (such as", "writers, like").
_EXAMPLE_CUES = ("such as", "like", "including", "notably", "especially", "among them")
_KIND_BEFORE_CUE = re.compile(r"\b([A-Za-z][a-z]+)(?:\s+\([^()\n]{1,40}\))?,?\s+$")
_THE_AFTER_CUE = re.compile(r"\s+(?:the\s+)?")


def examples_of_a_kind(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """Names given as examples of a kind are of that kind: "parties such as Kestrel and Orlwick".

    "parties such as Kestrel", "guitarists such as Fenby, Orlwick and Ann
    Sallow", "bands including Kestrel": the model took a party for a person, a
    guitarist for a body, or found nothing. Each name of the list that opens
    right after the cue takes the noun's kind, but for a name whose own words
    tell the other.
    """
    kinds = _kind_plurals()
    out = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in out]
    found: list[Span] = []
    for cue_start, cue_end in word_places(text, _EXAMPLE_CUES):
        noun = _KIND_BEFORE_CUE.search(text, max(0, cue_start - 60), cue_start)
        kind = kinds.get(noun.group(1).casefold()) if noun else None
        after = _THE_AFTER_CUE.match(text, cue_end)
        if kind is None or after is None:
            continue
        for start, end in _examples(text, after.end()):
            near = range(max(0, bisect_left(starts, start) - 1), bisect_left(starts, end))
            inside = [i for i in near if out[i].start < end and start < out[i].end]
            # "companies such as Orme's Kestrel": the owner is no example.
            if re.match(r"['’]s\b", text[end : end + 3]):
                continue
            if not inside:
                if _may_be_missed(text, start, end, kind):
                    found.append(Span(start, end, kind, kind))
            elif len(inside) == 1 and (out[inside[0]].start, out[inside[0]].end) == (start, end):
                sp = out[inside[0]]
                # "critics such as Kestrel Review": reviews and journals are critics too.
                if (
                    sp.kind in ("PERSON", "ORG")
                    and sp.kind != kind
                    and _evidence(text, sp) is None
                    and not (kind == "PERSON" and noun is not None and noun.group(1).casefold() in _BODIES_TOO)
                ):
                    out[inside[0]] = Span(sp.start, sp.end, kind, kind)
    return sorted([*out, *found], key=lambda sp: sp.start) if found else out


#: A name in a list: capitalised words and the small words between them, no possessive.
_EXAMPLE = re.compile(
    r"[A-Z0-9](?:[\w.&-]|['’](?!s\b))*(?: (?:(?:of|the|for|to|&|de|du|des) )*[A-Z0-9](?:[\w.&-]|['’](?!s\b))*)*"
)
_EXAMPLE_GAP = re.compile(r"(?: \([^()\n]{1,40}\))?(?:, (?:(?:and|or) )?(?:the )?| (?:and|or) (?:the )?)")


_SENTENCE_END = re.compile(r"(?<=[a-z]{4})\.(?=\s|$)")


def _lists(text: str, spans: Sequence[Span]) -> Iterator[list[tuple[int, int]]]:
    """The lists of three names or more that open at one of ``spans`` (sorted), each once."""
    done = 0
    for first in spans:
        if first.start < done:
            continue
        items = _examples(text, first.start)
        done = items[-1][1] if items else first.end
        if len(items) >= 3:
            yield items


def _examples(text: str, pos: int) -> list[tuple[int, int]]:
    """The names of a list of examples that opens at ``pos`` ("Kestrel, Orlwick and the Fenby
    Union"), as far as the list goes."""
    found = []
    while (m := _EXAMPLE.match(text, pos)) is not None:
        start, end = m.start(), m.end()
        # A full stop after a word of four letters or more ends the sentence, and the list
        # ("St. Orme. Kestrel Review"); "St." and initials do not.
        stop = _SENTENCE_END.search(text, start, end)
        if stop is not None:
            end = stop.start() + 1
        if text[end - 1] == ".":
            end -= 1
        found.append((start, end))
        gap = _EXAMPLE_GAP.match(text, m.end())
        if stop is not None or gap is None:
            break
        pos = gap.end()
    return found


@cache
def _body_cue() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(lexicon("body_verbs")))
    return re.compile(rf"\s+(?:{verbs})\b")


def bodies_by_what_they_do(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name followed by what only a body does is a body's: "Kestrel merged with", "Kestrel was
    founded in 2005".

    The model took the name for a person's, and so does every mention of it; one
    that opens with a given name or initials stays a person's.
    """
    cue = _body_cue()
    out = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            sp.kind == "PERSON"
            and len(words) <= 3
            and words[0] not in lexicon("given_names")
            and not _INITIALS.fullmatch(text[sp.start : sp.end])
            and cue.match(text, sp.end)
        ):
            sp = Span(sp.start, sp.end, "ORG", "ORG")
        out.append(sp)
    return out


def towns_listed_as_bodies(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A town's name that the model, like every other name of its list, read as a body's is a body's.

    "suppliers such as Kestrel, Orlwick and Harbour Tarvia" where the model
    labelled all three organisations and the gazetteer turned "Kestrel", also a
    town's name, into a place: in a list of three names or more that the model
    read as bodies only, and where most stayed bodies, such a name is a body
    too. A country's or a region's name stays a place.
    """
    out = sorted(spans, key=lambda sp: sp.start)
    by_start = {sp.start: i for i, sp in enumerate(out)}
    for items in _lists(text, out):
        listed = [by_start.get(a) for a, _ in items]
        if any(i is None or out[i].end != b or out[i].label != "ORG" for i, (_, b) in zip(listed, items, strict=True)):
            continue
        towns = [i for i in listed if i is not None and out[i].kind == "PLACE" and _read_as_body(text, out[i], gaz)]
        bodies = sum(1 for i in listed if i is not None and out[i].kind == "ORG")
        if towns and bodies >= len(towns) and bodies + len(towns) == len(listed):
            for i in towns:
                out[i] = Span(out[i].start, out[i].end, "ORG", "ORG")
    return out


def _read_as_body(text: str, sp: Span, gaz: Gazetteer) -> bool:
    """A place's name the model labelled an organisation, that is no country's or region's."""
    surface = text[sp.start : sp.end]
    return (
        sp.label == "ORG"
        # "Kia, Hyundai and Ulsan shipyards": a great city's name in such a list is still the city.
        and not gaz.is_known_place(surface, 1_000_000)
        and gaz.country_of_name(surface) is None
        and not gaz.is_demonym(surface)
        and name_key(surface) not in gaz.broad
    )
