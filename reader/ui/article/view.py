"""The article view: read-only plain text with entity highlights.

Highlights live in the text layouts of the blocks that hold them, put there
by :class:`EntityHighlighter`, which looks spans up per block, so even a whole
book stays fast; repaints after a change are spread over the event loop,
visible blocks first.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from reader.core.model import Entity
from reader.core.offsets import BIDI_CONTROLS, ViewOffsets, show_bidi_controls, view_breaks, with_gaps
from reader.ui.article.highlighter import EntityHighlighter, Highlight
from reader.ui.article.marker_bar import MarkerScrollBar
from reader.ui.article.page_breaks import paint_page_breaks
from reader.ui.article.tooltip import entity_tooltip, span_tooltip, tooltip_markup
from reader.ui.selection import Selection
from reader.ui.theme import LIGHT, Theme

#: A line of text is kept to about this many average characters.
MEASURE_CHARS = 76
BASE_POINT_SIZE = 12.5
_SERIF_FAMILIES = ("Source Serif 4", "Noto Serif", "Charter", "Georgia", "DejaVu Serif", "Liberation Serif")
#: Colour emoji fonts, tried after the reading face (Debian: fonts-noto-color-emoji).
EMOJI_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji")


def reading_font() -> QFont:
    """A readable serif face from what the system has, without kerning.

    A highlight splits its line into separately shaped runs, and kerning is
    not applied across a run's edge: with kerning, a line could grow or
    shrink when its names are highlighted, and its last word move to the
    next line. Without it, every glyph keeps its advance wherever runs are cut.
    """
    families = set(QFontDatabase.families())
    font = QFont()
    for family in _SERIF_FAMILIES:
        if family in families:
            font = QFont(family)
            break
    else:
        font.setStyleHint(QFont.StyleHint.Serif)
    # Emoji come from a colour emoji font when there is one, not as empty boxes.
    emoji = [family for family in EMOJI_FAMILIES if family in families]
    if emoji:
        font.setFamilies([*font.families(), *emoji[:1]])
    font.setPointSizeF(BASE_POINT_SIZE)
    font.setKerning(False)
    return font


#: Characters Qt's plain-text copy turns into others (no-break space into a space).
_QT_PLAIN_TEXT_CHANGES = re.compile(f"[\u00a0\u2028\u2029{''.join(BIDI_CONTROLS)}]")


class ArticleView(QPlainTextEdit):
    """Shows a document's text, highlights entities and reports clicks on them.

    It follows ``selection``: the selected entity's mentions stand out, the
    others are dimmed, and the scrollbar marks where they are.
    """

    entityClicked = Signal(str)
    #: A context menu is about to open: the menu, and the highlight under the pointer (or None).
    contextMenuOpening = Signal(object, object)
    zoomChanged = Signal(int)

    #: Time budget of one slice of deferred re-highlighting, in seconds.
    SLICE_SECONDS = 0.008

    def __init__(self, parent: QWidget | None = None, selection: Selection | None = None) -> None:
        super().__init__(parent)
        self.context_menu: QMenu | None = None
        self.selection = selection or Selection(self)
        self.selection.entityChanged.connect(self._selection_changed)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(18)
        self.setFont(reading_font())
        self.zoom = 0
        self.theme = LIGHT
        self.text = ""
        self.offsets = ViewOffsets("")
        self._gaps: list[int] = []  # where the view adds line breaks (see view_breaks)
        #: Whether a text with one paragraph per line gets an empty line after each.
        self.paragraph_spacing = True
        self.highlighter = EntityHighlighter(self.theme)
        self.marker_bar = MarkerScrollBar(self)
        self.setVerticalScrollBar(self.marker_bar)
        # Always shown: a long text arriving does not narrow the view and
        # make it lay out every line again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.marker_bar.markerClicked.connect(self._jump_to_marker)
        self._pending: deque[range] = deque()  # block numbers still to re-highlight, next first
        # One byte per block, 1 for a block that carries highlight formats (a set of a
        # book's block numbers took 25 times the memory).
        self._formatted = bytearray()
        self._rehighlight_timer = QTimer(self)
        # A short rest between slices lets input and repaints in.
        self._rehighlight_timer.setInterval(2)
        self._rehighlight_timer.timeout.connect(self._rehighlight_slice)
        self._selection_mentions: list[tuple[int, int]] = []
        self._find_ranges: list[tuple[int, int]] = []
        self._current_range: tuple[int, int] | None = None
        self._press_pos: QPoint | None = None
        #: (code point, page number) where each page after the first starts: drawn as subtle breaks.
        self.page_starts: list[tuple[int, int]] = []
        #: Running headers, footers and page numbers: shown dimmed.
        self.furniture: list[tuple[int, int]] = []
        self.viewport().setMouseTracking(True)

    # -- text and spans -------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show ``text`` with no highlights. Never interpreted as markup."""
        self._cancel_rehighlight()
        self.text = text
        self.page_starts = []
        self.furniture = []
        self.highlighter.set_spans([])
        self.highlighter.selected = None
        self.highlighter.selected_starts = frozenset()
        self._selection_mentions = []
        self._find_ranges = []
        self._current_range = None
        self.marker_bar.set_markers([], self.marker_bar.colour)
        self._show_text(view_breaks(text, self.paragraph_spacing))
        self._update_extra_selections()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _show_text(self, gaps: Sequence[int]) -> None:
        """Put ``self.text`` in the document, with an empty line added before each of ``gaps``."""
        self._gaps = list(gaps)
        self.offsets = ViewOffsets(self.text, gaps)
        self.highlighter.offsets = self.offsets
        # A right-to-left override is shown as a mark, never obeyed (see BIDI_CONTROLS).
        self.setPlainText(show_bidi_controls(with_gaps(self.text, gaps)))
        self._formatted = bytearray(self.document().blockCount())
        self._dim_furniture()

    def set_paragraph_spacing(self, on: bool) -> None:
        """Show one-paragraph-per-line texts with (or without) an empty line after each paragraph.

        Highlights, the selected entity, find matches, the text cursor and the
        line at the top of the view are kept.
        """
        if on == self.paragraph_spacing:
            return
        self.paragraph_spacing = on
        gaps = view_breaks(self.text, on)
        if gaps == self._gaps:
            return  # the view shows the same lines either way
        top = self.offsets.to_code_point(self.firstVisibleBlock().position())
        cursor = self.textCursor()
        anchor = self.offsets.to_code_point(cursor.anchor())
        position = self.offsets.to_code_point(cursor.position())
        self._cancel_rehighlight()
        self._show_text(gaps)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(anchor, end=anchor > position))
        cursor.setPosition(self.offsets.to_utf16(position, end=position > anchor), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        # The scrollbar counts laid-out lines, not blocks.
        top_block = self.document().findBlock(self.offsets.to_utf16(top))
        self.verticalScrollBar().setValue(top_block.firstLineNumber())
        self._update_markers()
        self.rehighlight_all()
        self._update_extra_selections()

    def add_spans(self, spans: Sequence[Highlight]) -> None:
        """Highlight more spans (one analysed chunk)."""
        if not spans:
            return
        self.highlighter.add_spans(spans)
        self._schedule_range(spans[0].start, spans[-1].end)

    def set_spans(self, spans: Sequence[Highlight], presorted: bool = False) -> None:
        """Replace every highlight (the resolved analysis); ``presorted`` if in order already."""
        self.highlighter.set_spans(spans, presorted)
        self.rehighlight_all()

    def set_visible_kinds(self, kinds: set[str]) -> None:
        self.highlighter.visible_kinds = set(kinds)
        self.rehighlight_all()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(f"QPlainTextEdit {{ background: {theme.base.name()}; }}")
        self.highlighter.set_theme(theme)
        self._dim_furniture()
        self.rehighlight_all()
        self._update_extra_selections()

    def highlighted_ranges(self) -> list[tuple[int, int, str]]:
        """The ``(start, end, kind)`` code-point ranges the document now formats."""
        self.flush_highlighting()
        result: list[tuple[int, int, str]] = []
        block = self.document().firstBlock()
        while block.isValid():
            for fr in sorted(block.layout().formats(), key=lambda r: r.start):
                kind = self._kind_of_format(fr.format)
                if kind is None:
                    continue
                start = self.offsets.to_code_point(block.position() + fr.start)
                end = self.offsets.to_code_point(block.position() + fr.start + fr.length)
                # A span across a line break is formatted in two blocks: join it.
                # (A long line's piece ends with no character between.)
                if (
                    result
                    and start - result[-1][1] in (0, 1)
                    and self.highlighter.span_at(start) is (self.highlighter.span_at(result[-1][0]))
                ):
                    result[-1] = (result[-1][0], end, kind)
                else:
                    result.append((start, end, kind))
            block = block.next()
        return result

    def _kind_of_format(self, fmt: QTextCharFormat) -> str | None:
        for (kind, _strength), known in self.highlighter._formats.items():
            if fmt == known:
                return kind
        return None

    # -- deferred re-highlighting ---------------------------------------

    def _visible_blocks(self) -> range:
        first = self.firstVisibleBlock()
        if not first.isValid():
            return range(0)
        bottom = self.cursorForPosition(QPoint(0, self.viewport().height() - 1)).block()
        return range(first.blockNumber(), max(first.blockNumber(), bottom.blockNumber()) + 1)

    def _schedule_blocks(self, numbers: range, first: bool = False) -> None:
        """Queue blocks for re-highlighting; ``first`` puts them ahead of the rest."""
        if not numbers:
            return
        if first:
            self._pending.appendleft(numbers)
        else:
            self._pending.append(numbers)
        if not self._rehighlight_timer.isActive():
            self._rehighlight_timer.start()

    def _schedule_range(self, start: int, end: int) -> None:
        doc = self.document()
        first = doc.findBlock(self.offsets.to_utf16(start)).blockNumber()
        last = doc.findBlock(self.offsets.to_utf16(max(start, end - 1))).blockNumber()
        visible = self._visible_blocks()
        in_view = range(max(first, visible.start), min(last + 1, visible.stop))
        self._schedule_blocks(range(first, last + 1))
        # Blocks in view go first (done twice at worst, which costs little).
        self._schedule_blocks(in_view, first=True)

    def rehighlight_all(self) -> None:
        """Re-highlight every block: visible ones first, the rest in slices."""
        self._cancel_rehighlight()
        self._schedule_blocks(range(self.document().blockCount()))
        self._schedule_blocks(self._visible_blocks(), first=True)

    def _cancel_rehighlight(self) -> None:
        self._pending.clear()
        self._rehighlight_timer.stop()

    def _rehighlight_slice(self) -> None:
        deadline = time.perf_counter() + self.SLICE_SECONDS
        doc = self.document()
        while self._pending:
            numbers = self._pending.popleft()
            for i, number in enumerate(numbers):
                block = doc.findBlockByNumber(number)
                if block.isValid() and self._needs_formats(block):
                    self.highlighter.apply(block)
                if time.perf_counter() > deadline:
                    rest = numbers[i + 1 :]
                    if rest:
                        self._pending.appendleft(rest)
                    break
            else:
                continue
            break
        if not self._pending:
            self._rehighlight_timer.stop()

    def _needs_formats(self, block: QTextBlock) -> bool:
        """Whether a block has highlights to apply or to clear.

        Blocks never highlighted are left alone: formatting a block gives it a
        text layout, which for every line of a book costs a lot of memory.
        """
        number = block.blockNumber()
        pos16 = block.position()
        start = self.offsets.to_code_point(pos16)
        end = self.offsets.to_code_point(pos16 + block.length())
        has_spans = self.highlighter.has_spans(start, end)
        if number >= len(self._formatted):
            self._formatted.extend(bytes(number + 1 - len(self._formatted)))
        if has_spans:
            self._formatted[number] = 1
            return True
        if self._formatted[number]:
            self._formatted[number] = 0
            return True
        return False

    def pending_in(self, numbers: range) -> bool:
        """Whether any block of ``numbers`` still waits to be re-highlighted."""
        return any(r.start < numbers.stop and numbers.start < r.stop for r in self._pending)

    def flush_highlighting(self) -> None:
        """Apply every pending re-highlight now (tests, screenshots)."""
        while self._pending:
            self._rehighlight_slice()

    @property
    def highlighting_pending(self) -> bool:
        return bool(self._pending)

    # -- selection of an entity -----------------------------------------

    def _selection_changed(self, entity: Entity | None) -> None:
        mentions = [(m.start, m.end) for m in self.selection.mentions()]
        self.select_entity(entity.id if entity else None, mentions, entity.kind if entity else None)

    def select_entity(self, entity: str | None, mentions: Sequence[tuple[int, int]], kind: str | None) -> None:
        """Emphasise ``entity``'s mentions and dim the others; mark them on the scrollbar."""
        self.highlighter.selected = entity
        self.highlighter.selected_starts = frozenset(start for start, _end in mentions) if entity else frozenset()
        self._selection_mentions = list(mentions)
        self._current_range = None
        if kind:
            self.marker_bar.colour = self.theme.kind_colour(kind)
        self._update_markers()
        self.rehighlight_all()
        self._update_extra_selections()

    def _update_markers(self) -> None:
        """Mark the selected entity's mentions on the scrollbar, by where their lines are."""
        doc = self.document()
        total = max(1, doc.blockCount() - 1)
        fractions = [doc.findBlock(self.offsets.to_utf16(s)).blockNumber() / total for s, _ in self._selection_mentions]
        self.marker_bar.set_markers(fractions, self.marker_bar.colour)

    def selected_text(self) -> str:
        """The selection as the text has it (without lines the view added)."""
        cursor = self.textCursor()
        start = self.offsets.to_code_point(cursor.selectionStart())
        end = self.offsets.to_code_point(cursor.selectionEnd())
        return self.text[start:end]

    def selected_range(self) -> tuple[int, int] | None:
        """The selected text's range in code points of the document, or None without a selection."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.to_code_point(cursor.selectionStart()), self.offsets.to_code_point(cursor.selectionEnd())

    def createMimeDataFromSelection(self) -> QMimeData:
        # Copying and dragging give the text's own characters and line breaks.
        data = super().createMimeDataFromSelection()
        text = self.selected_text()
        if not text or not (self.offsets.gapped or _QT_PLAIN_TEXT_CHANGES.search(text)):
            return data  # Qt's own copy is the file's text here
        # Without the added lines, as plain text only. The object stays Qt's:
        # one made in Python and kept by the clipboard crashes the program when
        # it quits. It makes its formats when first read, so that comes first.
        data.text()
        for mime_type in data.formats():
            data.removeFormat(mime_type)
        data.setText(text)
        return data

    def cursor_for_range(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end, end=end > start), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def show_range(self, start: int, end: int, select: bool = False) -> None:
        """Put the cursor at ``start`` (selecting up to ``end`` if asked), scrolled into view.

        Without a selection the range is marked as the current mention instead.
        """
        cursor = self.cursor_for_range(start, end)
        if not select:
            self._current_range = (start, end)
            self._update_extra_selections()
            cursor.setPosition(cursor.anchor())
        self.setTextCursor(cursor)
        block_top = self.blockBoundingGeometry(cursor.block()).translated(self.contentOffset()).top()
        if not (0 <= block_top <= self.viewport().height() * 0.7):
            self.centerCursor()
        self.ensureCursorVisible()

    def _jump_to_marker(self, index: int) -> None:
        if 0 <= index < len(self._selection_mentions):
            self.show_range(*self._selection_mentions[index])

    # -- find -------------------------------------------------------------

    def set_find_matches(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._find_ranges = list(ranges)
        self._update_extra_selections()

    def _update_extra_selections(self) -> None:
        selections = []
        for start, end in self._find_ranges[:2000]:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self.cursor_for_range(start, end)
            sel.format.setBackground(self.theme.find_match)
            sel.format.setProperty(QTextFormat.Property.OutlinePen, None)
            selections.append(sel)
        if self._current_range and self._kind_of_current():
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self.cursor_for_range(*self._current_range)
            kind = self._kind_of_current()
            assert kind is not None
            sel.format.setBackground(self.theme.kind_colour(kind))
            sel.format.setForeground(self.theme.current_text)
            selections.append(sel)
        self.setExtraSelections(selections)

    def _kind_of_current(self) -> str | None:
        if self._current_range is None:
            return None
        span = self.highlighter.span_at(self._current_range[0])
        return span.kind if span else None

    # -- zoom -------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(-6, min(12, steps))
        font = self.font()
        font.setPointSizeF(BASE_POINT_SIZE * (1.1**steps))
        self.setFont(font)
        self.zoom = steps
        self._update_margins()
        self.zoomChanged.emit(steps)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    # -- layout -----------------------------------------------------------

    def set_pages(self, starts: Sequence[tuple[int, int]], furniture: Sequence[tuple[int, int]] = ()) -> None:
        """Where the pages of a PDF or a scan start, and its running headers and footers (shown dimmed)."""
        self.page_starts = list(starts)
        self.furniture = list(furniture)
        self._dim_furniture()
        self.viewport().update()

    def _dim_furniture(self) -> None:
        """Grey the furniture's characters in the document's own formats (highlights sit on the layouts)."""
        if not self.furniture:
            return
        colour = QColor(self.theme.text)
        colour.setAlpha(120)
        dimmed = QTextCharFormat()
        dimmed.setForeground(colour)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            for start, end in self.furniture:
                cursor.setPosition(self.offsets.to_utf16(start))
                cursor.setPosition(self.offsets.to_utf16(end, end=True), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(dimmed)
        finally:
            cursor.endEditBlock()

    def page_break_at(self, start: int) -> float | None:
        """The viewport y of the break drawn above the page starting at code point ``start``, if shown."""
        block = self.cursor_for_range(start, start).block()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        return top - 2 if 0 <= top <= self.viewport().height() else None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.page_starts:
            paint_page_breaks(self, self.page_starts)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Margins first: the text is laid out for the viewport's new width.
        self._set_margins()
        super().resizeEvent(event)

    def needed_width(self) -> int:
        """The width the article's column of :data:`MEASURE_CHARS` characters needs, with its scrollbar."""
        measure = self.fontMetrics().averageCharWidth() * MEASURE_CHARS
        return int(measure + 2 * self.document().documentMargin() + self.marker_bar.sizeHint().width()) + 48

    def _set_margins(self) -> bool:
        """Centre a column of about :data:`MEASURE_CHARS` characters; True if they changed."""
        measure = self.fontMetrics().averageCharWidth() * MEASURE_CHARS
        available = self.width() - self.marker_bar.sizeHint().width()
        side = max(0, int((available - measure) / 2))
        if self.viewportMargins().left() == side:
            return False
        self.setViewportMargins(side, 0, side, 0)
        return True

    def _update_margins(self) -> None:
        if self._set_margins():
            # Lay the text out again for the new width, as a resize would.
            QApplication.sendEvent(self, QResizeEvent(self.size(), QSize(0, 0)))

    # -- pointer: tooltips and clicks -----------------------------------

    def code_point_at(self, pos: QPoint) -> int | None:
        """The code point under a viewport position, or None off the text."""
        cursor = self.cursorForPosition(pos)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - pos.y()) > rect.height():
            return None
        if cursor.block().length() <= 1:
            return None  # an empty line, maybe one the view added
        unit = cursor.position()
        # cursorForPosition returns the nearest gap; take the character whose box holds pos.
        if rect.x() > pos.x() and unit > 0:
            unit -= 1
        return self.offsets.to_code_point(unit)

    def span_at(self, pos: QPoint) -> Highlight | None:
        cp = self.code_point_at(pos)
        if cp is None:
            return None
        span = self.highlighter.span_at(cp)
        if span is None or span.kind not in self.highlighter.visible_kinds:
            return None
        return span

    def entity_of(self, span: Highlight) -> str | None:
        """The entity a highlight belongs to: its own, or (a text still analysed) its mention's so far."""
        if span.entity:
            return span.entity
        analysis = self.selection.analysis
        if analysis is None:
            return None
        mentions = analysis.mentions
        i = bisect.bisect_left(mentions, span.start, key=lambda m: m.start)
        return mentions[i].entity if i < len(mentions) and mentions[i].start == span.start else None

    def tooltip_at(self, pos: QPoint) -> str | None:
        """The tooltip of the highlight under a viewport position, as plain text; None off one."""
        span = self.span_at(pos)
        if span is None:
            return None
        analysis = self.selection.analysis
        entity_id = self.entity_of(span)
        entity = analysis.entity(entity_id) if analysis and entity_id else None
        if entity is not None:
            return entity_tooltip(entity, analysis.corrected_entities.get(entity.id, ()) if analysis else ())
        return span_tooltip(self.text[span.start : span.end], span.kind)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            text = self.tooltip_at(pos)
            if text is not None:
                QToolTip.showText(event.globalPos(), tooltip_markup(text), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt's own menu (Copy, Select All), with what the window adds for the highlight under the pointer."""
        menu = self.createStandardContextMenu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.contextMenuOpening.emit(menu, self.span_at(event.pos()))
        self.context_menu = menu
        menu.popup(event.globalPos())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._press_pos is not None
            and (pos - self._press_pos).manhattanLength() < 4
            and not self.textCursor().hasSelection()
        ):
            span = self.span_at(pos)
            entity = self.entity_of(span) if span is not None else None
            if entity:
                self.entityClicked.emit(entity)
        self._press_pos = None
