"""The mini map: caption colours, fit, clicks, exports and the empty state.

The reference article's map is drawn from the real model's analysis (marked
``model``); the window's map is tested on a fake analysis service.
"""

from __future__ import annotations

import colorsys
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from reader.nlp.analyse import analyse_text
from reader.ui.mini_map import MapRenderer, world_shapes
from reader.ui.theme import DARK, LIGHT

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE, analyse

CAPTION = {"RU": "#ff0000", "KP": "#ffa500", "UA": "#008000"}


def _hue(colour: QColor) -> float:
    return colorsys.rgb_to_hls(colour.redF(), colour.greenF(), colour.blueF())[0]


def _pixel_at(image: QImage, transform, code: str) -> QColor:
    point = transform.map(world_shapes().countries[code].label)
    return image.pixelColor(round(point.x()), round(point.y()))


@pytest.fixture(scope="module")
def reference_countries(pipeline, reference_path: Path):
    return analyse_text(reference_path.read_text(encoding="utf-8"), pipeline).countries


@pytest.mark.model
def test_exported_png_carries_the_caption_colours(qapp, reference_countries, tmp_path: Path) -> None:
    renderer = MapRenderer()
    renderer.set_countries(reference_countries)
    path = tmp_path / "map.png"
    renderer.export(str(path), QSize(1600, 900), qapp.font())
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 900)
    font = qapp.font()
    font.setPixelSize(round(1600 / 90))
    area = renderer.map_rect(QRectF(0, 0, 1600, 900), font)
    transform = renderer.transform_for(renderer.fit_rect(), area)
    for code, colour in CAPTION.items():
        assert _pixel_at(image, transform, code).name() == colour, code
    # No other country looks like red, orange or green.
    checked = 0
    for use in reference_countries:
        if use.code in CAPTION or not area.contains(transform.map(world_shapes().countries[use.code].label)):
            continue
        checked += 1
        other = _pixel_at(image, transform, use.code)
        assert other.name() == use.colour
        for taken in CAPTION.values():
            d = abs(_hue(other) - _hue(QColor(taken))) % 1.0
            assert min(d, 1 - d) >= 0.06, (use.code, other.name(), taken)
    assert checked >= 3  # China, Japan, South Korea are in view


@pytest.mark.model
def test_fit_spans_eastern_europe_to_the_pacific(reference_countries) -> None:
    renderer = MapRenderer()
    renderer.set_countries(reference_countries)
    fit = renderer.fit_rect()
    shapes = world_shapes().countries
    for code in ("RU", "KP", "UA"):
        assert fit.contains(shapes[code].label)
    assert not fit.contains(shapes["US"].label)  # not the whole world: the caption's countries
    assert not fit.contains(shapes["FR"].label)
    assert fit.width() < 0.6 * renderer.shapes.bounds.width()


@pytest.mark.model
def test_svg_export_is_a_valid_drawing(qapp, reference_countries, tmp_path: Path) -> None:
    renderer = MapRenderer()
    renderer.set_countries(reference_countries)
    path = tmp_path / "map.svg"
    renderer.export(str(path), QSize(800, 450), qapp.font())
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 800 450"
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 50
    assert "Russia" in path.read_text(encoding="utf-8")


@pytest.mark.model
def test_click_inside_russia_selects_russia(qtbot, make_window, reference_path) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    minimap = window.map
    point = minimap.widget_point(world_shapes().countries["RU"].label)
    assert minimap.country_at(point) == "RU"
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=point.toPoint())
    russia = analysis.find_entity("Russia")
    assert window.selected == russia.id
    assert minimap.renderer.outlined == "RU"
    assert "Russia" in minimap.describe("RU") and "11 mentions" in minimap.describe("RU")
    save_screenshot(window, "map-russia-light")


def test_country_known_only_through_its_places_offers_them(qtbot, fake_window, tmp_path) -> None:
    text = "Officials in Moscow met envoys in St. Petersburg on Monday.\n"
    path = write_text(tmp_path, text, "moscow.txt")
    window, _service = fake_window(names={"Moscow": "GPE", "St. Petersburg": "GPE"})
    analysis = open_and_wait(qtbot, window, path)
    assert [c.code for c in analysis.countries] == ["RU"]
    window.select_country("RU")
    menu = window.country_menu
    assert menu is not None
    offered = [a.text() for a in menu.actions() if a.isEnabled()]
    assert any(text.startswith("Moscow") for text in offered)
    next(a for a in menu.actions() if a.text().startswith("Moscow")).trigger()
    assert window.selected == analysis.find_entity("Moscow").id
    menu.close()


