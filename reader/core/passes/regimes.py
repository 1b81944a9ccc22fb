"""A country under one regime or in one period is one place's name: "Nazi Tarvia"."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Span
from reader.core.passes.spans import joined_with_next
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer


def countries_under_regimes(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A regime's word before a country's name belongs to it: "Nazi Tarvia", "Imperial Tarvia".

    The model reads "Nazi" as a people and the country alone, or the whole as
    an organisation; together they name one place, the country in that period.
    """
    words = lexicon("regime_words")

    def join(sp: Span, nxt: Span) -> Span | None:
        if (
            sp.kind == "GROUP"
            and text[sp.start : sp.end].casefold() in words
            and nxt.kind == "PLACE"
            and text[sp.end : nxt.start] == " "
            and gaz.country_of_name(text[nxt.start : nxt.end]) is not None
        ):
            return Span(sp.start, nxt.end, "PLACE", nxt.label)
        return None

    out = []
    for sp in joined_with_next(spans, join):
        first, _, rest = text[sp.start : sp.end].partition(" ")
        if sp.kind == "ORG" and first.casefold() in words and rest and gaz.country_of_name(rest) is not None:
            sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out
