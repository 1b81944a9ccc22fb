"""A club's name with its letters after it is an organisation: "Kettleby F.C.", "Dunmere HC"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import Span
from reader.core.passes.spans import put_names
from reader.core.passes.words import lexicon

#: Letters that end a club's name: football, hockey, rugby, athletic and sports clubs.
_CLUB_LETTERS = r"A\.F\.C\.|AFC|F\.C\.|FC|H\.C\.|HC|R\.F\.C\.|RFC"
_CLUB = re.compile(rf"(?<![\w’'-])((?:[A-Z][\w’'-]*[ \t]+){{1,3}})(?:{_CLUB_LETTERS})(?![\w])")


def club_letters(text: str, spans: Sequence[Span], common: frozenset[str]) -> list[Span]:
    """A club's name with its letters after it is one organisation: "Kettleby F.C.", "Dunmere HC".

    The model reads "Dunmere HC" as the town, or "Kettleby A.F.C." as a place;
    the letters of a football, hockey or rugby club after capitalised words make
    the whole a club. A word before the name that the text also writes in lower
    case, or a small word ("The", "In"), is no part of it.
    """
    if not any(letters in text for letters in ("FC", "F.C.", "HC", "H.C.")):
        return list(spans)
    small = lexicon("function_words") | lexicon("not_names")
    names = []
    for m in _CLUB.finditer(text):
        s, e = m.start(), m.end()
        # "In 1990 Kettleby FC", "Yesterday Kettleby FC": leading small or common words are not the name.
        for word in m.group(1).split()[:-1]:
            if word.casefold() in common or word.casefold() in small:
                s = text.index(word, s) + len(word)
                s = len(text) - len(text[s:].lstrip())
            else:
                break
        names.append((s, e))
    return put_names(spans, names, "ORG")
