"""From raw model spans to an :class:`Analysis`: entities, mentions and countries.

:func:`build_analysis` is pure: it takes the text and the model's spans, so it
can be tested without a model; :func:`reader.nlp.analyse.analyse_text` runs a
pipeline first.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from reader.core.colours import CaptionLine, automatic_colours, find_caption_lines
from reader.core.entities import (
    _NAME_OPENERS,
    TITLE_WORDS,
    AcronymDefinition,
    acronym_definitions,
    clean_text_spans,
    is_role_word,
    is_site_name,
    lowercase_words,
    remove_overlaps,
    without_accents,
)
from reader.core.model import KINDS, LABEL_OF_KIND, Analysis, CountryUse, Entity, Mention, RawSpan, Span
from reader.core.passes.acronyms import names_a_role
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, default_gazetteer, name_key
from reader.core.resources import resource_path

__all__ = ["Analysis", "CountryUse", "Entity", "Mention", "build_analysis", "slug"]

# When votes tie, the kind earlier in this list wins.
_KIND_PRIORITY = {"PERSON": 0, "PLACE": 1, "ORG": 2, "GROUP": 3}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "des", "du", "&"})


@dataclass
class _Group:
    key: str
    spans: list[Span]
    country: str | None = None
    #: Mentions whose kind is sure ("Pilot Roe": a title before a person's name); each outvotes the rest.
    sure: frozenset[tuple[int, int]] = frozenset()

    def votes(self) -> Counter[str]:
        votes = Counter(span.kind for span in self.spans)
        if self.sure:
            for span in self.spans:
                if (span.start, span.end) in self.sure:
                    votes[span.kind] += 10
        return votes

    def kind(self) -> str:
        if self.country is not None:
            return "PLACE"
        votes = self.votes()
        return min(votes, key=lambda k: (-votes[k], _KIND_PRIORITY[k]))


def slug(name: str) -> str:
    """An id-safe form of a name: ``"Kim Jong-un"`` becomes ``"kim-jong-un"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def _tokens(surface: str) -> list[str]:
    return surface.split()


def _group_spans(
    text: str,
    spans: Sequence[Span],
    gaz: Gazetteer,
    aliases: dict[str, str] | None = None,
    sure: frozenset[tuple[int, int]] = frozenset(),
    local: Mapping[tuple[int, int], str] | None = None,
) -> list[_Group]:
    """Group mentions by name (countries by code); a mention whose kind its sentence settles
    (``local``) forms a group of that kind of its own, so no vote overrules it."""
    groups: dict[str, _Group] = {}
    for span in spans:
        surface = text[span.start : span.end]
        code = (
            gaz.country_of_name(surface) or gaz.country_of_name(without_accents(surface))
            if span.kind == "PLACE"
            else None
        )
        key = f"country:{code}" if code else f"name:{name_key(surface).rstrip('.')}"
        if local and (span.start, span.end) in local:
            key += f"#{local[(span.start, span.end)]}"
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, [], code, sure)
        group.spans.append(span)
    # A defined acronym ("Long Name (LN)") joins its long name as an alias.
    for short, long in (aliases or {}).items():
        source, target = groups.get(f"name:{short}"), groups.get(f"name:{long}")
        if source is not None and target is not None and source is not target:
            target.spans.extend(source.spans)
            del groups[source.key]
    _merge_person_aliases(text, groups, gaz)
    _merge_acronyms(text, groups)
    return list(groups.values())


