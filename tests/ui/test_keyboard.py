"""The window without a mouse: Escape, stepping from highlight to highlight, Enter, visible focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE


def _active(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def test_one_escape_closes_the_find_bar_wherever_the_focus_is_the_next_clears_the_selection(
    qtbot, fake_window, tmp_path
) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    _active(qtbot, window)
    window.select_by_name("Maria Ortega")
    window.commands.find.trigger()
    qtbot.keyClicks(window.find_bar.field, "tangier")
    window.find_bar.search()
    # The focus leaves the find field: Escape still closes the bar first.
    for widget in (window.view, window.panel.list, window.panel.filter):
        window.commands.find.trigger()
        assert window.find_bar.isVisible()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=5_000)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        assert not window.find_bar.isVisible(), widget
        assert window.selected is not None, "the first Escape only closes the find bar"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.selected is None
    assert window.panel.list.selectionModel().selectedIndexes() == []


def test_escape_in_the_find_field_closes_the_bar_and_keeps_the_selection(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    _active(qtbot, window)
    window.select_by_name("Lisbon")
    window.commands.find.trigger()
    assert window.find_bar.field.hasFocus()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.selected == window.analysis.find_entity("Lisbon").id
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.selected is None


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_alt_right_and_alt_left_step_a_focus_through_the_highlights_and_enter_selects(
    qtbot, fake_window, tmp_path, theme
) -> None:
    window, _service = fake_window(theme=theme)
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    _active(qtbot, window)
    view = window.view
    view.setFocus()
    visible = [m for m in analysis.mentions if m.kind in {"PERSON", "PLACE", "ORG"}]
    seen = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        seen.append(view.selected_text())
    assert seen == [m.text for m in visible[:4]]
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.selected_text() == visible[2].text
    assert window.selected is None, "moving the focus selects nothing"
    assert window.statusBar().currentMessage() == "Maria Ortega: person. Enter selects it."
    save_screenshot(window, f"keyboard-focus-{theme}")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    chosen = analysis.entity(visible[2].entity)
    assert window.selected == chosen.id
    assert window.panel.current_name() == chosen.name
    # The mention that had the focus is the current one, so stepping on starts after it.
    mentions = window.selection.mentions()
    assert window.panel.mentions.currentRow() == [m.start for m in mentions].index(visible[2].start)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.selected_text() == visible[3].text


def test_stepping_skips_hidden_kinds_and_wraps_around(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.commands.kinds["PLACE"].setChecked(False)
    window.commands.kinds["ORG"].setChecked(False)
    people = [m.text for m in analysis.mentions if m.kind == "PERSON"]
    seen = [window.commands.navigator.step(True).start for _ in range(len(people) + 1)]
    assert [ARTICLE[s : s + len(t)] for s, t in zip(seen, [*people, people[0]], strict=True)] == [*people, people[0]]
    assert window.commands.navigator.step(False).start == seen[-2]


def test_enter_without_a_focused_highlight_does_nothing(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    _active(qtbot, window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert window.selected is None
    window.commands.navigator.step(True)
    window.view.moveCursor(window.view.textCursor().MoveOperation.End)  # the focus highlight is gone
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert window.selected is None


def test_the_edit_menu_offers_the_keys(fake_window) -> None:
    window, _service = fake_window()
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in edit.actions() if a.text()}
    assert keys["Next Highlight"] == "Alt+Right"
    assert keys["Previous Highlight"] == "Alt+Left"
    assert keys["Clear Selection"] == "Esc"


def test_tab_reaches_the_panel_lists_from_the_article_and_comes_back(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    _active(qtbot, window)
    window.select_by_name("Tangier")
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=5_000)
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert window.panel.list in reached and window.panel.mentions in reached
    assert window.view in reached, "Tab comes back to the article"


def test_the_splitter_between_entities_and_mentions_is_remembered(qtbot, fake_window) -> None:
    window, _service = fake_window()
    total = sum(window.panel.splitter.sizes())
    window.panel.splitter.setSizes([total // 4, total - total // 4])
    chosen = window.panel.splitter.sizes()
    window.close()
    again, _service = fake_window()
    assert again.panel.splitter.sizes() == chosen


def test_a_highlight_focused_while_the_analysis_runs_can_be_chosen_when_it_ends(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    window.open_path(write_text(tmp_path, ARTICLE))
    service.answer(chunks=2)
    span = window.commands.navigator.step(True)
    assert span is not None and span.entity is None and window.view.selected_text() == "Lisbon"
    assert not window.commands.navigator.choose()  # no entity yet
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        service.answer()
    assert window.commands.navigator.choose()
    assert window.selected == window.analysis.find_entity("Lisbon").id
