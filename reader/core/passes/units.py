"""Numbered military units are organisations, their number included: "the 65th Fighter Wing"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import Span

_ORDINAL_WORDS = "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth"
_UNIT_HEADS = "Division|Wing|Squadron|Regiment|Brigade|Battalion|Corps|Fleet|Army|Air Force|Flotilla|Command"
_NUMBERED_UNIT = re.compile(
    rf"(?<![\w-])(?:\d{{1,3}}(?:st|nd|rd|th)?|{_ORDINAL_WORDS})"
    rf"(?:[ \t]+[A-Z][a-z]+){{0,3}}[ \t]+(?:{_UNIT_HEADS})\b"
)


def numbered_units(text: str, spans: Sequence[Span]) -> list[Span]:
    """A numbered unit is one organisation, its number included: "65th Fighter Wing", "Fourth Air Force".

    The model leaves the number out ("Air Division"), cuts the name short
    ("4 Air") or finds nothing; the number, the capitalised words after it and
    a unit's word ("Wing", "Division", "Squadron") are one name.
    """
    # Read only before a unit's word, found by a plain search: most texts have few or none.
    ends = sorted({i + len(head) for head in _UNIT_HEADS.split("|") for i in _find_all(text, head)})
    matches = {}
    for end in ends:
        for m in _NUMBERED_UNIT.finditer(text, max(0, end - 80), end):
            if m.end() == end:
                matches[m.start()] = m
    found: list[Span] = []
    dropped: set[Span] = set()
    for m in (matches[k] for k in sorted(matches)):
        s, e = m.span()
        touching = [sp for sp in spans if sp.start < e and s < sp.end]
        if any(sp.start < s or sp.end > e for sp in touching):
            continue
        dropped.update(touching)
        found.append(Span(s, e, "ORG", "ORG"))
    if not found:
        return list(spans)
    return sorted([sp for sp in spans if sp not in dropped] + found, key=lambda sp: sp.start)


def _find_all(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text`` (plain search, whole words or not)."""
    places = []
    i = text.find(word)
    while i >= 0:
        places.append(i)
        i = text.find(word, i + 1)
    return places
