"""Several documents in one window: tabs, switching without analysing again, closing, quitting."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .conftest import open_and_wait, save_screenshot, write_text

TEXTS = {
    "first.txt": "Maria Ortega sailed from Lisbon.\n" + "A quiet line of the first text.\n" * 300,
    "second.txt": "Karim Haddad waited in Tangier.\n",
    "third.txt": "The Atlantic Port Authority met in Morocco.\n",
}


def open_three(qtbot, fake_window, tmp_path):
    window, service = fake_window(size=(900, 600))
    paths = {name: write_text(tmp_path, text, name) for name, text in TEXTS.items()}
    for path in paths.values():
        open_and_wait(qtbot, window, path)
    return window, service, paths


def test_each_file_opens_in_its_own_tab_and_the_bar_shows_them(qtbot, fake_window, tmp_path) -> None:
    window, _service, paths = open_three(qtbot, fake_window, tmp_path)
    assert window.tabs.names() == ["first.txt", "second.txt", "third.txt"]
    assert window.tabs.isVisible() and window.tabs.currentIndex() == 2
    assert window.windowTitle().startswith("third.txt")
    save_screenshot(window, "tabs-light")
    # Opening an open file again goes to its tab; nothing is opened twice.
    window.open_path(paths["first.txt"])
    assert window.tabs.count() == 3 and window.tabs.currentIndex() == 0
    assert window.view.toPlainText() == TEXTS["first.txt"]


def test_a_tab_shown_again_keeps_its_highlights_selection_and_place_without_the_model(
    qtbot, fake_window, tmp_path
) -> None:
    window, service, _paths = open_three(qtbot, fake_window, tmp_path)
    window.switch_tab(0)
    ortega = window.analysis.find_entity("Maria Ortega")
    window.select_entity(ortega.id)
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum() // 2)
    place = window.view.verticalScrollBar().value()
    assert place > 0
    jobs = len(service.texts)
    window.commands.next_tab.trigger()  # Ctrl+Tab
    assert window.tabs.currentIndex() == 1 and window.view.toPlainText() == TEXTS["second.txt"]
    assert [TEXTS["second.txt"][s:e] for s, e, _k in window.view.highlighted_ranges()] == [
        "Karim Haddad",
        "Tangier",
    ]
    window.commands.previous_tab.trigger()  # Ctrl+Shift+Tab
    assert window.tabs.currentIndex() == 0
    assert len(service.texts) == jobs  # no analysis ran again
    assert window.selection.entity_id == ortega.id
    assert window.view.verticalScrollBar().value() == place
    assert ("People", "Maria Ortega", 1) in window.panel.rows()


def test_close_takes_the_tab_and_the_last_one_leaves_an_empty_window(qtbot, fake_window, tmp_path) -> None:
    window, _service, _paths = open_three(qtbot, fake_window, tmp_path)
    window.commands.close.trigger()  # Ctrl+W
    assert window.tabs.names() == ["first.txt", "second.txt"]
    assert window.view.toPlainText() == TEXTS["second.txt"]
    window.close_tab(0)
    assert window.tabs.names() == ["second.txt"] and not window.tabs.isVisible()  # one tab: no bar
    window.commands.close.trigger()
    assert window.tabs.count() == 0 and window.view.toPlainText() == "" and window.windowTitle() == "Gazette"


def test_files_opened_behind_are_analysed_when_first_shown(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window()
    paths = [write_text(tmp_path, text, name) for name, text in TEXTS.items()]
    open_and_wait(qtbot, window, paths[0])
    assert window.open_in_background(paths[1]) and window.open_in_background(paths[2])
    assert window.tabs.names() == ["first.txt", "second.txt", "third.txt"] and window.tabs.currentIndex() == 0
    assert list(service.texts.values()) == [TEXTS["first.txt"]]
    with qtbot.waitSignal(window.analysisFinished):
        window.switch_tab(2)
    assert list(service.texts.values())[-1] == TEXTS["third.txt"]
    assert not window.open_in_background(tmp_path / "missing.txt")
    assert "does not exist" in window.banner.label.text()


def test_quit_closes_every_window(qtbot, fake_window, tmp_path) -> None:
    first, _service = fake_window()
    second, _service = fake_window()
    assert first.isVisible() and second.isVisible()
    first.commands.quit.trigger()  # Ctrl+Q
    QApplication.processEvents()
    assert not first.isVisible() and not second.isVisible()


def test_a_new_tabs_entity_list_starts_at_the_top(qtbot, fake_window, tmp_path) -> None:
    names = {f"Person{chr(65 + i)}{chr(65 + j)} Smith": "PERSON" for i in range(10) for j in range(10)}
    text = "\n\n".join(f"{n} spoke." for n in names) + "\n"
    window, _service = fake_window(names=names, size=(1000, 700))
    open_and_wait(qtbot, window, write_text(tmp_path, text, "first.txt"))
    bar = window.panel.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0  # the reader scrolled the first text's list to its end
    open_and_wait(qtbot, window, write_text(tmp_path, text, "second.txt"))
    window.panel.list.doItemsLayout()
    assert bar.value() == 0
    top = window.panel.list.indexAt(window.panel.list.viewport().rect().topLeft())
    assert top.row() <= 1  # the first rows are in view (a heading, then the first entity)
    save_screenshot(window, "new-tab-list-top")
