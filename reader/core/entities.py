"""Clean raw model spans into mentions: strip "the", possessives, titles; mend names.

A raw span is what the model found: ``(start, end, label)`` in code points of the
document's text. :func:`clean_chunk` cleans a chunk's spans: each one through the
span steps (:func:`reader.core.passes.span_steps.clean_span`), which turn it into
zero or more :class:`Span` objects with a Gazette kind (PERSON, PLACE, ORG,
GROUP), then all of them through the chunk passes. The words, titles and tests
the steps share live here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from reader.core.chunks import split_chunks
from reader.core.model import RawSpan, Span
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, name_key
from reader.core.resources import resource_path


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
_NAME_OPENERS = lexicon("name_openers")

_TRAILING_PUNCT = ".,;:!?\"'”’“‘)]}»…–—-/("
_LEADING_PUNCT = "\"'“‘”’([{«…–—-/*"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|Mt|Ft|Gen|Adm)\.$")


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
        # "a Kestrel Party candidate" taken as "a Kestrel Party": the article is no part of it.
        elif text[s : s + 2] == "a " and text[s + 2 : s + 3].isupper():
            s += 2
            changed = True
        elif text[s : s + 3] == "an " and text[s + 3 : s + 4].isupper():
            s += 3
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


_NUMBER_ENDING = re.compile(r"-\d+$")


def _site_words(words: Sequence[str]) -> bool:
    """True for the name of a site ("Museum of Flight", "Changi Airport"), not of a body."""
    keys = [_NUMBER_ENDING.sub("", w).casefold().strip(".,") for w in words]
    if any(k in lexicon("body_heads") for k in keys):
        return False
    # "the Kestrel Center for Policy Studies", "the Harbour Information Centre": a body that
    # studies or informs, not a building.
    for before, centre, after in zip(["", *keys[:-1]], keys, [*keys[1:], ""], strict=True):
        if centre in ("center", "centre") and (after == "for" or before in lexicon("field_words")):
            return False
    heads = lexicon("site_heads")
    # A head word alone ("Field", "Temple") is no site's name.
    if len(keys) >= 2 and keys[-1] in heads:
        return True
    return any(k in heads and nxt in ("of", "du", "de", "des", "la") for k, nxt in pairwise(keys))


def is_site_name(name: str) -> bool:
    """True for the name of a site ("Museum of Flight", "Changi Airport"), not of a body."""
    return _site_words(name.split())


def without_accents(name: str) -> str:
    """``name`` with diacritics taken off ("Smolénsk" -> "Smolensk"), for gazetteer lookups."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def is_title_word(surface: str) -> bool:
    return name_key(surface) in TITLE_WORDS


_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:of|in|at|from|to|near|for|across|throughout|beyond|after|and)\s+$", re.IGNORECASE
)


def _merge_adjacent_people(text: str, spans: list[Span]) -> list[Span]:
    """Join two person spans with only a space between them ("Mary Ann" + "Smith Jones"), and a
    given name the model read as a place or a body with the person's name after it ("Shannon"
    + "Voss": the given name is the river's or the country's too)."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        # Not a people's word ("French Guiana"), nor a place after a word of place ("Governor of
        # Washington Chris Gregoire").
        given = (
            last is not None
            and last.kind in ("PLACE", "ORG")
            and text[last.start : last.end] in lexicon("given_names")
            and not _PLACE_WORD_BEFORE.search(text, max(0, last.start - 12), last.start)
            # "For Ireland Johnny Sexton": a place before a person named in full is a place.
            and " " not in text[span.start : span.end]
        )
        if (
            last is not None
            and span.kind == "PERSON"
            and (last.kind == "PERSON" or given)
            and text[last.end : span.start] == " "
        ):
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


_OPENER_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*) $")


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
        # "Italy is Popular (IP)": the first letter matched a small word ("is"); the capitalised
        # word before it with that letter opens the name.
        opener = _OPENER_BEFORE.search(window, 0, start)
        if long_text[:1].islower() and len(long_text.split()[0]) <= 3 and opener and opener.group(1)[0] == short[0]:
            start = opener.start(1)
            long_text = window[start:]
        if not long_text[:1].isupper() or "\n" in long_text or len(long_text.split()) < 2:
            continue
        following = re.match(r"\s*([a-z]+)", text[m.end() : m.end() + 30])
        last = long_text.split()[-1].casefold()
        things = _combined("thing_words", "event_words")
        # "Kestrel Telemetry Systems (KTS)": a company's head word ("Systems") ends no thing's name.
        is_thing = (last in things and last not in _combined("org_heads")) or bool(
            following and following.group(1) in things
        )
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
    from reader.core.passes.chain import run_chunk_passes
    from reader.core.passes.span_steps import clean_span

    common = frozenset(lowercase_words(chunk_text))
    local = [RawSpan(r.start - start, r.end - start, r.label) for r in raw]
    cleaned = [s for r in local for s in clean_span(chunk_text, r, gaz, common)]

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
