"""Icons from qtawesome, drawn in the palette's text colour so they follow the theme."""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette


def icon(name: str, colour: QColor | str | None = None) -> QIcon:
    """A qtawesome icon (e.g. ``"mdi6.folder-open"``) in ``colour`` or the text colour."""
    palette = QGuiApplication.palette()
    text = QColor(colour) if colour is not None else palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return qtawesome.icon(name, color=text, color_disabled=disabled)