def _apply_acronym_definitions(
    text: str, spans: list[Span], gaz: Gazetteer | None = None
) -> tuple[list[Span], dict[str, str]]:
    """Let each definition "Long Name (LN)" decide what its acronym is, everywhere in the text.

    The acronym of a site is a PLACE, of a body an ORG; the acronym of a thing
    (a programme, a system) is no entity, nor is its long name. Returns the
    spans and the aliases (acronym key -> long name key) to join.
    """
    definitions = acronym_definitions(text)
    if not definitions and " (" not in text:
        return spans, {}
    by_end = {sp.end: sp for sp in spans}
    kinds: dict[str, str] = {}
    things: set[str] = set()
    roles: set[str] = set()
    dropped: list[tuple[int, int]] = []
    aliases: dict[str, str] = {}
    bodies: set[tuple[int, int]] = set()
    for d in definitions:
        short = text[d.short_start : d.short_end]
        long_span = by_end.get(d.long_end)
        # A body's name may start before the words the letters spell ("the Tarvian Party for
        # Democracy (PD)"); a person's or a place's span that runs on before them is another name.
        if long_span is not None and long_span.start < d.long_start and long_span.kind != "ORG":
            long_span = None
        if d.is_thing:
            things.add(short)
            dropped.append((d.long_start, d.long_end))
            continue
        if names_a_role(text[d.long_start : d.long_end]):
            # "Member of Parliament (MP)": the acronym stands for a person's role; the body stays.
            roles.update({short, short + "s"})
            continue
        if is_site_name(text[d.long_start : d.long_end]):
            kind = "PLACE"
        elif long_span is not None and long_span.kind in ("ORG", "PLACE"):
            kind = long_span.kind
        elif (
            long_span is not None
            and long_span.kind == "PERSON"
            and _initials_of(short, text[long_span.start : long_span.end])
        ):
            # "Liga Obrera Tarviana (LOT)" taken for a person: people's names are not abbreviated so.
            kind = "ORG"
            bodies.add((long_span.start, long_span.end))
        else:
            continue
        kinds.setdefault(short, kind)
        if long_span is not None:
            aliases.setdefault(name_key(short), name_key(text[long_span.start : long_span.end]).rstrip("."))
    loose = _acronyms_after_bodies(text, spans, definitions, gaz or default_gazetteer())
    for short, short_start, _ in loose:
        if short not in kinds and short not in things:
            kinds[short] = "ORG"
            body = by_end[short_start - 2]
            aliases.setdefault(name_key(short), name_key(text[body.start : body.end]).rstrip("."))
    found = {(sp.start, sp.end) for sp in spans}
    kept = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if surface in things or surface in roles or any(s <= sp.start and sp.end <= e for s, e in dropped):
            continue
        if surface in kinds and sp.kind != kinds[surface]:
            sp = Span(sp.start, sp.end, kinds[surface], sp.label)
        elif (sp.start, sp.end) in bodies:
            sp = Span(sp.start, sp.end, "ORG", "ORG")
        kept.append(sp)
    for short_start, short_end in [(d.short_start, d.short_end) for d in definitions] + [(a, b) for _, a, b in loose]:
        short = text[short_start:short_end]
        if short in kinds and (short_start, short_end) not in found:
            found.add((short_start, short_end))
            kept.append(Span(short_start, short_end, kinds[short], LABEL_OF_KIND[kinds[short]]))
    return remove_overlaps(kept), aliases


def _initials_of(short: str, name: str) -> bool:
    """True when ``short`` is the initials of the three or more capitalised words of ``name``."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return len(initials) >= 3 and short.upper() == initials.upper()


_ACRONYM_IN_BRACKETS = re.compile(r" \(([A-Z][A-Za-z&-]{0,8}[A-Z])(?=[);,])")


def _acronyms_after_bodies(
    text: str, spans: list[Span], definitions: list[AcronymDefinition], gaz: Gazetteer
) -> list[tuple[str, int, int]]:
    """Acronyms in brackets right after an organisation's name, whatever language they abbreviate.

    "the Social Democratic Party (SPD)", "the Agro Party (PAEKE)": the letters need not
    match the English name; a capitalised word of two or more capitals in brackets right
    after a body's name is that body's acronym; a place's ("the Labour Party (UK)") is not.
    """
    matched = {d.short_start for d in definitions}
    bodies = {sp.end: sp for sp in spans if sp.kind == "ORG"}
    found = []
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        short = m.group(1)
        if (
            m.start(1) in matched
            or m.start() not in bodies
            or sum(ch.isupper() for ch in short) < 2
            or gaz.is_known_place(short)
            or gaz.country_of_name(short) is not None
        ):
            continue
        found.append((short, m.start(1), m.end(1)))
    return found


_COUNTRY_NAME_INDEX: dict[int, dict[str, list[str]]] = {}


def _whole_country_names(text: str, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """The longest name wins: "Trinidad and Tobago" over "Trinidad" + "Tobago"."""
    index = _COUNTRY_NAME_INDEX.get(id(gaz))
    if index is None:
        index = defaultdict(list)
        for name, kind in gaz.scan_names().items():
            words = name.split()
            if kind == "PLACE" and len(words) > 1 and any(w[:1].islower() for w in words):
                for word in words:
                    if word[:1].isupper():
                        index[word].append(name)
        _COUNTRY_NAME_INDEX[id(gaz)] = index
    # Look only around spans that hold a word of such a name: a whole-text search per
    # name would cost seconds on a book.
    found: set[tuple[int, str]] = set()
    for sp in spans:
        for word in text[sp.start : sp.end].split():
            for name in index.get(word, ()):
                lo = max(0, sp.start - len(name))
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[lo : sp.end + len(name)]):
                    found.add((lo + m.start(), name))
    if not found:
        return spans
    starts = [sp.start for sp in spans]
    replaced: set[int] = set()
    added = []
    for pos, name in sorted(found, key=lambda item: -len(item[1])):
        end = pos + len(name)
        lo = bisect.bisect_left(starts, pos)
        while lo > 0 and spans[lo - 1].end > pos:
            lo -= 1
        inside = []
        i = lo
        while i < len(spans) and spans[i].start < end:
            inside.append(i)
            i += 1
        if not inside or any(spans[j].start < pos or spans[j].end > end for j in inside):
            continue
        if any(j in replaced for j in inside):
            continue
        replaced.update(inside)
        added.append(Span(pos, end, "PLACE", "GPE"))
    if not added:
        return spans
    return sorted([sp for i, sp in enumerate(spans) if i not in replaced] + added, key=lambda sp: sp.start)


_STATE_OF = re.compile(r"\b((?:Grand\s+)?[A-Z][a-z]+)\s+of\s+(?:the\s+)?$")
_TITLE_BEFORE = re.compile(r"\b([A-Z][\w.]*)\s+$")


@cache
def _country_regions() -> dict[str, str]:
    """Country names that also name a region of another country: name key -> that country."""
    table = {}
    for line in resource_path("lexicon", "country_region_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = line.split("\t")
            table[name_key(name)] = code.strip()
    return table


_EBOOK_START = re.compile(r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)\b.*$", re.MULTILINE | re.I)
_EBOOK_END = re.compile(r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)\b.*$", re.MULTILINE | re.I)


def _within_body(text: str, spans: list[Span]) -> list[Span]:
    """Leave out an ebook's header and licence: only the text between its start and end lines counts."""
    if "PROJECT GUTENBERG" not in text[:20000].upper() and "PROJECT GUTENBERG" not in text[-40000:].upper():
        return spans
    start = _EBOOK_START.search(text, 0, 100_000) or _EBOOK_START.search(text)
    # The end line is near the end: look there first (one scan of a whole book holds the interpreter 20 ms).
    after = start.end() if start else 0
    end = _EBOOK_END.search(text, max(after, len(text) - 200_000))
    if end is None:
        # No end line near the end: the last one there is, unless another book starts after it
        # (several ebooks in one file, or one cut short): then the text runs to its end.
        ends = list(_EBOOK_END.finditer(text, after))
        end = ends[-1] if ends and not _EBOOK_START.search(text, ends[-1].end()) else None
    lo = start.end() if start else 0
    hi = end.start() if end else len(text)
    return [sp for sp in spans if lo <= sp.start and sp.end <= hi]