def test_selecting_a_place_outlines_its_country(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.select_by_name("Lisbon")
    assert window.map.renderer.outlined == "PT"
    window.select_by_name("Karim Haddad")
    assert window.map.renderer.outlined is None


def test_text_without_countries_shows_the_world_with_a_note(qtbot, fake_window, tmp_path) -> None:
    path = write_text(tmp_path, "The committee met on Tuesday and agreed to meet again next week.\n", "plain.txt")
    window, _service = fake_window()
    open_and_wait(qtbot, window, path)
    assert window.map.note == "No countries are named in this text."
    assert window.map.world == window.map.renderer.shapes.bounds
    image = window.map.grab().toImage()
    land = window.map.renderer.palette.land.name()
    ratio = image.devicePixelRatio()
    point = window.map.widget_point(world_shapes().countries["BR"].label)
    assert image.pixelColor(round(point.x() * ratio), round(point.y() * ratio)).name() == land
    save_screenshot(window, "map-empty-light")


def test_wheel_zoom_drag_and_double_click_refit(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    minimap = window.map
    fitted = QRectF(minimap.world)
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(minimap.width() / 2, minimap.height() / 3)
    event = QWheelEvent(
        centre, minimap.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    minimap.wheelEvent(event)
    assert minimap.world.width() < fitted.width()
    qtbot.mouseDClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert minimap.world == fitted


@pytest.mark.model
def test_map_command_writes_png_and_svg(sample_path, tmp_path: Path) -> None:
    for name in ("out.png", "out.svg"):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "reader", "map", str(sample_path), "-o", str(out), "--size", "800x450"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    assert QImage(str(tmp_path / "out.png")).size() == QSize(800, 450)


def test_map_command_fails_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "map", str(tmp_path / "none.txt"), "-o", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "reader", "map", str(tmp_path / "none.txt"), "-o", str(tmp_path / "x.gif")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2


def test_export_from_the_window_is_atomic_and_reports_failure(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    good = tmp_path / "map.png"
    assert window.export_map(str(good))
    assert QImage(str(good)).width() == 1600
    assert not window.export_map(str(tmp_path / "missing-folder" / "map.png"))
    assert "could not be saved" in window.banner.label.text()


def test_the_caption_colours_a_made_up_articles_map(qapp, tmp_path: Path) -> None:
    countries = analyse(ARTICLE).countries
    renderer = MapRenderer()
    renderer.set_countries(countries)
    path = tmp_path / "map.png"
    renderer.export(str(path), QSize(1200, 700), qapp.font())
    image = QImage(str(path))
    font = qapp.font()
    font.setPixelSize(round(1200 / 90))
    transform = renderer.transform_for(renderer.fit_rect(), renderer.map_rect(QRectF(0, 0, 1200, 700), font))
    assert _pixel_at(image, transform, "MA").name() == "#008000"  # "Green = Morocco"
    assert _pixel_at(image, transform, "ES").name() == LIGHT.map.land.name()  # not in the text


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_the_map_draws_with_its_themes_colours(qapp, theme) -> None:
    renderer = MapRenderer(theme)
    assert renderer.palette is theme.map
    image = QImage(QSize(800, 450), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    transform = renderer.render(painter, QRectF(0, 0, 800, 450), qapp.font())
    painter.end()
    assert _pixel_at(image, transform, "BR").name() == theme.map.land.name()
    assert image.pixelColor(2, 2).name() == theme.map.off_globe.name()  # the corner, off the globe


def test_the_automatic_colours_keep_clear_of_the_themes_own_land_and_sea() -> None:
    from reader.core.colours import MAP_FILLS

    assert set(MAP_FILLS) == {t.map.land.name() for t in (LIGHT, DARK)} | {t.map.ocean.name() for t in (LIGHT, DARK)}
