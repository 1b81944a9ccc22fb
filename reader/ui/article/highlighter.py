"""Entity highlights: the spans to show and the character formats that show them.

The formats go onto the text layouts of the blocks that hold spans, looked up
per block by bisection, so even a whole book stays fast.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextLayout

from reader.core.offsets import ViewOffsets
from reader.ui.theme import UNDERLINES, Theme


class Highlight(Protocol):
    """What a highlight is made from: a :class:`HighlightSpan`, or a finished analysis's
    :class:`~reader.core.model.Mention` as it is (a book's hundreds of thousands of
    mentions are not copied into spans)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def entity(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class HighlightSpan:
    """A highlighted range in code points, with its kind and entity (if known yet)."""

    start: int
    end: int
    kind: str
    entity: str | None = None


class EntityHighlighter:
    """Formats blocks from a sorted list of non-overlapping spans.

    The formats go onto a block's text layout, as a ``QSyntaxHighlighter``
    would put them, but only for the blocks :meth:`apply` is given: a
    highlighter attached to the document would be called for every line of a
    book each time a text is shown.
    """

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.spans: list[Highlight] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.offsets = ViewOffsets("")
        self.visible_kinds = {"PERSON", "PLACE", "ORG"}
        self.selected: str | None = None
        #: Where the selected entity's mentions start: what stands out among
        #: spans that do not know their entity yet (those of a text still analysed).
        self.selected_starts: frozenset[int] = frozenset()
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._formats.clear()

    def set_spans(self, spans: Sequence[Highlight], presorted: bool = False) -> None:
        self.spans = list(spans) if presorted else sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]

    def add_spans(self, spans: Sequence[Highlight]) -> None:
        """Add spans that do not overlap the ones already there, anywhere in the text.

        A chunk's spans (in order) go in between the spans around them in one
        step, so chunks may arrive in any order.
        """
        if not spans:
            return
        at = bisect.bisect_left(self._starts, spans[0].start)
        in_order = all(a.end <= b.start for a, b in pairwise(spans))
        fits = (at == 0 or self._ends[at - 1] <= spans[0].start) and (
            at == len(self.spans) or spans[-1].end <= self._starts[at]
        )
        if in_order and fits:
            self.spans[at:at] = spans
            self._starts[at:at] = [s.start for s in spans]
            self._ends[at:at] = [s.end for s in spans]
        else:
            self.set_spans([*self.spans, *spans])

    def has_spans(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``start:end`` (code points)."""
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def span_at(self, code_point: int) -> Highlight | None:
        i = bisect.bisect_right(self._starts, code_point) - 1
        if i >= 0 and self._starts[i] <= code_point < self._ends[i]:
            return self.spans[i]
        return None

    def char_format(self, kind: str, strength: str) -> QTextCharFormat:
        key = (kind, strength)
        fmt = self._formats.get(key)
        if fmt is None:
            # Only properties that leave every glyph's advance as it is
            # (colours, underlines): no weight, size, spacing or font, so a
            # highlight never re-wraps its line.
            fmt = QTextCharFormat()
            fmt.setBackground(self.theme.highlight_background(kind, strength))
            if strength != "dim":
                fmt.setUnderlineStyle(_underline_style(kind))
                fmt.setUnderlineColor(self.theme.kind_colour(kind))
            if strength == "strong":
                fmt.setForeground(self.theme.strong_text)
            self._formats[key] = fmt
        return fmt

    def format_ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        """The formats of ``block``'s highlights, in UTF-16 units from its start."""
        ranges: list[QTextLayout.FormatRange] = []
        if not self.spans:
            return ranges
        pos16 = block.position()
        start_cp = self.offsets.to_code_point(pos16)
        end_cp = self.offsets.to_code_point(pos16 + block.length() - 1)
        i = bisect.bisect_right(self._ends, start_cp)
        to16 = self.offsets.to_utf16
        while i < len(self.spans) and self._starts[i] < end_cp:
            span = self.spans[i]
            i += 1
            if span.kind not in self.visible_kinds:
                continue
            if self.selected is None:
                strength = "normal"
            elif span.entity == self.selected or (span.entity is None and span.start in self.selected_starts):
                strength = "strong"
            else:
                strength = "dim"
            fr = QTextLayout.FormatRange()
            fr.start = to16(max(span.start, start_cp)) - pos16
            fr.length = to16(min(span.end, end_cp), end=True) - pos16 - fr.start
            if fr.length <= 0:
                continue  # only a line the view added lies here
            fr.format = self.char_format(span.kind, strength)
            ranges.append(fr)
        return ranges

    def apply(self, block: QTextBlock) -> None:
        """Put ``block``'s highlight formats on its layout, and have it redrawn."""
        ranges = self.format_ranges(block)
        layout = block.layout()
        if not ranges and not layout.formats():
            return
        layout.setFormats(ranges)
        block.document().markContentsDirty(block.position(), block.length())


def _underline_style(kind: str) -> QTextCharFormat.UnderlineStyle:
    pen = UNDERLINES[kind]
    if pen == Qt.PenStyle.DashLine:
        return QTextCharFormat.UnderlineStyle.DashUnderline
    if pen == Qt.PenStyle.DotLine:
        return QTextCharFormat.UnderlineStyle.DotLine
    return QTextCharFormat.UnderlineStyle.SingleUnderline
