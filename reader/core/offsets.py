"""Code points (Python, spaCy) and UTF-16 code units (Qt): the one conversion.

Characters beyond U+FFFF (emoji, many CJK extensions) take one code point in
Python but two UTF-16 units in Qt's ``QTextCursor`` and ``QTextBlock``.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Convert offsets into one text between code points and UTF-16 units."""

    __slots__ = ("_astral", "_astral_u16")

    def __init__(self, text: str) -> None:
        # Most texts have no such character: a quick test spares the search.
        plain = text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
        self._astral = [] if plain else [m.start() for m in _ASTRAL.finditer(text)]
        # Where each astral character starts, counted in UTF-16 units.
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        """True when both counts agree everywhere (no character beyond U+FFFF)."""
        return not self._astral

    def to_utf16(self, code_point: int) -> int:
        """The UTF-16 offset of a code-point offset."""
        if not self._astral:
            return code_point
        return code_point + bisect.bisect_left(self._astral, code_point)

    def to_code_point(self, unit: int) -> int:
        """The code-point offset of a UTF-16 offset (inside a pair: that character)."""
        if not self._astral:
            return unit
        # Every astral character that starts before ``unit`` took one extra
        # unit; a unit inside a pair thus maps to the character it splits.
        return unit - bisect.bisect_left(self._astral_u16, unit)
