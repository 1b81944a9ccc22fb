"""Corrections in the window: menus, what changes everywhere at once, undo, scope, the list, import."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from reader.core.corrections import CorrectionStore
from reader.ui.entity_panel import CORRECTED_MARK, CORRECTED_ROLE

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE


def actions(menu: QMenu) -> dict[str, object]:
    """Every action of a menu and its submenus, by text without accelerators."""
    found: dict[str, object] = {}
    for action in menu.actions():
        text = action.text().replace("&", "")
        if action.menu():
            for sub, value in actions(action.menu()).items():
                found[f"{text} › {sub}"] = value
        elif text:
            found[text] = action
    return found


def open_article(qtbot, fake_window, tmp_path: Path, text: str = ARTICLE, name: str = "article.txt"):
    window, service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text, name))
    return window, service, analysis


def right_click_on(qtbot, window, start: int) -> QMenu:
    """Open the article's context menu on the highlight at ``start``."""
    view = window.view
    view.show_range(start, start + 1)
    rect = view.cursorRect(view.cursor_for_range(start + 1, start + 1))
    pos = rect.center()
    from PySide6.QtGui import QContextMenuEvent

    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    view.contextMenuEvent(event)
    assert view.context_menu is not None
    return view.context_menu


def test_not_a_name_from_a_highlight_removes_it_everywhere_and_undo_brings_it_back(
    qtbot, fake_window, tmp_path
) -> None:
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    authority = analysis.find_entity("Atlantic Port Authority")
    assert authority is not None
    first = analysis.mentions_of(authority.id)[0]
    menu = right_click_on(qtbot, window, first.start)
    found = actions(menu)
    assert "Copy" in found  # Qt's own entries stay
    for entry in ("Not a Name", "Not a Name Here", "Kind › Person", "Merge Into…", "Rename…"):
        assert entry in found, entry
    assert "Country…" not in found  # an organisation has no country of its own
    found["Not a Name"].trigger()
    menu.close()
    ranges = window.view.highlighted_ranges()
    assert not [r for r in ranges if ARTICLE[r[0] : r[1]] == "Atlantic Port Authority"]
    assert ("Organisations", "Atlantic Port Authority", 2) not in window.panel.rows()
    assert window.analysis.find_entity("Atlantic Port Authority") is None
    assert window.corrector.undo.text().replace("&", "") == "Undo “Atlantic Port Authority” is not a name"
    window.corrector.undo.trigger()
    assert ("Organisations", "Atlantic Port Authority", 2) in window.panel.rows()
    assert [r for r in window.view.highlighted_ranges() if ARTICLE[r[0] : r[1]] == "Atlantic Port Authority"]
    window.corrector.redo.trigger()
    assert window.analysis.find_entity("Atlantic Port Authority") is None


def test_kind_from_the_panel_changes_the_highlight_the_row_and_the_tooltip(qtbot, fake_window, tmp_path) -> None:
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    haddad = analysis.find_entity("Karim Haddad")
    window.select_entity(haddad.id)
    panel = window.panel
    index = panel.model.index_of(haddad.id)
    with qtbot.waitSignal(panel.entityMenuRequested) as asked:
        panel.list.customContextMenuRequested.emit(panel.list.visualRect(index).center())
    assert asked.args[0] == haddad.id
    found = actions(window.context_menu)
    assert "Kind › Person" in found and not found["Kind › Person"].isEnabled()
    found["Kind › Organisation"].trigger()
    rows = panel.rows()
    assert ("Organisations", "Karim Haddad", 2) in rows and ("People", "Karim Haddad", 2) not in rows
    now = window.analysis.find_entity("Karim Haddad")
    assert now.kind == "ORG"
    kinds = {ARTICLE[s:e]: k for s, e, k in window.view.highlighted_ranges()}
    assert kinds["Karim Haddad"] == "ORG" and kinds["Haddad"] == "ORG"
    # It stays selected, under its new kind, and is marked as corrected.
    assert window.selection.entity == now
    row = panel.model.index_of(now.id)
    assert row.data(CORRECTED_ROLE) == ("kind",)
    assert row.data(Qt.ItemDataRole.ToolTipRole).endswith("✎ Kind set by you")
    assert CORRECTED_MARK == "✎"
    save_screenshot(window, "corrected-kind-light")


