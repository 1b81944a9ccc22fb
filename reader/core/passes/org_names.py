"""Organisation names the model cuts short, splits or never finds, read from their head word.

A name such as "Progressive Conservative Party of Manitoba" ends in a head word
that says what it names ("Party", "League", "Corp."). The model often stops at
the head, splits the name at "and", or finds nothing. These passes read the
capitalised run around a head word as one organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from reader.core.model import Span
from reader.core.passes.spans import joined_with_next, put_names
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, name_key

#: Small words that may stand inside a name between capitalised words.
CONNECTORS = frozenset({"of", "for", "and", "the", "in", "de", "du", "des", "la", "le", "&", "on", "to"})
_WORD = re.compile(r"[\w’'.&-]+")


@cache
def org_heads() -> frozenset[str]:
    """Head words that end an organisation's name (lower case)."""
    return lexicon("org_heads") | lexicon("body_heads")


def ends_in_org_head(surface: str) -> bool:
    """True when the last word of ``surface`` is an organisation's head word ("Labour Party")."""
    words = surface.split()
    if len(words) < 2:
        return False
    last = words[-1].casefold()
    return last in org_heads() or last.rstrip(".") in org_heads()


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _run_after(text: str, pos: int) -> int:
    """The end of a run "of Xxx Yyy" / "for the Xxx" that starts at ``pos``, or ``pos`` when none does.

    The run opens with "of" or "for" (and an optional "the"), then capitalised
    words, with "of" or a foreign article only between two of them; it stops at
    anything else ("and" starts another name, "in" a place where the body sits).
    """
    m = re.match(r" (?:of|for)(?: the)? (?=[A-Z])", text[pos : pos + 12])
    if not m:
        return pos
    end = pos + m.end()
    last_good = pos
    while True:
        w = _WORD.match(text, end)
        if not w:
            break
        word = w.group()
        if word[:1].isupper():
            last_good = end + len(word.rstrip(".,"))
        elif word not in _TAIL_CONNECTORS:
            break
        nxt = end + len(word)
        if text[nxt : nxt + 1] != " " or word != word.rstrip(".,"):
            break
        end = nxt + 1
    return last_good


_TAIL_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "&"})


def join_name_tails(text: str, spans: Sequence[Span]) -> list[Span]:
    """A name cut before its "of/in/for" tail is one organisation.

    "the Communist Party of Greece" read as "Communist Party" + "Greece", or
    "World Wide Fund for Nature" as "World Wide Fund": an organisation whose name
    ends in a head word ("Party", "Fund"), or is a head word "of" whom it gathers
    ("League of Anglers" + "of Tarvia"), runs on through a following "of / for"
    and capitalised words.
    """
    out = sorted(spans, key=lambda s: s.start)
    result: list[Span] = []
    i = 0
    while i < len(out):
        sp = out[i]
        surface = text[sp.start : sp.end]
        if (sp.kind in ("ORG", "PLACE", "PERSON") and ends_in_org_head(surface)) or (
            sp.kind == "ORG" and _head_of_members(surface)
        ):
            end = _run_after(text, sp.end)
            if end > sp.end:
                j = i + 1
                while j < len(out) and out[j].start < end:
                    j += 1
                inside = out[i + 1 : j]
                if all(o.end <= end and o.kind == "PLACE" for o in inside):
                    result.append(Span(sp.start, end, "ORG", "ORG"))
                    i = j
                    continue
        result.append(sp)
        i += 1
    return result


def _head_of_members(surface: str) -> bool:
    """ "League of Anglers", "Democratic Union of Tarvians": a head word, "of", and whom it gathers."""
    words = surface.split()
    if "of" not in words[1:-1]:
        return False
    i = len(words) - 1 - words[::-1].index("of")
    return words[i - 1].casefold() in org_heads() and all(w[:1].isupper() for w in words[i + 1 :])


def _has_head_word(surface: str) -> bool:
    return any(w.casefold() in org_heads() for w in surface.split())


