"""Names listed one after another that the model read as one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import Span
from reader.core.places import Gazetteer

#: What may follow a comma inside one name: a company's form, a generation, a district's initials.
_NAME_TAILS = frozenset(
    {"inc", "inc.", "ltd", "ltd.", "llc", "plc", "co", "co.", "corp", "corp.", "jr", "jr.", "sr", "sr."}
)
_COMMA = re.compile(r",\s+")


def names_in_lists(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A span that runs across a comma holds two names, not one.

    "the Harbour League, Kestrel Union and others" or "Kettleby, Tarvia" read
    as one span: each piece between commas that starts with a capital is a name
    of its own (a known place is a place). "Acme, Inc.", "Roe, Jr." and "Dunmore,
    D.C." stay whole.
    """
    out: list[Span] = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        commas = list(_COMMA.finditer(surface))
        if not commas or sp.kind == "GROUP":
            out.append(sp)
            continue
        pieces: list[tuple[int, int]] = []
        start = 0
        for m in commas:
            pieces.append((start, m.start()))
            start = m.end()
        pieces.append((start, len(surface)))
        words = [surface[a:b] for a, b in pieces]
        if (
            any(
                not w[:1].isupper() or w.casefold() in _NAME_TAILS or "." in w or (w.isupper() and len(w) <= 3)
                for w in words[1:]
            )
            or not words[0][:1].isupper()
        ):
            out.append(sp)
            continue
        for (a, b), word in zip(pieces, words, strict=True):
            kind = "PLACE" if gaz.is_known_place(word) else sp.kind
            out.append(Span(sp.start + a, sp.start + b, kind, sp.label if kind == sp.kind else "GPE"))
    return out
