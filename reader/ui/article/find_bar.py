"""Ctrl+F: the find bar under the article."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.article.view import ArticleView
from reader.ui.icons import icon


class FindBar(QWidget):
    """Ctrl+F: a search field under the article; Enter and Shift+Enter step through matches."""

    closed = Signal()

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        self.previous_button = QToolButton(self)
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(self)
        self.next_button.setToolTip("Next match (Enter)")
        self.close_button = QToolButton(self)
        self.close_button.setToolTip("Close (Escape)")
        self.close_button.setAutoRaise(True)
        for button in (self.previous_button, self.next_button):
            button.setAutoRaise(True)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.refresh_icons()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _text: self._debounce.start())
        self.field.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, self.find_previous)
        QShortcut(QKeySequence("Shift+Enter"), self.field, self.find_previous)
        # Escape is also the window's Clear Selection shortcut: two shortcuts on
        # one key cancel each other, so the field takes the key itself.
        self.field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the field gets the key press, not a shortcut
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def refresh_icons(self) -> None:
        self.previous_button.setIcon(icon("mdi6.chevron-up"))
        self.next_button.setIcon(icon("mdi6.chevron-down"))
        self.close_button.setIcon(icon("mdi6.close"))

    def open_bar(self) -> None:
        self.show()
        selected = self.view.selected_text()
        if selected and "\n" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self.view.set_find_matches([])
        self.view.setFocus()
        self.closed.emit()

    def search(self) -> None:
        """Find every match of the field's text (case-insensitive) and highlight them."""
        self._debounce.stop()
        needle = self.field.text()
        self.matches = []
        self.current = -1
        if needle:
            haystack = self.view.text.casefold()
            folded = needle.casefold()
            if len(haystack) == len(self.view.text):
                pos = haystack.find(folded)
                while pos != -1 and len(self.matches) < 100_000:
                    self.matches.append((pos, pos + len(needle)))
                    pos = haystack.find(folded, pos + max(1, len(needle)))
            else:  # case folding changed lengths (ß, ligatures): search exactly
                pos = self.view.text.find(needle)
                while pos != -1:
                    self.matches.append((pos, pos + len(needle)))
                    pos = self.view.text.find(needle, pos + max(1, len(needle)))
        self.view.set_find_matches(self.matches)
        self._update_count()

    def _update_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No matches")
        elif self.current < 0:
            self.count.setText(f"{len(self.matches)} matches" if len(self.matches) != 1 else "1 match")
        else:
            self.count.setText(f"{self.current + 1} of {len(self.matches)}")

    def _step(self, forward: bool) -> None:
        if self._debounce.isActive():
            self.search()
        if not self.matches:
            return
        here = self.view.offsets.to_code_point(self.view.textCursor().selectionStart())
        starts = [m[0] for m in self.matches]
        if forward:
            i = bisect.bisect_right(starts, here) if self.current >= 0 else bisect.bisect_left(starts, here)
            i %= len(self.matches)
        else:
            i = (bisect.bisect_left(starts, here) - 1) % len(self.matches)
        self.current = i
        self.view.show_range(*self.matches[i], select=True)
        self._update_count()

    def find_next(self) -> None:
        self._step(True)

    def find_previous(self) -> None:
        self._step(False)