def test_a_rule_for_every_document_holds_in_the_next_text_and_a_documents_own_does_not(
    qtbot, fake_window, tmp_path
) -> None:
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    corrector = window.corrector
    assert corrector.scope == "document"  # the default
    corrector.set_kind(analysis.find_entity("Tangier"), "ORG")  # this document only
    corrector.scope_actions["all"].trigger()  # from now on, for every document
    assert window.settings["correction_scope"] == "all"
    corrector.remove(analysis.find_entity("Morocco"))
    other = "Envoys from Morocco reached Tangier. Maria Ortega was there.\n"
    second, _service = fake_window()
    again = open_and_wait(qtbot, second, write_text(tmp_path, other, "other.txt"))
    assert again.find_entity("Morocco") is None  # the rule holds here
    assert again.find_entity("Tangier").kind == "PLACE"  # the other text's correction does not
    assert second.corrector.scope == "all"  # the choice is remembered


def test_merge_into_uses_a_searchable_picker_and_split_off_undoes_it(qtbot, fake_window, tmp_path) -> None:
    names = {"Atlantic Port Authority": "ORG", "Harbour Board": "ORG", "Lisbon": "GPE"}
    window, _service = fake_window(names=names)
    text = "The Atlantic Port Authority met in Lisbon. Later, the Harbour Board spoke.\n"
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text))
    board = analysis.find_entity("Harbour Board")
    assert ("Organisations", "Harbour Board", 1) in window.panel.rows()
    window.corrector.ask_merge(board)
    picker = window.corrector.picker
    assert picker is not None and picker.isVisible()
    assert picker.visible_names() == ["Atlantic Port Authority", "Lisbon"]  # same kind first
    qtbot.keyClicks(picker.search, "port")
    assert picker.visible_names() == ["Atlantic Port Authority"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    merged = window.analysis.find_entity("Atlantic Port Authority")
    assert merged.mentions == 2 and merged.aliases == ("Harbour Board",)
    assert [row for row in window.panel.rows() if row[0] == "Organisations"] == [
        ("Organisations", "Atlantic Port Authority", 2)
    ]
    menu = QMenu(window)
    window.corrector.fill_context_menu(menu, merged)
    actions(menu)["Split Off › “Harbour Board”"].trigger()
    assert ("Organisations", "Atlantic Port Authority", 1) in window.panel.rows()
    assert ("Organisations", "Harbour Board", 1) in window.panel.rows()


def test_rename_and_country_ask_and_apply(qtbot, fake_window, tmp_path) -> None:
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    corrector = window.corrector
    ortega = analysis.find_entity("Maria Ortega")
    corrector.ask_rename(ortega)
    assert corrector.input.textValue() == "Maria Ortega"
    corrector.input.setTextValue("Mayor Maria Ortega")
    corrector.input.accept()
    assert ("People", "Mayor Maria Ortega", ortega.mentions) in window.panel.rows()
    assert ("People", "Maria Ortega", ortega.mentions) not in window.panel.rows()
    tangier = window.analysis.find_entity("Tangier")
    assert tangier.country == "MA"
    corrector.ask_country(tangier)
    corrector.input.setTextValue("Spain (ES)")
    corrector.input.accept()
    assert window.analysis.find_entity("Tangier").country == "ES"
    assert "ES" in {c.code for c in window.analysis.countries}
    assert window.map.renderer.colours["ES"].name() == next(
        c.colour for c in window.analysis.countries if c.code == "ES"
    )


def test_mark_selection_as_adds_every_whole_word_occurrence(qtbot, fake_window, tmp_path) -> None:
    window, _service, _analysis = open_article(qtbot, fake_window, tmp_path)
    view = window.view
    start = ARTICLE.index("ferry agreement")
    view.setTextCursor(view.cursor_for_range(start, start + len("ferry")))
    assert view.selected_text() == "ferry"
    window.corrector.update_actions()
    assert window.corrector.mark_actions["ORG"].isEnabled()
    window.corrector.mark_actions["ORG"].trigger()
    marked = [ARTICLE[s:e] for s, e, k in view.highlighted_ranges() if k == "ORG" and ARTICLE[s:e] == "ferry"]
    assert len(marked) == ARTICLE.count(" ferry ") == 1  # "Ferry" (capital) is another word
    assert ("Organisations", "ferry", 1) in window.panel.rows()


def test_the_corrections_list_filters_and_deletes(qtbot, fake_window, tmp_path) -> None:
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    corrector = window.corrector
    corrector.remove(analysis.find_entity("Morocco"))
    corrector.set_kind(analysis.find_entity("Tangier"), "ORG", "all")
    corrector.show_dialog()
    dialog = corrector.dialog
    assert dialog.rows() == [
        ("“Morocco” is not a name", "this document"),
        ("“Tangier” is an organisation", "every document"),
    ]
    dialog.filter.setText("tangier")
    assert dialog.rows() == [("“Tangier” is an organisation", "every document")]
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert dialog.rows() == []
    assert window.analysis.find_entity("Tangier").kind == "PLACE"
    dialog.filter.clear()
    assert len(dialog.rows()) == 1
    dialog.close()


def test_import_and_export_corrections_and_a_bad_file_says_why(qtbot, fake_window, tmp_path) -> None:
    window, _service, _analysis = open_article(qtbot, fake_window, tmp_path)
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "format": "gazette-corrections",
                "version": 1,
                "corrections": [{"action": "kind", "text": "Atlantic Port Authority", "kind": "PLACE"}],
            }
        )
    )
    assert window.corrector.import_file(str(good))
    assert window.analysis.find_entity("Atlantic Port Authority").kind == "PLACE"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gazette-corrections", "version": 1, "corrections": [{"action": "kind"}]}')
    assert not window.corrector.import_file(str(bad))
    assert window.banner.isVisible()
    assert window.banner.label.text() == "Could not import bad.json: correction 1: “text” is missing"
    out = tmp_path / "out.json"
    assert window.corrector.export_file(str(out))
    assert json.loads(out.read_text())["corrections"] == [
        {"action": "kind", "text": "Atlantic Port Authority", "kind": "PLACE"}
    ]


