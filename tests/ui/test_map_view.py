"""The map as a reader meets it: what is in view, the fit at any size, counts that say
what they count, the legend by keyboard and to screen readers, and clean exports.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from reader.core.colours import delta_e
from reader.ui.exporting import INLINE_LEGEND_PX, INLINE_MAP_SIZE, map_renderer
from reader.ui.mini_map import MapRenderer, count_label, world_shapes
from reader.ui.theme import DARK, LIGHT

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import analyse

#: A text whose caption colours three countries of Eurasia, and that names the United States too.
FAR_TEXT = (
    "Envoys from Russia, North Korea and Ukraine met in Moscow on Monday. North Korea sent its "
    "foreign minister; North Korean officers came too. The United States objected, and China, "
    "whose envoy flew in from Beijing, said nothing.\n"
    "Russia = Red\n"
    "Orange = North Korea\n"
    "Green = Ukraine\n"
)
FAR_NAMES = {
    "Russia": "GPE",
    "North Korea": "GPE",
    "Ukraine": "GPE",
    "Moscow": "GPE",
    "United States": "GPE",
    "China": "GPE",
    "Beijing": "GPE",
    "North Korean": "NORP",
}


def _open(qtbot, fake_window, tmp_path, theme="light", size=(1400, 900)):
    window, _service = fake_window(theme=theme, size=size, names=FAR_NAMES)
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, FAR_TEXT, "far.txt"))
    QApplication.processEvents()
    return window, analysis


def _chip(minimap, code):
    return next(chip for chip in minimap.chips if chip.item.code == code)


def _fully_in_view(minimap, code) -> bool:
    layout = minimap.current_layout()
    drawn = layout.transform.mapRect(world_shapes().countries[code].fit_bounds)
    return layout.area.contains(drawn)


# -- 1. every coloured country is in view or marked as outside it ------------------


def test_a_country_outside_the_frame_says_so_and_a_click_on_its_chip_shows_it(qtbot, fake_window, tmp_path) -> None:
    window, analysis = _open(qtbot, fake_window, tmp_path)
    minimap = window.map
    assert minimap.off_map == {"US": "←"}  # the fit is the caption's Eurasia; the US lies west of it
    us = _chip(minimap, "US")
    assert us.item.text == "United States 1 ← off map"
    assert "Outside the map, to the west" in us.toolTip()
    for code in ("RU", "KP", "UA", "CN"):
        assert "off map" not in _chip(minimap, code).item.text
        assert _fully_in_view(minimap, code), code
    save_screenshot(window, "map-off-map-light")

    qtbot.mouseClick(us, Qt.MouseButton.LeftButton)
    assert "US" not in minimap.off_map
    assert minimap.off_map == {}
    assert "off map" not in _chip(minimap, "US").item.text
    for code in ("US", "RU", "KP", "UA"):
        assert _fully_in_view(minimap, code), code
    assert window.selected == analysis.find_entity("United States").id
    save_screenshot(window, "map-us-shown-light")
    # A double click fits the caption's countries again.
    qtbot.mouseDClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert minimap.off_map == {"US": "←"}


def test_exports_mark_the_countries_outside_the_frame(qapp) -> None:
    renderer = MapRenderer()
    renderer.set_countries(analyse(FAR_TEXT, FAR_NAMES).countries)
    svg = bytes(renderer.encode("svg", QSize(1600, 900), qapp.font()).data()).decode("utf-8")
    assert "United States" in svg and "← off map" in svg
    layout = renderer.layout(QRectF(0, 0, 1600, 900), renderer.export_font(qapp.font(), QSize(1600, 900)))
    assert layout.off_map == {"US": "←"}
    for code in ("RU", "KP", "UA", "CN"):
        assert layout.area.contains(layout.transform.mapRect(world_shapes().countries[code].fit_bounds)), code


#: A text whose caption colours three countries of central Europe, and that names Russia and the United States.
CUT_TEXT = (
    "Envoys from Poland, Germany and Ukraine met in Warsaw on Monday. Russia sent no one, "
    "and the United States said nothing.\n"
    "Poland = Red\n"
    "Germany = Blue\n"
    "Green = Ukraine\n"
)
CUT_NAMES = dict.fromkeys(("Poland", "Germany", "Ukraine", "Warsaw", "Russia", "United States"), "GPE")


def test_a_country_the_frame_cuts_says_it_is_partly_off_the_map(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window(size=(1400, 900), names=CUT_NAMES)
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, CUT_TEXT, "cut.txt"))
    QApplication.processEvents()
    minimap = window.map
    # The frame fits the caption's Europe: Poland is whole, Russia runs out of it to
    # the east, and the United States lies wholly to the west.
    assert _chip(minimap, "PL").item.text == "Poland 1 + 1"
    assert _chip(minimap, "RU").item.text == "Russia 1 → partly off map"
    assert _chip(minimap, "US").item.text == "United States 1 ← off map"
    assert "Partly outside the map, to the east: choose it to show it whole." in _chip(minimap, "RU").toolTip()
    description = QAccessible.queryAccessibleInterface(minimap).text(QAccessible.Text.Description)
    assert description.endswith("Partly outside the view: Russia. Outside the view: United States.")
    save_screenshot(window, "map-partly-off-light")

    qtbot.mouseClick(_chip(minimap, "RU"), Qt.MouseButton.LeftButton)
    assert _chip(minimap, "RU").item.text == "Russia 1"  # shown whole
    assert _fully_in_view(minimap, "RU")
    assert window.selected == analysis.find_entity("Russia").id


def test_the_exported_maps_legend_says_which_countries_the_frame_cuts(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window(names=CUT_NAMES)
    open_and_wait(qtbot, window, write_text(tmp_path, CUT_TEXT, "cut.txt"))
    out = tmp_path / "out.html"
    assert window.export_to(str(out))
    svg = out.read_text(encoding="utf-8").split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "→ partly off map" in svg and "↙ off map" in svg  # a wide, low frame: the US is below its bottom too
    # The PDF's map is a picture drawn the same way, at twice the size.
    size = INLINE_MAP_SIZE * 2
    font = MapRenderer.export_font(QApplication.font(), size, 2 * INLINE_LEGEND_PX)
    layout = map_renderer(window.analysis).layout(QRectF(0, 0, size.width(), size.height()), font)
    assert layout.partly_off_map == {"RU": "→"} and layout.off_map == {"US": "↙"}


# -- 2. the fit follows the panel's size ----------------------------------------------


@pytest.mark.parametrize("size", [(800, 600), (1600, 1000)])
def test_the_fitted_countries_are_whole_at_any_window_size(qtbot, fake_window, tmp_path, size) -> None:
    window, _analysis = _open(qtbot, fake_window, tmp_path, size=size)
    for code in ("RU", "KP", "UA"):
        assert _fully_in_view(window.map, code), (code, size)


def test_resizing_refits_until_the_reader_zooms_and_a_double_click_refits_to_the_new_size(
    qtbot, fake_window, tmp_path
) -> None:
    window, _analysis = _open(qtbot, fake_window, tmp_path, size=(1600, 1000))
    minimap = window.map
    minimap.resize(500, 420)
    assert all(_fully_in_view(minimap, code) for code in ("RU", "KP", "UA"))
    minimap.resize(240, 170)
    assert all(_fully_in_view(minimap, code) for code in ("RU", "KP", "UA"))
    assert not minimap.user_view

    centre = QPointF(minimap.width() / 2, minimap.current_layout().area.height() / 2)
    event = QWheelEvent(
        centre, minimap.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 360),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    minimap.wheelEvent(event)
    zoomed = QRectF(minimap.world)
    assert minimap.user_view
    minimap.resize(260, 180)
    assert minimap.world == zoomed  # the reader's view is kept
    assert not all(_fully_in_view(minimap, code) for code in ("RU", "KP", "UA"))
    qtbot.mouseDClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not minimap.user_view
    assert all(_fully_in_view(minimap, code) for code in ("RU", "KP", "UA"))


# -- 3. distinct colours for many countries ---------------------------------------------

MANY = [
    "France", "Germany", "Italy", "Spain", "China", "India", "Japan", "Brazil", "Canada", "Mexico",
    "Egypt", "Kenya", "Chile", "Peru", "Norway", "Poland", "Turkey", "Iran", "Vietnam", "Australia",
    "Argentina", "Nigeria",
]  # fmt: skip


def test_twenty_two_countries_get_distinct_colours_clear_of_the_caption(qapp) -> None:
    text = " ".join(f"Talks in {name}." for name in MANY) + "\nRussia = Red\nGreen = Ukraine\n"
    countries = analyse(text, {**dict.fromkeys(MANY, "GPE"), "Russia": "GPE", "Ukraine": "GPE"}).countries
    automatic = [c for c in countries if not c.from_legend]
    assert len(automatic) == 22
    colours = [c.colour for c in automatic]
    assert len(set(colours)) == 22
    assert min(delta_e(a, b) for a, b in combinations(colours, 2)) >= 10
    for colour in colours:
        assert delta_e(colour, "#ff0000") >= 20 and delta_e(colour, "#008000") >= 20
    by_name = {c.name: c.colour for c in countries}
    assert len({by_name["France"], by_name["China"], by_name["India"]}) == 3


# -- 4. clean exports by default; the choice in the dialog ------------------------------


def _type_file_name(dialog, path: Path) -> None:
    """Type ``path`` into the dialog's file name field, as a reader would."""
    dialog.setDirectory(str(path.parent))
    QApplication.processEvents()  # the dialog settles on its folder first
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.clear()
    field.insert(path.name)


