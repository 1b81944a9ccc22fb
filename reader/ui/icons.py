"""Icons from qtawesome, drawn in the palette's text colour so they follow the theme."""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from qtawesome.iconic_font import IconicFont

from reader.core.speedups import enabled

#: The one qtawesome font Gazette draws its icons from: Material Design Icons 6.
FONT_PREFIX = "mdi6"

_font: IconicFont | None = None


def _icon_font() -> IconicFont | None:
    """Just the Material Design font, or None to use qtawesome's own set.

    ``qtawesome.icon`` first loads and checksums all twelve fonts qtawesome
    ships (0.1 s of every start); Gazette needs one of them. Finding it takes
    qtawesome's private list of bundled fonts, so this is the speed-up
    ``"qtawesome_one_font"`` of :mod:`reader.core.speedups`.
    """
    global _font
    if not enabled("qtawesome_one_font"):
        return None
    if _font is None or not qtawesome.has_valid_font_ids(_font):
        bundled = [f for f in getattr(qtawesome, "_BUNDLED_FONTS", ()) if f[0] == FONT_PREFIX]
        _font = IconicFont(*bundled) if bundled else None
    return _font


def icon(name: str, colour: QColor | str | None = None) -> QIcon:
    """A qtawesome icon (e.g. ``"mdi6.folder-open"``) in ``colour`` or the text colour."""
    palette = QGuiApplication.palette()
    text = QColor(colour) if colour is not None else palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    font = _icon_font() if name.startswith(FONT_PREFIX + ".") else None
    if font is None:
        drawn: QIcon = qtawesome.icon(name, color=text, color_disabled=disabled)
    else:
        drawn = font.icon(name, color=text, color_disabled=disabled)
    return drawn