def test_a_damaged_store_is_said_in_the_window_which_goes_on(qtbot, fake_window, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.sqlite3").write_bytes(b"garbage" * 500)
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(data))
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    assert window.banner.isVisible() and "damaged" in window.banner.label.text()
    assert window.corrector.remove(analysis.find_entity("Morocco"))
    qtbot.waitUntil(lambda: not window.corrector.pending, timeout=10_000)  # written in the background
    assert [c.text for c in CorrectionStore(data / "corrections.sqlite3").all()] == ["Morocco"]
    assert list(data.glob("corrections.sqlite3.damaged-*"))


def test_dropping_a_row_onto_another_merges_them(qtbot, fake_window, tmp_path) -> None:
    names = {"Atlantic Port Authority": "ORG", "Harbour Board": "ORG", "Lisbon": "GPE"}
    window, _service = fake_window(names=names)
    text = "The Atlantic Port Authority met in Lisbon. Later, the Harbour Board spoke.\n"
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text))
    model = window.panel.model
    board = model.index_of(analysis.find_entity("Harbour Board").id)
    authority = model.index_of(analysis.find_entity("Atlantic Port Authority").id)
    data = model.mimeData([board])
    assert not model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, board)  # not onto itself
    assert model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, authority)
    model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, authority)
    assert [row for row in window.panel.rows() if row[0] == "Organisations"] == [
        ("Organisations", "Atlantic Port Authority", 2)
    ]
    window.corrector.undo.trigger()
    assert ("Organisations", "Harbour Board", 1) in window.panel.rows()


def test_a_removal_outlives_a_restart_and_its_map_colour_goes(qtbot, fake_window, tmp_path) -> None:
    names = {"Tangier": "GPE", "Lisbon": "GPE", "Maria Ortega": "PERSON"}
    text = "Maria Ortega flew from Lisbon to Tangier. Tangier welcomed her.\n"
    path = write_text(tmp_path, text)
    window, _service = fake_window(names=names)
    analysis = open_and_wait(qtbot, window, path)
    assert "MA" in window.map.renderer.colours
    window.corrector.scope_actions["all"].trigger()
    window.corrector.remove(analysis.find_entity("Tangier"))
    assert "MA" not in window.map.renderer.colours and "PT" in window.map.renderer.colours
    window.close()
    again, _service = fake_window(names=names)  # as after a restart: a new window, the same store
    reopened = open_and_wait(qtbot, again, path)
    assert reopened.find_entity("Tangier") is None
    assert [text[s:e] for s, e, _k in again.view.highlighted_ranges()] == ["Maria Ortega", "Lisbon"]


