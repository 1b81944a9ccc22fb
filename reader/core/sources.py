"""Where a document's text came from: pages of a PDF or scan, chapters of an EPUB, sections of a DOCX.

A :class:`SourceMap` maps code-point offsets of the shown text back to the
source. It is plain data, so it crosses threads and goes into exports as is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of the text from ``start`` on: a page (``page`` set), a chapter or a section.

    ``label`` is what a person reads ("p. 12", "Chapter 3", a heading); ``confidence``
    is OCR's mean word confidence (0-100) for a recognised page, else ``None``.
    """

    start: int
    label: str
    page: int | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class SourceMap:
    """The sections of a document in text order, and the stretches that are page furniture.

    ``furniture`` holds ``(start, end)`` ranges of running headers, footers and
    page numbers: shown (dimmed), never analysed as running text.
    """

    sections: tuple[Section, ...] = ()
    furniture: tuple[tuple[int, int], ...] = ()
    unit: str = "page"  # "page", "chapter" or "section": what a section of this document is
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.sections))

    def at(self, offset: int) -> Section | None:
        """The section that holds ``offset``, or ``None`` before the first one."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.sections[index] if index >= 0 else None

    def page_at(self, offset: int) -> int | None:
        section = self.at(offset)
        return section.page if section else None

    @property
    def page_starts(self) -> tuple[tuple[int, int], ...]:
        """``(offset, page number)`` of every page after the first: where page breaks are drawn."""
        return tuple((s.start, s.page) for s in self.sections[1:] if s.page is not None)


def blank_furniture(text: str, furniture: tuple[tuple[int, int], ...]) -> str:
    """``text`` with the furniture's characters (not its newlines) turned into spaces: what is analysed.

    Offsets stay the same, so the analysis's spans still index the shown text.
    """
    if not furniture:
        return text
    parts: list[str] = []
    at = 0
    for start, end in furniture:
        parts.append(text[at:start])
        parts.append("".join("\n" if ch == "\n" else " " for ch in text[start:end]))
        at = end
    parts.append(text[at:])
    return "".join(parts)
