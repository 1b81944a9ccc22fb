"""The passes of the analysis, declared in one place, in the order they run.

Span steps (:mod:`reader.core.passes.span_steps`) clean each model span on its
own; chunk passes run on each chunk's cleaned spans, in the analysis processes,
with only the chunk's text in view; document passes run once all chunks are in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from reader.core.model import RawSpan, Span
from reader.core.passes import (
    acronyms,
    brackets,
    clubs,
    kinds,
    layout,
    lists,
    org_names,
    people,
    place_cues,
    regimes,
    units,
)
from reader.core.passes.registry import Pass, enabled
from reader.core.passes.span_steps import SPAN_PASSES
from reader.core.places import Gazetteer


def _merge_adjacent_people(text: str, spans: Sequence[Span]) -> list[Span]:
    """Two person spans with only a space between them are one name."""
    from reader.core.entities import _merge_adjacent_people as merge

    return merge(text, list(spans))


ChunkRun = Callable[[str, Sequence[Span], Gazetteer, frozenset[str]], list[Span]]


def _chunk_pass(function: Callable[..., list[Span]], *needs: str) -> ChunkRun:
    """A chunk pass from a function of ``(text, spans, *needs)``, ``needs`` among "gaz" and "common"."""

    def run(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
        given = {"gaz": gaz, "common": common}
        return function(text, spans, *(given[n] for n in needs))

    run.__doc__ = function.__doc__
    return run


CHUNK_PASSES: list[Pass] = [
    Pass("balanced-brackets", "chunk", _chunk_pass(brackets.balanced_brackets)),
    Pass("names-in-lists", "chunk", _chunk_pass(lists.names_in_lists, "gaz")),
    Pass("join-name-tails", "chunk", _chunk_pass(org_names.join_name_tails)),
    Pass("join-across-connectors", "chunk", _chunk_pass(org_names.join_across_connectors, "gaz")),
    Pass("head-word-kind", "chunk", _chunk_pass(org_names.head_word_kind, "gaz")),
    Pass("missed-org-names", "chunk", _chunk_pass(org_names.missed_org_names, "common")),
    Pass("body-name-openers", "chunk", _chunk_pass(org_names.body_name_openers, "common")),
    Pass("nationality-opens-body", "chunk", _chunk_pass(org_names.nationality_opens_body)),
    Pass("countries-under-regimes", "chunk", _chunk_pass(regimes.countries_under_regimes, "gaz")),
    Pass("numbered-units", "chunk", _chunk_pass(units.numbered_units)),
    Pass("district-letters", "chunk", _chunk_pass(place_cues.district_letters, "gaz")),
    Pass("known-place-tails", "chunk", _chunk_pass(place_cues.known_place_tails, "gaz")),
    Pass("club-letters", "chunk", _chunk_pass(clubs.club_letters, "common")),
    Pass("teams-named-for-places", "chunk", _chunk_pass(clubs.teams_named_for_places, "gaz", "common")),
    Pass("papers-named-for-places", "chunk", _chunk_pass(clubs.papers_named_for_places, "gaz")),
    Pass("plural-names-after-the", "chunk", _chunk_pass(org_names.plural_names_after_the, "gaz")),
    Pass("given-name-people", "chunk", _chunk_pass(people.given_name_people, "gaz")),
    Pass("party-plurals", "chunk", _chunk_pass(kinds.party_plurals, "gaz", "common")),
    # After given-name-people, which reads "Lega Kestrel" as a person's name ("Lega" is a given name).
    Pass("party-names-abroad", "chunk", _chunk_pass(org_names.party_names_abroad, "gaz", "common")),
    Pass("place-head-kind", "chunk", _chunk_pass(people.place_head_kind)),
    Pass("given-name-before", "chunk", _chunk_pass(people.given_name_before, "common")),
    Pass("people-the-model-missed", "chunk", _chunk_pass(people.people_the_model_missed, "gaz", "common")),
    Pass("person-name-tails", "chunk", _chunk_pass(people.person_name_tails)),
    Pass("names-across-particles", "chunk", _chunk_pass(people.names_across_particles)),
    Pass("merge-adjacent-people", "chunk", _chunk_pass(_merge_adjacent_people)),
]


def run_chunk_passes(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """Run every chunk pass that is switched on over one chunk's spans (chunk offsets)."""
    out = list(spans)
    for p in CHUNK_PASSES:
        if enabled(p.name):
            out = p.run(text, out, gaz, common)
    return out


@dataclass
class DocumentState:
    """What the document passes read and change: the whole text, the model's spans, the
    cleaned spans so far and the acronyms a definition has settled."""

    text: str
    raw: Sequence[RawSpan]
    gaz: Gazetteer
    spans: list[Span]
    acronyms: dict[str, str] = field(default_factory=dict)
    #: Mentions whose own sentence settles their kind: no vote of the entity overrules them.
    local: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Mentions whose own words settle the kind of their whole entity: each outvotes the rest.
    sure: set[tuple[int, int]] = field(default_factory=set)


def _document_pass(function: Callable[..., list[Span]], *needs: str) -> Callable[[DocumentState], None]:
    """A document pass from a function of ``(text, spans, *needs)`` that returns the new spans."""

    def run(state: DocumentState) -> None:
        state.spans = function(state.text, state.spans, *(getattr(state, n) for n in needs))

    run.__doc__ = function.__doc__
    return run


