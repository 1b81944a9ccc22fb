"""Open and save dialogs: Qt's own, in the window's theme, starting in the last folder used.

A platform's native dialog ignores the application's palette (it stays light
in the dark theme) and starts where it likes; Qt's own dialog takes the
palette, starts in the folder it is given, and has its columns sized here so
that a size such as "1023.9 KiB" is never cut.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTreeView, QWidget

from reader.core.settings import Settings

#: Shows a prepared dialog and returns whether it was accepted; tests replace it.
run_dialog: Callable[[QFileDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted  # noqa: E731


def start_folder(settings: Settings, fallback: str | Path | None = None) -> str:
    """The folder a dialog starts in: the last one used if it still exists, else ``fallback``, else home."""
    for folder in (settings["last_folder"], fallback):
        if folder and Path(folder).is_dir():
            return str(folder)
    return str(Path.home())


def make_dialog(parent: QWidget | None, title: str, folder: str, filters: str, save: bool = False) -> QFileDialog:
    """A Qt file dialog (not the platform's) in ``folder``, its detail columns wide enough for their contents."""
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.resize(860, 540)
    size_columns(dialog)
    return dialog


def size_columns(dialog: QFileDialog) -> None:
    """Give the Size, Type and Date Modified columns the width of their longest usual text; Name takes the rest."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    metrics = QFontMetrics(view.font())
    pad = 3 * metrics.horizontalAdvance("M")
    widths = {
        1: metrics.horizontalAdvance("1,023.9 KiB") + pad,
        2: metrics.horizontalAdvance("Markdown document") + pad,
        3: metrics.horizontalAdvance("31/12/2026 23:59") + pad,
    }
    header = view.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(metrics.horizontalAdvance("Size") + pad)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)


def get_open_path(parent: QWidget | None, settings: Settings, title: str, filters: str, near: str = "") -> str:
    """Ask for a file to open; "" if cancelled. The chosen file's folder becomes the last folder used."""
    dialog = make_dialog(parent, title, start_folder(settings, near), filters)
    return _chosen(dialog, settings)


def get_save_path(
    parent: QWidget | None, settings: Settings, title: str, name: str, filters: str, near: str = ""
) -> tuple[str, str]:
    """Ask where to save a file suggested as ``name``; ``(path, chosen filter)``, ``("", "")`` if cancelled."""
    dialog = make_dialog(parent, title, start_folder(settings, near), filters, save=True)
    dialog.selectFile(name)
    path = _chosen(dialog, settings)
    return path, dialog.selectedNameFilter() if path else ""


def _chosen(dialog: QFileDialog, settings: Settings) -> str:
    try:
        if not run_dialog(dialog):
            return ""
        files = dialog.selectedFiles()
        if not files:
            return ""
        settings["last_folder"] = str(Path(files[0]).resolve().parent)
        return files[0]
    finally:
        dialog.deleteLater()
