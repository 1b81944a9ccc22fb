"""Counting a text's words as ``wc -w`` does, a piece per turn of the event loop."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

#: Characters of text whose words are counted in one turn of the event loop.
WORDS_PIECE = 1 << 17


class WordCounter(QObject):
    """Counts the words of one text at a time; a new text stops the count of the last."""

    counted = Signal(int)  # the number of words of the text last given to count()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = 0  # the number of the count under way; earlier ones stop

    def count(self, text: str) -> None:
        """Start counting ``text``'s words; :attr:`counted` tells the total when done."""
        self._run += 1
        self._count(self._run, text, 0, 0)

    def stop(self) -> None:
        """Stop the count under way; it will tell nothing."""
        self._run += 1

    def _count(self, run: int, text: str, start: int, words: int) -> None:
        if run != self._run:
            return  # another text came since, or the count was stopped
        # Cut at a line break, else a space: never inside a word.
        end = text.find("\n", start + WORDS_PIECE)
        if end == -1:
            end = text.find(" ", start + WORDS_PIECE)
        end = len(text) if end == -1 else end
        words += len(text[start:end].split())
        if end < len(text):
            QTimer.singleShot(0, self, lambda: self._count(run, text, end, words))
        else:
            self.counted.emit(words)
