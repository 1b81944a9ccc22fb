"""File › Open Recent: newest first, kept in the settings, cleared on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from reader.core.settings import Settings
from reader.ui.recent import RecentFiles


@pytest.fixture
def recent(qapp):
    saves: list[int] = []
    menu = QMenu()
    files = RecentFiles(Settings(), menu, lambda: saves.append(1))
    files.saves = saves
    yield files
    menu.deleteLater()


def entries(recent: RecentFiles) -> list[str]:
    return [a.text() for a in recent.menu.actions() if not a.isSeparator()]


def test_an_empty_list_is_a_disabled_menu(recent) -> None:
    assert entries(recent) == [] and not recent.menu.isEnabled()


def test_files_are_listed_newest_first_once_each_and_saved(recent, tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    recent.add(first)
    recent.add(second)
    recent.add(first)
    assert entries(recent) == ["first.txt", "second.txt", "Clear List"]
    assert recent.paths() == [str(first.resolve()), str(second.resolve())]
    assert Settings()["recent_files"] == []  # not this profile's file: saving is the window's callback
    assert len(recent.saves) == 3
    assert recent.menu.actions()[0].toolTip() == str(first.resolve())


def test_choosing_an_entry_asks_for_that_file(qtbot, recent, tmp_path: Path) -> None:
    recent.add(tmp_path / "a.txt")
    recent.add(tmp_path / "b.txt")
    with qtbot.waitSignal(recent.openRequested) as blocker:
        recent.menu.actions()[1].trigger()
    assert blocker.args == [str((tmp_path / "a.txt").resolve())]


def test_an_ampersand_in_a_name_is_shown_not_taken_as_a_shortcut(recent, tmp_path: Path) -> None:
    recent.add(tmp_path / "Tom & Jerry.txt")
    assert entries(recent)[0] == "Tom && Jerry.txt"  # Qt shows "&&" as one "&"


def test_clear_list_empties_and_disables_it(recent, tmp_path: Path) -> None:
    recent.add(tmp_path / "a.txt")
    next(a for a in recent.menu.actions() if a.text() == "Clear List").trigger()
    assert recent.paths() == [] and entries(recent) == [] and not recent.menu.isEnabled()
