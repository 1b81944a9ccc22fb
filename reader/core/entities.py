"""Clean raw model spans into mentions: strip "the", possessives, titles; mend names.

A raw span is what the model found: ``(start, end, label)`` in code points of the
document's text. :func:`clean_span` turns one raw span into zero or more
:class:`Span` objects with a Gazette kind (PERSON, PLACE, ORG, GROUP).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.core.chunks import split_chunks
from reader.core.model import KIND_OF_LABEL, RawSpan, Span
from reader.core.places import AMBIGUOUS_COUNTRY_NAMES, Gazetteer, name_key

#: Labels the model gives to names of countries and cities by mistake; a
#: gazetteer match turns such a span into a PLACE.
_RESCUED_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})

#: Words of titles and roles that precede a name ("Foreign Minister", "Secretary of State").
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "trade",
        "economy",
        "health",
        "justice",
        "secretary",
        "state",
        "general",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "crown",
        "sheikh",
        "emir",
        "pope",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "lord",
        "lady",
        "dame",
        "senator",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "representative",
        "governor",
        "gov",
        "gov.",
        "mayor",
        "judge",
        "chief",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "colonel",
        "col",
        "col.",
        "captain",
        "capt",
        "capt.",
        "lt",
        "lt.",
        "lieutenant",
        "sgt",
        "sgt.",
        "sergeant",
        "major",
        "admiral",
        "adm",
        "adm.",
        "gen",
        "gen.",
        "marshal",
        "officer",
        "professor",
        "prof",
        "prof.",
        "coach",
        "leader",
        "supreme",
        "deputy",
        "attorney",
        "congressman",
        "congresswoman",
        "mp",
        "speaker",
        "president-elect",
        "archbishop",
        "bishop",
        "cardinal",
        "rabbi",
        "imam",
        "reverend",
        "rev",
        "rev.",
        "father",
        "sister",
        "brother",
        "chief-executive",
        "executive",
        "founder",
        "minister-president",
        "secretary-general",
        "undersecretary",
        "under-secretary",
        "home",
        "security",
        "national",
        "opposition",
        "party",
        "head",
        "deputy-minister",
        "first",
        "second",
        "minority",
        "majority",
        "former",
        "late",
        "then",
        "acting",
        "incoming",
        "outgoing",
        "interim",
        "top",
        "senior",
        "assistant",
        "associate",
        "lawmaker",
        "transport",
        "energy",
        "environment",
        "agriculture",
        "education",
        "culture",
        "industry",
        "tourism",
        "fisheries",
        "infrastructure",
        "communications",
    ]
)

#: Final words of events, laws and treaties, which are not entities.
_EVENT_WORDS = frozenset(
    [
        "agreement",
        "agreements",
        "treaty",
        "accord",
        "accords",
        "act",
        "convention",
        "protocol",
        "summit",
        "war",
        "games",
        "olympics",
        "olympic",
        "cup",
        "championship",
        "championships",
        "declaration",
        "resolution",
        "pact",
        "doctrine",
        "bill",
        "amendment",
        "festival",
        "awards",
        "award",
        "prize",
        "election",
        "elections",
    ]
)

#: Words that make a storm's name, which is an event, not an entity.
_STORM_WORDS = frozenset(["cyclone", "hurricane", "typhoon", "storm", "tropical"])

#: Words that often open a name and are common words too ("North Korea", "New York").
_NAME_OPENERS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "new",
        "upper",
        "lower",
        "great",
        "greater",
        "united",
        "royal",
        "national",
        "saint",
        "san",
        "santa",
        "st",
        "grand",
        "old",
        "little",
        "first",
        "middle",
        "far",
        "near",
        "red",
        "black",
        "white",
        "green",
        "blue",
        "golden",
    ]
)

#: Lower-case words that follow a place name without belonging to it ("the Kursk region").
_PLACE_GENERICS = frozenset(
    ["region", "province", "oblast", "area", "district", "county", "prefecture", "governorate", "territory"]
)

#: Suffixes after a hyphen that make an adjective, not a name ("Seoul-based").
_HYPHEN_ADJECTIVES = frozenset(
    [
        "based",
        "led",
        "backed",
        "born",
        "made",
        "owned",
        "run",
        "controlled",
        "held",
        "occupied",
        "style",
        "era",
        "bound",
        "linked",
        "funded",
        "aligned",
        "allied",
        "friendly",
        "speaking",
        "leaning",
        "oriented",
        "centric",
        "wide",
    ]
)

_TRAILING_PUNCT = ".,;:!?\"'”’“‘)]}»…–—-/"
_LEADING_PUNCT = "\"'“‘”’([{«…–—-/*"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|Mt|Ft|Gen|Adm)\.$")
_LOWER_PREFIX = re.compile(r"[a-z]+-(?=[A-Z])")
_COMPOUND_SPLIT = re.compile(r"(?<=[\w.])[-–](?=[A-Z])")


def _strip_edges(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim whitespace, a leading "the", possessives and trailing punctuation."""
    changed = True
    while changed and s < e:
        changed = False
        while s < e and text[s].isspace():
            s += 1
        while s < e and text[e - 1].isspace():
            e -= 1
        if s < e and text[s] in _LEADING_PUNCT:
            s += 1
            changed = True
        low = text[s : s + 4].lower()
        if low == "the " or low == "the\n":
            s += 4
            changed = True
        chunk = text[s:e]
        if chunk.endswith(("'s", "’s", "'S", "’S")) and e - s > 2:
            e -= 2
            changed = True
        elif chunk.endswith(("s'", "s’")) and e - s > 2:
            e -= 1
            changed = True
        elif chunk and chunk[-1] in _TRAILING_PUNCT:
            if chunk[-1] == "." and _ABBREVIATION_END.search(chunk):
                break
            e -= 1
            changed = True
    return s, e


