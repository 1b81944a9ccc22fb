"""Several documents in one window, as tabs.

The window shows one document at a time; :class:`DocumentTabs` remembers the
others: each tab keeps its document, the model's analysis once it is done,
where the reader was and what was selected, so going back to a tab shows it at
once, without running the model again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabBar, QWidget

from reader.core.document import Document
from reader.core.model import Analysis


@dataclass
class OpenDocument:
    """One tab's document and the reader's place in it."""

    document: Document
    analysis: Analysis | None = None  # the model's analysis, before corrections; None until it is done
    scroll: int = 0
    selected: str | None = None
    undo: object | None = None  # the tab's own undo stack of corrections, made by the window's corrector

    @property
    def key(self) -> str:
        """The same file opened twice is one tab; unsaved texts are each their own."""
        return str(Path(self.document.path).resolve()) if self.document.path else f"text:{id(self)}"


class DocumentTabs(QTabBar):
    """The tab bar over the article, shown when more than one document is open."""

    switchRequested = Signal(int)  # the tab to show
    closeRequested = Signal(int)  # the tab to close

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-tabs")
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.setExpanding(False)
        self.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.setAutoHide(True)
        self.open: list[OpenDocument] = []
        self._quiet = False
        self.currentChanged.connect(self._current_changed)
        self.tabCloseRequested.connect(self.closeRequested)
        self.tabMoved.connect(self._moved)

    def _current_changed(self, index: int) -> None:
        if not self._quiet and index >= 0:
            self.switchRequested.emit(index)

    def _moved(self, source: int, target: int) -> None:
        self.open.insert(target, self.open.pop(source))

    @property
    def current(self) -> OpenDocument | None:
        index = self.currentIndex()
        return self.open[index] if 0 <= index < len(self.open) else None

    def index_of(self, key: str) -> int:
        return next((i for i, o in enumerate(self.open) if o.key == key), -1)

    def add(self, document: Document, current: bool = True) -> int:
        """A new tab for ``document``, made current unless told (quietly: the window shows it itself)."""
        entry = OpenDocument(document)
        self.open.append(entry)
        self._quiet = True
        try:
            index = self.addTab(document.name)
            self.setTabToolTip(index, str(document.path) if document.path else document.name)
            if current:
                self.setCurrentIndex(index)
        finally:
            self._quiet = False
        return index

    def replace(self, index: int, document: Document) -> None:
        """The tab's document read again (a reload): its analysis is made anew."""
        self.open[index] = OpenDocument(document, undo=self.open[index].undo)  # its undo steps stay
        self.setTabText(index, document.name)

    def select(self, index: int) -> None:
        """Make ``index`` current without asking the window to switch (it is switching)."""
        self._quiet = True
        try:
            self.setCurrentIndex(index)
        finally:
            self._quiet = False

    def remove(self, index: int) -> None:
        self._quiet = True
        try:
            del self.open[index]
            self.removeTab(index)
        finally:
            self._quiet = False

    def names(self) -> list[str]:
        return [self.tabText(i) for i in range(self.count())]