def _gathers_members(surface: str, gaz: Gazetteer | None) -> bool:
    """ "Alliance of Anglers": a head word "of" whom it gathers, not of a place ("Party of Tarvia")."""
    if not _head_of_members(surface):
        return False
    tail = surface.rsplit(" of ", 1)[1]
    return gaz is None or not (gaz.is_known_place(tail) or gaz.country_of_name(tail) is not None)


def _joins(text: str, prev: Span, sp: Span, gaz: Gazetteer | None) -> bool:
    first = text[prev.start : prev.end]
    if (
        prev.kind not in ("ORG", "GROUP")
        or ends_in_org_head(first)
        or (_has_head_word(first) and not _gathers_members(first, gaz))
        or len(first.split()) < 2
    ):
        return False
    gap = text[prev.end : sp.start]
    words = gap.split()
    return (
        gap.startswith(" ")
        and gap.endswith(" ")
        and "\n" not in gap
        and words[:1] == ["and"]
        and len(words) <= 4
        and "the" not in words
        and all(w in CONNECTORS or _capitalised(w) for w in words)
        and not any(ch in gap for ch in ',;:()"“”')
    )


def join_across_connectors(text: str, spans: Sequence[Span], gaz: Gazetteer | None = None) -> list[Span]:
    """Two pieces of one organisation's name split at "and" or "of" are one name.

    "Social Democratic and Labour Party" read as "Social Democratic" + "Labour
    Party", or "Alliance of Anglers and Ferrymen for Tarvia Party" as "Alliance of
    Anglers" + "Tarvia Party": when the second piece ends in a head word and the
    first holds none (or is a head word "of" whom it gathers), and only "and",
    capitalised words and connectors lie between them, they are one ORG.
    """
    out = sorted(spans, key=lambda s: s.start)
    result: list[Span] = []
    for sp in out:
        joined = False
        if sp.kind in ("ORG", "PLACE", "PERSON") and ends_in_org_head(text[sp.start : sp.end]):
            # The nearest span before, or the one before the nationalities read inside the gap.
            for back in range(len(result) - 1, max(-1, len(result) - 4), -1):
                if _joins(text, result[back], sp, gaz):
                    result[back:] = [Span(result[back].start, sp.end, "ORG", "ORG")]
                    joined = True
                    break
                if result[back].kind != "GROUP":
                    break
        if not joined:
            result.append(sp)
    return result


_STATE_HEADS = frozenset({"union", "federation", "commonwealth", "confederation", "front", "embassy"})


def _given_name_and_surname(surface: str) -> bool:
    words = surface.split()
    # A surname is no plural: "Atlas Ferries", "Ann Holdings" stay bodies.
    return (
        len(words) == 2
        and words[0] in lexicon("given_names")
        and words[1][:1].isupper()
        and not words[1].endswith("s")
    )


