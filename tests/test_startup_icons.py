"""The icon speed-up: one qtawesome font, or qtawesome's own way when it is off."""

from __future__ import annotations

import pytest

from reader.core import speedups
from reader.core.speedups import SWITCH_ENV
from reader.ui import icons


@pytest.fixture
def fresh_font(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test finds the icon font itself; the font found before comes back afterwards."""
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    monkeypatch.setattr(icons, "_font", None)


def drawn(name: str) -> bool:
    """Whether the icon paints any pixel at 32 by 32."""
    image = icons.icon(name, "#202020").pixmap(32, 32).toImage()
    return any(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))


@pytest.mark.usefixtures("fresh_font")
def test_with_the_speedup_icons_come_from_the_one_font() -> None:
    font = icons._icon_font()
    assert font is not None and font.fontname == {"mdi6": "Material Design Icons"}
    assert drawn("mdi6.folder-open")


@pytest.mark.usefixtures("fresh_font")
def test_with_the_switch_qtawesome_draws_the_icons_its_own_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH_ENV, "1")
    assert icons._icon_font() is None
    assert drawn("mdi6.folder-open")
    assert drawn("fa5s.map")  # qtawesome's whole set is there


@pytest.mark.usefixtures("fresh_font")
def test_another_qtawesome_version_draws_the_icons_its_own_way(monkeypatch: pytest.MonkeyPatch) -> None:
    real = speedups.installed_version
    monkeypatch.setattr(speedups, "installed_version", lambda lib: "2.0.0" if lib == "qtawesome" else real(lib))
    assert icons._icon_font() is None
    assert drawn("mdi6.folder-open")
