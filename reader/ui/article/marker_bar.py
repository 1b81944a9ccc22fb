"""The article's scrollbar, with a mark where each of the selected entity's mentions is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget

from reader.ui.selection import Selection
from reader.ui.theme import LIGHT


class MarkerScrollBar(QScrollBar):
    """A vertical scrollbar that marks where the selected entity's mentions are."""

    markerClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.markers: list[float] = []
        self.colour = LIGHT.kind_colour("PERSON")
        #: Whose mentions the marks are (the selected entity's name), for screen readers.
        self.subject = ""
        self.setAccessibleName("Position in the article")
        # The article's selection says whose mentions are marked.
        selection = getattr(parent, "selection", None)
        if isinstance(selection, Selection):
            selection.entityChanged.connect(lambda entity: self.set_subject(entity.name if entity else ""))
        self._describe()

    def set_markers(self, fractions: Sequence[float], colour: QColor) -> None:
        self.markers = list(fractions)
        self.colour = colour
        self._describe()
        self.update()

    def set_subject(self, name: str) -> None:
        """Name whose mentions the marks are."""
        self.subject = name
        self._describe()

    def _describe(self) -> None:
        """What a screen reader says about the marks: how many, and whose."""
        n = len(self.markers)
        if not n:
            text = "No marks. Select a name to mark its mentions here."
        else:
            marks = "1 mark" if n == 1 else f"{n} marks"
            text = f"{marks} for {self.subject}" if self.subject else marks
        self.setAccessibleDescription(text)

    def _groove(self) -> QRect:
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, opt, QStyle.SubControl.SC_ScrollBarGroove, self
        )

    def marker_y(self, fraction: float) -> int:
        groove = self._groove()
        return groove.top() + round(fraction * max(1, groove.height() - 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.markers:
            return
        painter = QPainter(self)
        groove = self._groove()
        for fraction in self.markers:
            y = self.marker_y(fraction)
            painter.fillRect(QRect(groove.left() + 1, y, groove.width() - 2, 3), self.colour)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        y = event.position().y()
        best, distance = -1, 5.0
        for index, fraction in enumerate(self.markers):
            d = abs(self.marker_y(fraction) + 1 - y)
            if d <= distance:
                best, distance = index, d
        if best >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.markerClicked.emit(best)
            event.accept()
            return
        super().mousePressEvent(event)