@cache
def _place_of() -> re.Pattern[str]:
    """ "the island of Anjouan": a place's noun (``site_of_words``), "of" and a capitalised run."""
    nouns = "|".join(sorted(lexicon("site_of_words")))
    return re.compile(rf"\b({nouns})\s+of\s+([A-Z][\w’'-]*[\w](?:(?:\s+|\s-\s)[A-Z][\w’'-]*[\w])*)")


def _places_after_place_nouns(text: str, spans: list[Span]) -> list[Span]:
    """ "the island of Anjouan", "the riding of Kettleby - Dunmere": the name after a place's noun is a PLACE.

    A name the model missed there is added; one it took for a person or a body,
    or cut at the dash of a two-place district, becomes that one place.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in ordered]
    by_start = {sp.start: sp for sp in spans}
    changed: dict[Span, Span | None] = {}
    added = []
    for m in _finditer_in_pieces(_place_of(), text):
        name = re.sub(r"[’']s$", "", m.group(2))
        start, end = m.start(2), m.start(2) + len(name)
        # The spans that touch the name: from the one before its start (which may run into it) on.
        near = ordered[max(0, bisect.bisect_left(starts, start) - 1) : bisect.bisect_left(starts, end)]
        inside = [sp for sp in near if start <= sp.start and sp.end <= end]
        crossing = [sp for sp in near if sp.start < end and start < sp.end and sp not in inside]
        if crossing:
            continue
        if not inside:
            added.append(Span(start, end, "PLACE", "GPE"))
        elif len(inside) == 1 and by_start.get(start) == inside[0] and inside[0].end == end:
            if inside[0].kind in ("PERSON", "ORG"):
                changed[inside[0]] = Span(start, end, "PLACE", "GPE")
        elif " - " in name and all(sp.kind != "ORG" or " " not in text[sp.start : sp.end] for sp in inside):
            for sp in inside:
                changed[sp] = None
            added.append(Span(start, end, "PLACE", "GPE"))
    if not added and not changed:
        return spans
    kept = [changed.get(sp, sp) for sp in spans]
    return sorted([sp for sp in kept if sp is not None] + added, key=lambda sp: sp.start)


_STORM_NAME = re.compile(r"\b(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Storm)\s+([A-Z][a-z]+)\b")


def _without_storms(text: str, spans: list[Span]) -> list[Span]:
    """ "Hurricane Ida" names a storm: "Ida" alone elsewhere in the text is the storm too."""
    storms = {m.group(1) for m in _finditer_in_pieces(_STORM_NAME, text)}
    if not storms:
        return spans
    return [sp for sp in spans if text[sp.start : sp.end] not in storms]


_LOWER_WORD_RE = re.compile(r"(?<![\w’'])[a-z][a-z’'-]*")


def _trim_person_names(text: str, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """Mend person spans that ran into a word before the name or into a second name.

    "Petersburg Roe" (a place the text names alone), "Sometimes Roe" (a word the
    text mostly writes in lower case) lose their first word; "Ann Pierre", where
    both are names the text uses alone and "Pierre" opens another full name, is
    two people.
    """
    singles: Counter[tuple[str, str]] = Counter()
    given: Counter[str] = Counter()
    for sp in spans:
        words = _tokens(text[sp.start : sp.end])
        if len(words) == 1:
            singles[(words[0], sp.kind)] += 1
        elif sp.kind == "PERSON":
            given[words[0]] += 1
    firsts = {
        _tokens(text[sp.start : sp.end])[0] for sp in spans if sp.kind == "PERSON" and " " in text[sp.start : sp.end]
    }
    if not firsts:
        return spans
    wanted = {w.casefold() for w in firsts}
    lower = Counter(m.group() for m in _finditer_in_pieces(_LOWER_WORD_RE, text) if m.group() in wanted)
    out: list[Span] = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        words = _tokens(surface)
        if len(words) < 2 or gaz.is_known_place(surface) or is_site_name(surface):
            out.append(sp)
            continue
        first, second = words[0], words[1]
        rest_start = sp.start + surface.index(second, len(first))
        # A word the text writes in lower case far more often than as a name.
        as_name = given[first] + singles[(first, "PERSON")]
        common_first = lower[first.casefold()] >= max(3, 3 * as_name)
        if sp.kind != "PERSON":
            if common_first and first.casefold() not in _NAME_OPENERS:
                out.append(Span(rest_start, sp.end, sp.kind, sp.label))
            else:
                out.append(sp)
            continue
        # Only where what is left is a name the text uses alone for a person.
        rest = " ".join(words[1:])
        rest_kinds = {k: singles[(rest, k)] for k in KINDS if singles[(rest, k)]}
        known_rest = bool(rest_kinds) or given[rest] > 0
        saint = first.casefold().rstrip(".") in ("st", "saint")
        place_first = singles[(first, "PLACE")] >= 2 and not singles[(first, "PERSON")] and known_rest
        if not saint and (place_first or (common_first and known_rest)):
            # "Beyond Smolénsk": what is left may be a place the text names alone.
            kind = max(rest_kinds, key=lambda k: rest_kinds[k]) if rest_kinds and not given[rest] else sp.kind
            out.append(Span(rest_start, sp.end, kind, sp.label if kind == sp.kind else LABEL_OF_KIND[kind]))
        elif (
            len(words) == 2
            and first != second
            and given[second] >= 2
            and singles[(first, "PERSON")] >= 2
            and singles[(second, "PERSON")] >= 2
        ):
            out.append(Span(sp.start, sp.start + len(first), "PERSON", sp.label))
            out.append(Span(rest_start, sp.end, "PERSON", sp.label))
        else:
            out.append(sp)
    return [Span(a, b, k, lab) for a, b, k, lab in ((*_strip_span(text, sp), sp.kind, sp.label) for sp in out) if b > a]


def _strip_span(text: str, sp: Span) -> tuple[int, int]:
    s, e = sp.start, sp.end
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
        e -= 1
    return s, e


def _formal_state_names(text: str, spans: list[Span]) -> list[Span]:
    """ "the State of Texas", "the Kingdom of Tarvia" are formal names: "Kingdom of" belongs to the place.

    The name after a state's or a realm's word is a place, whatever the model
    took it for ("Principality of Dunmere" read as a person "Dunmere").
    """
    out = []
    for sp in spans:
        if sp.kind in ("PLACE", "PERSON", "ORG"):
            m = _STATE_OF.search(text, max(0, sp.start - 20), sp.start)
            word = m.group(1).split()[-1].casefold() if m else ""
            if (
                m
                and word in lexicon("polity_words")
                and not text[sp.start : sp.end].isupper()
                # "the State of the Union": a state's word before a body is its own name.
                and (sp.kind == "PLACE" or word != "state")
            ):
                sp = Span(m.start(), sp.end, "PLACE", sp.label if sp.kind == "PLACE" else "GPE")
        out.append(sp)
    return out


_PLACE_NOUN_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+$")
_SAID_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_SAID_AFTER = re.compile(r"\s+([a-z]+)\b")


def _titled_people(text: str, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """A name right after a title ("Pilot Roe") is a person's, whatever the model said
    elsewhere; so is a name the model took for a place right before or after a verb of
    speech ("Roe said", "asked Roe"), when it is no known place."""
    verbs = lexicon("speech_verbs")
    places = lexicon("site_of_words")
    out = []
    for sp in spans:
        if sp.kind != "PERSON" and sp.label in ("GPE", "ORG", "LOC", "NORP"):
            surface = text[sp.start : sp.end]
            person = False
            if not (gaz.is_known_place(surface) or gaz.is_demonym(surface) or is_site_name(surface)):
                m = _TITLE_BEFORE.search(text, max(0, sp.start - 20), sp.start)
                person = bool(
                    m
                    and m.group(1).casefold().rstrip(".") not in ("st", "saint")
                    and is_role_word(m.group(1))
                    and not surface.isupper()
                )
                # "the town of Kettleby began": a place's noun before the name outweighs the verb.
                noun = _PLACE_NOUN_BEFORE.search(text, max(0, sp.start - 20), sp.start)
                if not person and sp.kind in ("PLACE", "GROUP") and not (noun and noun.group(1) in places):
                    before = _SAID_BEFORE.search(text, max(0, sp.start - 15), sp.start)
                    after = _SAID_AFTER.match(text, sp.end, sp.end + 15)
                    person = bool((before and before.group(1) in verbs) or (after and after.group(1) in verbs))
            if person:
                sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


def _sure_people(text: str, spans: Sequence[Span]) -> frozenset[tuple[int, int]]:
    """Mentions whose kind is sure: a person's right after a title ("Pilot Roe", "Countess
    Mary") or beside a verb of speech ("said Roe"); a place's after "the island of"."""
    verbs = lexicon("speech_verbs")
    places = lexicon("site_of_words")
    sure = set()
    for sp in spans:
        if sp.kind == "PLACE":
            m = _PLACE_NOUN_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            if m and m.group(1) in places:
                sure.add((sp.start, sp.end))
        elif sp.kind == "PERSON":
            m = _TITLE_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            if m and m.group(1).casefold().rstrip(".") not in ("st", "saint") and is_role_word(m.group(1)):
                sure.add((sp.start, sp.end))
                continue
            before = _SAID_BEFORE.search(text, max(0, sp.start - 15), sp.start)
            after = _SAID_AFTER.match(text, sp.end, sp.end + 15)
            if (before and before.group(1) in verbs) or (after and after.group(1) in verbs):
                sure.add((sp.start, sp.end))
    return frozenset(sure)


