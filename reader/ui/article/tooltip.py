"""The article's tooltips: what the text says about an entity, as plain text."""

from __future__ import annotations

from PySide6.QtGui import Qt

from reader.core.model import Entity
from reader.core.places import default_gazetteer
from reader.ui.theme import KIND_SINGULAR


def mentions_text(n: int) -> str:
    """``"1 mention"`` or ``"N mentions"``."""
    return "1 mention" if n == 1 else f"{n} mentions"


#: How each kind of correction reads in a tooltip.
CORRECTED = {
    "kind": "kind set by you",
    "add": "added by you",
    "merge": "names joined by you",
    "split": "split off by you",
    "rename": "named by you",
    "country": "country set by you",
}


def entity_tooltip(entity: Entity, corrected: tuple[str, ...] = ()) -> str:
    """Plain-text tooltip: name, kind, mentions, aliases, country, and what the reader corrected."""
    lines = [entity.name, f"{KIND_SINGULAR[entity.kind].capitalize()} · {mentions_text(entity.mentions)}"]
    if entity.aliases:
        lines.append("Also: " + ", ".join(entity.aliases))
    if entity.kind in ("PLACE", "GROUP"):
        if entity.country:
            country = default_gazetteer().countries.get(entity.country)
            lines.append(f"Country: {country.name if country else entity.country}")
        else:
            lines.append("Country: none (a region or several countries)")
    if corrected:
        lines.append("✎ " + ", ".join(CORRECTED.get(c, c) for c in corrected).capitalize())
    return "\n".join(lines)


def tooltip_markup(text: str) -> str:
    """``text`` as Qt should be given it for a tooltip, so that it shows as the plain text it is.

    Qt shows a tooltip that looks like markup (a name such as ``<b>Ada</b>``
    in a text) as rich text; such a text is escaped, its lines kept.
    """
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)


def span_tooltip(surface: str, kind: str) -> str:
    """The tooltip of a highlight whose entity is not known yet: its text and kind."""
    return f"{surface} — {KIND_SINGULAR[kind]}"
