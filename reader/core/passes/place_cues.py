"""Places the model took for a person or a body, told by the words around them.

Each pass here reads one mention's own sentence (a realm's word in the name, a
country after a comma, a list of places it stands in), so its changes of kind
are kept as local: the one-kind-per-entity vote does not undo them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reader.core.model import Span
from reader.core.passes.org_names import org_heads
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer

#: Realm words that also end names of bodies or of sites ("Islamic State", "Party of
#: the Republic", "Tarvia State University"): they open a realm's name only before "of".
_ONLY_BEFORE_OF = frozenset({"state", "republic", "electorate"})


@cache
def _realm_of() -> re.Pattern[str]:
    """ "Principality of Dunmere", "Crown Colony of Tarvia": a realm's word and "of" open the name."""
    words = "|".join(sorted(lexicon("polity_words")))
    return re.compile(rf"(?:[A-Z][\w’'-]*\s+)?(?i:{words})\s+of\s+[A-Z]")


def _has_body_word(words: Sequence[str]) -> bool:
    heads = org_heads()
    return any(w.casefold() in heads for w in words)


def realm_names(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A realm's name taken for an organisation is a place.

    "the revolt in the Duchy of Kettleby", "settlers of Dunmere Colony", "the
    Tarvian Empire" read as a body: a realm's word ("Duchy", "Principality",
    "Crown Colony" ... before "of", or "Empire", "Colony", "Sultanate" as the
    last word) makes the name a state's, not a body's; a body's word in it
    ("Kingdom of Tarvia Army") keeps it a body.
    """
    heads = lexicon("polity_words") - _ONLY_BEFORE_OF
    out = []
    for sp in spans:
        if sp.kind == "ORG":
            surface = text[sp.start : sp.end]
            words = surface.split()
            realm = _realm_of().match(surface) is not None or (len(words) >= 2 and words[-1].casefold() in heads)
            if realm and not surface.isupper() and not _has_body_word(words):
                sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out