def _surfaces(text: str, group: _Group) -> list[str]:
    return [text[s.start : s.end] for s in group.spans]


#: How far (in characters) a bare first name or surname looks for the full name it stands
#: for when several people share it: about a chapter of a novel.
_NAME_REACH = 25_000


def _merge_person_aliases(text: str, groups: dict[str, _Group], gaz: Gazetteer) -> None:
    """Join a surname or shorter form to the full name it abbreviates.

    When one person has that name, every mention joins them. When several do (a
    family's surname, a common first name), each mention joins the person whose
    full name is written nearest to it, within about a chapter; a mention with
    none near stays an entity of its own, so that one family's members or two
    namesakes are never merged.
    """
    by_last: dict[str, list[tuple[list[str], _Group]]] = defaultdict(list)
    by_first: dict[str, list[tuple[list[str], _Group]]] = defaultdict(list)
    places: dict[int, list[int]] = {}
    for group in groups.values():
        if group.country is None and group.votes()["PERSON"] and group.kind() == "PERSON":
            for surface in set(_surfaces(text, group)):
                words = _tokens(surface)
                # "St. Andrew" is a saint's name, not a given name and a surname.
                if len(words) >= 2 and words[0].casefold().rstrip(".") not in ("st", "saint"):
                    by_last[words[-1]].append((words, group))
                    by_first[words[0]].append((words, group))
            starts = sorted(sp.start for sp in group.spans if len(_tokens(text[sp.start : sp.end])) >= 2)
            places[id(group)] = starts
    # Shorter names first: a group merges only into longer ones, so its target
    # is still there, and carries what it took in when it merges in turn.
    by_length = sorted(
        groups.items(), key=lambda item: len(_tokens(text[item[1].spans[0].start : item[1].spans[0].end]))
    )
    for key, group in by_length:
        if group.country is not None:
            continue
        kind = group.kind()
        surface = text[group.spans[0].start : group.spans[0].end]
        words = _tokens(surface)
        if not words:
            continue
        # A lone word the model took for a small place ("Delgado") may be the
        # surname of a person named in full: then it joins that person.
        surname_only = kind == "PLACE" and len(words) == 1 and not gaz.is_major_place(surface)
        # "the town of Kettleby" beside "Circuit Kettleby": a place's noun settles it, no surname.
        if surname_only and any((sp.start, sp.end) in group.sure for sp in group.spans):
            continue
        if kind not in ("PERSON", "ORG") and not surname_only and not any(sp.label == "PERSON" for sp in group.spans):
            continue
        if any(gaz.is_demonym(w) for w in words) and kind != "PERSON":
            continue
        pool = by_last.get(words[-1], []) + ([] if surname_only else by_first.get(words[0], []))
        targets: dict[int, _Group] = {}
        for target_words, target in pool:
            if (
                target is not group
                and len(words) < len(target_words)
                and (target_words[-len(words) :] == words or (not surname_only and target_words[: len(words)] == words))
            ):
                targets[id(target)] = target
        if not targets:
            continue
        if len(targets) == 1:
            [best] = targets.values()
            best.spans.extend(Span(sp.start, sp.end, "PERSON", sp.label) for sp in group.spans)
            del groups[key]
            continue
        # With none near, the person named in full far more often than any namesake.
        ranked = sorted(targets.values(), key=lambda g: -len(places.get(id(g), [])))
        dominant = ranked[0] if len(places.get(id(ranked[0]), [])) >= 3 * len(places.get(id(ranked[1]), [])) else None
        left: list[Span] = []
        for sp in group.spans:
            nearest = _nearest_namesake(sp.start, list(targets.values()), places) or dominant
            if nearest is None:
                # What stays is still a person's name: part of several people's full names.
                left.append(Span(sp.start, sp.end, "PERSON", sp.label))
            else:
                nearest.spans.append(Span(sp.start, sp.end, "PERSON", sp.label))
        if left:
            group.spans[:] = left
        else:
            del groups[key]


