"""The entity panel: entities grouped by kind, and the mentions of the selected one."""

from __future__ import annotations

import bisect
import re
import textwrap
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Analysis, Entity, Mention
from reader.core.offsets import paragraph_gaps
from reader.core.sources import SourceMap
from reader.ui.article.tooltip import entity_tooltip, mentions_text, tooltip_markup
from reader.ui.selection import Selection
from reader.ui.theme import KIND_LABELS, KIND_SINGULAR, LIGHT, Theme

ENTITY_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()  # the invisible root, as a default argument
MENTION_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
CORRECTED_ROLE = Qt.ItemDataRole.UserRole + 4
#: Drawn before the count of an entity the reader corrected.
CORRECTED_MARK = "✎"
#: What a dragged entity row carries: the entity's id.
ENTITY_MIME = "application/x-gazette-entity"
SWATCH_SIZE = 12
SORTS = {"count": "Most mentioned", "name": "Name", "first": "First appearance"}
CONTEXT_CHARS = 120
#: A mention's tooltip is wrapped at about this many characters a line.
TOOLTIP_CHARS = 72


def swatch(colour: QColor, size: int = SWATCH_SIZE) -> QPixmap:
    """A small rounded colour square for legends and kind headers."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(0, 0, size, size, 3, 3)
    painter.end()
    return pixmap


#: A line break between two paragraphs of a text that leaves empty lines between them.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: The end of a sentence: its punctuation, closing quotes or brackets, then space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
#: Words whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "prof", "inc", "co", "corp", "ltd",
    "no", "lt", "col", "capt", "sgt", "maj", "mt", "ft", "vs", "etc", "u.s",
})  # fmt: skip
#: How far a sentence is looked for on either side of a mention, in characters.
SENTENCE_REACH = 600
#: Name parts after a surname, skipped when people are sorted by surname.
NAME_SUFFIXES = frozenset({
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d.", "esq", "esq.", "qc", "kc",
})  # fmt: skip


def paragraph_of(text: str, start: int, end: int, lines_are_paragraphs: bool, reach: int = SENTENCE_REACH) -> range:
    """The part of the mention's paragraph within ``reach`` characters of ``start:end``.

    A paragraph is one line in a text that puts one paragraph on each line
    (``lines_are_paragraphs``), else the lines between two empty lines.
    """
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    if lines_are_paragraphs:
        first = text.rfind("\n", lo, start) + 1 or lo
        last = text.find("\n", end, hi)
        return range(first, hi if last == -1 else last)
    first = lo
    for match in _BLANK_LINE.finditer(text, lo, start):
        first = match.end()
    after = _BLANK_LINE.search(text, end, hi)
    return range(first, hi if after is None else after.start())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def mention_context(
    text: str, mention: Mention, width: int = CONTEXT_CHARS, lines_are_paragraphs: bool = True
) -> tuple[str, str, str]:
    """About ``width`` characters around a mention, on one line: (before, mention, after).

    The context stays in the mention's paragraph and is cut between words;
    "…" marks where it was cut.
    """
    side = max(10, (width - (mention.end - mention.start)) // 2)
    paragraph = paragraph_of(text, mention.start, mention.end, lines_are_paragraphs, side + 40)
    start = max(paragraph.start, mention.start - side)
    end = min(paragraph.stop, mention.end + side)
    before, after = text[start : mention.start], text[mention.end : end]
    cut_before = start > paragraph.start
    if cut_before and not text[start - 1].isspace():
        # Drop the cut word: begin after the first space (or leave nothing before the mention).
        space = next((i for i, ch in enumerate(before) if ch.isspace()), len(before))
        before = before[space:]
    cut_after = end < paragraph.stop
    if cut_after and not text[end].isspace():
        space = next((i for i in range(len(after) - 1, -1, -1) if after[i].isspace()), 0)
        after = after[:space]
    before_line = _one_line(before) + (" " if before[-1:].isspace() and before.strip() else "")
    after_line = (" " if after[:1].isspace() and after.strip() else "") + _one_line(after)
    if cut_before:
        before_line = "…" + before_line
    if cut_after:
        after_line = after_line + "…"
    return before_line, _one_line(text[mention.start : mention.end]), after_line


def mention_sentence(text: str, mention: Mention, lines_are_paragraphs: bool = True) -> str:
    """The sentence that holds a mention, on one line (within its paragraph, at most a few hundred characters)."""
    paragraph = paragraph_of(text, mention.start, mention.end, lines_are_paragraphs)
    first = paragraph.start
    for match in _SENTENCE_END.finditer(text, paragraph.start, mention.start):
        if _ends_sentence(text, match.start(), match.end()):
            first = match.end()
    last = paragraph.stop
    for match in _SENTENCE_END.finditer(text, mention.end, paragraph.stop):
        if _ends_sentence(text, match.start(), match.end()):
            last = match.end()
            break
    sentence = _one_line(text[first:last])
    if first == paragraph.start and first > 0 and text[first - 1] != "\n":
        sentence = "…" + sentence  # longer than the reach: cut
    if last == paragraph.stop and last < len(text) and text[last] != "\n":
        sentence += "…"
    return sentence


def _ends_sentence(text: str, at: int, after: int) -> bool:
    """Whether the punctuation from ``at`` to ``after`` ends a sentence.

    Not after "Mr." or an initial such as "J.", and not before a lower-case
    word (“What?” he asked).
    """
    following = text[after : after + 40].lstrip()
    if following[:1].islower():
        return False
    if text[at] != ".":
        return True
    word_start = at
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:at].casefold()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and text[word_start].isupper()))


def surname(name: str) -> str:
    """A person's surname as sorting wants it: the last word that is not a suffix such as "Jr." or "III"."""
    words = [w.strip(",") for w in name.split()]
    words = [w for w in words if w]
    for word in reversed(words):
        if word.casefold() not in NAME_SUFFIXES:
            return word
    return name


