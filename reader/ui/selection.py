"""The selected entity: one object that the article, the entity panel and the map observe."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reader.core.model import Analysis, Entity, Mention

#: Kinds whose entity outlines its country on the map when selected.
MAPPED_KINDS = ("PLACE", "GROUP")


class Selection(QObject):
    """Which entity of the current analysis is selected, and so which country.

    The window changes it; the widgets that show it listen to its signals, so
    a click in any of them selects the same entity everywhere. Each signal is
    sent only when its value changes.
    """

    entityChanged = Signal(object)  # the selected Entity, or None
    countryChanged = Signal(object)  # the ISO code of the selected place's country, or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        self._entity: Entity | None = None
        self._country: str | None = None

    @property
    def analysis(self) -> Analysis | None:
        """The analysis the selection is made in (None while there is none)."""
        return self._analysis

    @property
    def entity(self) -> Entity | None:
        return self._entity

    @property
    def entity_id(self) -> str | None:
        return self._entity.id if self._entity else None

    @property
    def country(self) -> str | None:
        return self._country

    def mentions(self) -> list[Mention]:
        """The selected entity's mentions in text order; empty without a selection."""
        if self._analysis is None or self._entity is None:
            return []
        return self._analysis.mentions_of(self._entity.id)

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Select in ``analysis`` from now on; the selected entity stays if it is in it."""
        self._analysis = analysis
        self._set(analysis.entity(self._entity.id) if analysis and self._entity else None)

    def select(self, entity_id: str | None) -> bool:
        """Select the entity with this id (None clears). False if the analysis has no such entity."""
        if entity_id is None:
            self._set(None)
            return True
        entity = self._analysis.entity(entity_id) if self._analysis else None
        if entity is None:
            return False
        self._set(entity)
        return True

    def clear(self) -> None:
        self._set(None)

    def _set(self, entity: Entity | None) -> None:
        if entity != self._entity:
            self._entity = entity
            self.entityChanged.emit(entity)
        country = entity.country if entity is not None and entity.kind in MAPPED_KINDS else None
        if country != self._country:
            self._country = country
            self.countryChanged.emit(country)