def _nearest_namesake(pos: int, targets: list[_Group], places: dict[int, list[int]]) -> _Group | None:
    """The target whose full name is written nearest to ``pos`` (an earlier one preferred), within reach."""
    best: tuple[int, _Group] | None = None
    for target in targets:
        starts = places.get(id(target), [])
        i = bisect.bisect_right(starts, pos)
        # A full name before the mention counts at its distance, one after at twice it.
        distances = []
        if i > 0:
            distances.append(pos - starts[i - 1])
        if i < len(starts):
            distances.append(2 * (starts[i] - pos))
        if distances and (best is None or min(distances) < best[0]):
            best = (min(distances), target)
    if best is None or best[0] > _NAME_REACH:
        return None
    return best[1]


def _merge_acronyms(text: str, groups: dict[str, _Group]) -> None:
    """Join an acronym (``EU``) to the organisation it stands for (``European Union``)."""
    by_initials: dict[str, _Group] = {}
    for group in groups.values():
        if group.country is None and group.kind() == "ORG":
            for surface in _surfaces(text, group):
                words = [w for w in _tokens(surface) if w.casefold() not in _ACRONYM_SKIP]
                if len(words) >= 2 and all(w[:1].isupper() for w in words):
                    by_initials.setdefault("".join(w[0] for w in words), group)
    for key, group in list(groups.items()):
        surface = text[group.spans[0].start : group.spans[0].end].replace(".", "")
        target = by_initials.get(surface)
        if target is not None and target is not group and surface.isupper() and len(surface) >= 2:
            target.spans.extend(group.spans)
            del groups[key]


