"""Clean raw model spans into mentions: strip "the", possessives, titles; mend names.

A raw span is what the model found: ``(start, end, label)`` in code points of the
document's text. :func:`clean_span` turns one raw span into zero or more
:class:`Span` objects with a Gazette kind (PERSON, PLACE, ORG, GROUP).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from reader.core.chunks import split_chunks
from reader.core.model import KIND_OF_LABEL, RawSpan, Span
from reader.core.passes.words import lexicon
from reader.core.places import AMBIGUOUS_COUNTRY_NAMES, Gazetteer, name_key
from reader.core.resources import resource_path

#: Labels the model gives to names of countries and cities by mistake; a
#: gazetteer match turns such a span into a PLACE.
_RESCUED_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


@cache
def _combined(*names: str) -> frozenset[str]:
    """The union of the lexicons named; a name that is no lexicon stands for itself."""
    words: set[str] = set()
    for name in names:
        words |= lexicon(name) if resource_path("lexicon", f"{name}.txt").is_file() else {name}
    return frozenset(words)


@cache
def given_names() -> frozenset[str]:
    """Given names in Latin script (``resources/lexicon/given_names.txt``, from Faker's lists)."""
    return lexicon("given_names")


@cache
def honorifics() -> frozenset[str]:
    """Titles and honorifics that open a person's name: nameparser's list, ours, less what we exclude."""
    from nameparser.config.titles import TITLES

    own = lexicon("title_words") | lexicon("address_words") | lexicon("role_words")
    return frozenset((set(TITLES) | own) - lexicon("not_titles"))


@cache
def post_nominals() -> frozenset[str]:
    """Letters after a name ("QC", "Jr.", "OBE"): nameparser's suffixes plus the legal ones it lacks."""
    from nameparser.config.suffixes import SUFFIX_ACRONYMS, SUFFIX_WORDS

    return frozenset(set(SUFFIX_ACRONYMS) | set(SUFFIX_WORDS) | {"qc", "kc", "sc"}) - {"i", "v", "ii"}


def _singular(word: str) -> str:
    key = word.casefold().rstrip(".,")
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        return key[:-1]
    return key


def is_role_word(word: str) -> bool:
    """A title, role or form of address, singular or plural ("Envoys", "Governors", "Majesty")."""
    key = word.casefold().rstrip(".,")
    titles = honorifics()
    return key in titles or _singular(key) in titles


def _is_generic(word: str) -> bool:
    key = _singular(word)
    return key in lexicon("generic_words") or is_role_word(word) or key in ("and", "of", "the", "&")


#: Words of titles and roles that precede a name ("Foreign Minister", "Secretary of State").
TITLE_WORDS = lexicon("title_words")
_EVENT_WORDS = lexicon("event_words")
_STORM_WORDS = lexicon("storm_words")
_NAME_OPENERS = lexicon("name_openers")
_PLACE_GENERICS = lexicon("place_generics")
_HYPHEN_ADJECTIVES = lexicon("hyphen_adjectives")

_TRAILING_PUNCT = ".,;:!?\"'”’“‘)]}»…–—-/("
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
            or key in honorifics()
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


def _person_behind_title(text: str, s: int, e: int, gaz: Gazetteer) -> int | None:
    """Where the name starts in "Sister Jane Roe" or "Indonesian Pilot Roe" taken for a body or a place.

    A title (after any nationality) opening a name that is no site, body or
    known place makes it a person's name; returns its start, else None.
    """
    start = _strip_person_titles(text, s, e, gaz)
    if start == s or start >= e:
        return None
    titles = text[s:start].split()
    if not any(is_role_word(w) for w in titles) or any(w.casefold().rstrip(".") in ("st", "saint") for w in titles):
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


def _site_words(words: Sequence[str]) -> bool:
    """True for the name of a site ("Museum of Flight", "Changi Airport"), not of a body."""
    keys = [re.sub(r"-\d+$", "", w).casefold().strip(".,") for w in words]
    if any(k in lexicon("body_heads") for k in keys):
        return False
    heads = lexicon("site_heads")
    if keys and keys[-1] in heads:
        return True
    return any(k in heads and nxt in ("of", "du", "de", "des", "la") for k, nxt in pairwise(keys))


def is_site_name(name: str) -> bool:
    """True for the name of a site ("Museum of Flight", "Changi Airport"), not of a body."""
    return _site_words(name.split())


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
    """ "the Biden-Harris Administration": the people it is named after, or None if not such a name."""
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


def without_accents(name: str) -> str:
    """``name`` with diacritics taken off ("Smolénsk" -> "Smolensk"), for gazetteer lookups."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


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


def is_title_word(surface: str) -> bool:
    return name_key(surface) in TITLE_WORDS


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def clean_span(text: str, raw: RawSpan, gaz: Gazetteer, common: frozenset[str] = frozenset()) -> list[Span]:
    """Turn one raw model span into clean mentions (possibly none, possibly two).

    Strips a leading "the", possessives, trailing punctuation and a person's
    titles; mends hyphenated names the tokenizer cut; splits compounds of
    places (``U.S.-China``); drops events, laws, vehicles, codes and bare
    titles; tells sites (PLACE) from bodies (ORG). ``common`` holds the
    lower-case words of the document, to tell a sentence's first word from a
    name.
    """
    kind = KIND_OF_LABEL.get(raw.label)
    if kind is None and raw.label not in _RESCUED_LABELS:
        # "Kestrel Air Flight 212" taken for an event: the airline is named.
        m = _FLIGHT.fullmatch(text, *_strip_edges(text, raw.start, raw.end))
        if m and re.search(r"\d", m.group()) and m.group(1)[:1].isupper():
            return clean_span(text, RawSpan(m.start(), m.end(), "ORG"), gaz, common)
        return []
    s, e = _strip_edges(text, raw.start, raw.end)
    if "\n" in text[s:e]:
        s, e = _cut_at_line_break(text, s, e)
    # Transcript apparatus: "(Laughter.)", "(Applause.)".
    if text[s - 1 : s] == "(" and text[e : e + 2] in (".)", ")"):
        return []
    if kind == "PERSON":
        s = _strip_person_titles(text, s, e, gaz)
    # "Sister Jane Roe" taken for a body, "Countess Mary" for a place: a title
    # opening a name that is no site, body or known place makes it a person's.
    elif kind in ("ORG", "PLACE"):
        start = _person_behind_title(text, s, e, gaz)
        if start is not None:
            s, kind = start, "PERSON"
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
    # "pro-Beijing", "Ex-BEA": the prefix is not part of the name.
    m = _LOWER_PREFIX.match(text, s, e)
    # "al-Shabaab", "el-Sisi": a name particle is part of the name.
    if m and m.group()[:-1] not in lexicon("name_particles"):
        s = m.end()
    elif m:
        pass
    else:
        m = re.match(r"([A-Za-z]+)-(?=[A-Z])", text[s:e])
        if m and m.group(1).casefold() in lexicon("name_prefixes"):
            s += m.end()
    # "Seoul-based": drop an adjective suffix.
    m = re.search(r"-([a-z]+)$", text[s:e])
    if m and (m.group(1) in _HYPHEN_ADJECTIVES or len(m.group(1)) > 4):
        e -= len(m.group())
    # "the Kursk region": the generic word is not part of the name.
    m = re.search(r"\s+([a-z]+)$", text[s:e])
    if m and m.group(1) in _PLACE_GENERICS:
        e -= len(m.group())
    # "Choe Son" + "-hui", "Lee Mei" + "-ling": the tokenizer cut a hyphenated given name.
    if kind == "PERSON":
        m = re.match(r"-[a-z]{1,5}(?![\w-])", text[e : e + 7])
        if m and m.group()[1:] not in _HYPHEN_ADJECTIVES:
            e += m.end()
    # "Orbiter Processing" + " Facility-1": the site's head word belongs to the name.
    m = re.match(r"\s([A-Z][a-z]+)(?:-\d+)?\b", text[e : e + 24])
    if m and m.group(1).casefold() in lexicon("site_heads"):
        e += m.end()
    s, e = _strip_edges(text, s, e)
    if e - s < 2 and not (e - s == 1 and text[s].isupper() and kind == "ORG"):
        return []
    surface = text[s:e]
    if not any(ch.isupper() for ch in surface) or surface.isdigit():
        return []
    # "Mark Roe, QC": letters after a name are not a name.
    if surface.casefold().replace(".", "") in post_nominals() and re.search(r",\s*$", text[max(0, s - 3) : s]):
        return []
    words = surface.split()
    # Titles, roles, forms of address and house-style capitals alone: "Governors", "the Administration".
    if all(_is_generic(w) for w in words):
        return []
    # "CHAPTER XXIX", "BOOK TEN", "XV": headings and numerals; "I’ll": a contraction; "Thy", "God".
    if (
        _HEADING.match(surface)
        or _ROMAN.fullmatch(surface)
        or _CONTRACTION.search(surface)
        or surface.casefold() in lexicon("not_names")
    ):
        return []
    # "Anna’s Guards", "the Smithsonian's National Museum": a possessive between two names splits them.
    m = re.search(r"[’']s\s+(?=[A-Z])", surface)
    after_possessive = surface[m.end() :].split() if m else []
    if (
        m
        and not re.search(r"\b(?:St\.|Saint)\s", surface)
        and not (len(after_possessive) == 1 and after_possessive[0].casefold() in _combined("body_heads", "site_heads"))
    ):
        first = clean_span(text, RawSpan(s, s + m.start() + 2, raw.label), gaz, common)
        return first + clean_span(text, RawSpan(s + m.end(), e, raw.label), gaz, common)
    if kind == "PERSON" and len(words) > 1:
        names = _person_parts(text, s, e)
        if names is not None:
            return [sp for a, b in names for sp in clean_span(text, RawSpan(a, b, "PERSON"), gaz, common)]
    people = _people_of_administration(text, s, e, gaz, common)
    if people is not None:
        return people
    m = _SAINT_DAY.fullmatch(text, s, e)
    if m:
        return [Span(m.start(1), m.end(1), "PERSON", "PERSON")]
    # "FEMA Administrator", "Louisiana Participants": a role ending the span is not part of it.
    trailing = _combined("role_words", "trailing_words")
    while (
        len(words) > 1
        and _singular(words[-1]) in trailing
        and not gaz.is_known_place(surface)
        # "Stephen King", "David Duke": after a given name, a title word is a surname.
        and not (kind == "PERSON" and words[-2] in given_names())
    ):
        e = s + surface.rindex(words[-1])
        s, e = _strip_edges(text, s, e)
        surface = text[s:e]
        words = surface.split()
    site = _site_words(words)
    # "Adam Air Flight 574": the airline is named, the flight is not.
    m = None if site else _FLIGHT.fullmatch(text, s, e)
    if m and m.group(1).split()[-1].casefold() not in ("of", "the"):
        e = m.end(1)
        surface, words, kind = text[s:e], text[s:e].split(), "ORG"
    keys = [w.casefold() for w in words]
    if not site:
        if any(k in lexicon("vehicle_words") for k in keys):
            return []
        if len(words) == 1 and _CODE.fullmatch(surface):
            return []
    if is_title_word(surface) or (words and keys[-1] in _EVENT_WORDS):
        return []
    # "Summit of the Americas": an event named after a place names the place.
    if "of" in keys[1:]:
        i = keys.index("of", 1)
        if keys[i - 1] in _EVENT_WORDS:
            rest = words[i + 1 :]
            if rest and rest[0].casefold() == "the":
                rest = rest[1:]
            place = " ".join(rest)
            if place and (gaz.is_known_place(place) or name_key(place) in gaz.broad):
                start = s + surface.rindex(place)
                return [Span(start, start + len(place), "PLACE", "LOC")]
            return []
    if words and keys[0] in _STORM_WORDS:
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
    after = text[e : e + 20]
    # "17 Urban Search and Rescue teams", "EV charging", "the State of the Union address":
    # a lower-case noun after the span says it names a unit type or a thing.
    m = re.match(r"\s([a-z]+)\b", after)
    thing_noun = m is not None and m.group(1) in _combined("unit_words", "thing_words", "address")
    if thing_noun and kind not in ("PERSON", "GROUP") and not gaz.is_known_place(surface):  # "Moroccan crews": a group
        return []
    # "FEMA Incident Response Teams": a body's unit types are not names; its acronym is.
    if len(words) > 1 and keys[-1] in lexicon("unit_words"):
        if words[0].isupper() and len(words[0]) >= 2:
            return [Span(s, s + len(words[0]), "ORG", raw.label)]
        return []
    final = _rescue_kind(surface, kind, raw.label, gaz)
    if final is None:
        return []
    # "AirAsia", "CommScope": a word with a capital inside is a brand's or company's name.
    if (
        final == "PLACE"
        and len(words) == 1
        and _CAMEL.fullmatch(surface)
        and not gaz.is_known_place(surface)
        and not any(p.casefold() in _combined("site_heads", "city", "town") for p in _CAMEL_PART.findall(surface))
    ):
        final = "ORG"
    # "Pilot Rudiyanto", "Countess Ilse" taken for a place or body: the title says a person.
    if final in ("PLACE", "ORG") and not gaz.is_known_place(surface) and not site:
        m = _TITLE_BEFORE.search(text, max(0, s - 20), s)
        if (
            m
            and m.group(1).casefold().rstrip(".") not in ("st", "saint")
            and is_role_word(m.group(1))
            and not any(w.casefold() in lexicon("body_heads") for w in words)
        ):
            final = "PERSON"
    if site:
        # "Evergreen Aviation Museum of Springfield": a site's name, then the town it is in.
        if "of" in keys[2:]:
            i = keys.index("of", 2)
            town = " ".join(words[i + 1 :])
            if (
                words[i - 1].casefold() in lexicon("site_heads")
                and town
                and all(w[:1].isupper() for w in words[i + 1 :])
                and (gaz.is_known_place(town) or _is_town_name(town))
            ):
                head_end = s + len(" ".join(words[:i]))
                start = s + surface.rindex(town)
                return [Span(s, head_end, "PLACE", "FAC"), Span(start, e, "PLACE", "GPE")]
        return [Span(s, e, "PLACE", "FAC")]
    before = text[max(0, s - 40) : s]
    # "the island of Anjouan", "the village of Sadanpoini": a place.
    m = _SITE_OF.search(before)
    if m and m.group(1) in lexicon("site_of_words") and final != "ORG":
        final = "PLACE"
    # "the State of Texas" is the formal name.
    if final == "PLACE" and _STATE_OF.search(before):
        s -= len(_STATE_OF.search(before).group())  # type: ignore[union-attr]
    return [Span(s, e, final, raw.label)]


def _is_town_name(name: str) -> bool:
    """A single capitalised word that looks like a town's name ("McMinnville"), not a subject ("Flight")."""
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


def _merge_adjacent_people(text: str, spans: list[Span]) -> list[Span]:
    """Join two person spans with only a space between them ("Mary Ann" + "Smith Jones")."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and last.kind == span.kind == "PERSON" and text[last.end : span.start] == " ":
            merged[-1] = Span(last.start, span.end, "PERSON", last.label)
        else:
            merged.append(span)
    return merged


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """ "Long Name (LN)": the long form's and the acronym's offsets, and whether they name a thing."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    is_thing: bool


_PARENTHESISED = re.compile(r"\(([A-Za-z][A-Za-z&.-]{0,9})\)")


def _long_form_start(short: str, window: str) -> int | None:
    """Schwartz and Hearst's match: where in ``window`` the long form of ``short`` starts.

    Each letter of the acronym, from the last, must appear in order in the
    words before it, the first letter at the start of a word.
    """
    si, li = len(short) - 1, len(window) - 1
    while si >= 0:
        c = short[si].lower()
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (window[li].lower() != c or (si == 0 and li > 0 and window[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    return window.rfind(" ", 0, li + 1) + 1


def acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Definitions "Long Name (LN)" in ``text`` (Schwartz and Hearst's method, capitalised long forms).

    The long form has at most ``min(len + 5, 2 * len)`` words, starts with a
    capital and ends right before the bracket.
    """
    found = []
    for m in _PARENTHESISED.finditer(text):
        short = m.group(1)
        if sum(ch.isupper() for ch in short) < 2 or len(short) < 2:
            continue
        window_start = max(0, m.start() - 200)
        before = text[window_start : m.start()].rstrip()
        limit = min(len(short) + 5, 2 * len(short))
        window = " ".join(before.split(" ")[-limit:])
        offset = window_start + len(before) - len(window)
        start = _long_form_start(short, window)
        if start is None:
            continue
        long_text = window[start:]
        if not long_text[:1].isupper() or "\n" in long_text or len(long_text.split()) < 2:
            continue
        following = re.match(r"\s*([a-z]+)", text[m.end() : m.end() + 30])
        last = long_text.split()[-1].casefold()
        things = _combined("thing_words", "event_words")
        is_thing = last in things or bool(following and following.group(1) in things)
        found.append(AcronymDefinition(offset + start, offset + len(window), m.start(1), m.end(1), is_thing))
    return found


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
    from reader.core.passes.chain import run_chunk_passes

    kept = run_chunk_passes(chunk_text, remove_overlaps(cleaned), gaz, common)
    return tuple(Span(s.start + start, s.end + start, s.kind, s.label) for s in kept)


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
