"""Acronyms of common nouns are not names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.model import LABEL_OF_KIND, Span
from reader.core.places import Gazetteer

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


#: A role held in a body ("Member of Parliament (MP)", "Fellow of the Royal Society (FRS)") is no
#: body's name, though its acronym is defined like one.
_MEMBERSHIPS = frozenset({"member", "members", "fellow", "fellows"})


def names_a_role(long_form: str) -> bool:
    """True when an acronym's long form names a role, not a body: "Member of Parliament", "Secretary of State"."""
    from reader.core.entities import is_role_word
    from reader.core.passes.org_names import org_heads

    words = long_form.casefold().split()
    if not words or words[0] in org_heads():
        return False
    # "Secretary of State", "President of the Royal Society"; not "National Federation Party".
    return words[0] in _MEMBERSHIPS or (is_role_word(words[0]) and words[1:2] == ["of"])


def _body_kind(long_form: str, inner: Sequence[Span], gaz: Gazetteer) -> str | None:
    """The kind of the whole name an acronym spells, from the model's spans inside it, or None."""
    from reader.core.entities import is_site_name

    if names_a_role(long_form):
        return None
    # A people's word in it ("Centrists", "Tarvian") is a word of the body's name.
    kinds = {sp.kind for sp in inner} - {"GROUP"}
    if "ORG" in kinds:
        return "ORG"
    if kinds != {"PLACE"}:
        # A person's name is not spelt out by an acronym; only a body's or a place's is.
        return None
    if is_site_name(long_form) or gaz.is_known_place(long_form):
        return "PLACE"
    return "ORG"


def names_acronyms_spell(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """The words an acronym spells are one name: "Tarvian Party of Farmers and Fishers (TPFF)".

    Where the model found only part of the name an acronym defines ("Party of
    Farmers" in "Party of Farmers and Fishers (PFF)", "Tarvia" in "Friends for
    Tarvia (FfT)"), the letters show how far the name runs: the spans inside it
    become one span over the whole. It is a body's name when the model saw a
    body in it, or saw only a place in it and the whole is no known place nor a
    site; a role in a body ("Member of Parliament (MP)") and a person's name are
    left as they are.
    """
    from reader.core.entities import acronym_definitions

    definitions = [d for d in acronym_definitions(text) if not d.is_thing]
    if not definitions:
        return list(spans)
    out = list(spans)
    for d in definitions:
        long_form = text[d.long_start : d.long_end]
        inner = [sp for sp in out if sp.start < d.long_end and d.long_start < sp.end]
        if not inner or any(sp.start < d.long_start or sp.end > d.long_end for sp in inner):
            continue
        if len(inner) == 1 and (inner[0].start, inner[0].end) == (d.long_start, d.long_end):
            continue
        kind = _body_kind(long_form, inner, gaz)
        if kind is None:
            continue
        out = [sp for sp in out if sp not in inner]
        out.append(Span(d.long_start, d.long_end, kind, LABEL_OF_KIND[kind]))
    return sorted(out, key=lambda sp: sp.start)