def test_export_map_dialog_saves_clean_by_default_and_as_the_window_when_asked(qtbot, fake_window, tmp_path) -> None:
    window, analysis = _open(qtbot, fake_window, tmp_path, theme="dark")
    window.select_by_name("Moscow")
    assert window.map.renderer.outlined == "RU"

    window.export_map_dialog()
    dialog = window.map_export_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.window_theme.isChecked() and not dialog.show_selection.isChecked()
    save_screenshot(dialog, "map-export-dialog-dark")
    (tmp_path / "clean").mkdir()
    clean = tmp_path / "clean" / "map.png"
    _type_file_name(dialog, clean)
    dialog.accept()
    assert clean.is_file()
    expected = MapRenderer(LIGHT)
    expected.set_countries(analysis.countries)
    assert QImage(str(clean)) == QImage.fromData(expected.encode("png", QSize(1600, 900), window.font()))


def test_export_map_dialog_can_save_the_window_theme_and_the_selection(qtbot, fake_window, tmp_path) -> None:
    window, analysis = _open(qtbot, fake_window, tmp_path, theme="dark")
    window.select_by_name("Moscow")
    (tmp_path / "styled").mkdir()
    window.export_map_dialog()
    dialog = window.map_export_dialog
    dialog.window_theme.setChecked(True)
    dialog.show_selection.setChecked(True)
    styled = tmp_path / "styled" / "dark-map"  # no extension: the chosen type's is added
    _type_file_name(dialog, styled)
    dialog.accept()
    image = QImage(str(styled) + ".png")
    dark = MapRenderer(DARK)
    dark.set_countries(analysis.countries)
    unselected = QImage.fromData(dark.encode("png", QSize(1600, 900), window.font()))
    dark.outlined = "RU"
    assert image == QImage.fromData(dark.encode("png", QSize(1600, 900), window.font()))
    assert image != unselected  # the outline is there
    layout = dark.layout(QRectF(0, 0, 1600, 900), dark.export_font(window.font(), QSize(1600, 900)))
    kazakhstan = layout.transform.map(world_shapes().countries["KZ"].label)
    assert image.pixelColor(kazakhstan.toPoint()).name() == DARK.map.land.name()