def _local_pass(function: Callable[[str, Sequence[Span], Gazetteer], list[Span]]) -> Callable[[DocumentState], None]:
    """A document pass whose changes of kind rest on the mention's own sentence: they are kept as local."""

    def run(state: DocumentState) -> None:
        before = {(sp.start, sp.end): sp.kind for sp in state.spans}
        state.spans = function(state.text, state.spans, state.gaz)
        for sp in state.spans:
            if before.get((sp.start, sp.end), sp.kind) != sp.kind:
                state.local[(sp.start, sp.end)] = sp.kind

    run.__doc__ = function.__doc__
    return run


def _sure_pass(function: Callable[[str, Sequence[Span], Gazetteer], list[Span]]) -> Callable[[DocumentState], None]:
    """A document pass whose changes of kind, and whose new mentions, settle the kind of their
    whole entity ("the band Kestrel" makes every "Kestrel" the band): they are kept as sure."""

    def run(state: DocumentState) -> None:
        before = {(sp.start, sp.end): sp.kind for sp in state.spans}
        state.spans = function(state.text, state.spans, state.gaz)
        for sp in state.spans:
            if before.get((sp.start, sp.end)) != sp.kind:
                state.sure.add((sp.start, sp.end))

    run.__doc__ = function.__doc__
    return run


def _acronym_definitions(state: DocumentState) -> None:
    from reader.core.analysis import _apply_acronym_definitions

    state.spans, state.acronyms = _apply_acronym_definitions(
        state.text, sorted(state.spans, key=lambda sp: sp.start), state.gaz
    )


def _missed_repeats(state: DocumentState) -> None:
    from reader.core.analysis import missed_repeats_pass

    state.spans = missed_repeats_pass(
        state.text, state.spans, state.raw, state.gaz, state.acronyms, state.local, frozenset(state.sure)
    )


@cache
def document_passes() -> tuple[Pass, ...]:
    """The document passes, in the order they run (made on first use: they live in
    :mod:`reader.core.analysis`, which imports this module)."""
    from reader.core import analysis as a

    _acronym_definitions.__doc__ = a._apply_acronym_definitions.__doc__
    _missed_repeats.__doc__ = a.missed_repeats_pass.__doc__
    return (
        Pass("datelines", "document", _document_pass(a.dateline_pass, "gaz")),
        Pass("capital-lines", "document", _document_pass(layout.capital_lines, "gaz")),
        Pass("heading-lines", "document", _document_pass(layout.heading_lines, "gaz")),
        Pass("ebook-body", "document", _document_pass(a._within_body)),
        Pass("places-after-place-nouns", "document", _document_pass(a._places_after_place_nouns)),
        Pass("names-acronyms-spell", "document", _document_pass(acronyms.names_acronyms_spell, "gaz")),
        Pass("acronym-definitions", "document", _acronym_definitions),
        Pass("common-noun-acronyms", "document", _document_pass(acronyms.common_noun_acronyms)),
        Pass("whole-country-names", "document", _document_pass(a._whole_country_names, "gaz")),
        Pass("no-storms", "document", _document_pass(a._without_storms)),
        Pass("trim-person-names", "document", _document_pass(a._trim_person_names, "gaz")),
        Pass("people-named-in-full", "document", _document_pass(people.people_named_in_full, "raw", "gaz")),
        Pass("people-after-their-title", "document", _local_pass(people.people_after_their_title)),
        Pass("no-people-after-the", "document", _local_pass(people.no_people_after_the)),
        Pass("places-after-in", "document", _local_pass(people.places_after_in)),
        Pass("places-beside-places", "document", _local_pass(people.places_beside_places)),
        Pass("realm-names", "document", _document_pass(place_cues.realm_names, "gaz")),
        Pass("places-defined-as-places", "document", _document_pass(place_cues.places_defined_as_places, "gaz")),
        Pass("parts-of-countries", "document", _document_pass(place_cues.parts_of_countries, "gaz")),
        Pass("places-before-their-country", "document", _local_pass(place_cues.places_before_their_country)),
        Pass("places-after-where-verbs", "document", _local_pass(place_cues.places_after_where_verbs)),
        Pass("places-listed-with-places", "document", _local_pass(place_cues.places_listed_with_places)),
        Pass("districts-after-in", "document", _local_pass(place_cues.districts_after_in)),
        Pass("people-by-what-they-do", "document", _sure_pass(people.people_by_what_they_do)),
        Pass("people-after-their-occupation", "document", _local_pass(people.people_after_their_occupation)),
        Pass("surnames-read-as-groups", "document", _document_pass(people.surnames_read_as_groups, "gaz")),
        Pass("bodies-by-what-they-do", "document", _sure_pass(kinds.bodies_by_what_they_do)),
        Pass("bodies-after-their-noun", "document", _sure_pass(kinds.bodies_after_their_noun)),
        Pass("examples-of-a-kind", "document", _document_pass(kinds.examples_of_a_kind, "gaz")),
        Pass("list-kinds", "document", _document_pass(kinds.list_kinds, "gaz")),
        Pass("towns-listed-as-bodies", "document", _document_pass(kinds.towns_listed_as_bodies, "gaz")),
        Pass("missed-repeats", "document", _missed_repeats),
        Pass("titled-people", "document", _document_pass(a._titled_people, "gaz")),
        Pass("formal-state-names", "document", _document_pass(a._formal_state_names)),
        Pass("caption-lines", "document", _document_pass(a.without_caption_lines)),
    )


def all_passes() -> list[Pass]:
    """Every pass in the order they run: span steps, chunk passes, document passes."""
    return [*SPAN_PASSES, *CHUNK_PASSES, *document_passes()]
