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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reader.core.colours import CaptionLine, automatic_colours, find_caption_lines
from reader.core.entities import TITLE_WORDS, clean_text_spans, lowercase_words, remove_overlaps
from reader.core.model import KINDS, LABEL_OF_KIND, Analysis, CountryUse, Entity, Mention, RawSpan, Span
from reader.core.places import Gazetteer, default_gazetteer, name_key

__all__ = ["Analysis", "CountryUse", "Entity", "Mention", "build_analysis", "slug"]

# When votes tie, the kind earlier in this list wins.
_KIND_PRIORITY = {"PERSON": 0, "PLACE": 1, "ORG": 2, "GROUP": 3}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "des", "du", "&"})


@dataclass
class _Group:
    key: str
    spans: list[Span]
    country: str | None = None

    def votes(self) -> Counter[str]:
        return Counter(span.kind for span in self.spans)

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


def _group_spans(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for span in spans:
        surface = text[span.start : span.end]
        code = gaz.country_of_name(surface) if span.kind == "PLACE" else None
        key = f"country:{code}" if code else f"name:{name_key(surface).rstrip('.')}"
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, [], code)
        group.spans.append(span)
    _merge_person_aliases(text, groups, gaz)
    _merge_acronyms(text, groups)
    return list(groups.values())


def _surfaces(text: str, group: _Group) -> list[str]:
    return [text[s.start : s.end] for s in group.spans]


def _merge_person_aliases(text: str, groups: dict[str, _Group], gaz: Gazetteer) -> None:
    """Join a surname or shorter form to the full name it abbreviates."""
    full: list[tuple[list[str], _Group]] = []
    for group in groups.values():
        if group.country is None and group.votes()["PERSON"] and group.kind() == "PERSON":
            for surface in set(_surfaces(text, group)):
                words = _tokens(surface)
                if len(words) >= 2:
                    full.append((words, group))
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
        # A lone word the model took for a small place ("Delgado") may be the
        # surname of a person named in full: then it joins that person.
        surname_only = kind == "PLACE" and len(words) == 1 and not gaz.is_major_place(surface)
        if kind not in ("PERSON", "ORG") and not surname_only and not any(sp.label == "PERSON" for sp in group.spans):
            continue
        if any(gaz.is_demonym(w) for w in words) and kind != "PERSON":
            continue
        candidates = [
            target
            for target_words, target in full
            if target is not group
            and len(words) < len(target_words)
            and (target_words[-len(words) :] == words or (not surname_only and target_words[: len(words)] == words))
        ]
        if not candidates:
            continue
        best = max(candidates, key=lambda g: (len(g.spans), -g.spans[0].start))
        best.spans.extend(Span(sp.start, sp.end, "PERSON", sp.label) for sp in group.spans)
        del groups[key]


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
    r"^(?P<city>[A-Z][A-Z’'. -]*[A-Z])(?:,\s+(?P<region>[A-Z][\w’'. ]*?))?"
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
    counts = Counter(_surfaces(text, group))
    if kind == "PERSON":
        return max(counts, key=lambda s: (len(s.split()), counts[s], len(s)))
    return max(counts, key=lambda s: (counts[s], len(s)))


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
    datelines = _dateline_spans(text, gaz)
    if datelines:
        fixed = _merge_ranges((d.start, d.end) for d in datelines)
        spans = [sp for sp in spans if not _overlaps(fixed, sp.start, sp.end)]
    spans = remove_overlaps(datelines + spans)

    # Caption lines ("Russia = Red") name countries: they count as mentions.
    captions = find_caption_lines(text)
    caption_spans = []
    for line in captions:
        if gaz.resolve(line.name, "PLACE") is not None:
            caption_spans.append(Span(line.start, line.end, "PLACE", "GPE"))
    spans = remove_overlaps(spans + caption_spans)

    # Look again for names the model missed: known entities and countries.
    groups = _group_spans(text, spans, gaz)
    taken = _merge_ranges([(r.start, r.end) for r in raw] + [(s.start, s.end) for s in spans])
    spans = remove_overlaps(spans + _scan_names(text, _names_to_find(text, groups, gaz), taken))
    groups = _group_spans(text, spans, gaz)

    # Countries the text names outright settle which of several same-named
    # cities is meant ("Valencia" beside "Spain").
    context = frozenset(g.country for g in groups if g.country) | frozenset(
        code
        for g in groups
        if g.kind() == "GROUP" and (code := gaz.country_of_demonym(text[g.spans[0].start : g.spans[0].end]))
    )
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
            country = group.country or gaz.resolve(name, kind, context)
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
