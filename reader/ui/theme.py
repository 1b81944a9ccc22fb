"""Light and dark themes: the application palette and the entity colours.

The entity hues come from the Okabe–Ito palette, which stays distinct for the
common forms of colour blindness; each kind also has its own underline style,
so kinds differ by more than colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

KIND_LABELS = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups"}
KIND_SINGULAR = {"PERSON": "person", "PLACE": "place", "ORG": "organisation", "GROUP": "group"}

# Okabe–Ito hues: orange, sky blue, bluish green, reddish purple.
_KIND_HUES = {"PERSON": "#e69f00", "PLACE": "#56b4e9", "ORG": "#009e73", "GROUP": "#cc79a7"}

UNDERLINES = {
    "PERSON": Qt.PenStyle.SolidLine,
    "PLACE": Qt.PenStyle.SolidLine,
    "ORG": Qt.PenStyle.DashLine,
    "GROUP": Qt.PenStyle.DotLine,
}


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` over ``b``."""
    return QColor(
        round(a.red() * amount + b.red() * (1 - amount)),
        round(a.green() * amount + b.green() * (1 - amount)),
        round(a.blue() * amount + b.blue() * (1 - amount)),
    )


@dataclass(frozen=True)
class Theme:
    """Colours for one scheme."""

    dark: bool
    base: QColor
    text: QColor
    muted: QColor

    def kind_colour(self, kind: str) -> QColor:
        """The full colour of a kind: legend swatches, underlines, markers."""
        return QColor(_KIND_HUES[kind])

    def highlight_background(self, kind: str, strength: str = "normal") -> QColor:
        """The background behind a mention: ``"normal"``, ``"dim"`` or ``"strong"``."""
        amount = {"dim": 0.10, "normal": 0.30, "strong": 0.62}[strength]
        if self.dark:
            amount = {"dim": 0.14, "normal": 0.38, "strong": 0.70}[strength]
        return _mix(self.kind_colour(kind), self.base, amount)

    def strong_text(self) -> QColor:
        return QColor("#ffffff") if self.dark else QColor("#000000")


LIGHT = Theme(False, QColor("#fbfaf7"), QColor("#1d1d1f"), QColor("#6b6b70"))
DARK = Theme(True, QColor("#1e1f22"), QColor("#e6e6e6"), QColor("#a0a0a8"))


def system_prefers_dark() -> bool:
    """The system's colour scheme, or the palette's lightness when it does not say."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def resolve_theme(choice: str) -> Theme:
    """``"light"``, ``"dark"`` or ``"system"`` to a :class:`Theme`."""
    if choice == "dark":
        return DARK
    if choice == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def palette_for(theme: Theme) -> QPalette:
    """An application palette for the Fusion style in ``theme``."""
    p = QPalette()
    if theme.dark:
        window, base, alt, text = "#2b2d31", "#1e1f22", "#26282c", "#e6e6e6"
        button, highlight, link = "#34363b", "#3d6fb6", "#8ab4f8"
        disabled = "#7b7d83"
    else:
        window, base, alt, text = "#f0efeb", "#fbfaf7", "#f3f2ee", "#1d1d1f"
        button, highlight, link = "#f6f5f2", "#3874cb", "#1a5fb4"
        disabled = "#9a9a9e"
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, window),
        (roles.WindowText, text),
        (roles.Base, base),
        (roles.AlternateBase, alt),
        (roles.Text, text),
        (roles.Button, button),
        (roles.ButtonText, text),
        (roles.ToolTipBase, base),
        (roles.ToolTipText, text),
        (roles.PlaceholderText, disabled),
        (roles.Highlight, highlight),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, link),
        (roles.BrightText, "#ffffff"),
        (roles.Mid, "#45474d" if theme.dark else "#c9c8c3"),
        (roles.Midlight, "#3a3c41" if theme.dark else "#e2e1dc"),
        (roles.Dark, "#151618" if theme.dark else "#a5a49f"),
        (roles.Shadow, "#000000" if theme.dark else "#77767a"),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Set the Fusion style and the theme's palette on ``app``."""
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
