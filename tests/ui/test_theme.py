"""Themes: one palette per theme, and the widgets that draw with it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from reader.ui.banner import Banner
from reader.ui.theme import DARK, LIGHT, Theme, palette_for


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_the_application_palette_is_the_themes(theme: Theme) -> None:
    palette = palette_for(theme)
    roles = QPalette.ColorRole
    assert palette.color(roles.Window) == theme.window.window
    assert palette.color(roles.Base) == theme.window.base
    assert palette.color(roles.Text) == theme.window.text
    assert palette.color(roles.Highlight) == theme.window.highlight
    assert palette.color(QPalette.ColorGroup.Disabled, roles.Text) == theme.window.disabled
    assert (palette.color(roles.Window).lightness() < 128) == theme.dark


def test_dim_normal_and_strong_highlights_step_away_from_the_page() -> None:
    for theme in (LIGHT, DARK):
        for kind in ("PERSON", "PLACE", "ORG", "GROUP"):
            dim, normal, strong = (theme.highlight_background(kind, s) for s in ("dim", "normal", "strong"))
            # Each step is further from the page's background than the last.
            distance = [abs(c.lightness() - theme.base.lightness()) for c in (dim, normal, strong)]
            assert distance == sorted(distance) and distance[0] > 0, (theme.dark, kind)


@pytest.mark.parametrize(("theme", "level"), [(LIGHT, "error"), (LIGHT, "info"), (DARK, "error"), (DARK, "info")])
def test_the_banner_draws_with_its_themes_colours(qtbot, theme: Theme, level: str) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.set_theme(theme)
    banner.show_message("The file could not be read.", level)
    colours = theme.banner(level)
    style = banner.styleSheet()
    assert colours.background.name() in style and colours.text.name() in style and colours.edge.name() in style
    assert banner.label.text() == "The file could not be read."
    image = banner.grab().toImage()
    assert image.pixelColor(image.width() // 2, 2).name() == colours.background.name()
