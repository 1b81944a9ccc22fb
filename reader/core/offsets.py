"""Offsets in the text (code points) against positions in the view (Qt): the one conversion.

Two things make them differ. Characters beyond U+FFFF (emoji, many CJK
extensions) take one code point in Python but two UTF-16 units in Qt's
``QTextCursor`` and ``QTextBlock``. And a text that puts each paragraph on one
line, with no empty line between them, is shown with an empty line added after
each of its line breaks (see :func:`paragraph_gaps`), and a very long line is
shown in pieces (see :func:`long_line_breaks`); those breaks exist in the view
only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: A line break between two lines that are not empty.
_SINGLE_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")

#: When most of a text is in lines at least this long, its lines are
#: paragraphs rather than a column of text wrapped by hand.
PARAGRAPH_LINE_CHARS = 120
#: How much of a text is looked at to tell.
PARAGRAPH_SAMPLE_CHARS = 100_000
#: A line longer than this is shown in pieces about this long (see :func:`long_line_breaks`).
LONG_LINE_CHARS = 4000
_LONG_LINE = re.compile(f"[^\n]{{{LONG_LINE_CHARS + 1},}}")


def paragraph_gaps(text: str) -> list[int]:
    """Where the view adds an empty line: the starts of lines that follow a single line break.

    Many articles put one paragraph on each line, with nothing between them;
    shown as they are, the paragraphs run together. When most characters of
    the text's start are in lines :data:`PARAGRAPH_LINE_CHARS` long or more
    (a short headline or a table of contents does not change that), each
    line break between two non-empty lines is followed by an empty line in
    the view. Texts that already leave empty lines between paragraphs, or that
    wrap their lines by hand, are shown as they are.
    """
    lengths = [len(line) for line in text[:PARAGRAPH_SAMPLE_CHARS].split("\n")]
    in_long_lines = sum(n for n in lengths if n >= PARAGRAPH_LINE_CHARS)
    if 2 * in_long_lines <= sum(lengths):
        return []
    return [match.end() for match in _SINGLE_BREAK.finditer(text)]


def long_line_breaks(text: str) -> list[int]:
    """Where the view breaks lines longer than :data:`LONG_LINE_CHARS`: after a space, about that far apart.

    Qt lays out and formats a whole line (a block) at once: one highlight in a
    line of 5 MB costs a second, and a text of one such line would keep the
    window busy for minutes. Shown in pieces, each highlight costs what a
    paragraph's does. A piece ends after the last space before its limit
    (a word is never cut unless it is longer than half the limit).
    """
    breaks: list[int] = []
    for match in _LONG_LINE.finditer(text):
        start, end = match.span()
        while end - start > LONG_LINE_CHARS:
            limit = start + LONG_LINE_CHARS
            space = text.rfind(" ", limit - LONG_LINE_CHARS // 2, limit)
            start = space + 1 if space >= 0 else limit
            breaks.append(start)
    return breaks


def view_breaks(text: str, paragraph_spacing: bool = True) -> list[int]:
    """Every place where the view adds a line break: paragraph gaps (if wanted) and long-line pieces, sorted."""
    pieces = long_line_breaks(text)
    if not paragraph_spacing:
        return pieces
    gaps = paragraph_gaps(text)
    return sorted(gaps + pieces) if pieces and gaps else gaps or pieces


#: Bidirectional embeddings, overrides and isolates, and the visible mark each is shown as.
#: A right-to-left override shows the characters after it in reverse order: a
#: file name or a sentence could read as something it is not. Each is shown as
#: a mark of its own (one UTF-16 unit for one, so every offset holds) and so
#: changes nothing around it. Marks (U+200E, U+200F) stay: they reorder nothing.
BIDI_CONTROLS = {
    "\u202a": "\u25b8",  # left-to-right embedding: ▸
    "\u202b": "\u25c2",  # right-to-left embedding: ◂
    "\u202c": "\u25aa",  # pop directional formatting: ▪
    "\u202d": "\u25b6",  # left-to-right override: ▶
    "\u202e": "\u25c0",  # right-to-left override: ◀
    "\u2066": "\u25b9",  # left-to-right isolate: ▹
    "\u2067": "\u25c3",  # right-to-left isolate: ◃
    "\u2068": "\u25c7",  # first strong isolate: ◇
    "\u2069": "\u25ab",  # pop directional isolate: ▫
}
_BIDI_TABLE = str.maketrans(BIDI_CONTROLS)
_BIDI = re.compile(f"[{''.join(BIDI_CONTROLS)}]")


def count_bidi_controls(text: str) -> int:
    """How many bidirectional overrides, embeddings and isolates ``text`` holds."""
    return sum(1 for _ in _BIDI.finditer(text))


def show_bidi_controls(text: str) -> str:
    """``text`` with each bidirectional control replaced by its visible mark (same length)."""
    return text.translate(_BIDI_TABLE) if _BIDI.search(text) else text


def with_gaps(text: str, gaps: Sequence[int]) -> str:
    """``text`` as the view shows it: a line break inserted before each position in ``gaps``."""
    if not gaps:
        return text
    pieces = []
    previous = 0
    for gap in gaps:
        pieces.append(text[previous:gap])
        previous = gap
    pieces.append(text[previous:])
    return "\n".join(pieces)


class ViewOffsets:
    """Convert between code-point offsets into a text and positions in its view.

    ``gaps`` are the code-point offsets before which the view holds one extra
    line break (sorted). A view position on such a break maps to the offset
    of the character after it.
    """

    __slots__ = ("_keys", "_units", "gapped")

    def __init__(self, text: str, gaps: Sequence[int] = ()) -> None:
        # Most texts have no such character: a quick test spares the search.
        plain = text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
        astral = [] if plain else [m.start() for m in _ASTRAL.finditer(text)]
        # Every place where the view has one unit more than the text, in order:
        # an added line break before code point p (key 2p) comes before an
        # astral character at p (key 2p + 1), whose second unit is the extra one.
        if gaps and astral:
            keys = sorted([2 * g for g in gaps] + [2 * a + 1 for a in astral])
        else:
            keys = [2 * g for g in gaps] or [2 * a + 1 for a in astral]
        self._keys = keys
        # The view position of each: an added break sits where its code point
        # would; an astral character starts there (its extra unit follows).
        self._units = [key // 2 + i for i, key in enumerate(keys)]
        #: Whether the view holds line breaks the text does not.
        self.gapped = bool(gaps)

    @property
    def identity(self) -> bool:
        """True when the view's positions are the text's offsets everywhere."""
        return not self._keys

    def to_utf16(self, code_point: int, end: bool = False) -> int:
        """The view position of a code-point offset.

        With ``end``, the offset ends a range: a range that ends where a line
        break was added stops before that break, not after it.
        """
        if not self._keys:
            return code_point
        # Breaks added at (unless ``end``) or before it, astral characters before it.
        return code_point + bisect.bisect_left(self._keys, 2 * code_point + (0 if end else 1))

    def to_code_point(self, unit: int) -> int:
        """The code-point offset of a view position (inside a pair: that character)."""
        if not self._keys:
            return unit
        return unit - bisect.bisect_left(self._units, unit)
