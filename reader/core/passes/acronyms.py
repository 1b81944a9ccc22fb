"""Acronyms of common nouns are not names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import Span

_PARENTHESISED = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


def _common_noun_long_form(short: str, before: str) -> bool:
    """True when the words before "(SHORT)" spell it and are all in lower case ("unmanned aerial vehicles")."""
    letters = short.rstrip("s") if short.endswith("s") and short[:-1].isupper() else short
    words = re.findall(r"[\w-]+", before)[-(len(letters) + 2) :]
    if len(words) < 2:
        return False
    initials = "".join(w[0] for part in words for w in part.split("-") if w)
    tail = initials[-len(letters) :].casefold() if len(initials) >= len(letters) else ""
    used = words[-len(letters) :] if len(words) >= len(letters) else words
    return tail == letters.casefold() and all(w[:1].islower() for w in used)


def common_noun_acronyms(text: str, spans: Sequence[Span]) -> list[Span]:
    """An acronym defined by a lower-case phrase names a thing, not a body: neither it nor its later uses.

    "pilots flew unmanned aerial vehicles (UAVs)" taken for an organisation
    "UAVs": the words it stands for are common nouns.
    """
    things: set[str] = set()
    for m in _PARENTHESISED.finditer(text):
        short = m.group(1)
        before = text[max(0, m.start() - 120) : m.start()]
        if sum(ch.isupper() for ch in short) >= 2 and _common_noun_long_form(short, before):
            things.update({short, short.rstrip("s"), short + "s"})
    if not things:
        return list(spans)
    return [sp for sp in spans if text[sp.start : sp.end] not in things]
