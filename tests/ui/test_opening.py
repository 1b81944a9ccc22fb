"""Opening files: Qt's own dialogs in the theme and the last folder, columns that fit, whole paths in errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QFileDialog, QTreeView

from reader.ui import file_dialogs
from reader.ui.theme import DARK, LIGHT

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE


@pytest.fixture
def dialogs(monkeypatch):
    """Record what each dialog the window shows is; ``answer`` says which file to choose (None cancels)."""
    seen: list[dict] = []
    state: dict = {"answer": None, "prepare": None}

    def run(dialog: QFileDialog) -> bool:
        seen.append(
            {
                "folder": Path(dialog.directory().absolutePath()),
                "qt_own": dialog.testOption(QFileDialog.Option.DontUseNativeDialog),
                "save": dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave,
                "window": dialog.palette().color(QPalette.ColorRole.Window),
            }
        )
        dialog.show()
        if state["prepare"]:
            state["prepare"](dialog)
        answer = state["answer"]
        dialog.hide()
        if answer is None:
            return False
        dialog.selectFile(str(answer))
        seen[-1]["files"] = dialog.selectedFiles()
        return True

    monkeypatch.setattr(file_dialogs, "run_dialog", run)
    return seen, state


def _folder_with_files(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_text(folder, ARTICLE, "ferry.txt")
    (folder / "long-read.txt").write_bytes(b"word " * 2_100)  # 10.3 KiB
    (folder / "book.txt").write_bytes(b"a line of a book\n" * 61_000)  # 1013.1 KiB
    (folder / "notes.md").write_text("# Notes\n", encoding="utf-8")
    return folder


def _rows(qtbot, dialog: QFileDialog, count: int) -> QTreeView:
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= count, timeout=10_000)
    return view


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_open_dialog_is_qts_own_in_the_theme_with_sizes_that_fit(
    qtbot, fake_window, dialogs, tmp_path, theme
) -> None:
    window, _service = fake_window(theme=theme)
    folder = _folder_with_files(tmp_path)
    window.settings["last_folder"] = str(folder)
    seen, state = dialogs
    shown: dict = {}

    def look(dialog: QFileDialog) -> None:
        view = _rows(qtbot, dialog, 4)
        root = view.rootIndex()
        metrics = QFontMetrics(view.font())
        sizes = [view.model().index(r, 1, root).data() for r in range(view.model().rowCount(root))]
        shown["sizes"] = sizes
        # Each size is drawn whole: its column is wider than its text (with the cell's margins).
        shown["fits"] = [metrics.horizontalAdvance(s) + 12 <= view.header().sectionSize(1) for s in sizes]
        shown["name_width"] = view.header().sectionSize(0)
        save_screenshot(dialog, f"open-dialog-{theme}")

    state["prepare"] = look
    window.open_dialog()
    assert seen[0]["qt_own"] and seen[0]["folder"] == folder
    assert seen[0]["window"] == (DARK if theme == "dark" else LIGHT).window.window
    assert any("KiB" in s for s in shown["sizes"]), shown["sizes"]
    assert all(shown["fits"]), shown["sizes"]
    assert shown["name_width"] > 300


def test_choosing_a_file_opens_it_and_the_next_dialogs_start_in_its_folder(
    qtbot, fake_window, dialogs, tmp_path
) -> None:
    window, _service = fake_window()
    folder = _folder_with_files(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen, state = dialogs
    window.settings["last_folder"] = str(elsewhere)
    state["answer"] = folder / "ferry.txt"
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_dialog()
    assert seen[0]["folder"] == elsewhere
    assert window.document.path == folder / "ferry.txt"
    assert window.settings["last_folder"] == str(folder)
    state["answer"] = None
    window.open_dialog()
    window.export_dialog(".csv")
    window.export_map_dialog()
    assert [d["folder"] for d in seen[1:]] == [folder, folder]
    assert all(d["qt_own"] for d in seen)
    assert [d["save"] for d in seen] == [False, False, True]
    # The map's dialog has its own choices (theme, selection); it starts there too, in Qt's own dialog.
    map_dialog = window.map_export_dialog
    assert Path(map_dialog.directory().absolutePath()) == folder
    assert map_dialog.testOption(map_dialog.Option.DontUseNativeDialog)
    map_dialog.close()


def test_a_vanished_last_folder_falls_back_to_the_documents_folder(qtbot, fake_window, dialogs, tmp_path) -> None:
    window, _service = fake_window()
    folder = _folder_with_files(tmp_path)
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(folder / "ferry.txt")
    window.settings["last_folder"] = str(tmp_path / "gone")
    seen, _state = dialogs
    window.open_dialog()
    assert seen[0]["folder"] == folder


def test_an_export_chosen_in_the_dialog_is_written_there(qtbot, fake_window, dialogs, tmp_path) -> None:
    window, _service = fake_window()
    folder = _folder_with_files(tmp_path)
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(folder / "ferry.txt")
    seen, state = dialogs
    out = tmp_path / "out" / "entities"
    out.parent.mkdir()
    state["answer"] = out
    window.export_dialog(".csv")
    assert seen[0]["files"] == [str(out)]
    assert (out.parent / "entities.csv").read_text(encoding="utf-8").startswith("name,kind,mentions")
    assert window.settings["last_folder"] == str(out.parent)


def test_the_banner_names_the_whole_path_of_a_file_that_cannot_be_opened(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    missing = tmp_path / "one" / "two" / "gone.txt"
    assert not window.open_path(missing)
    assert window.banner.isVisible()
    assert f"“{missing}” does not exist" in window.banner.label.text()
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    assert not window.open_path(binary)
    assert str(binary) in window.banner.label.text()
    save_screenshot(window, "banner-whole-path-light")


@pytest.mark.timeout(30)
def test_a_fifo_or_a_device_opened_in_the_window_gives_a_banner_at_once(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert not window.open_path(fifo)
    assert f"“{fifo}” cannot be opened: it is a named pipe (FIFO), not a file" in window.banner.label.text()
    for device in ("/dev/zero", "/dev/urandom"):
        assert not window.open_path(device)
        assert f"“{device}” cannot be opened: it is a device, not a file" in window.banner.label.text()
    assert window.document is None


def test_bad_settings_start_the_window_with_the_defaults_and_say_so(qtbot, fake_window, tmp_path) -> None:
    from reader.core.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"recent_files": [1], "zoom": "big", "theme": "dark"}', encoding="utf-8")
    window, _service = fake_window()
    assert window.recent.paths() == [] and not window.recent_menu.isEnabled()
    assert "could not be used as it is" in window.banner.label.text() and "“recent_files”" in window.banner.label.text()
    open_and_wait(qtbot, window, write_text(tmp_path, "Maria Ortega visited Lisbon."))
    assert "could not be used as it is" in window.banner.label.text()  # still said once a text is shown
    window.close()
    assert (
        settings_path()
        .with_name(window.settings.aside.name)
        .read_text(encoding="utf-8")
        .startswith('{"recent_files": [1]')
    )


def test_a_utf8_text_with_a_bad_byte_opens_and_the_banner_says_so(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"Lisbon", b"Lisb\xf6n", 1))
    assert window.open_path(path)
    assert window.view.toPlainText().startswith(ARTICLE.split("Lisbon")[0] + "Lisb\ufffdn")
    assert window.banner.isVisible()
    assert (
        window.banner.label.text() == "The text is UTF-8 but one byte sequence is not valid UTF-8: shown as “\ufffd”."
    )
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(ARTICLE.encode("utf-16-le"))
    assert window.open_path(utf16)
    assert (window.document.text, window.document.encoding) == (ARTICLE, "utf-16-le")
    assert window.view.toPlainText().startswith("Ferry deal signed in Lisbon\n") and not window.banner.isVisible()