def test_a_corrected_file_edited_on_disk_keeps_its_correction_in_place(qtbot, fake_window, tmp_path) -> None:
    names = {"Tangier": "GPE", "Lisbon": "GPE"}
    text = "Ships left Lisbon for Tangier. In Tangier the port was full.\n"
    path = write_text(tmp_path, text)
    window, _service = fake_window(names=names)
    analysis = open_and_wait(qtbot, window, path)
    second = [m for m in analysis.mentions if m.text == "Tangier"][1]
    window.corrector.remove_mention(second)
    assert [text[s:e] for s, e, _k in window.view.highlighted_ranges()] == ["Lisbon", "Tangier"]
    edited = "A line added above.\n" + text
    path.write_text(edited, encoding="utf-8")
    reloaded = open_and_wait(qtbot, window, path)
    tangier = [m.start for m in reloaded.mentions if m.text == "Tangier"]
    assert tangier == [edited.index("Tangier")]  # the first still there, the removed one still removed
    assert window.corrector.unplaced == ()


def test_screenshots_of_the_menus_and_the_corrections_window(qtbot, fake_window, tmp_path) -> None:
    for theme in ("light", "dark"):
        window, _service = fake_window(theme=theme)
        analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE, f"{theme}.txt"))
        window.corrector.set_kind(analysis.find_entity("Tangier"), "ORG")
        if theme == "light":
            window.corrector.remove(analysis.find_entity("Morocco"), "all")  # a rule: dark's text has it too
        assert window.analysis.find_entity("Morocco") is None
        ortega = window.analysis.find_entity("Maria Ortega")
        window.select_entity(ortega.id)
        menu = QMenu(window)
        window.corrector.fill_context_menu(menu, ortega, window.analysis.mentions_of(ortega.id)[0])
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(menu.isVisible)
        save_screenshot(menu, f"correction-menu-{theme}")
        menu.close()
        window.corrector.show_dialog()
        qtbot.waitUntil(window.corrector.dialog.isVisible)
        assert len(window.corrector.dialog.rows()) == 2
        save_screenshot(window.corrector.dialog, f"corrections-window-{theme}")
        window.corrector.dialog.close()


@pytest.mark.timeout(30)
def test_an_import_of_a_fifo_a_device_or_a_deep_nest_says_why_at_once(qtbot, fake_window, tmp_path) -> None:
    window, _service, _analysis = open_article(qtbot, fake_window, tmp_path)
    fifo = tmp_path / "theirs.json"
    os.mkfifo(fifo)
    assert not window.corrector.import_file(str(fifo))
    assert window.banner.label.text() == "Could not read theirs.json: it is a named pipe (FIFO), not a file"
    assert not window.corrector.import_file("/dev/urandom")
    assert window.banner.label.text() == "Could not read urandom: it is a device, not a file"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    assert not window.corrector.import_file(str(deep))
    assert (
        window.banner.label.text()
        == "Could not import deep.json: not a corrections file (its JSON is nested too deeply)"
    )


def test_a_read_only_store_is_applied_and_the_window_says_changes_cannot_be_kept(
    qtbot, fake_window, tmp_path, monkeypatch
) -> None:
    import functools

    from reader.core.corrections import Correction, store_path

    store = CorrectionStore()
    store.add(Correction("remove", "Morocco"))
    store.close()
    # Opened as the store of a read-only folder is (see tests/core: the same store, detected so).
    monkeypatch.setattr("reader.ui.corrections.CorrectionStore", functools.partial(CorrectionStore, read_only=True))
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    assert analysis.find_entity("Morocco") is None  # its corrections are read
    assert window.banner.isVisible()
    assert window.banner.label.text() == (
        f"The corrections store {store_path()} is read-only: its corrections are used, but changes cannot be kept."
    )
    window.banner.hide()
    assert not window.corrector.remove(analysis.find_entity("Lisbon"))
    assert "changes cannot be kept" in window.banner.label.text()
    assert window.analysis.find_entity("Lisbon") is not None
    assert not window.corrector.undo.isEnabled()
    assert [c.text for c in CorrectionStore(store_path()).all()] == ["Morocco"]