def head_word_kind(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name built on an organisation's head word is an organisation, whatever the model said.

    "Euskadi Workers Party" taken for a person, "Acme Laboratory" for a place:
    the last word names a kind of body.
    """
    return [
        Span(sp.start, sp.end, "ORG", "ORG")
        if sp.kind in ("PERSON", "PLACE")
        and ends_in_org_head(text[sp.start : sp.end])
        # "Soviet Union", "Russian Federation": a state's name may end in a body's word.
        and not (sp.kind == "PLACE" and text[sp.start : sp.end].split()[-1].casefold() in _STATE_HEADS)
        # "Margaret Court", "Charlotte Church": a given name and one word the model read as a person.
        and not (sp.kind == "PERSON" and _given_name_and_surname(text[sp.start : sp.end]))
        and not gaz.is_known_place(text[sp.start : sp.end])
        else sp
        for sp in spans
    ]


_RUN = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'-]*\.?|\d+)(?:(?: (?:of|for|and|the|de|du|des|&))*(?: (?:[A-Z][\w’'-]*\.?|\d+)))+"
)


def _pieces(text: str) -> list[tuple[int, list[str]]]:
    """The capitalised runs of ``text`` as (start, words), split where a word's full stop ends a
    sentence ("the Club. In the Rowing Club" is two runs)."""
    pieces = []
    for m in _RUN.finditer(text):
        start, words = m.start(), m.group().split()
        piece: list[str] = []
        for w in words:
            piece.append(w)
            if w.endswith(".") and len(w) > 3 and w.casefold() not in org_heads():
                pieces.append((start, piece))
                start += len(" ".join(piece)) + 1
                piece = []
        if piece:
            pieces.append((start, piece))
    return pieces


def _untaken(piece: tuple[int, list[str]], taken: Sequence[tuple[int, int]]) -> list[tuple[int, list[str]]]:
    """The parts of a capitalised run that no span covers ("the Nigerien Workers Party and the
    Lanka Party", where the model found only the second, gives the first)."""
    start, words = piece
    end = start + len(" ".join(words))
    if not any(a < end and start < b for a, b in taken):
        return [piece]
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    current_start = pos = start
    for w in words:
        if any(a < pos + len(w) and pos < b for a, b in taken):
            if current:
                runs.append((current_start, current))
            current = []
        else:
            if not current:
                current_start = pos
            current.append(w)
        pos += len(w) + 1
    if current:
        runs.append((current_start, current))
    trimmed = []
    for run_start, run in runs:
        # A part after a covered name opens with its connector ("and the Workers' Party").
        while run and run[0].islower():
            run_start += len(run[0]) + 1
            run = run[1:]
        if run:
            trimmed.append((run_start, run))
    return trimmed


def missed_org_names(text: str, spans: Sequence[Span], common: frozenset[str]) -> list[Span]:
    """Organisations the model never found, read from their head word.

    "She joined the Kestrel Valley Walkers League in 1990": a run of capitalised
    words ending in a head word ("League", "Party", "Corp.") with no span on it
    is an organisation. A capitalised common word opening a sentence is left out;
    the words of a run that the model's own names cover are left to them.
    """
    from reader.core.entities import is_role_word  # entities reads this module's heads

    taken = sorted((s.start, s.end) for s in spans)
    found: list[Span] = []
    for s, words in (run for piece in _pieces(text) for run in _untaken(piece, taken)):
        e = s + len(" ".join(words))
        # "On 1 July 1863 the Army": a date inside the run is no part of a name; the name starts after it.
        numbers = [i for i, w in enumerate(words) if i > 0 and w.rstrip(",.").isdigit()]
        if numbers:
            cut = numbers[-1] + 1
            s += len(" ".join(words[:cut])) + 1
            words = words[cut:]
        # Stop at the last head word of the run ("the Foo Party Congress" keeps "Congress").
        while len(words) >= 2 and not ends_in_org_head(" ".join(words)):
            words.pop()
        if words and words[-1].endswith(".") and words[-1].casefold() not in org_heads():
            words[-1] = words[-1][:-1]
        if words and words[0] in ("The", "A", "An"):
            words = words[1:]
            s = text.index(words[0], s) if words else s
        while words and words[-1].casefold() in CONNECTORS:
            words.pop()
        if len(words) < 2 or not ends_in_org_head(" ".join(words)):
            continue
        first = words[0]
        before = text[max(0, s - 3) : s].rstrip(" \"“‘'(")
        sentence_start = not before or before[-1] in ".!?\n:"
        if first.casefold() in common and sentence_start:
            words = words[1:]
            while words and words[0].casefold() in CONNECTORS:
                words = words[1:]
            if len(words) < 2:
                continue
            s = text.index(words[0], s)
        e = s + len(" ".join(words)) if text[s : s + len(" ".join(words))] == " ".join(words) else e
        if text[s:e] != " ".join(words):
            continue
        if any(a < e and s < b for a, b in taken):
            continue
        # "a Reform Party candidate": a kind of body, not one body.
        if re.search(r"\b(?:a|an|any|every|each)\s+$", text[max(0, s - 6) : s]):
            continue
        if all(w.casefold() in org_heads() or w.casefold() in CONNECTORS for w in words):
            continue
        # "the Chief of Police": a role over a kind of body is no body's name.
        if (
            len(words) >= 3
            and words[1] == "of"
            and is_role_word(words[0])
            and all(w.casefold() in org_heads() or w.casefold() in CONNECTORS for w in words[2:])
        ):
            continue
        found.append(Span(s, e, "ORG", "ORG"))
    return sorted([*spans, *found], key=lambda sp: sp.start)


#: Small words inside a name written in another language ("Partido de los Trabajadores").
_ABROAD_CONNECTORS = (
    "de|del|della|delle|dei|degli|di|du|des|la|le|les|los|las|el|al|a|y|e|et|en|i"
    "|und|für|pour|per|por|para|ng|ni|na|za|do|da|dos|das|van|voor"
)
_ABROAD_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w’'-]*|\d+)"
#: A capitalised run, with the small words of other languages between its words.
_ABROAD_RUN = re.compile(
    rf"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'-]*(?:[ \t]+(?:(?:{_ABROAD_CONNECTORS})[ \t]+)*{_ABROAD_WORD})+"
)
_RUN_WORD = re.compile(_ABROAD_WORD)


_WORD_CHAR = re.compile(r"[\w’'-]")


def word_places(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where each of ``words`` stands in ``text`` as a whole word, in order: a search for each
    word is much quicker than one pattern of them all, and most texts hold none of them."""
    places = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            if not (i and _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, j):
                places.append((i, j))
            i = text.find(word, i + 1)
    return sorted(places)


def runs_around(
    text: str, anchors: Iterable[tuple[int, int]], run: re.Pattern[str], reach: int = 300
) -> list[re.Match[str]]:
    """The matches of ``run`` that hold one of ``anchors`` (start, end), each once: reading only
    near the anchors, which are rare, is much faster than running ``run`` over the whole text."""
    found: dict[int, re.Match[str]] = {}
    last_end = 0
    for a, b in sorted(anchors):
        # An anchor inside the run found last belongs to it; a new run starts after it.
        if a < last_end:
            continue
        for m in run.finditer(text, max(last_end, a - reach), min(len(text), b + reach)):
            if m.start() <= a and b <= m.end():
                found.setdefault(m.start(), m)
                last_end = m.end()
                break
    return [found[k] for k in sorted(found)]


def party_names_abroad(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """A party's name in its own language is one organisation: "Partido Verde Tarviano", "Kestrel Liga".

    The model reads such a name as a person ("Partido Verde"), a place
    ("Tarviano") or nothing; a capitalised word for "party", "movement",
    "league" or "unity" in another language, first or anywhere in the name,
    makes the capitalised run holding it (with the small words between its
    words) one name. What opens the run before that word and is no part of the
    name is left out: a common word opening a sentence, an article, a place or a
    people ("Tarvia Liga Rakyat", "the Danish Partei für Hafen"); a
    given name before it makes a person's name ("Maria Sena").
    """
    heads = lexicon("party_words_abroad")
    anchors = word_places(text, (h[:1].upper() + h[1:] for h in heads))
    if not anchors:
        return list(spans)
    names: list[tuple[int, int]] = []
    for m in runs_around(text, anchors, _ABROAD_RUN):
        words = list(_RUN_WORD.finditer(m.group()))
        if not any(w.group().casefold() in heads for w in words):
            continue
        # "Ann Orme's Forza Kestrel": a possessive before the name is its owner's.
        owner = max((i for i, w in enumerate(words) if w.group().endswith(("'s", "’s"))), default=-1)
        first_head = next(i for i, w in enumerate(words) if w.group().casefold() in heads)
        if owner < first_head:
            words = words[owner + 1 :]
        while words and words[0].group().casefold() not in heads:
            first = words[0].group()
            if not (
                first.casefold() in common
                or first.isdigit()
                or first in ("The", "A", "An")
                or gaz.is_known_place(first)
                or gaz.is_demonym(first)
                or re.search(r"-[a-z]", first)
            ):
                break
            words = words[1:]
        if len(words) < 2:
            continue
        if words[0].group().casefold() not in heads and words[0].group() in lexicon("given_names"):
            continue
        s, e = m.start() + words[0].start(), m.end()
        if gaz.is_known_place(text[s:e]):
            continue
        names.append((s, e))
    return put_names(spans, names, "ORG")


_THE_BEFORE = re.compile(r"\b[Tt]he $")


def plural_names_after_the(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """ "the Kestrels", "the Harbour Rovers": a plural name after "the" is a team or a band, not a person.

    "helped the Kestrels to two titles" where the model took "Kestrels" for a
    person, or for a place the gazetteer does not know: one capitalised word in
    the plural after "the" names a club, a band or a party.
    """
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if (
            sp.kind in ("PERSON", "PLACE")
            and " " not in surface
            and surface[:1].isupper()
            and not surface.isupper()
            and surface.endswith("s")
            # "the Bosphorus": a name in -us or -os is no plural.
            and not surface.endswith(("ss", "'s", "’s", "us", "os"))
            # "the Mormons": a faith's followers are a group, not a band.
            and surface.casefold().removesuffix("s") not in lexicon("faith_and_party_words")
            and _THE_BEFORE.search(text, max(0, sp.start - 4), sp.start)
            and not gaz.is_known_place(surface)
            and gaz.country_of_name(surface) is None
            and not gaz.is_demonym(surface)
            and name_key(surface) not in gaz.broad  # "the Americas"
        ):
            sp = Span(sp.start, sp.end, "ORG", "ORG")
        out.append(sp)
    return out


def nationality_opens_body(text: str, spans: Sequence[Span]) -> list[Span]:
    """A nationality right before a body's name opens that name: "the Tarvian Communist Party".

    The model often reads "Tarvian" as a people (a nationality) and the rest
    as the body, or finds the rest only from its head word; a body's name built
    on a head word ("Party", "League") with a nationality before it, after
    "the", a list's comma or a bracket ("..., Tarvian Motoring Party and"), is
    one name.
    """

    def join(sp: Span, nxt: Span) -> Span | None:
        if (
            sp.kind == "GROUP"
            and nxt.kind == "ORG"
            and text[sp.end : nxt.start] == " "
            and ends_in_org_head(name := text[nxt.start : nxt.end])
            and _THE_OPENS.search(text, max(0, sp.start - 4), sp.start)
            # After a comma or a bracket only a party's or a league's kind of name: "Japanese
            # Toyota Motor Corporation" is a company and the country it comes from.
            and (
                _THE_JUST_BEFORE.search(text, max(0, sp.start - 4), sp.start)
                or name.split()[-1].casefold() in _ASSOCIATIONS
            )
        ):
            return Span(sp.start, nxt.end, "ORG", nxt.label)
        return None

    return joined_with_next(spans, join)


_THE_JUST_BEFORE = re.compile(r"\b[Tt]he $")
#: Head words of parties, leagues and assemblies, which a nationality after a comma may open.
_ASSOCIATIONS = frozenset(
    {"party", "congress", "league", "federation", "union", "movement", "front", "alliance", "coalition"}
    | {"caucus", "bloc", "assembly", "council"}
)
#: Where a name may open: after "the", a list's comma or a bracket.
_THE_OPENS = re.compile(r"(?:\b[Tt]he|,|\() $|\($")


#: The capitalised words before a body's name that the model may leave out: one to three, the
#: first maybe joined to the rest by "and" ("the Peace and Freedom Party", "the Co-operative
#: Commonwealth Federation"), after "the", "(" or a list's comma.
_WORD_OPENING = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
_OPENING_WORDS = re.compile(
    rf"(?:(?<=\bthe )|(?<=\bThe )|(?<=\()|(?<=, )|(?<=\ba )|(?<=\ban ))((?:{_WORD_OPENING} ){{0,2}}{_WORD_OPENING}) $"
    # "and" only after "the" or "(": "the Peace and Freedom Party", not "Labour, Green and Crofters League".
    rf"|(?:(?<=\bthe )|(?<=\bThe )|(?<=\())((?:{_WORD_OPENING} ){{0,2}}{_WORD_OPENING}) and $"
)
_MONTHS_AND_DAYS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    }
)


_BOTH_THE = re.compile(r"\b(?:[Bb]oth|[Bb]etween|[Ee]ither|[Nn]either) the $")
_PLURAL_AFTER = re.compile(r" [a-z]+s\b")
_BRACKET_CLOSES = re.compile(r"(?: [a-z]+)?\)")


_A_BEFORE = re.compile(r"\ban? $")
_RANK_ENDING = re.compile(r"(?:ing|ed|ful|long|war)$")
_PARTICLES_ENDING = frozenset({"up", "in", "on", "out", "off", "time"})
_RANKS = frozenset(
    {"visiting", "emeritus", "adjunct", "associate", "assistant", "honorary", "senior", "junior", "former"}
    | {"veteran", "prominent", "top", "key", "leading"}
)


def _opens_name(
    text: str, start: int, words: Sequence[str], joined_by_and: bool, end: int, common: frozenset[str]
) -> bool:
    """Whether the capitalised ``words`` at ``start`` open the body's name that ends at ``end``."""
    from reader.core.entities import is_role_word

    in_brackets = text[start - 1 : start] == "("
    # After a comma, a bracket or "a"/"an", the words may be the sentence's own ("a Harbour Party candidate").
    after_a = bool(_A_BEFORE.search(text, max(0, start - 3), start))
    after_comma = in_brackets or after_a or text[max(0, start - 2) : start] == ", "
    for w in words:
        key = w.casefold()
        suffix = key.rsplit("-", 1)[1] if "-" in key else ""
        # "a Visiting Harbour University fellow", "a Lifelong Labour Party member": after "a", a
        # rank or a word of praise.
        if after_a and (_RANK_ENDING.search(key) or suffix in _PARTICLES_ENDING or key in _RANKS):
            return False
        # "the Blair-era Labour Party": a word made an adjective by its hyphen opens no name.
        if is_role_word(w) or key in _MONTHS_AND_DAYS or suffix in lexicon("hyphen_adjectives"):
            return False
        # "However, Harbour Party members", "(Mostly Harbour Party members)": a word of the sentence.
        if after_comma and (key in common or key.endswith("ly")):
            return False
    # "(See Harbour Party manifesto, page 2)": in brackets, only a name that fills them, or all but
    # one word after it ("(Tarvian Harbour Party candidate)").
    if in_brackets and not _BRACKET_CLOSES.match(text, end):
        return False
    # "the Labour and Harbour Party conferences", "both the Green and Harbour Party": two bodies.
    return not (
        joined_by_and
        and (
            (len(words) == 1 and words[0].casefold() in lexicon("faith_and_party_words"))
            or bool(_BOTH_THE.search(text, max(0, start - 13), start))
            or bool(_PLURAL_AFTER.match(text, end))
        )
    )


def body_name_openers(text: str, spans: Sequence[Span], common: frozenset[str]) -> list[Span]:
    """The first words of a body's name that the model left out: "the Peace and Freedom Party".

    A body's name built on a head word ("Party", "Federation") whose span the
    model began too late, with capitalised words before it that no span holds
    ("the Co-operative [Commonwealth Federation]", "the Social Democratic and
    [Labour Party]"), after "the", "a" or "an" ("a Co-operative Commonwealth
    Federation candidate"), a list's comma, or an opening bracket the name
    fills: those words open the name. Not a role, a month or a day ("the
    June Kestrel Party congress"), a word made an adjective by its hyphen ("the
    Blair-era Labour Party"), nor, after a comma, a bracket or "a", an adverb or
    a word the text also writes in lower case ("However, Labour Party members");
    "the Labour and Harbour Party conferences" names two bodies.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    for sp in ordered:
        if sp.kind == "ORG" and ends_in_org_head(text[sp.start : sp.end]):
            m = _OPENING_WORDS.search(text, max(0, sp.start - 60), sp.start)
            previous_end = out[-1].end if out else 0
            start = (m.start(1) if m.group(1) else m.start(2)) if m else -1
            if (
                m
                and start >= previous_end
                and _opens_name(text, start, (m.group(1) or m.group(2)).split(), not m.group(1), sp.end, common)
            ):
                sp = Span(start, sp.end, "ORG", sp.label)
        out.append(sp)
    return out
