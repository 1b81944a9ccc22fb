"""Acronyms of common nouns are not names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.entities import acronym_definitions, is_role_word, is_site_name, is_title_word
from reader.core.model import LABEL_OF_KIND, Span
from reader.core.passes.org_names import org_heads
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, default_gazetteer, name_key

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
#: Title words that qualify a role rather than name one ("Foreign Minister", "National Party"):
#: never a role's head ("General" is one only after another: "Attorney General").
_TITLES_OF_BODIES_TOO = frozenset(
    {"national", "premier", "general", "foreign", "federal", "special", "home", "royal", "international"}
)
#: Words for an area: a defined name built on one is a place's ("Kestrel River Delta (KRD)").
_AREA_WORDS = frozenset({"region", "regions", "area", "delta", "basin", "zone", "territory", "territories", "plateau"})
_TAIL = frozenset({"of", "for", "to", "in"})


def names_a_role(long_form: str) -> bool:
    """True when an acronym's long form names a role, not a body.

    "Member of Parliament", "Secretary of State", "Attorney General for Tarvia",
    "Senate Majority Leader", "Bank of Kettleby Governor": a role opens the name
    before "of" or ends it; a plural ("Brothers of Tarvia", "Veterans of
    Foreign Wars") names a body of such people, and a body's head word a body.
    """
    words = long_form.casefold().split()
    if not words:
        return False
    if words[0] in _MEMBERSHIPS:
        return True
    if words[1:2] == ["of"] and is_role_word(words[0]) and not words[0].endswith("s") and words[0] not in org_heads():
        return True
    # "Supreme Allied Commander Tarvia": a place after the role is where it is held.
    gaz = default_gazetteer()
    while len(words) > 1 and (
        gaz.is_known_place(place := words[-1].title(), 100_000)
        or words[-1] in gaz.broad
        or gaz.country_of_name(place) is not None
    ):
        words = words[:-1]
    # The head of "Attorney General for Tarvia" is "General", the word before the tail; of
    # "Bank of Kettleby Governor", the last word.
    cut = next((i for i, w in enumerate(words) if w in _TAIL), len(words))
    # "Department of Energy", "Ministry of Health": a body's head word before the tail names
    # the body, and the field right after it ("Energy Secretary") is no role here; a role
    # further on still is ("Bank of Kettleby Governor").
    if 0 < cut < len(words) - 1 and words[cut - 1] in lexicon("body_heads") | org_heads():
        return len(words) - 1 > cut + 1 and _is_role_head(words, len(words) - 1)
    return any(_is_role_head(words, i) for i in {cut - 1, len(words) - 1} if i >= 0)


def _is_role_head(words: Sequence[str], i: int) -> bool:
    head = words[i]
    # "Housing", "Veterans": a field's or a plural's word ("Veterans of Foreign Wars") heads no role.
    if head in org_heads() or not is_title_word(head) or head.endswith(("ing", "s")):
        return False
    return head not in _TITLES_OF_BODIES_TOO or (i >= 1 and is_title_word(words[i - 1]))


def _body_kind(text: str, long_start: int, long_end: int, inner: Sequence[Span], gaz: Gazetteer) -> str | None:
    """The kind of the whole name an acronym spells, from the model's spans inside it, or None."""
    long_form = text[long_start:long_end]
    first = long_form.split()[0].casefold()
    if names_a_role(long_form) or first in lexicon("event_words") | lexicon("thing_words"):
        # A role, or a treaty, a law, a programme ("Treaty on Kestrel Union (TKU)").
        return None
    # A people's word in it ("Centrists", "Tarvian") is a word of the body's name.
    kinds = {sp.kind for sp in inner} - {"GROUP"}
    if "ORG" in kinds:
        return "ORG"
    if kinds != {"PLACE"}:
        # A person's name is not spelt out by an acronym; only a body's or a place's is.
        return None
    # "Kettleby and North Tarvia (KNT)", "Tarvia, the Middle East and Africa (TMEA)": known places
    # listed ("Kettleby and Harbour Railway (KHR)" is a body's name).
    rest = long_form
    for sp in sorted(inner, key=lambda sp: sp.start, reverse=True):
        rest = rest[: sp.start - long_start] + rest[sp.end - long_start :]
    known = all(gaz.is_known_place(name := text[sp.start : sp.end]) or name_key(name) in gaz.broad for sp in inner)
    if known and not re.sub(r"\b(?:and|the|or)\b|[,&]", "", rest).strip():
        return None
    words = {w.casefold() for w in long_form.split()}
    if is_site_name(long_form) or gaz.is_known_place(long_form) or words & (_AREA_WORDS | lexicon("place_heads")):
        return "PLACE"
    return "ORG"


def names_acronyms_spell(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """The words an acronym spells are one name: "Tarvian Party of Farmers and Fishers (TPFF)".

    Where the model found only part of the name an acronym defines ("Party of
    Farmers" in "Party of Farmers and Fishers (PFF)", "Tarvia" in "Friends for
    Tarvia (FfT)"), the letters show how far the name runs: the spans inside it
    become one span over the whole. It is a body's name when the model saw a
    body in it, or saw only a place in it and the whole is no known place nor a
    site, a place's when it is built on a word for an area ("Kestrel River
    Delta (KRD)"); places listed ("Kettleby and North Tarvia (KNT)"), a role
    ("Member of Parliament (MP)", "Senate Majority Leader (SML)"), a treaty or
    a law, and a person's name are left as they are.
    """
    definitions = [d for d in acronym_definitions(text) if not d.is_thing]
    if not definitions:
        return list(spans)
    out = list(spans)
    for d in definitions:
        inner = [sp for sp in out if sp.start < d.long_end and d.long_start < sp.end]
        if not inner or any(sp.start < d.long_start or sp.end > d.long_end for sp in inner):
            continue
        if len(inner) == 1 and (inner[0].start, inner[0].end) == (d.long_start, d.long_end):
            continue
        kind = _body_kind(text, d.long_start, d.long_end, inner, gaz)
        if kind is None:
            continue
        out = [sp for sp in out if sp not in inner]
        out.append(Span(d.long_start, d.long_end, kind, LABEL_OF_KIND[kind]))
    return sorted(out, key=lambda sp: sp.start)
