"""Light and dark themes: every colour the window draws with, one palette per theme.

The entity hues come from the Okabe–Ito palette, which stays distinct for the
common forms of colour blindness; each kind also has its own underline style,
so kinds differ by more than colour. The countries' colours on the map are
chosen by :mod:`reader.core.colours`, without Qt.
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
class WindowColours:
    """The application palette's colours (Fusion style)."""

    window: QColor
    base: QColor
    alternate: QColor
    text: QColor
    button: QColor
    highlight: QColor
    highlighted_text: QColor
    link: QColor
    disabled: QColor
    mid: QColor
    midlight: QColor
    dark: QColor
    shadow: QColor


@dataclass(frozen=True)
class BannerColours:
    """A message strip's background, text (and icon) and bottom edge."""

    background: QColor
    text: QColor
    edge: QColor


@dataclass(frozen=True)
class MapColours:
    """The mini map's colours; the countries' own come with the analysis."""

    ocean: QColor
    off_globe: QColor  # the corners of the map, beyond the globe's edge
    land: QColor
    border: QColor
    text: QColor
    panel: QColor  # behind the legend
    outline: QColor  # around the selected place's country


@dataclass(frozen=True)
class Theme:
    """Colours for one scheme."""

    dark: bool
    base: QColor  # the article's background
    text: QColor
    muted: QColor
    strong_text: QColor  # the selected entity's mentions
    current_text: QColor  # the mention stepped to, over its kind's colour
    find_match: QColor
    window: WindowColours
    map: MapColours
    error: BannerColours
    notice: BannerColours

    def kind_colour(self, kind: str) -> QColor:
        """The full colour of a kind: legend swatches, underlines, markers."""
        return QColor(_KIND_HUES[kind])

    def highlight_background(self, kind: str, strength: str = "normal") -> QColor:
        """The background behind a mention: ``"normal"``, ``"dim"`` or ``"strong"``."""
        amount = {"dim": 0.10, "normal": 0.30, "strong": 0.62}[strength]
        if self.dark:
            amount = {"dim": 0.14, "normal": 0.38, "strong": 0.70}[strength]
        return _mix(self.kind_colour(kind), self.base, amount)

    def banner(self, level: str) -> BannerColours:
        """The colours of a banner of ``level``: ``"error"`` or ``"info"``."""
        return self.error if level == "error" else self.notice


LIGHT = Theme(
    dark=False,
    base=QColor("#fbfaf7"),
    text=QColor("#1d1d1f"),
    muted=QColor("#6b6b70"),
    strong_text=QColor("#000000"),
    current_text=QColor("#000000"),
    find_match=QColor("#f4d03f"),
    window=WindowColours(
        window=QColor("#f0efeb"),
        base=QColor("#fbfaf7"),
        alternate=QColor("#f3f2ee"),
        text=QColor("#1d1d1f"),
        button=QColor("#f6f5f2"),
        highlight=QColor("#3874cb"),
        highlighted_text=QColor("#ffffff"),
        link=QColor("#1a5fb4"),
        disabled=QColor("#9a9a9e"),
        mid=QColor("#c9c8c3"),
        midlight=QColor("#e2e1dc"),
        dark=QColor("#a5a49f"),
        shadow=QColor("#77767a"),
    ),
    map=MapColours(
        ocean=QColor("#dbe7f0"),
        off_globe=QColor("#dbe7f0").darker(108),
        land=QColor("#e9e6df"),
        border=QColor("#ffffff"),
        text=QColor("#1d1d1f"),
        panel=QColor(251, 250, 247, 230),
        outline=QColor("#111111"),
    ),
    error=BannerColours(QColor("#fdecea"), QColor("#5f1d1d"), QColor("#e6b3ae")),
    notice=BannerColours(QColor("#e8f1fb"), QColor("#173a63"), QColor("#b5cde8")),
)

DARK = Theme(
    dark=True,
    base=QColor("#1e1f22"),
    text=QColor("#e6e6e6"),
    muted=QColor("#a0a0a8"),
    strong_text=QColor("#ffffff"),
    current_text=QColor("#000000"),
    find_match=QColor("#8a6d00"),
    window=WindowColours(
        window=QColor("#2b2d31"),
        base=QColor("#1e1f22"),
        alternate=QColor("#26282c"),
        text=QColor("#e6e6e6"),
        button=QColor("#34363b"),
        highlight=QColor("#3d6fb6"),
        highlighted_text=QColor("#ffffff"),
        link=QColor("#8ab4f8"),
        disabled=QColor("#7b7d83"),
        mid=QColor("#45474d"),
        midlight=QColor("#3a3c41"),
        dark=QColor("#151618"),
        shadow=QColor("#000000"),
    ),
    map=MapColours(
        ocean=QColor("#1a2530"),
        off_globe=QColor("#1a2530").darker(130),
        land=QColor("#4a4d52"),
        border=QColor("#26282c"),
        text=QColor("#e6e6e6"),
        panel=QColor(30, 31, 34, 225),
        outline=QColor("#ffffff"),
    ),
    error=BannerColours(QColor("#4a2326"), QColor("#ffdada"), QColor("#8c3a40")),
    notice=BannerColours(QColor("#233447"), QColor("#dbe9ff"), QColor("#3d5a80")),
)


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
    c = theme.window
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, c.window),
        (roles.WindowText, c.text),
        (roles.Base, c.base),
        (roles.AlternateBase, c.alternate),
        (roles.Text, c.text),
        (roles.Button, c.button),
        (roles.ButtonText, c.text),
        (roles.ToolTipBase, c.base),
        (roles.ToolTipText, c.text),
        (roles.PlaceholderText, c.disabled),
        (roles.Highlight, c.highlight),
        (roles.HighlightedText, c.highlighted_text),
        (roles.Link, c.link),
        (roles.BrightText, c.highlighted_text),
        (roles.Mid, c.mid),
        (roles.Midlight, c.midlight),
        (roles.Dark, c.dark),
        (roles.Shadow, c.shadow),
    ):
        p.setColor(role, colour)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, c.disabled)
    return p


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Set the Fusion style and the theme's palette on ``app``."""
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
