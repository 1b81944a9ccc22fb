"""Assemble a document's shown text from paragraphs, and its map back to pages, chapters or sections."""

from __future__ import annotations

import re

from reader.core.colours import find_caption_lines
from reader.core.sources import Section, SourceMap

PARAGRAPH_BREAK = "\n\n"
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"[ \u00a0]+")


def clean_line(text: str) -> str:
    """One line of shown text: control characters dropped, runs of spaces made one, ends trimmed."""
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line; a word hyphenated at a line's end is joined again.

    ``inter-`` + ``national`` gives ``international``; a hyphen before a capital
    (``Franco-`` + ``German``) stays, since that is a compound. A map caption
    line (``Russia = Red``) stays a line of its own.
    """
    out = ""
    caption = False
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        was_caption, caption = caption, bool(find_caption_lines(line))
        if out and (caption or was_caption):
            out += "\n" + line  # a map caption ("Russia = Red") keeps its own line, where captions are found
        elif out and out[-1] in "-\u00ad\u2010" and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif out:
            out += " " + line
        else:
            out = line
    return out


class TextBuilder:
    """Collects paragraphs in reading order; :meth:`build` gives the text and its :class:`SourceMap`."""

    def __init__(self, unit: str = "page") -> None:
        self.unit = unit
        self._parts: list[str] = []
        self._length = 0
        self._sections: list[Section] = []
        self._furniture: list[tuple[int, int]] = []
        self._pending: tuple[str, int | None, float | None] | None = None

    @property
    def length(self) -> int:
        return self._length

    def section(self, label: str, page: int | None = None, confidence: float | None = None) -> None:
        """Start a section (a page, a chapter, a heading's section) at the next paragraph."""
        self._pending = (label, page, confidence)

    def paragraph(self, text: str, furniture: bool = False) -> None:
        """Add a paragraph (its own newlines kept); ``furniture`` marks a running header, footer or page number."""
        text = "\n".join(clean_line(line) for line in text.split("\n")).strip("\n")
        if not text.strip():
            return
        if self._parts:
            self._parts.append(PARAGRAPH_BREAK)
            self._length += len(PARAGRAPH_BREAK)
        if self._pending is not None:
            label, page, confidence = self._pending
            self._sections.append(Section(self._length, label, page, confidence))
            self._pending = None
        if furniture:
            self._furniture.append((self._length, self._length + len(text)))
        self._parts.append(text)
        self._length += len(text)

    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> tuple[str, SourceMap]:
        """The text so far and its map (a builder can be built again after more paragraphs)."""
        if self._pending is not None and self._pending[1] is not None:
            # A page with no text still counts: an empty page keeps its number in the map.
            label, page, confidence = self._pending
            if self._parts:
                self._parts.append(PARAGRAPH_BREAK)
                self._length += len(PARAGRAPH_BREAK)
            self._sections.append(Section(self._length, label, page, confidence))
            self._pending = None
        return self.text(), SourceMap(tuple(self._sections), tuple(self._furniture), self.unit)
