"""Numbered military units are organisations, their number included: "the 65th Fighter Wing"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import Span
from reader.core.passes.org_names import word_places
from reader.core.passes.spans import put_names

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
    ends = sorted({e for _, e in word_places(text, _UNIT_HEADS.split("|"))})
    matches = {}
    for end in ends:
        for m in _NUMBERED_UNIT.finditer(text, max(0, end - 80), end):
            if m.end() == end:
                matches[m.start()] = m
    return put_names(spans, (matches[k].span() for k in sorted(matches)), "ORG")