# -- 5. counts that say what they count -------------------------------------------------


def test_legend_and_hover_say_what_their_counts_are(qtbot, fake_window, tmp_path) -> None:
    window, analysis = _open(qtbot, fake_window, tmp_path)
    minimap = window.map
    korea = analysis.find_entity("North Korea")
    use = next(c for c in analysis.countries if c.code == "KP")
    # The panel counts the entity "North Korea"; the map adds "North Korean" and says so.
    assert korea.mentions == 2  # two in the text; the caption line colours, it is no mention
    assert use.mentions == 3
    assert count_label(use) == "2 + 1"
    assert _chip(minimap, "KP").item.text == "North Korea 2 + 1"
    assert minimap.describe("KP") == "North Korea\n3 mentions: 2 as “North Korea”, 1 as “North Korean”"
    assert any(chip.item.text.startswith("+ n:") for chip in minimap.chips)  # the legend explains "+ n"
    # China: hovering says what its two mentions are; selecting it shows the one of "China".
    assert minimap.describe("CN") == "China\n2 mentions: 1 as “China”, 1 as “Beijing”"
    assert _chip(minimap, "CN").item.text == "China 1 + 1"
    window.select_country("CN")
    assert window.selected == analysis.find_entity("China").id
    assert len(window.selection.mentions()) == 1


