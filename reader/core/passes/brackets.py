"""No name with half a bracket or half a quotation."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Span

#: Opening and closing marks that come in pairs.
PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"))
_STRAIGHT = '"'


def is_balanced(surface: str) -> bool:
    """True when every bracket and quotation mark in ``surface`` is closed within it."""
    for opening, closing in PAIRS:
        depth = 0
        for ch in surface:
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return surface.count(_STRAIGHT) % 2 == 0


def _cut(text: str, start: int, end: int, mark: int) -> tuple[int, int]:
    """Keep the longer side of an unpaired mark at ``mark``."""
    if mark - start >= end - mark - 1:
        return _trim(text, start, mark)
    return _trim(text, mark + 1, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut ``text[start:end]`` at its unpaired marks, keeping the longer side of each."""
    surface = text[start:end]
    for opening, closing in PAIRS:
        depth = 0
        for i, ch in enumerate(surface):
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                if depth < 0:
                    return _cut(text, start, end, start + i)
        if depth:
            return _cut(text, start, end, start + surface.rindex(opening))
    if surface.count(_STRAIGHT) % 2:
        return _cut(text, start, end, start + surface.index(_STRAIGHT))
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    return start, end


def balanced_brackets(text: str, spans: Sequence[Span]) -> list[Span]:
    """A name never holds half a bracket or half a quotation.

    "the Department of Defense (DoD) said" read as "Department of Defense (DoD":
    the name ends before the unclosed bracket, and its acronym stands apart.
    """
    out = []
    for sp in spans:
        if is_balanced(text[sp.start : sp.end]):
            out.append(sp)
            continue
        start, end = _trim(text, sp.start, sp.end)
        if end - start >= 2 and any(ch.isupper() for ch in text[start:end]):
            out.append(Span(start, end, sp.kind, sp.label))
    return out