_FIRST_WORD = re.compile(r"[A-Z][\w.’']*")
# After a found name, a hyphen may start another name ("U.S.-China") or an
# adjective ("Seoul-based"), not the rest of a longer name ("Jean-Luc").
_COMPOUND_TAIL = re.compile(r"-(?:[A-Z]|[a-z]{5,})")


def _scan_names(
    text: str,
    names: dict[str, str],
    taken: list[tuple[int, int]],
) -> list[Span]:
    """Find whole-word occurrences of ``names`` (surface -> kind) outside ``taken``.

    ``taken`` holds sorted, non-overlapping ``(start, end)`` ranges that a new
    span must not touch.
    """
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in names:
        first = _FIRST_WORD.match(name)
        if first:
            by_first[first.group()].append(name)
    for bucket in by_first.values():
        bucket.sort(key=len, reverse=True)
    starts = [t[0] for t in taken]
    found: list[Span] = []
    for m in re.finditer(r"(?<![\w.’'])[A-Z][\w.’']*", text):
        word = m.group()
        candidates = by_first.get(word)
        if candidates is None:
            # The word may run into a possessive or a full stop: "Putin’s", "Moscow."
            trimmed = re.sub(r"(?:['’]s?|\.)$", "", word)
            candidates = by_first.get(trimmed)
            if candidates is None:
                continue
        pos = m.start()
        for name in candidates:
            end = pos + len(name)
            if not text.startswith(name, pos):
                continue
            after = text[end : end + 1]
            if after.isalnum() or after == "_":
                continue
            if after == "-" and not _COMPOUND_TAIL.match(text, end):
                continue
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and taken[i][1] > pos:
                break
            if i + 1 < len(taken) and taken[i + 1][0] < end:
                break
            kind = names[name]
            found.append(Span(pos, end, kind, LABEL_OF_KIND[kind]))
            break
    return found


_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ’'. -]*[A-ZÀ-ÖØ-Þ])(?:,\s+(?P<region>[A-Z][\w’'. ]*?))?"
    r"\s*(?:\((?P<agency>[A-Z][^()\n]{1,40})\))?\s*[—–-]{1,2}\s",
    re.MULTILINE,
)