def hold_the_store():  # type: ignore[no-untyped-def]
    """Another program's connection that holds the store for writing until it is rolled back."""
    import sqlite3

    from reader.core.corrections import store_path

    other = sqlite3.connect(store_path(), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_correction_while_another_program_holds_the_store_shows_at_once_and_is_kept_later(
    qtbot, fake_window, tmp_path
) -> None:
    from reader.core.corrections import store_path

    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    other = hold_the_store()
    try:
        assert window.corrector.remove(analysis.find_entity("Morocco"))  # returns without waiting for the store
        assert window.analysis.find_entity("Morocco") is None
        assert "Morocco" not in [name for _kind, name, _n in window.panel.rows()]
        assert window.corrector.pending, "the write waits in the background"
        assert other.execute("SELECT text FROM corrections").fetchall() == []
        assert window.corrector.undo.isEnabled()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not window.corrector.pending, timeout=15_000)
    assert [c.text for c in CorrectionStore(store_path()).all()] == ["Morocco"]
    assert not window.banner.isVisible()


def test_a_store_held_too_long_takes_the_correction_back_and_says_why(
    qtbot, fake_window, tmp_path, monkeypatch
) -> None:
    from reader.core.corrections import store_path

    monkeypatch.setattr("reader.ui.corrections.WRITE_BUSY_SECONDS", 0.3)
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    other = hold_the_store()
    try:
        assert window.corrector.remove(analysis.find_entity("Morocco"))
        assert window.analysis.find_entity("Morocco") is None
        qtbot.waitUntil(lambda: not window.corrector.pending, timeout=15_000)
        assert window.banner.isVisible()
        assert window.banner.label.text() == (
            "The correction could not be saved: the corrections store is in use by another program (it stayed locked)."
        )
        assert window.analysis.find_entity("Morocco") is not None  # taken back
        assert not window.corrector.undo.isEnabled()  # and nothing to undo
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert CorrectionStore(store_path()).all() == []


def test_undo_belongs_to_the_tab_it_was_done_in(qtbot, fake_window, tmp_path) -> None:
    """Ctrl+Z in another tab neither undoes a hidden tab's correction nor deletes the stored one."""
    window, _service, analysis = open_article(qtbot, fake_window, tmp_path)
    assert window.corrector.remove(analysis.find_entity("Atlantic Port Authority"))
    written = lambda: not window.corrector.pending  # noqa: E731 - the store is written in the background
    qtbot.waitUntil(written, timeout=15_000)
    store = window.corrector.store
    assert [c.text for c in store.all()] == ["Atlantic Port Authority"]
    open_and_wait(qtbot, window, write_text(tmp_path, "Karim Haddad waited in Tangier.\n", "second.txt"))
    assert window.tabs.currentIndex() == 1
    # Tab B has made no correction: there is nothing to undo here.
    assert not window.corrector.undo.isEnabled()
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.corrector.undo.trigger()
    qtbot.waitUntil(written, timeout=15_000)
    assert [c.text for c in store.all()] == ["Atlantic Port Authority"]
    save_screenshot(window, "undo-other-tab")
    window.switch_tab(0)
    assert window.analysis.find_entity("Atlantic Port Authority") is None
    assert window.corrector.undo.isEnabled()
    assert window.corrector.undo.text().replace("&", "") == "Undo “Atlantic Port Authority” is not a name"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(written, timeout=15_000)
    assert store.all() == []
    assert ("Organisations", "Atlantic Port Authority", 2) in window.panel.rows()
    # Closing a tab takes its undo steps, never its corrections.
    window.corrector.redo.trigger()
    qtbot.waitUntil(written, timeout=15_000)
    window.close_tab(0)
    assert [c.text for c in store.all()] == ["Atlantic Port Authority"]
    assert not window.corrector.undo.isEnabled()