def draw_focus(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """Outline the current row of a list that has the keyboard focus, so that the focus is always visible.

    Fusion draws a focus frame only after a Tab, and a selected row looks the
    same whether its list has the focus or not.
    """
    if not option.state & QStyle.StateFlag.State_HasFocus:
        return
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(option.palette.color(role), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
    painter.restore()


def elide_words(metrics: QFontMetrics, text: str, width: int, left: bool = False) -> str:
    """``text`` cut between words to fit ``width`` pixels, "…" where it was cut (at its start if ``left``)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.strip("…").split(" ")
    while words:
        words = words[1:] if left else words[:-1]
        joined = " ".join(words)
        shown = "…" + joined if left else joined + "…"
        if metrics.horizontalAdvance(shown) <= width:
            return shown
    return ""


class MentionDelegate(QStyledItemDelegate):
    """Draws "line N" and the context with the mention in bold, as plain text."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        data = index.data(MENTION_ROLE)
        if not data:
            super().paint(painter, option, index)
            return
        place, before, mention, after = data
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        draw_focus(painter, opt)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlpha(150)
        rect = opt.rect.adjusted(8, 0, -8, 0)
        painter.save()
        font = QFont(opt.font)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(muted)
        label = place
        label_width = QFontMetrics(small).horizontalAdvance("line 00000") + 6
        painter.drawText(
            QRect(rect.left(), rect.top(), label_width, rect.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            label,
        )
        x = rect.left() + label_width
        bold = QFont(font)
        bold.setBold(True)
        normal_metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)
        available = rect.right() - x
        mention_width = bold_metrics.horizontalAdvance(mention)
        # Half the room on each side, or more before the mention when little comes after it.
        side = max(0, (available - mention_width) // 2)
        side = max(side, available - mention_width - normal_metrics.horizontalAdvance(after))
        before_text = elide_words(normal_metrics, before, side, left=True)
        after_text = elide_words(
            normal_metrics, after, available - mention_width - normal_metrics.horizontalAdvance(before_text)
        )
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        painter.setPen(text_colour)
        for chunk, chunk_font, metrics in (
            (before_text, font, normal_metrics),
            (mention, bold, bold_metrics),
            (after_text, font, normal_metrics),
        ):
            painter.setFont(chunk_font)
            width = metrics.horizontalAdvance(chunk)
            painter.drawText(QRect(x, rect.top(), max(0, rect.right() - x), rect.height()), flags, chunk)
            x += width
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), QFontMetrics(option.font).height() + 8))