def _finditer_in_pieces(pattern: re.Pattern[str], text: str, piece: int = 1 << 16) -> Iterator[re.Match[str]]:
    """``pattern.finditer`` over pieces of ``text`` cut at line breaks.

    A pattern that seldom matches would otherwise scan a whole book in one
    call, holding the interpreter lock all the while; line-anchored patterns
    find the same matches.
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start + piece)
        end = len(text) if end == -1 else end + 1
        yield from pattern.finditer(text, start, end)
        start = end


def _dateline_spans(text: str, gaz: Gazetteer) -> list[Span]:
    """Places and agencies in wire datelines: ``SEOUL (Reuters) — ...``."""
    spans = []
    for m in _finditer_in_pieces(_DATELINE, text):
        if not gaz.is_known_place(m["city"]):
            continue
        spans.append(Span(m.start("city"), m.end("city"), "PLACE", "GPE"))
        if m["region"] and gaz.is_known_place(m["region"]):
            spans.append(Span(m.start("region"), m.end("region"), "PLACE", "GPE"))
        if m["agency"]:
            spans.append(Span(m.start("agency"), m.end("agency"), "ORG", "ORG"))
    return spans


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    if i >= 0 and ranges[i][1] > start:
        return True
    return i + 1 < len(ranges) and ranges[i + 1][0] < end


def _merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _names_to_find(text: str, groups: list[_Group], gaz: Gazetteer) -> dict[str, str]:
    """The names worth looking for again: every surface of every entity, the
    parts of people's names, and the names and demonyms of countries."""
    names: dict[str, str] = {}
    for name, kind in gaz.scan_names().items():
        names[name] = kind
    common = lowercase_words(text)
    for group in groups:
        kind = group.kind()
        for surface in set(_surfaces(text, group)):
            names[surface] = kind
            if kind == "PERSON":
                words = _tokens(surface)
                if len(words) >= 2:
                    for part in (words[0], words[-1]):
                        low = part.casefold()
                        if (
                            len(part) >= 3
                            and part[0].isupper()
                            and low not in common
                            and low not in TITLE_WORDS
                            and not gaz.is_known_place(part)
                            and not gaz.is_demonym(part)
                        ):
                            names.setdefault(part, "PERSON")
    return names


def _entity_name(text: str, group: _Group, kind: str, gaz: Gazetteer) -> str:
    if group.country is not None:
        return gaz.countries[group.country].name
    # A hard-wrapped name ("Andrew⏎Bolkónski") is shown with a space.
    counts = Counter(" ".join(surface.split()) for surface in _surfaces(text, group))
    if kind == "PERSON":
        return max(counts, key=lambda s: (len(s.split()), counts[s], len(s)))
    # A defined acronym ("DSC") is an alias; the long name is shown.
    return max(counts, key=lambda s: (" " in s or not s.isupper(), counts[s], len(s)))


def build_analysis(
    text: str,
    raw_spans: Iterable[RawSpan],
    gazetteer: Gazetteer | None = None,
    pipeline_name: str = "",
    pipeline_version: str = "",
    cleaned: Iterable[Span] | None = None,
) -> Analysis:
    """Group the cleaned spans into entities, find missed repeats and the countries.

    ``text`` is the document's text; ``raw_spans`` are the model's spans in
    code points of that text. ``cleaned`` are those spans as the cleaning step
    (:func:`reader.core.entities.clean_chunk`) left them; when it is not given,
    they are cleaned here the same way. Returns an :class:`Analysis` whose
    mentions are sorted and never overlap.
    """
    gaz = gazetteer or default_gazetteer()
    raw = list(raw_spans)
    spans = list(cleaned) if cleaned is not None else clean_text_spans(text, raw, gaz)
    # Caption lines ("Russia = Red") colour the map; they are not mentions.
    captions = find_caption_lines(text)
    from reader.core.passes.chain import DocumentState, document_passes
    from reader.core.passes.registry import enabled

    state = DocumentState(text, raw, gaz, spans)
    for document_pass in document_passes():
        if enabled(document_pass.name):
            document_pass.run(state)
    spans, acronyms = state.spans, state.acronyms
    kept = {(sp.start, sp.end) for sp in spans}
    local = {k: kind for k, kind in state.local.items() if k in kept}
    sure = _sure_people(text, spans) | frozenset(k for k in state.sure if k in kept)
    groups = _group_spans(text, spans, gaz, acronyms, sure, local)

    # Countries the text names outright settle which of several same-named
    # cities is meant ("Valencia" beside "Spain").
    context = frozenset(g.country for g in groups if g.country) | frozenset(
        code
        for g in groups
        if g.kind() == "GROUP" and (code := gaz.country_of_demonym(text[g.spans[0].start : g.spans[0].end]))
    )
    # "Alexandria, Louisiana", "Georgia" among U.S. states: a place counts for the
    # country the text puts it in, shown by the regions it names.
    region_votes = Counter(
        code
        for g in groups
        if g.country is None
        and g.kind() == "PLACE"
        and (code := gaz.regions.get(name_key(text[g.spans[0].start : g.spans[0].end])))
    )
    context |= frozenset(code for code, n in region_votes.items() if n >= 2)
    entities: list[Entity] = []
    entity_of_span: dict[tuple[int, int], tuple[str, str]] = {}
    used_ids: set[str] = set()
    for group in groups:
        kind = group.kind()
        name = _entity_name(text, group, kind, gaz)
        entity_id = f"{kind}:{slug(name)}"
        n = 2
        while entity_id in used_ids:
            entity_id = f"{kind}:{slug(name)}-{n}"
            n += 1
        used_ids.add(entity_id)
        seen: dict[str, None] = {}
        for span in sorted(group.spans, key=lambda sp: sp.start):
            seen.setdefault(text[span.start : span.end], None)
            entity_of_span[(span.start, span.end)] = (entity_id, kind)
        aliases = tuple(s for s in seen if s != name)
        country = None
        if kind in ("PLACE", "GROUP"):
            country = (
                group.country or gaz.resolve(name, kind, context) or gaz.resolve(without_accents(name), kind, context)
            )
            as_region = _country_regions().get(name_key(name)) if group.country else None
            if as_region and as_region != country and region_votes[as_region] >= 2:
                country = as_region
            if country is None:
                country = next((c for a in aliases if (c := gaz.resolve(a, kind, context))), None)
        entities.append(
            Entity(
                id=entity_id,
                kind=kind,
                name=name,
                aliases=aliases,
                mentions=len(group.spans),
                country=country,
                first=min(sp.start for sp in group.spans),
            )
        )

    mentions = []
    for span in sorted(spans, key=lambda sp: sp.start):
        entity_id, kind = entity_of_span[(span.start, span.end)]
        label = span.label if span.kind == kind else LABEL_OF_KIND[kind]
        mentions.append(Mention(span.start, span.end, text[span.start : span.end], kind, label, entity_id))

    entities.sort(key=lambda en: (KINDS.index(en.kind), -en.mentions, en.first))
    countries = _countries(entities, captions, gaz)
    return Analysis(tuple(mentions), tuple(entities), countries, pipeline_name, pipeline_version)


