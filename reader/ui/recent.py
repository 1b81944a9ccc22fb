"""File › Open Recent: the files opened last, kept in the settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from reader.core.settings import Settings


class RecentFiles(QObject):
    """Fills ``menu`` from the settings' recent files; choosing one asks for it to be opened."""

    openRequested = Signal(str)  # the path of the file chosen

    def __init__(self, settings: Settings, menu: QMenu, save: Callable[[], None]) -> None:
        super().__init__(menu)
        self.settings = settings
        self.menu = menu
        self._save = save
        self.refresh()

    def add(self, path: str | Path) -> None:
        """Put ``path`` (made absolute) first in the list, and save it."""
        self.settings.add_recent(str(Path(path).resolve()))
        self._save()
        self.refresh()

    def clear(self) -> None:
        self.settings["recent_files"] = []
        self._save()
        self.refresh()

    def paths(self) -> list[str]:
        return list(self.settings["recent_files"])

    def refresh(self) -> None:
        """Rebuild the menu: one entry per file, then Clear List; disabled when empty."""
        self.menu.clear()
        recent = self.paths()
        for path in recent:
            action = self.menu.addAction(Path(path).name.replace("&", "&&"))  # "&" is not a shortcut mark
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.openRequested.emit(p))
        if recent:
            self.menu.addSeparator()
            clear = self.menu.addAction("Clear List")
            clear.triggered.connect(self.clear)
        self.menu.setEnabled(bool(recent))