def test_names_from_the_text_show_as_plain_text_in_tooltips(qtbot) -> None:
    from reader.core.model import CountryUse
    from reader.ui.mini_map import MiniMap

    minimap = MiniMap()
    qtbot.addWidget(minimap)
    minimap.resize(400, 300)
    use = CountryUse(
        "FR", "France", 3, "#4e79a7", False, ("PLACE:france", "PLACE:x"), (("France", 1), ("<b>Lyon</b>", 2))
    )
    minimap.set_countries([use])
    chip = _chip(minimap, "FR")
    assert chip.item.text == "France 1 + 2"
    assert "&lt;b&gt;Lyon&lt;/b&gt;" in chip.toolTip() and "<b>Lyon" not in chip.toolTip()
    assert minimap.describe("FR") == "France\n3 mentions: 1 as “France”, 2 as “<b>Lyon</b>”"
    assert QAccessible.queryAccessibleInterface(chip).text(QAccessible.Text.Description).endswith("“<b>Lyon</b>”")


# -- 6. the legend by keyboard and to screen readers ----------------------------------


def test_tab_enters_the_legend_once_arrows_move_and_enter_selects(qtbot, fake_window, tmp_path) -> None:
    window, analysis = _open(qtbot, fake_window, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    minimap = window.map
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is minimap  # the legend comes right after the article
    assert minimap.current_chip().item.code == "KP" and minimap.current_chip().current
    qtbot.keyClick(minimap, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not minimap  # one Tab stop for the whole legend
    assert not any(chip.current for chip in minimap.chips)
    minimap.setFocus()
    qtbot.keyClick(minimap, Qt.Key.Key_Right)
    assert minimap.current_chip().item.code == "RU"
    assert [chip.item.code for chip in minimap.chips if chip.current] == ["RU"]
    qtbot.keyClick(minimap, Qt.Key.Key_Left)
    qtbot.keyClick(minimap, Qt.Key.Key_Left)  # stops at the first
    assert minimap.current_chip().item.code == "KP"
    qtbot.keyClick(minimap, Qt.Key.Key_Return)
    assert window.selected == analysis.find_entity("North Korea").id
    while minimap.current_chip().item.code != "US":
        before = minimap.current_chip()
        qtbot.keyClick(minimap, Qt.Key.Key_Right)
        assert minimap.current_chip() is not before
    qtbot.keyClick(minimap, Qt.Key.Key_Enter)
    assert minimap.off_map == {}
    assert window.selected == analysis.find_entity("United States").id
    assert QApplication.focusWidget() is minimap and minimap.current_chip().item.code == "US"
    save_screenshot(minimap, "map-legend-focus-light")


def test_the_map_and_its_chips_speak_to_screen_readers(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = _open(qtbot, fake_window, tmp_path)
    minimap = window.map
    chip = _chip(minimap, "KP")
    iface = QAccessible.queryAccessibleInterface(chip)
    assert iface.role() == QAccessible.Role.Button
    assert iface.text(QAccessible.Text.Name) == "North Korea"
    assert (
        iface.text(QAccessible.Text.Description) == "North Korea — 3 mentions: 2 as “North Korea”, 1 as “North Korean”"
    )
    us = QAccessible.queryAccessibleInterface(_chip(minimap, "US"))
    assert "Outside the map, to the west" in us.text(QAccessible.Text.Description)
    whole = QAccessible.queryAccessibleInterface(minimap)
    assert whole.text(QAccessible.Text.Name) == "Map"
    description = whole.text(QAccessible.Text.Description)
    assert description.startswith("Countries coloured: North Korea, 3 mentions")
    assert description.endswith("Outside the view: United States.")
    names = {whole.child(i).text(QAccessible.Text.Name) for i in range(whole.childCount())}
    assert {"North Korea", "Russia", "Ukraine", "United States", "China"} <= names


# -- screenshots -----------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(800, 600), (1600, 1000)])
def test_screenshots_of_the_map_in_both_themes_and_sizes(qtbot, fake_window, tmp_path, theme, size) -> None:
    window, _analysis = _open(qtbot, fake_window, tmp_path, theme=theme, size=size)
    for code in ("RU", "KP", "UA"):
        assert _fully_in_view(window.map, code)
    # Every chip of the legend, its notes included, lies whole under the map, none cut by the dock.
    layout = window.map.current_layout()
    assert layout.chips
    assert all(rect.bottom() <= window.map.height() and rect.top() >= layout.area.bottom() for rect, _ in layout.chips)
    save_screenshot(window, f"map-window-{theme}-{size[0]}x{size[1]}")


@pytest.mark.model
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(800, 600), (1600, 1000)])
def test_the_reference_articles_map_at_both_sizes(qtbot, make_window, reference_path: Path, theme, size) -> None:
    window = make_window(theme=theme, size=size)
    analysis = open_and_wait(qtbot, window, reference_path)
    QApplication.processEvents()
    minimap = window.map
    for code in ("RU", "KP", "UA"):
        assert _fully_in_view(minimap, code), code
    coloured = {c.code for c in analysis.countries}
    # At 800 × 600 the frame cuts New England at its left edge; at 1600 × 1000 the whole country is west of it.
    if size == (800, 600):
        assert "US" in coloured and minimap.partly_off_map.get("US") == "←"
        assert _chip(minimap, "US").item.text == "United States 2 ← partly off map"
    else:
        assert "US" in coloured and minimap.off_map.get("US") == "←"
        assert _chip(minimap, "US").item.text == "United States 2 ← off map"
    for code in coloured - set(minimap.off_map) - set(minimap.partly_off_map):
        assert "off map" not in _chip(minimap, code).item.text
    assert _chip(minimap, "KP").item.text == "North Korea 7 + 6"
    save_screenshot(window, f"map-reference-{theme}-{size[0]}x{size[1]}")


def test_clicking_a_country_puts_the_keyboards_focus_ring_on_its_chip(qtbot, fake_window, tmp_path) -> None:
    window, _analysis = _open(qtbot, fake_window, tmp_path)
    minimap = window.map
    first = minimap.current_chip()
    assert first is not None and first.item.code != "UA"
    point = minimap.widget_point(world_shapes().countries["UA"].label)
    with qtbot.waitSignal(minimap.countryClicked, timeout=2_000) as clicked:
        qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert clicked.args == ["UA"]
    assert minimap.current_chip().item.code == "UA"
    assert minimap.current_chip().current and not first.current
    minimap.setFocus()
    save_screenshot(window, "map-click-focus-ring")
