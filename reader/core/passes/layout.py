"""Lines whose layout, not their words, made the model see names: headings and lines in capitals.

A heading in title case ("Widening Harbour Access") or a table row in capitals
("TEAM W L PCT") has every word capitalised, so the model takes some of its
words for names. These passes read a line's layout and the rest of the document
to tell the names on such lines from the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.entities import is_role_word, lowercase_words
from reader.core.model import Span
from reader.core.passes.org_names import org_heads
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer

_LETTERS = re.compile(r"[^\W\d_]{2,}")
#: Two capitals in a row: the lines that hold them may be lines in capitals (see _in_capitals).
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_WORD = re.compile(r"(?<![\w’'])[^\W\d_][\w’'-]*")


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the line that holds ``start`` (the span's end may not run past it)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b == -1 else b


def _in_capitals(line: str) -> bool:
    """A line of two or more words of letters, none of them in lower case."""
    return len(_LETTERS.findall(line)) >= 2 and not any(ch.islower() for ch in line)


def capital_lines(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """On a line in capitals, only names the rest of the text or the gazetteer knows are names.

    "TEAM W L PCT" or "HARBOUR TOLLS RISE AGAIN" where the model took "PCT" for a
    person or "HARBOUR TOLLS" for a body: capitals say nothing of a name there. A
    span on such a line stays when the same name, in any case, is a mention
    elsewhere in the text (it takes that mention's kind) or is a known place; and
    the names the text already has are found on those lines too
    ("KESTREL ROVERS WIN" where "Kestrel Rovers" is a mention below).
    """
    lines = {_line(text, m.start(), m.end()) for m in _TWO_CAPITALS.finditer(text)}
    lines = {(a, b) for a, b in lines if _in_capitals(text[a:b])}
    if not lines:
        return list(spans)
    capital = [_line(text, sp.start, sp.end) in lines for sp in spans]
    known: dict[str, str] = {}
    for sp, on_line in zip(spans, capital, strict=True):
        if not on_line:
            known.setdefault(text[sp.start : sp.end].casefold(), sp.kind)
    out: list[Span] = []
    for sp, on_line in zip(spans, capital, strict=True):
        if not on_line:
            out.append(sp)
            continue
        key = text[sp.start : sp.end].casefold()
        if key in known:
            out.append(Span(sp.start, sp.end, known[key], sp.label if known[key] == sp.kind else known[key]))
        elif gaz.is_known_place(key) or gaz.country_of_name(key) is not None:
            out.append(Span(sp.start, sp.end, "PLACE", "GPE"))
    # The names of two words or more the text has, by their first word, longest first.
    by_first: dict[str, list[str]] = {}
    for name in sorted((k for k in known if len(k) >= 4 and " " in k), key=len, reverse=True):
        by_first.setdefault(name.split()[0], []).append(name)
    taken = [(sp.start, sp.end) for sp in out]
    for a, b in lines if by_first else ():
        for word in _WORD.finditer(text, a, b):
            for name in by_first.get(word.group().casefold(), ()):
                end = word.start() + len(name)
                if end <= b and text[word.start() : end].casefold() == name and not text[end : end + 1].isalnum():
                    if not any(x < end and word.start() < y for x, y in taken):
                        kind = known[name]
                        out.append(Span(word.start(), end, kind, kind))
                        taken.append((word.start(), end))
                    break
    return sorted(out, key=lambda sp: sp.start)


_SENTENCE_END = (".", "!", "?", ":", ";", ",", "”", '"', "’", "'", ")")


def _standalone(text: str, a: int, b: int) -> bool:
    """A line with a blank line (or the text's edge) before and after it."""
    before = text[max(0, a - 2) : a]
    after = text[b : b + 2]
    return (a == 0 or before == "\n\n" or a == 1) and (b == len(text) or after == "\n\n" or b == len(text) - 1)


def heading_lines(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A heading in title case is no organisation's or person's name.

    "Widening Harbour Access" or "Closing the Toll Gaps" alone on a line of its
    own, taken for a body: a heading names what a section does, so its words are
    the document's common words ("widening", "access" are written in lower case
    elsewhere) or it opens with a verb in -ing. A line that ends in a body's, a
    site's or a place's head word ("Kestrel Rovers Football Club"), or is a known
    place, is kept.
    """
    common: frozenset[str] | None = None
    stems: frozenset[str] | None = None
    heads = org_heads() | lexicon("site_heads") | lexicon("place_heads")
    out: list[Span] = []
    for sp in spans:
        if sp.kind not in ("ORG", "PERSON", "PLACE"):
            out.append(sp)
            continue
        # A heading is a short line of its own: a long line (a paragraph, or a book on one line)
        # is read no further, and no further than that is searched, so this stays linear.
        bounds = _short_line(text, sp.start, sp.end)
        if bounds is None or not _standalone(text, *bounds):
            out.append(sp)
            continue
        a, b = bounds
        line = text[a:b].strip()
        surface = text[sp.start : sp.end]
        words = re.findall(r"[\w’'-]+", line)
        # A span inside a title-case heading, or a person's name the model ran to its end
        # ("Ann Orme Unveils New Phone"): the name it holds.
        if (line != surface or sp.kind == "PERSON") and _title_case_heading(text, a, b, line, words):
            # ... and a place only where its words are all the heading's own ("Rural Broadband").
            if common is None:
                common = frozenset(lowercase_words(text))
            if stems is None:
                stems = frozenset(_stem(w) for w in common)
            part = _name_in_heading(text, sp, (a, b), common, stems, heads, gaz)
            if part is not None:
                out.append(part)
            continue
        if (
            sp.kind == "PLACE"
            or line != surface
            or len(words) < 2
            or line.endswith(_SENTENCE_END)
            or line.isupper()
            or not _standalone(text, a, b)
            or words[-1].casefold() in heads
            or gaz.is_known_place(surface)
        ):
            out.append(sp)
            continue
        if common is None:
            common = frozenset(lowercase_words(text))
        capitalised = [w for w in words if w[:1].isupper()]
        usual = [w for w in capitalised if w.casefold() in common]
        gerund = words[0].endswith("ing") and words[0].casefold() not in lexicon("given_names")
        if gerund or 2 * len(usual) > len(capitalised):
            # "Kestrel Agency Issues New Rules": what the text names elsewhere is still a name.
            named = _named_elsewhere(text, surface.split(), (a, b))
            if named:
                out.append(Span(sp.start, sp.start + len(" ".join(surface.split()[:named])), sp.kind, sp.label))
            continue
        out.append(sp)
    return out


#: The longest line read as a heading, in characters.
_HEADING_MAX = 300

def _short_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the line that holds ``start``, if it is no longer than a heading can be."""
    lo = max(0, start - _HEADING_MAX - 1)
    a = text.rfind("\n", lo, start) + 1
    if a == 0 and lo > 0:
        return None
    hi = end + _HEADING_MAX + 1
    b = text.find("\n", end, hi)
    if b == -1:
        if hi < len(text):
            return None
        b = len(text)
    return (a, b) if b - a <= _HEADING_MAX else None


#: Words a title-case heading leaves in lower case.
_SMALL_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "of", "to", "for", "in",
        "on", "at", "by", "with", "from", "as", "into", "vs", "via", "per",
    }
)  # fmt: skip


