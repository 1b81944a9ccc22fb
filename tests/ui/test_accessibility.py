"""What screen readers and keyboard users get: accessible names of panel rows and scrollbar marks, visible focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics, QImage

from reader.ui.entity_panel import elide_words

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


def _cells(widget) -> list[tuple[str, str]]:
    """(name, description) of each row a list offers a screen reader."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    children = [iface.child(i) for i in range(iface.childCount())]
    return [(c.text(NAME), c.text(DESCRIPTION)) for c in children if c is not None and c.text(NAME)]


def test_entity_rows_and_headings_have_names_and_descriptions(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    cells = dict(_cells(window.panel.list))
    assert cells["Maria Ortega, person, 3 mentions"] == "Also: Ortega"
    assert cells["Tangier, place, 3 mentions"] == "Country: Morocco"
    assert cells["Atlantic Port Authority, organisation, 2 mentions"] == ""
    assert cells["People, heading, 2"] == "2 people"


def test_mention_rows_read_as_their_line_and_context_and_describe_their_sentence(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.select_by_name("Karim Haddad")
    cells = _cells(window.panel.mentions)
    assert [name.split(":")[0] for name, _d in cells] == ["Line 4", "Line 4"]
    assert cells[0][0].startswith("Line 4: Karim Haddad, who speaks for the port of Tangier, said Morocco")
    assert cells[1][1] == "Haddad and Ortega will meet again in Tangier in June."


def test_the_scrollbar_says_how_many_marks_it_shows_and_for_whom(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    bar = QAccessible.queryAccessibleInterface(window.view.marker_bar)
    assert bar.text(NAME) == "Position in the article"
    assert bar.text(DESCRIPTION).startswith("No marks")
    window.select_by_name("Maria Ortega")
    assert bar.text(DESCRIPTION) == "3 marks for Maria Ortega"
    window.select_by_name("Atlantic Port Authority")
    assert bar.text(DESCRIPTION) == "2 marks for Atlantic Port Authority"
    window.commands.clear_selection.trigger()
    assert bar.text(DESCRIPTION).startswith("No marks")


def _row_image(view, row: int) -> QImage:
    view.viewport().repaint()
    rect = view.visualRect(view.model().index(row, 0))
    return view.viewport().grab(rect).toImage()


def test_the_current_row_of_a_focused_list_is_outlined(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.select_by_name("Lisbon")
    for view in (window.panel.list, window.panel.mentions):
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=5_000)
        row = view.currentIndex().row()
        assert row >= 0
        focused = _row_image(view, row)
        window.view.setFocus()
        qtbot.waitUntil(lambda v=view: not v.hasFocus(), timeout=5_000)
        unfocused = _row_image(view, row)
        # The outline runs along the row's edge: its top line differs with and without the focus.
        differs = [x for x in range(focused.width()) if focused.pixelColor(x, 2) != unfocused.pixelColor(x, 2)]
        assert len(differs) > focused.width() // 2, view
    window.panel.mentions.setFocus()
    save_screenshot(window, "mentions-focus-light")


def test_keyboard_up_and_down_in_the_mention_list_and_enter_go_to_a_mention(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.select_by_name("Tangier")
    mentions = window.panel.mentions
    mentions.setFocus()
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    qtbot.keyClick(mentions, Qt.Key.Key_Return)
    third = window.selection.mentions()[2]
    assert window.view.textCursor().position() == window.view.offsets.to_utf16(third.start)


def test_elided_context_is_cut_between_words() -> None:
    metrics = QFontMetrics(QFont())
    before = "…the mayor of Lisbon, signed a ferry agreement with "
    width = metrics.horizontalAdvance("…ferry agreement with ")
    assert elide_words(metrics, before, width, left=True) == "…ferry agreement with "
    after = " after two days of talks at the Atlantic Port Authority."
    cut = elide_words(metrics, after, metrics.horizontalAdvance(" after two days of…"))
    assert cut == " after two days of…"
    assert elide_words(metrics, "short", 500) == "short"
    assert elide_words(metrics, "unbreakable", 5) == ""