def _strip_person_titles(text: str, s: int, e: int, gaz: Gazetteer) -> int:
    """Move ``s`` past leading titles, roles and nationalities of a person's name."""
    while True:
        m = re.match(r"\S+\s+", text[s:e])
        if not m:
            return s
        word = m.group().strip()
        key = word.casefold().rstrip(",")
        if (
            key in TITLE_WORDS
            or key in ("of", "the", "for", "and")
            or word[:1].islower()
            or gaz.is_demonym(word)
            or gaz.country_of_name(word) is not None
        ):
            s += m.end()
            continue
        # Two-word nationalities and countries ("North Korean Foreign Minister").
        m2 = re.match(r"\S+\s+\S+\s+", text[s:e])
        if m2:
            pair = m2.group().strip()
            if gaz.is_demonym(pair) or gaz.country_of_name(pair) is not None:
                s += m2.end()
                continue
        return s


def _rescue_kind(surface: str, kind: str | None, label: str, gaz: Gazetteer) -> str | None:
    """Correct the kind with the gazetteer: countries and cities are places."""
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


def is_title_word(surface: str) -> bool:
    return name_key(surface) in TITLE_WORDS


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def clean_span(text: str, raw: RawSpan, gaz: Gazetteer, common: frozenset[str] = frozenset()) -> list[Span]:
    """Turn one raw model span into clean mentions (possibly none, possibly two).

    Strips a leading "the", possessives, trailing punctuation and a person's
    titles; mends hyphenated names the tokenizer cut; splits compounds of
    places (``U.S.-China``); drops events, laws and bare titles. ``common``
    holds the lower-case words of the document, to tell a sentence's first
    word from a name.
    """
    kind = KIND_OF_LABEL.get(raw.label)
    if kind is None and raw.label not in _RESCUED_LABELS:
        return []
    s, e = _strip_edges(text, raw.start, raw.end)
    # A headline or dateline line break ends a name: "Mozambique\nMAPUTO".
    newline = text.find("\n", s, e)
    if newline != -1:
        rest = text[newline + 1 : e].strip()
        if "\n\n" in text[s:e] or rest.isupper() or not rest[:1].isupper():
            s, e = _strip_edges(text, s, newline)
    if kind == "PERSON":
        s = _strip_person_titles(text, s, e, gaz)
    # "Neighbouring Malawi", "Turnout": a capitalised common word opening a
    # sentence is not part of a name.
    if common:
        m = re.match(r"[A-Z][a-z]+\b", text[s:e])
        if (
            m
            and m.group().lower() in common
            and m.group().lower() not in _NAME_OPENERS
            and _starts_sentence(text, s)
            and not gaz.is_known_place(text[s:e])
            and not gaz.is_demonym(text[s:e])
        ):
            s += m.end()
            while s < e and text[s] == " ":
                s += 1
    # "Yonhap news agency": lower-case words do not end a name.
    m = re.search(r"(?:\s+[a-z][a-z’'-]*)+$", text[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    # "pro-Beijing", "anti-NATO": the lower-case prefix is not part of the name.
    m = _LOWER_PREFIX.match(text, s, e)
    if m:
        s = m.end()
    # "Seoul-based": drop an adjective suffix.
    m = re.search(r"-([a-z]+)$", text[s:e])
    if m and (m.group(1) in _HYPHEN_ADJECTIVES or len(m.group(1)) > 4):
        e -= len(m.group())
    # "the Kursk region": the generic word is not part of the name.
    m = re.search(r"\s+([a-z]+)$", text[s:e])
    if m and m.group(1) in _PLACE_GENERICS:
        e -= len(m.group())
    # "Choe Son" + "-hui": the tokenizer cut a hyphenated given name.
    if kind == "PERSON":
        m = re.match(r"-[a-z]{1,4}(?![\w-])", text[e : e + 6])
        if m and m.group()[1:] not in _HYPHEN_ADJECTIVES:
            e += m.end()
    s, e = _strip_edges(text, s, e)
    if e - s < 2 and not (e - s == 1 and text[s].isupper() and kind == "ORG"):
        return []
    surface = text[s:e]
    if not any(ch.isupper() for ch in surface) or surface.isdigit():
        return []
    words = surface.split()
    if is_title_word(surface) or (words and words[-1].casefold() in _EVENT_WORDS):
        return []
    if words and words[0].casefold() in _STORM_WORDS:
        return []
    parts = _COMPOUND_SPLIT.split(surface)
    if len(parts) > 1 and all(gaz.is_known_place(p, 100_000) or gaz.is_demonym(p) for p in parts):
        spans = []
        offset = s
        for part in parts:
            start = text.index(part, offset)
            part_kind = "GROUP" if gaz.is_demonym(part) else "PLACE"
            spans.append(Span(start, start + len(part), part_kind, raw.label))
            offset = start + len(part)
        return spans
    final = _rescue_kind(surface, kind, raw.label, gaz)
    if final is None:
        return []
    return [Span(s, e, final, raw.label)]


_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][a-z’'-]*")


def lowercase_words(text: str) -> set[str]:
    """The words of ``text`` written in lower case (iterated, so a thread can yield)."""
    return {m.group() for m in _LOWER_WORD.finditer(text)}


def clean_chunk(chunk_text: str, start: int, raw: Sequence[RawSpan], gaz: Gazetteer) -> tuple[Span, ...]:
    """Clean the model's spans of one chunk: the one cleaning step of every analysis.

    ``chunk_text`` is the document's text from ``start`` on, as the chunk plan
    (:mod:`reader.core.chunks`) cut it; ``raw`` are the model's spans in it, in
    document offsets. Returns clean, non-overlapping spans in document offsets.
    Only the chunk is read, so an analysis process that holds just the chunk
    gives the same spans as a whole-text pass.
    """
    common = frozenset(lowercase_words(chunk_text))
    local = [RawSpan(r.start - start, r.end - start, r.label) for r in raw]
    cleaned = [s for r in local for s in clean_span(chunk_text, r, gaz, common)]
    return tuple(Span(s.start + start, s.end + start, s.kind, s.label) for s in remove_overlaps(cleaned))


def clean_text_spans(text: str, raw: Iterable[RawSpan], gaz: Gazetteer) -> list[Span]:
    """Clean raw spans of a whole text chunk by chunk, exactly as :func:`clean_chunk` does."""
    spans = sorted(raw, key=lambda r: r.start)
    cleaned: list[Span] = []
    i = 0
    for start, end in split_chunks(text):
        j = i
        while j < len(spans) and spans[j].start < end:
            j += 1
        if j > i:
            # A span given by hand may run past the chunk; the model's never do.
            stop = max(end, max(r.end for r in spans[i:j]))
            cleaned.extend(clean_chunk(text[start:stop], start, spans[i:j], gaz))
        i = j
    return cleaned


def remove_overlaps(spans: list[Span]) -> list[Span]:
    """Keep spans that do not overlap, preferring the earlier, then the longer one."""
    kept: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda sp: (sp.start, -(sp.end - sp.start))):
        if span.start >= end:
            kept.append(span)
            end = span.end
    return kept