def _title_case_heading(text: str, a: int, b: int, line: str, words: Sequence[str]) -> bool:
    """A line of its own, not a sentence, whose words are capitalised but for the small ones."""
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return (
        len(words) >= 4
        and not line.endswith(_SENTENCE_END)
        and not line.isupper()
        and _standalone(text, a, b)
        and sum(w[:1].isupper() for w in big) >= 0.8 * len(big)
    )


def _stem(word: str) -> str:
    """A word without its inflection, to match "Announces" with "announced": a rough cut, both ways alike."""
    word = word.casefold()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _name_in_heading(
    text: str,
    sp: Span,
    line: tuple[int, int],
    common: frozenset[str],
    stems: frozenset[str],
    heads: frozenset[str] | set[str],
    gaz: Gazetteer,
) -> Span | None:
    """The name a span of a title-case heading holds, or None: "Orme Announces New Actions" holds
    "Orme", "Lower Harbour Costs" none.

    Words the text writes in lower case (in any form: "announced") are the
    heading's own words, not the name's: a person's name ends before the first
    of them, and a body's name made only of them is none. But as much of the
    span as the text writes elsewhere, capitalised, is a name ("Ann Cook" stays
    whole though the text cooks; "Kestrel Agency Issues New Rules" holds
    "Kestrel Agency" where the text names the agency).
    """
    surface = text[sp.start : sp.end]
    if gaz.is_known_place(surface):
        return sp
    words = surface.split()
    # Lower-case words the model kept ("da" in "Lula da Silva", "of") are the name's own.
    capital = [w[:1].isupper() for w in words]
    usual = [c and (_stem(w) in stems or w.casefold() in common) for w, c in zip(words, capital, strict=True)]
    if not any(usual):
        return sp
    named = _named_elsewhere(text, words, line)
    if sp.kind == "PERSON":
        cut = max(usual.index(True), named)
        if cut == 0:
            return None
        return Span(sp.start, sp.start + len(" ".join(words[:cut])), sp.kind, sp.label)
    if named:
        return Span(sp.start, sp.start + len(" ".join(words[:named])), sp.kind, sp.label)
    # "Lower Harbour Costs": a body's name of only the heading's own words is none; one with a
    # word of its own ("Bank of Kestrel Raises Rates") is left whole.
    if all(u for u, c in zip(usual, capital, strict=True) if c) and words[-1].casefold() not in heads:
        return None
    return sp


#: A name's word right before a place in the text ("World " before "Health"), or a letter; a title
#: ("President ", "CEO ") or an article opening a sentence is none.
_NAME_WORD_BEFORE = re.compile(r"(?:(?<![\w’'-])(?!(?:The|A|An) )([A-Z][\w’'-]*)(?: (?:of|the|and|for))?[ ]|(\w))$")
_NAME_WORD_AFTER = re.compile(r"(?:[ ](?:(?:of|the|and|for) )?[A-Z]|\w)")


def _named_elsewhere(text: str, words: Sequence[str], line: tuple[int, int]) -> int:
    """How many of ``words``, from the first, the text writes together outside ``line``."""
    for k in range(len(words), 0, -1):
        prefix = " ".join(words[:k])
        if not prefix[:1].isupper() or not prefix[-1:].isalnum():
            continue
        pos = text.find(prefix)
        while pos != -1:
            end = pos + len(prefix)
            outside = not (line[0] <= pos < line[1])
            # A whole name there, not part of a longer one ("Health" in "World Health Organization").
            before = _NAME_WORD_BEFORE.search(text, max(0, pos - 30), pos)
            after_a_name = before is not None and (before.group(2) is not None or not is_role_word(before.group(1)))
            whole = not after_a_name and not _NAME_WORD_AFTER.match(text, end)
            if outside and whole:
                return k
            pos = text.find(prefix, pos + 1)
    return 0
