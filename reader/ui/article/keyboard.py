"""Moving from highlight to highlight in the article with the keyboard.

Alt+Right and Alt+Left put a focus highlight (the text selection) on the next
or previous highlighted name; Enter then selects its entity, as a click would.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from reader.ui.article.highlighter import Highlight
from reader.ui.article.view import ArticleView


class HighlightNavigator(QObject):
    """Steps a focus highlight through the article's visible highlights; Enter chooses one."""

    #: Enter on a focused highlight: its entity's id and the mention's start (code points).
    entityChosen = Signal(str, int)

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view
        self.focused: Highlight | None = None
        view.installEventFilter(self)

    def _visible(self) -> list[Highlight]:
        kinds = self.view.highlighter.visible_kinds
        return [s for s in self.view.highlighter.spans if s.kind in kinds]

    def step(self, forward: bool = True) -> Highlight | None:
        """Focus the next (or previous) visible highlight after (or before) the text cursor; wraps around.

        Returns the focused highlight, or None when the article has none.
        """
        spans = self._visible()
        if not spans:
            self.focused = None
            return None
        cursor = self.view.textCursor()
        here = self.view.offsets.to_code_point(cursor.selectionStart())
        starts = [s.start for s in spans]
        if forward:
            # From a focused highlight go past it, else take the one at the cursor.
            on_one = cursor.hasSelection() or (self.focused is not None and self.focused.start == here)
            i = bisect.bisect_right(starts, here) if on_one else bisect.bisect_left(starts, here)
            i %= len(spans)
        else:
            i = (bisect.bisect_left(starts, here) - 1) % len(spans)
        span = spans[i]
        self.focused = span
        self.view.show_range(span.start, span.end, select=True)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return span

    def focused_span(self) -> Highlight | None:
        """The focused highlight as the article has it now, if the text selection is still exactly on it.

        Looked up again: a highlight focused while the analysis ran gets its
        entity when the analysis ends.
        """
        focused = self.focused
        if focused is None or self.view.selected_range() != (focused.start, focused.end):
            return None
        span = self.view.highlighter.span_at(focused.start)
        if span is None or (span.start, span.end) != (focused.start, focused.end):
            return None
        return span

    def choose(self) -> bool:
        """Select the focused highlight's entity; False if no highlight has the focus."""
        span = self.focused_span()
        if span is None or not span.entity:
            return False
        self.entityChosen.emit(span.entity, span.start)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.choose()
        ):
            return True
        return super().eventFilter(watched, event)