def dateline_pass(text: str, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """Datelines ("KYIV, Ukraine (AP) —") name places; a span across one gives way."""
    datelines = _dateline_spans(text, gaz)
    if not datelines:
        return spans
    fixed = _merge_ranges((d.start, d.end) for d in datelines)
    return remove_overlaps(datelines + [sp for sp in spans if not _overlaps(fixed, sp.start, sp.end)])


def without_caption_lines(text: str, spans: list[Span]) -> list[Span]:
    """A map caption line ("Russia = Red") colours the map; the name on it is not a mention."""
    lines = [(c.start, c.end) for c in find_caption_lines(text)]
    if not lines:
        return spans
    return [sp for sp in spans if not any(a <= sp.start and sp.end <= b for a, b in lines)]


def missed_repeats_pass(
    text: str,
    spans: list[Span],
    raw: Sequence[RawSpan],
    gaz: Gazetteer,
    acronyms: dict[str, str],
    local: Mapping[tuple[int, int], str],
    sure: frozenset[tuple[int, int]] = frozenset(),
) -> list[Span]:
    """Names the model found once and missed elsewhere: every other use of a known name is a mention."""
    groups = _group_spans(text, spans, gaz, acronyms, _sure_people(text, spans) | sure, local)
    # "said Vilsack" read as a product after "Tom Vilsack": a product's label on a known name
    # is the model's slip, not a name of another kind.
    seen = [(r.start, r.end) for r in raw if r.label != "PRODUCT"]
    taken = _merge_ranges(seen + [(s.start, s.end) for s in spans])
    return remove_overlaps(spans + _scan_names(text, _names_to_find(text, groups, gaz), taken))


def _countries(entities: Sequence[Entity], captions: Sequence[CaptionLine], gaz: Gazetteer) -> tuple[CountryUse, ...]:
    counts: Counter[str] = Counter()
    members: dict[str, list[str]] = defaultdict(list)
    parts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity in entities:
        if entity.country and entity.country in gaz.countries:
            counts[entity.country] += entity.mentions
            members[entity.country].append(entity.id)
            parts[entity.country].append((entity.name, entity.mentions))
    legend: dict[str, str] = {}
    for line in captions:
        code = gaz.resolve(line.name, "PLACE")
        if code and code in gaz.countries:
            legend.setdefault(code, line.colour)
            counts.setdefault(code, 0)
    order = sorted(counts, key=lambda c: (c not in legend, -counts[c], gaz.countries[c].name))
    others = [c for c in order if c not in legend]
    auto = dict(zip(others, automatic_colours(len(others), legend.values()), strict=True))
    return tuple(
        CountryUse(
            code=code,
            name=gaz.countries[code].name,
            mentions=counts[code],
            colour=legend.get(code) or auto[code],
            from_legend=code in legend,
            entities=tuple(members[code]),
            parts=tuple(parts[code]),
        )
        for code in order
    )


def country_uses(entities: Sequence[Entity], captions: Sequence[CaptionLine], gaz: Gazetteer) -> tuple[CountryUse, ...]:
    """The countries of ``entities`` and of the caption lines, with their map colours."""
    return _countries(entities, captions, gaz)
