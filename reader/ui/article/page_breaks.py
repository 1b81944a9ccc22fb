"""Subtle page breaks in the article: a thin rule above the first line of each page, and its number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextCursor

if TYPE_CHECKING:
    from reader.ui.article.view import ArticleView


def paint_page_breaks(view: ArticleView, page_starts: list[tuple[int, int]]) -> None:
    """Draw the breaks of ``page_starts`` (code-point offset, page number) that are in view."""
    if not page_starts:
        return
    viewport = view.viewport()
    height = viewport.height()
    top_cursor = view.cursorForPosition(view.viewport().rect().topLeft())
    first_visible = view.offsets.to_code_point(top_cursor.block().position())
    painter = QPainter(viewport)
    try:
        colour = QColor(view.palette().text().color())
        colour.setAlpha(70)
        pen = QPen(colour, 1, Qt.PenStyle.DashLine)
        font = QFont(view.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.75))
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        for start, page in page_starts:
            if start < first_visible - 1:
                continue
            cursor = QTextCursor(view.document())
            cursor.setPosition(min(view.offsets.to_utf16(start), view.document().characterCount() - 1))
            block = cursor.block()
            top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
            if top > height:
                break
            label = f"p. {page}"
            y = top - 2
            right = viewport.width() - 12
            label_width = metrics.horizontalAdvance(label) + 8
            painter.setPen(pen)
            painter.drawLine(QPointF(12, y), QPointF(right - label_width, y))
            painter.setPen(colour)
            painter.drawText(
                QRectF(right - label_width, y - metrics.height() / 2, label_width, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
    finally:
        painter.end()