class EntityListModel(QAbstractListModel):
    """Entities grouped by kind, as one flat list: a kind row, then its entities.

    A flat model drawn by :class:`EntityDelegate` rather than a tree or items:
    a list view with uniform rows lays out a book's thousands of entities
    without asking the model about each row, and tooltips are made only when
    asked for.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list[Entity]]] = []
        self.theme = LIGHT
        self._rows: list[Entity | tuple[str, int]] = []
        self._where: dict[str, int] = {}
        self.corrected: dict[str, tuple[str, ...]] = {}

    #: An entity row was dropped onto another: (dragged id, target id).
    entityDropped = Signal(str, str)

    def set_groups(
        self, groups: list[tuple[str, list[Entity]]], theme: Theme, corrected: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.beginResetModel()
        self.groups = groups
        self.corrected = corrected or {}
        self.theme = theme
        rows: list[Entity | tuple[str, int]] = []
        for kind, entities in groups:
            rows.append((kind, len(entities)))
            rows.extend(entities)
        self._rows = rows
        self._where = {row.id: n for n, row in enumerate(rows) if isinstance(row, Entity)}
        self.endResetModel()

    def entity_at(self, index: QModelIndex | QPersistentModelIndex) -> Entity | None:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        return row if isinstance(row, Entity) else None

    def index_of(self, entity_id: str) -> QModelIndex:
        row = self._where.get(entity_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Entity):
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled
            )
        return Qt.ItemFlag.ItemIsEnabled

    # Dragging a row onto another merges the dragged entity into the other.

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [ENTITY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        entity = next((e for i in indexes if (e := self.entity_at(i)) is not None), None)
        if entity is not None:
            data.setData(ENTITY_MIME, QByteArray(entity.id.encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        target = self.entity_at(parent)
        return (
            data.hasFormat(ENTITY_MIME)
            and target is not None
            and bytes(data.data(ENTITY_MIME).data()).decode() != target.id
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.entity_at(parent)
        assert target is not None
        self.entityDropped.emit(bytes(data.data(ENTITY_MIME).data()).decode(), target.id)
        return False  # nothing moves in the list: the window merges, then shows the list again

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if isinstance(row, Entity):
            if role == Qt.ItemDataRole.DisplayRole:
                # A name the text breaks over two lines is listed on one.
                return " ".join(row.name.split())
            if role == COUNT_ROLE:
                return row.mentions
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip_markup(entity_tooltip(row, self.corrected.get(row.id, ())))
            if role == Qt.ItemDataRole.AccessibleTextRole:
                # What a screen reader says for the row: "Maria Ortega, person, 3 mentions".
                return f"{row.name}, {KIND_SINGULAR[row.kind]}, {mentions_text(row.mentions)}"
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                # The rest of the tooltip: aliases, country, what was corrected.
                return ". ".join(entity_tooltip(row, self.corrected.get(row.id, ())).split("\n")[2:])
            if role == CORRECTED_ROLE:
                return self.corrected.get(row.id, ())
            if role == ENTITY_ROLE:
                return row.id
            return None
        kind, count = row
        if role == Qt.ItemDataRole.DisplayRole:
            return KIND_LABELS[kind]
        if role == COUNT_ROLE:
            return count
        if role == KIND_ROLE:
            return kind
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_LABELS[kind]}, heading, {count}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return f"{count} {KIND_LABELS[kind].lower()}"
        return None


class EntityDelegate(QStyledItemDelegate):
    """Draws a kind row (swatch, bold label, count) or an entity row (name, count)."""

    def __init__(self, model: EntityListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        draw_focus(painter, opt)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        kind = index.data(KIND_ROLE)
        count = str(index.data(COUNT_ROLE) or "")
        if index.data(CORRECTED_ROLE):
            count = f"{CORRECTED_MARK} {count}"
        font = QFont(opt.font)
        if kind:
            font.setBold(True)
        metrics = QFontMetrics(font)
        rect = opt.rect.adjusted(6, 0, -8, 0)
        flags = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        if kind:
            top = rect.top() + (rect.height() - SWATCH_SIZE) // 2
            painter.drawPixmap(rect.left(), top, swatch(self.model.theme.kind_colour(kind)))
        painter.setFont(opt.font)
        count_width = QFontMetrics(opt.font).horizontalAdvance(count)
        painter.setPen(muted)
        painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignRight), count)
        name_rect = rect.adjusted(SWATCH_SIZE + 6, 0, -(count_width + 8), 0)
        painter.setFont(font)
        painter.setPen(text_colour)
        elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0, name_rect.width()))
        painter.drawText(name_rect, int(flags | Qt.AlignmentFlag.AlignLeft), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(120, QFontMetrics(option.font).height() + 5)


class MentionItem(QListWidgetItem):
    """A row of the mention list, worked out the first time it is asked for.

    A book's main character has thousands of mentions, of which the list
    draws a screenful: finding the context and sentence of every one when
    the entity is selected (or its figures grow) held the window for 0.2 s.
    """

    def __init__(self, panel: EntityPanel, mention: Mention) -> None:
        super().__init__()
        self._panel = panel
        self._mention = mention
        self._row: dict[int, object] | None = None

    def data(self, role: int) -> object:
        if role in MentionItem.ROLES:
            if self._row is None:
                self._row = self._panel.mention_row(self._mention)
            return self._row[role]
        return super().data(role)

    #: The roles :meth:`EntityPanel.mention_row` gives.
    ROLES = frozenset({
        Qt.ItemDataRole.DisplayRole,
        MENTION_ROLE,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        Qt.ItemDataRole.ToolTipRole,
    })


class EntityPanel(QWidget):
    """Lists entities by kind; the entity ``selection`` holds is the current row, its mentions listed below."""

    entitySelected = Signal(object)  # entity id or None
    mentionActivated = Signal(int)  # index into the selected entity's mentions
    entityMenuRequested = Signal(str, QPoint)  # entity id, where (global)
    mentionMenuRequested = Signal(int, QPoint)  # index into the selected entity's mentions, where (global)

    def __init__(self, parent: QWidget | None = None, selection: Selection | None = None) -> None:
        super().__init__(parent)
        self.selection = selection or Selection(self)
        self.selection.entityChanged.connect(lambda entity: self.show_selection(entity.id if entity else None))
        self.theme = LIGHT
        self.analysis: Analysis | None = None
        self.text = ""
        self._line_starts: list[int] | None = None
        self.sources: SourceMap | None = None
        self._paragraph_text: str | None = None
        self._by_line = True
        self.visible_kinds = {"PERSON", "PLACE", "ORG"}
        self.sort = "count"
        self._updating = False
        self._unavailable = ""
        #: Whether the entities listed are those of the text analysed so far.
        self.partial = False

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter entities")
        self.filter.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        for key, label in SORTS.items():
            self.sort_box.addItem(label, key)
        self.sort_box.setToolTip("Sort the entities")
        self.model = EntityListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(EntityDelegate(self.model, self.list))
        # Every row has the same height: the view lays out thousands of rows
        # without asking the model about each one.
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMouseTracking(True)
        self.placeholder = QLabel("Open a text file to see who and what it is about.", self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.mention_title = QLabel(self)
        self.mention_title.setTextFormat(Qt.TextFormat.PlainText)
        self.mentions = QListWidget(self)
        self.mentions.setItemDelegate(MentionDelegate(self.mentions))
        self.mentions.setUniformItemSizes(True)
        self.mentions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        controls.addWidget(self.filter, 1)
        controls.addWidget(self.sort_box)
        top_layout.addLayout(controls)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.placeholder, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.mention_title)
        bottom_layout.addWidget(self.mentions, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        # The mention list grows with the panel as much as the entity list does.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 260])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(120)
        self._filter_timer.timeout.connect(self.rebuild)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.mentions.itemActivated.connect(self._mention_activated)
        self.mentions.itemClicked.connect(self._mention_activated)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._entity_menu)
        self.mentions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mentions.customContextMenuRequested.connect(self._mention_menu)
        self._show_mentions([])
        self.rebuild()

    # -- data ----------------------------------------------------------------

    def set_document(self, text: str, sources: SourceMap | None = None) -> None:
        """A new text; ``sources`` (a PDF's pages, a book's chapters) gives the mention list "p. 12" for a page."""
        self.text = text
        self.sources = sources
        self._line_starts = None
        self.analysis = None
        self.partial = False
        self.rebuild()
        self._show_mentions([])
        # Another text's list starts at its top (the view keeps a scroll value
        # until it next lays its rows out, which may be after the new ones came).
        self.list.scrollToTop()
        self.list.verticalScrollBar().setValue(0)

    def split_state(self) -> str:
        """Where the splitter between the entities and the mentions is, to keep in the settings."""
        return bytes(self.splitter.saveState().toBase64().data()).decode()

    def restore_split(self, state: str) -> None:
        """Put the splitter back where :meth:`split_state` said; a damaged state changes nothing."""
        if state:
            self.splitter.restoreState(QByteArray.fromBase64(state.encode()))

    def set_unavailable(self, message: str) -> None:
        """Say why no entities can be listed (no language model)."""
        self._unavailable = message
        self.rebuild()

    def set_analysis(self, analysis: Analysis | None, partial: bool = False) -> None:
        """List ``analysis``'s entities; ``partial`` when they are the figures of the text analysed so far.

        While figures grow, and when the final ones replace them, the list
        keeps its scroll position and the selected row, and the mention list
        its own: rows come and counts grow in place.
        """
        growing = partial or self.partial
        self.analysis = analysis
        self.partial = partial and analysis is not None
        if not growing:
            self.rebuild()
            if self.selected:
                self.show_selection(self.selected)
            return
        bars = (self.list.verticalScrollBar(), self.mentions.verticalScrollBar())
        tops = [bar.value() for bar in bars]
        mention_row = self.mentions.currentRow()
        self.rebuild()
        if self.selected:
            mentions = analysis.mentions_of(self.selected) if analysis else []
            self._show_mentions(mentions, self.selected)
            if 0 <= mention_row < self.mentions.count():
                self.mentions.setCurrentRow(mention_row)
        # Lay the rows out now, so the scroll ranges fit them before the values return.
        self.list.doItemsLayout()
        self.mentions.doItemsLayout()
        for bar, top in zip(bars, tops, strict=True):
            bar.setValue(top)

    @property
    def selected(self) -> str | None:
        """The selected entity's id, as the shared selection has it."""
        return self.selection.entity_id

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()

    def set_visible_kinds(self, kinds: set[str]) -> None:
        self.visible_kinds = set(kinds)
        self.rebuild()

    def set_sort(self, sort: str) -> None:
        index = self.sort_box.findData(sort)
        if index >= 0:
            self.sort_box.setCurrentIndex(index)

    def line_of(self, code_point: int) -> int:
        """The line number (from 1) of a code-point offset."""
        if self._line_starts is None:
            # Made when first needed: a book has tens of thousands of lines.
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return bisect.bisect_right(self._line_starts, code_point)

    # -- the list ---------------------------------------------------------

    def _sort_changed(self) -> None:
        self.sort = self.sort_box.currentData()
        self.rebuild()

    def _sorted(self, entities: Sequence[Entity]) -> list[Entity]:
        if self.sort == "name":
            # People by surname ("Haddad" before "Ortega"), the rest by their whole name.
            return sorted(
                entities,
                key=lambda e: (surname(e.name).casefold() if e.kind == "PERSON" else "", e.name.casefold()),
            )
        if self.sort == "first":
            return sorted(entities, key=lambda e: e.first)
        return sorted(entities, key=lambda e: (-e.mentions, e.name.casefold()))

    def rebuild(self) -> None:
        """Fill the list from the analysis, the filter and the sort order."""
        self._updating = True
        groups: list[tuple[str, list[Entity]]] = []
        analysis = self.analysis
        if analysis is not None:
            needle = self.filter.text().casefold().strip()
            for kind in ("PERSON", "PLACE", "ORG", "GROUP"):
                if kind not in self.visible_kinds:
                    continue
                entities = [e for e in analysis.entities if e.kind == kind]
                if needle:
                    entities = [
                        e
                        for e in entities
                        if needle in e.name.casefold() or any(needle in a.casefold() for a in e.aliases)
                    ]
                if entities:
                    groups.append((kind, self._sorted(entities)))
        self.model.set_groups(groups, self.theme, analysis.corrected_entities if analysis else None)
        if self.selected:
            index = self.model.index_of(self.selected)
            if index.isValid():
                self.list.setCurrentIndex(index)
        has_rows = bool(groups)
        self.list.setVisible(has_rows)
        self.placeholder.setVisible(not has_rows)
        if analysis is None:
            if not self.text:
                self.placeholder.setText("Open a text file to see who and what it is about.")
            else:
                self.placeholder.setText(self._unavailable or "Finding names…")
        elif not has_rows:
            if self.filter.text():
                self.placeholder.setText("No entities match the filter.")
            else:
                self.placeholder.setText(
                    "Finding names…" if self.partial else "No people, places or organisations found."
                )
        self._updating = False

    def rows(self) -> list[tuple[str, str, int]]:
        """``(kind label, name, mentions)`` of every entity row, in display order."""
        return [(KIND_LABELS[kind], e.name, e.mentions) for kind, entities in self.model.groups for e in entities]

    def select_row(self, entity_id: str) -> bool:
        """Make ``entity_id``'s row current, as a click would. False if it is not listed."""
        index = self.model.index_of(entity_id)
        if not index.isValid():
            return False
        self.list.setCurrentIndex(index)
        return True

    def current_name(self) -> str | None:
        entity = self.model.entity_at(self.list.currentIndex())
        return entity.name if entity else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        entity = self.model.entity_at(current)
        if entity is not None:
            self.entitySelected.emit(entity.id)

    # -- selection and mentions ------------------------------------------

    def show_selection(self, entity_id: str | None) -> None:
        """Reflect a selection made anywhere: the entity row and the mention list."""
        self._updating = True
        index = self.model.index_of(entity_id) if entity_id else QModelIndex()
        if index.isValid():
            # The same entity with new figures (a long text's analysis
            # growing) leaves the list where the reader has scrolled it.
            current = self.model.entity_at(self.list.currentIndex())
            self.list.setCurrentIndex(index)
            if current is None or current.id != entity_id:
                self.list.scrollTo(index)
        else:
            self.list.selectionModel().clear()
        self._updating = False
        mentions = self.analysis.mentions_of(entity_id) if (self.analysis and entity_id) else []
        self._show_mentions(mentions, entity_id)

    def _show_mentions(self, mentions: Sequence[Mention], entity_id: str | None = None) -> None:
        self.mentions.clear()
        entity = self.analysis.entity(entity_id) if (self.analysis and entity_id) else None
        if entity is None:
            self.mention_title.setText("Select an entity to list its mentions.")
            self.mentions.setEnabled(False)
            return
        self.mentions.setEnabled(True)
        self.mention_title.setText(f"{entity.name} — {mentions_text(len(mentions))}")
        for mention in mentions:
            self.mentions.addItem(MentionItem(self, mention))

    def mention_row(self, mention: Mention) -> dict[int, object]:
        """What the mention list shows of ``mention``, by item data role: its place, context and sentence."""
        by_line = self._lines_are_paragraphs()
        before, word, after = mention_context(self.text, mention, lines_are_paragraphs=by_line)
        line = self.line_of(mention.start)
        section = self.sources.at(mention.start) if self.sources else None
        place = section.label if section and section.page else f"line {line}"
        where = f"{place[:1].upper()}{place[1:]}"
        if section and not section.page:
            where = f"{where}, {section.label}"  # a chapter or a heading: in the tooltip, too long for the row
        sentence = mention_sentence(self.text, mention, by_line)
        return {
            Qt.ItemDataRole.DisplayRole: f"{place}: {before}{word}{after}",
            MENTION_ROLE: (place, before, word, after),
            Qt.ItemDataRole.AccessibleTextRole: f"{where}: {before}{word}{after}".replace("…", ""),
            Qt.ItemDataRole.AccessibleDescriptionRole: sentence,
            # The whole sentence on hover, as the plain text it is; Qt does not wrap a plain tooltip.
            Qt.ItemDataRole.ToolTipRole: tooltip_markup(f"{where}\n" + textwrap.fill(sentence, TOOLTIP_CHARS)),
        }

    def _lines_are_paragraphs(self) -> bool:
        """Whether the text puts one paragraph on each line (else paragraphs are separated by empty lines)."""
        if self._paragraph_text is not self.text:
            self._paragraph_text = self.text
            self._by_line = bool(paragraph_gaps(self.text)) or not _BLANK_LINE.search(self.text)
        return self._by_line

    def mention_rows(self) -> list[str]:
        return [self.mentions.item(i).text() for i in range(self.mentions.count())]

    def set_current_mention(self, index: int) -> None:
        if 0 <= index < self.mentions.count():
            self.mentions.setCurrentRow(index)

    def _entity_menu(self, pos: QPoint) -> None:
        entity = self.model.entity_at(self.list.indexAt(pos))
        if entity is not None:
            self.entityMenuRequested.emit(entity.id, self.list.viewport().mapToGlobal(pos))

    def _mention_menu(self, pos: QPoint) -> None:
        item = self.mentions.itemAt(pos)
        if item is not None and item.data(MENTION_ROLE) is not None:
            self.mentionMenuRequested.emit(self.mentions.row(item), self.mentions.viewport().mapToGlobal(pos))

    def _mention_activated(self, item: QListWidgetItem) -> None:
        self.mentionActivated.emit(self.mentions.row(item))
