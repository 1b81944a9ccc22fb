"""The passes of the analysis, declared in one place, in the order they run.

Chunk passes run on each chunk's cleaned spans, in the analysis processes, with
only the chunk's text in view; document passes run once all chunks are in.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Span
from reader.core.passes import org_names, people
from reader.core.passes.registry import Pass, enabled
from reader.core.places import Gazetteer


def _merge_adjacent_people(text: str, spans: Sequence[Span], _gaz: Gazetteer, _common: frozenset[str]) -> list[Span]:
    from reader.core.entities import _merge_adjacent_people as merge

    return merge(text, list(spans))


def _join_name_tails(text: str, spans: Sequence[Span], _gaz: Gazetteer, _common: frozenset[str]) -> list[Span]:
    return org_names.join_name_tails(text, spans)


def _join_across_connectors(text: str, spans: Sequence[Span], _gaz: Gazetteer, _common: frozenset[str]) -> list[Span]:
    return org_names.join_across_connectors(text, spans)


def _head_word_kind(text: str, spans: Sequence[Span], gaz: Gazetteer, _common: frozenset[str]) -> list[Span]:
    return org_names.head_word_kind(text, spans, gaz)


def _missed_org_names(text: str, spans: Sequence[Span], _gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    return org_names.missed_org_names(text, spans, common)


def _given_name_people(text: str, spans: Sequence[Span], gaz: Gazetteer, _common: frozenset[str]) -> list[Span]:
    return people.given_name_people(text, spans, gaz)


_given_name_people.__doc__ = people.given_name_people.__doc__
_merge_adjacent_people.__doc__ = "Two person spans with only a space between them are one name."
_join_name_tails.__doc__ = org_names.join_name_tails.__doc__
_join_across_connectors.__doc__ = org_names.join_across_connectors.__doc__
_head_word_kind.__doc__ = org_names.head_word_kind.__doc__
_missed_org_names.__doc__ = org_names.missed_org_names.__doc__

CHUNK_PASSES: list[Pass] = [
    Pass("join-name-tails", "chunk", _join_name_tails),
    Pass("join-across-connectors", "chunk", _join_across_connectors),
    Pass("head-word-kind", "chunk", _head_word_kind),
    Pass("missed-org-names", "chunk", _missed_org_names),
    Pass("given-name-people", "chunk", _given_name_people),
    Pass("merge-adjacent-people", "chunk", _merge_adjacent_people),
]


def run_chunk_passes(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """Run every chunk pass that is switched on over one chunk's spans (chunk offsets)."""
    out = list(spans)
    for p in CHUNK_PASSES:
        if enabled(p.name):
            out = p.run(text, out, gaz, common)
    return out

#: Every pass, chunk passes first.
PASSES: list[Pass] = [*CHUNK_PASSES]
