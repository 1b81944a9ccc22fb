"""A country under one regime or in one period is one place's name: "Nazi Tarvia"."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Span
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer


def countries_under_regimes(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A regime's word before a country's name belongs to it: "Nazi Tarvia", "Imperial Tarvia".

    The model reads "Nazi" as a people and the country alone, or the whole as
    an organisation; together they name one place, the country in that period.
    """
    words = lexicon("regime_words")
    ordered = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    i = 0
    while i < len(ordered):
        sp = ordered[i]
        surface = text[sp.start : sp.end]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if (
            nxt is not None
            and sp.kind == "GROUP"
            and surface.casefold() in words
            and nxt.kind == "PLACE"
            and text[sp.end : nxt.start] == " "
            and gaz.country_of_name(text[nxt.start : nxt.end]) is not None
        ):
            out.append(Span(sp.start, nxt.end, "PLACE", nxt.label))
            i += 2
            continue
        first, _, rest = surface.partition(" ")
        if sp.kind == "ORG" and first.casefold() in words and rest and gaz.country_of_name(rest) is not None:
            sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
        i += 1
    return out
