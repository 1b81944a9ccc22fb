"""Gazette's domain types: plain, frozen data that crosses threads and processes.

Raw spans come from the model; clean spans from the cleaning rules; mentions,
entities and countries make up an :class:`Analysis`. Nothing here imports Qt
or spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.places import name_key

#: Gazette's kinds, in the order the panel lists them.
KINDS: tuple[str, ...] = ("PERSON", "PLACE", "ORG", "GROUP")

#: How spaCy's labels map onto Gazette's kinds; other labels are not names.
KIND_OF_LABEL: dict[str, str] = {
    "PERSON": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "ORG": "ORG",
    "NORP": "GROUP",
}

#: The spaCy label given to a mention that Gazette found itself.
LABEL_OF_KIND: dict[str, str] = {"PERSON": "PERSON", "PLACE": "GPE", "ORG": "ORG", "GROUP": "NORP"}


@dataclass(frozen=True, slots=True)
class RawSpan:
    """A span as the model gave it: code-point offsets and a spaCy label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Span:
    """A cleaned span with its Gazette kind and the model's label."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class ChunkSpans:
    """What the model and the cleaning rules found in ``text[start:end]`` (document offsets)."""

    start: int
    end: int
    raw: tuple[RawSpan, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: code-point offsets into the document's text."""

    start: int
    end: int
    text: str
    kind: str
    label: str
    entity: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place, organisation or group, with every name it goes by."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    mentions: int
    country: str | None
    first: int


@dataclass(frozen=True, slots=True)
class CountryUse:
    """A country the text is about, with its map colour.

    ``mentions`` counts every mention of every entity in ``entities``: the
    country's own name, the places in it and its nationality words. ``parts``
    says how: ``(entity name, mentions)`` for each of them, in the same order.
    """

    code: str
    name: str
    mentions: int
    colour: str
    from_legend: bool
    entities: tuple[str, ...]
    parts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything Gazette found in one text."""

    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    countries: tuple[CountryUse, ...] = ()
    pipeline_name: str = ""
    pipeline_version: str = ""
    #: What the reader's corrections changed: entity id -> actions, mention start -> actions.
    corrected_entities: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    corrected_mentions: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)
    _by_id: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({entity.id: entity for entity in self.entities})

    def entity(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.entity == entity_id]

    def find_entity(self, name: str) -> Entity | None:
        """The entity called ``name`` or having it as an alias (case-insensitive)."""
        key = name_key(name)
        for entity in self.entities:
            if name_key(entity.name) == key:
                return entity
        for entity in self.entities:
            if key in (name_key(alias) for alias in entity.aliases):
                return entity
        return None
