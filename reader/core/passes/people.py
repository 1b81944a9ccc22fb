"""People's names the model took for an organisation or a place."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.entities import is_role_word, is_site_name, without_accents
from reader.core.model import RawSpan, Span
from reader.core.passes.org_names import CONNECTORS, org_heads
from reader.core.passes.words import lexicon
from reader.core.places import Gazetteer, name_key

_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}\s*[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?")
# A capitalised word of letters ("Ólafsdóttir"), hyphenated parts too ("Reyes-Soto"), or an initial.
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_’']*(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*|[A-Z]\.")


def _is_person_shape(words: Sequence[str], gaz: Gazetteer) -> bool:
    """Two to four capitalised words, the first a given name, none a body's, site's or place's word.

    "Sandy Creek", "Whitley Bay", "Laurel Hollow": a given name that is also a word
    opens many a place's name; the place's word settles it.
    """
    if not 2 <= len(words) <= 4 or words[0] not in lexicon("given_names"):
        return False
    # "West Aberdeenshire", "French Community", "Sydney Opera House": a compass word,
    # a nationality or a place opening the name makes it no person's.
    first = words[0]
    if (
        first.casefold() in lexicon("place_modifiers")
        or gaz.is_demonym(first)
        or gaz.country_of_name(first) is not None
        or gaz.is_known_place(first, 100_000)
        or first.casefold() in gaz.broad
    ):
        return False
    heads = org_heads() | lexicon("site_heads") | lexicon("place_heads") | lexicon("generic_words")
    # "River Mersey", "Lake Forest": a place's word opening the name.
    if first.casefold() in lexicon("place_heads"):
        return False
    for w in words[1:]:
        key = w.casefold()
        if key in CONNECTORS and key not in ("de", "du", "la", "le"):
            return False
        if key in heads or gaz.is_demonym(w) or gaz.country_of_name(w) is not None:
            return False
        if not ((_NAME_WORD.fullmatch(w) and w[:1].isupper()) or key in lexicon("name_particles")):
            return False
    return True


_THE_JUST_BEFORE = re.compile(r"(?<![\w-])[Tt]he $")


def given_name_people(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name that opens with a known given name, or with initials, is a person's.

    "led by Enrico Boselli" or "J. R. Hartley's novel" taken for an organisation
    or a place: "Enrico" is a given name and nothing in the name names a body, a
    site or a known place. A name after "the" stays what it was ("the Red Cross").
    """
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        # "The Red Cross": no person's name takes "the".
        if (
            sp.kind in ("ORG", "PLACE")
            and not gaz.is_known_place(surface)
            and not _THE_JUST_BEFORE.search(text, max(0, sp.start - 4), sp.start)
        ):
            words = surface.split()
            initials = _INITIALS.fullmatch(surface) and not _has_head(words)
            # "U.S. Senate": a country's initials, not a person's.
            if initials and gaz.country_of_name(re.sub(r"\s*[A-Z][a-z’'-]+.*$", "", surface)) is not None:
                initials = False
            if _is_person_shape(words, gaz) or initials:
                sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


#: A word of place right before a name: "at", "on", "near the" ...
LOCATIVE_BEFORE = re.compile(
    r"\b(?:at|on|in|from|near|past|off|along|across|around|into|over|under|beside)\s+(?:the\s+)?$"
)


def given_name_or_initial(word: str) -> bool:
    """A given name, with or without its accents ("Siân"), or an initial ("J.")."""
    given = lexicon("given_names")
    return word in given or without_accents(word) in given or re.fullmatch(r"[A-Z]\.", word) is not None


def _has_head(words: Sequence[str]) -> bool:
    return any(w.casefold() in org_heads() for w in words)


def place_head_kind(text: str, spans: Sequence[Span]) -> list[Span]:
    """A name built on a natural feature's or an area's head word is a place.

    "a bridge over Willow Brook" or "Cook County" taken for a person or a body:
    the last word ("Brook", "County") names a kind of place. A person the model
    saw whose name opens with a given name keeps it, unless the head word is no
    surname (``feature_heads.txt``) or a word of place comes before it.
    """
    out = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            sp.kind in ("PERSON", "ORG")
            and len(words) >= 2
            and words[-1].casefold() in lexicon("place_heads")
            and not _has_head(words[:-1])
            # "Lawrence Hill", "Colin Firth": a given name and a surname that is a place's word,
            # unless the word is no one's surname ("Sandy Creek") or the name follows a word of
            # place ("on Ellen Marsh").
            and not (
                sp.kind == "PERSON"
                and given_name_or_initial(words[0])
                and words[-1].casefold() not in lexicon("feature_heads")
                and not LOCATIVE_BEFORE.search(text, max(0, sp.start - 12), sp.start)
            )
            # "Sergeant Moor": a title opens a person's name.
            and not is_role_word(words[0])
        ):
            sp = Span(sp.start, sp.end, "PLACE", "LOC")
        out.append(sp)
    return out


def places_after_in(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A one-word name right after "in" or "near" is a place, whatever the rest of the text calls it.

    "trains ran to Kettleby and back, and an inn in Kettleby": the model's
    person "Kettleby" after "in" is the town. A name of more words is a place
    there when the gazetteer knows it as one ("in Porto Alegre").
    """
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if (
            sp.kind == "PERSON"
            # "in Porto Kestrel": a longer name after "in" only when the gazetteer knows it as a
            # place and it opens with no given name ("faith in Jose Rizal": many towns bear a person's name).
            and (
                " " not in surface
                or (gaz.is_known_place(surface) and surface.split()[0] not in lexicon("given_names"))
            )
            and re.search(r"\b(?:[Ii]n|[Nn]ear)\s$", text[max(0, sp.start - 6) : sp.start])
            and not re.match(r"[’']s\b", text[sp.end : sp.end + 3])
        ):
            sp = Span(sp.start, sp.end, "PLACE", "GPE")
        out.append(sp)
    return out


_COORDINATION = re.compile(r"\s*(?:,|and|or|to|-|–)\s*")


def places_beside_places(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A one-word "person" listed beside a place, that the gazetteer knows as a town or a route
    joins to that place, is a place.

    "ferries between Tangier and Kettleby" where the model took "Kettleby" for
    a person: "between ... and" or "from ... to" a place, or a known town listed
    beside one ("and", "or", a comma), is a place.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    out = list(ordered)
    for i, sp in enumerate(ordered):
        surface = text[sp.start : sp.end]
        if sp.kind != "PERSON" or " " in surface or surface in lexicon("given_names"):
            continue
        known = gaz.is_known_place(surface, 0)
        neighbours = [ordered[j] for j in (i - 1, i + 1) if 0 <= j < len(ordered)]
        for other in neighbours:
            first = min(other.start, sp.start)
            gap = text[other.end : sp.start] if other.start < sp.start else text[sp.end : other.start]
            # "between Tangier and Kettleby", "from Kettleby to Tangier": a route joins two places.
            opener = re.search(r"\b(?:between|from)\s$", text[max(0, first - 8) : first])
            route = opener is not None and gap.strip() in ("and", "to")
            if other.kind == "PLACE" and _COORDINATION.fullmatch(gap) and (known or route):
                out[i] = Span(sp.start, sp.end, "PLACE", "GPE")
                break
    return out


_WORD_BEFORE = re.compile(r"([A-Z][a-zà-ÿ’'-]+) $")


def given_name_before(text: str, spans: Sequence[Span], common: frozenset[str] = frozenset()) -> list[Span]:
    """A given name right before a person's surname belongs to the name.

    "From: Sarah Connolly" or "the philosopher Moses Mendel" read as "Connolly"
    or "Mendel": the capitalised given name before it opens the name.
    """
    out = []
    taken = [(sp.start, sp.end) for sp in spans]
    for sp in spans:
        m = _WORD_BEFORE.search(text, max(0, sp.start - 30), sp.start)
        if (
            sp.kind == "PERSON"
            and m
            and m.group(1) in lexicon("given_names")
            and not any(a < sp.start - 1 and m.start(1) < b for a, b in taken)
            and m.group(1).casefold() not in common
            and text[sp.end : sp.end + 1] != "."
            and m.group(1).casefold() not in lexicon("title_words") | lexicon("address_words")
        ):
            sp = Span(m.start(1), sp.end, "PERSON", sp.label)
        out.append(sp)
    return out


_PARTICLES = re.compile(r"((?: [a-z]+)+) ")
_CAPITALISED = re.compile(r"[A-Z][\w’'-]+")


def names_across_particles(text: str, spans: Sequence[Span]) -> list[Span]:
    """A name particle ("bin", "ould", "ag", "van der") joins the parts of one person's name.

    "Salem ould Breihmatt" read as two places, "Ludwig van der Rohe" as "Ludwig":
    lower-case particles between capitalised words keep a name whole, and a name
    that holds one is a person's.
    """
    particles = lexicon("name_particles") - {"of", "the", "y"}
    # Particles found only in people's names; "de", "des", "la" open organisations' names too.
    personal = {"bin", "ibn", "ben", "bint", "ould", "ag", "abu", "van", "von", "zu"}
    ordered = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    i = 0
    while i < len(ordered):
        sp = ordered[i]
        m = _PARTICLES.match(text, sp.end)
        if m and sp.kind in ("PERSON", "PLACE", "ORG") and all(w in particles for w in m.group(1).split()):
            after = m.end()
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            joins = sp.kind == "PERSON" or any(w in personal for w in m.group(1).split())
            if joins and nxt is not None and nxt.start == after and nxt.kind in ("PERSON", "PLACE", "ORG"):
                out.append(Span(sp.start, nxt.end, "PERSON", "PERSON"))
                i += 2
                continue
            word = _CAPITALISED.match(text, after)
            if sp.kind == "PERSON" and word and (nxt is None or nxt.start >= word.end()):
                out.append(Span(sp.start, word.end(), "PERSON", "PERSON"))
                i += 1
                continue
        words = text[sp.start : sp.end].split()
        if (
            sp.kind == "ORG"
            and len(words) >= 3
            and any(w in personal for w in words[1:-1])
            and all(w[:1].isupper() or w in particles for w in words)
            and not any(w.casefold() in org_heads() for w in words)
        ):
            sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
        i += 1
    return out


def _person_cue() -> re.Pattern[str]:
    nouns = "|".join(sorted(lexicon("person_nouns")))
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(lexicon("person_verbs")))
    # "Orme later ran for", "Orme had previously campaigned": a time word may come between.
    adverbs = (
        r"(?:\s+(?:also|later|then|previously|subsequently|eventually|unsuccessfully|successfully|first|once|again))?"
    )
    # "Kestrel's life sciences arm": a noun in a compound is no person's.
    compound = r"(?!\s+(?:sciences?|insurance|insurer|cycle|span|support|form|forms|style|skills)\b)"
    return re.compile(rf"(?:['’]s(?:\s+[a-z]+){{0,2}}?\s+(?:{nouns})\b{compound}|(?:\s+had)?{adverbs}\s+(?:{verbs})\b)")


#: "Orme broke his arm", "Tallis had her first break": a verb and the subject's own "his" or "her"
#: (not another's: "Kettleby he left his", "Orme came out after her"). "Kestrel said that he
#: would join" is no cue: a company says so of another.
_OWN_PRONOUN = re.compile(
    r"(?:\s+(?!(?:and|or|of|the|in|to|with|by|for|at|on|after|before|from|into|he|she|it|they|who|which|that)\b)"
    r"[a-z][a-z-]*){1,3}\s+(?:his|her)\b"
)


def people_by_what_they_do(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name followed by what only a person has or does is a person's.

    "Lindqvist's novel", "Ambrose's widow", "Tallis wrote", "Orme himself", or a
    one-word name whose verb is followed by "his" or "her" ("Orme broke his arm")
    where the model took the name for an organisation, or a one-word name for a
    place the gazetteer does not know: the words after it settle it.
    """
    cue = _person_cue()
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        words = surface.split()
        if (
            (sp.kind == "ORG" or (sp.kind == "PLACE" and len(words) == 1 and not gaz.is_known_place(surface, 0)))
            and len(words) <= 3
            and not surface.isupper()
            and not _has_head(words)
            and (cue.match(text, sp.end) or (len(words) == 1 and _OWN_PRONOUN.match(text, sp.end)))
        ):
            sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


def surnames_read_as_groups(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A person's surname alone is that person, not a people: "Delgado" after "Maria Delgado".

    "Maria Delgado left Tarvia. Delgado was born there": where the model took
    the surname alone for a nationality or a group (NORP), and no gazetteer
    knows it as a people's or a place's name, it is the person the text named
    in full; a faith's or a camp's word ("Christian", "Tory") stays a group.
    """
    surnames = {
        words[-1]
        for sp in spans
        if sp.kind == "PERSON" and len(words := text[sp.start : sp.end].split()) >= 2 and words[-1][:1].isupper()
    }
    if not surnames:
        return list(spans)
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if (
            sp.kind == "GROUP"
            and surface in surnames
            # "Fletcher Christian ... Christian missionaries": a faith's or a camp's word stays a group.
            and surface.casefold() not in lexicon("faith_and_party_words")
            and not surface.isupper()
            and not gaz.is_demonym(surface)
            and not gaz.is_known_place(surface)
        ):
            sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


#: What a person, and hardly anything else, does right after being named.
_DONE_BY_PEOPLE = (
    r"was\s+born|was\s+(?:re-)?elected|was\s+appointed|was\s+educated|was\s+raised|died|resigned|married"
    r"|graduated|retired|served\s+as|ran\s+(?:for|against|unsuccessfully)|campaigned|stood\s+(?:as|for)"
    r"|studied\s+at|wrote\s+(?:his|her)"
)
_ADVERB = re.compile(r"(?<!l)ly$")
_DONE_AFTER_A_WORD = re.compile(rf"[ \n](?:{_DONE_BY_PEOPLE})\b")
_NAME_WORD_PATTERN = r"[A-Z][^\W\d_]*[a-zà-ÿ][^\W\d_’'-]*(?:-[A-Z][^\W\d_]+)?"
_NAMED_SUBJECT = re.compile(rf"(?<![\w’'.-])({_NAME_WORD_PATTERN}(?:\s+{_NAME_WORD_PATTERN})?)$")


def people_the_model_missed(text: str, spans: Sequence[Span], gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """A name the model never found, right before what only a person does, is a person.

    "Vossberg was elected in 1990", "Maren Oddny resigned": one or two
    capitalised words no span covers, that the text never writes in lower case
    and that are no title or role, before "was born", "resigned", "ran for"...
    One word ending in "s" is left alone ("Protesters died" names a crowd), and
    so are adverbs ("Happily married"), numbers ("Two died") and known places
    ("Whitehall").
    """
    taken = [(sp.start, sp.end) for sp in spans]
    found = []
    for done in _DONE_AFTER_A_WORD.finditer(text):
        m = _NAMED_SUBJECT.search(text, max(0, done.start() - 60), done.start())
        if m is None or not text[done.start() - 1].isalpha():
            continue
        s, e = m.span(1)
        words = m.group(1).split()
        if any(a < e and s < b for a, b in taken):
            continue
        # "Protesters died", "Volunteers campaigned": a plural opening a sentence is a crowd;
        # "Happily married", "Newly elected": an adverb (a surname such as "Kelly" ends in "lly").
        if len(words) == 1 and (words[0].endswith("s") or _ADVERB.search(words[0])):
            continue
        if gaz.is_known_place(m.group(1)) or gaz.is_demonym(words[0]):
            continue
        if any(
            w.casefold() in common
            or w.casefold() in lexicon("function_words")
            or is_role_word(w)
            or w.casefold() in lexicon("not_names")
            for w in words
        ):
            continue
        found.append(Span(s, e, "PERSON", "PERSON"))
    if not found:
        return list(spans)
    return sorted([*spans, *found], key=lambda sp: sp.start)


_SUFFIX_AFTER = re.compile(r",?\s(?:Jr|Sr|Jnr|Snr)\b\.?")
_ROMAN = re.compile(r"[IVX]+")
#: Verbs whose object "of" something follows ("reminds Anna of Vienna", "suspected Pierre of heresy").
_OF_VERB_BEFORE = re.compile(
    r"\b(?:remind|tell|told|inform|warn|accus|suspect|convinc|rob|depriv|cur|reliev|assur|notif|persuad|"
    r"clear|acquit|speak|spoke|think|thought|hear|heard|dream|approv|boast|complain|ask|expect|requir|"
    r"demand|rid)[a-z]*\s+$"
)


def _byname_may_follow(text: str, start: int) -> bool:
    """Whether "of PLACE" after the name at ``start`` may be its byname: not after a verb that takes "of"."""
    return _OF_VERB_BEFORE.search(text, max(0, start - 30), start) is None


_BYNAME_WORD = r"[A-Z][^\W\d_]*[a-zà-ÿ][^\W\d_’']*(?:-[^\W\d_]+)*"
_OF_PLACE_AFTER = re.compile(rf" of ({_BYNAME_WORD}(?: {_BYNAME_WORD})?)(?![\w’'-])")


def person_name_tails(text: str, spans: Sequence[Span]) -> list[Span]:
    """A person's name runs on through its suffix and its byname: "Hal Brannock, Jr.", "Walter of Kettleby".

    "Jr." or "Sr." after a name belongs to it, with or without the comma; a
    given name alone, or a ruler's name with its number ("Oswin II"), followed
    by "of" and a place is one name, not a person and a place.
    """
    ordered = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    skip_until = -1
    for i, sp in enumerate(ordered):
        if sp.start < skip_until:
            continue
        if sp.kind == "PERSON":
            surface = text[sp.start : sp.end]
            words = surface.split()
            suffix = _SUFFIX_AFTER.match(text, sp.end)
            tail = _OF_PLACE_AFTER.match(text, sp.end)
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            if suffix and len(words) >= 2:
                end = suffix.end()
                if suffix.group().endswith(".") and _sentence_ends_after(text, end):
                    end -= 1
                # A span of the model's inside the suffix ("Jr.") goes into the name; one running past it stays.
                if nxt is None or nxt.start >= end or nxt.end <= end:
                    sp = Span(sp.start, end, "PERSON", sp.label)
                    skip_until = end
            elif (
                tail
                and (
                    (len(words) == 1 and words[0] in lexicon("given_names"))
                    or (len(words) == 2 and _ROMAN.fullmatch(words[1]) is not None)
                )
                and (nxt is None or nxt.start >= tail.start(1))
                and (
                    nxt is None
                    or nxt.start > tail.end(1)
                    or (nxt.end <= tail.end(1) and nxt.kind in ("PLACE", "PERSON"))
                )
                and not any(w.casefold() in org_heads() for w in tail.group(1).split())
                # "they suspected Pierre of heresy", "it reminds Anna of Vienna": after such a
                # verb, "of" says of what.
                and _byname_may_follow(text, sp.start)
            ):
                sp = Span(sp.start, tail.end(1), "PERSON", sp.label)
                skip_until = tail.end(1)
        out.append(sp)
    return out


def _sentence_ends_after(text: str, pos: int) -> bool:
    """Whether the full stop before ``pos`` also ends the sentence (a capital or the end follows)."""
    rest = text[pos : pos + 3].lstrip()
    return not rest or rest[:1].isupper()


_LOWER_WORD_BEFORE = re.compile(r"(?<![\w’'-])([a-z]+) $")
#: Another capitalised word right after the name: the model cut a longer name ("Moses" + "Mendel").
_NAME_GOES_ON = re.compile(r" [A-Z]")


#: Verbs whose object a calling before a body's name is: "the lawyer Kestrel retained", "the
#: striker Dunmere sold" name the body that did it, not the person.
_EMPLOYERS_DO = re.compile(
    r" (?:hired|hires|signed|signs|employed|employs|retained|retains|cast|casts|sponsored|sponsors|paid|pays"
    r"|dropped|drops|fired|fires|sold|sells|bought|buys|recruited|recruits|appointed|appoints|sent|sends"
    r"|dismissed|dismisses|released|releases|chose|chooses|picked|picks|named|names|nominated|nominates"
    r"|backed|backs|funded|funds|trained|trains|employ|hire|sign)\b"
)


def people_after_their_occupation(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A name right after what its bearer is ("the novelist Ida Voss", "poet Orm") is a person's.

    The model took the name for a place or a body; a lower-case noun for a
    person's calling right before it ("novelist", "poet", "king") says whose it
    is, unless the name has a body's, a site's or a place's word ("the
    architect Kestrel Partners"), is a place or a people the gazetteer knows
    ("the poet Americans quote"), runs on into another capitalised word (a
    longer name the model cut: that is for the passes that mend names), or is
    the one who hires ("the lawyer Kestrel retained", "the striker Dunmere
    sold"). The mention alone changes: the entity's other mentions still vote.
    """
    occupations = lexicon("occupations")
    out = []
    for sp in spans:
        if sp.kind in ("PLACE", "ORG"):
            m = _LOWER_WORD_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            surface = text[sp.start : sp.end]
            words = surface.split()
            if (
                m
                and m.group(1) in occupations
                and not _NAME_GOES_ON.match(text, sp.end)
                and not _EMPLOYERS_DO.match(text, sp.end)
                and not surface.isupper()
                and not _has_head(words)
                and not any(w.casefold() in lexicon("place_heads") for w in words)
                and not is_site_name(surface)
                and not gaz.is_known_place(surface)
                and not gaz.is_demonym(surface)
                and gaz.country_of_name(surface) is None
            ):
                sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


_PLACE_CUE_BEFORE = re.compile(r"\b(?:of|in|at|to|from|near)\s+$")
_COMMA_PLACE_AFTER = re.compile(r",\s+[A-Z]")


def people_named_in_full(text: str, spans: Sequence[Span], raw: Sequence[RawSpan], gaz: Gazetteer) -> list[Span]:
    """A given name or surname alone that the model read as a person's stays a person's when
    the document names that person in full.

    "Elizabeth Orme walked to Kettleby. Elizabeth found a letter": the second
    "Elizabeth" is also a town's name, and the gazetteer took it for the town;
    the model saw a person there, and the document has a person whose name opens
    (or ends) with that word, so the word is that person's. A country's name is
    left to the passes for places.
    """
    # Only names that read as a person's: a given name first ("Elizabeth Orme", not "Reading Railroad").
    people_words = {
        w
        for sp in spans
        if sp.kind == "PERSON"
        and len(words := text[sp.start : sp.end].split()) >= 2
        and words[0] in lexicon("given_names")
        for w in (words[0], words[-1])
    }
    if not people_words:
        return list(spans)
    said_person = {(r.start, r.end) for r in raw if r.label == "PERSON"}
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if (
            sp.kind == "PLACE"
            and surface in people_words
            and (sp.start, sp.end) in said_person
            and gaz.country_of_name(surface) is None
            # "the Reading": no person's name takes "the"; "the city of Jackson", "in Jackson,
            # Mississippi": a place's cue around it keeps the town.
            and not _THE_JUST_BEFORE.search(text, max(0, sp.start - 4), sp.start)
            and not _PLACE_CUE_BEFORE.search(text, max(0, sp.start - 8), sp.start)
            and not _COMMA_PLACE_AFTER.match(text, sp.end)
        ):
            sp = Span(sp.start, sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


#: A monarch's number after a name: "Elizabeth II".
_REGNAL_NUMBER = re.compile(r" (?:I{1,3}|IV|V|VI{1,3}|IX|X)(?![\w’'-])")
#: A title or form of address right before a name: "Mr. ", "Captain ".
_TITLE_JUST_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]*\.?)\s+$")


def people_after_their_title(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A town's name right after a title, or before a monarch's number, is the person the model
    saw: "Mr. Lincoln", "Captain Kettleby", "Elizabeth I".

    The model read a person there and the gazetteer, which knows a town of that
    name, made it a place; the title settles this mention only ("Captain
    Kettleby retired to Kettleby" keeps the town). A title and name that are a
    place's name together ("General Santos", a city) are left.
    """
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        if sp.kind == "PLACE" and sp.label == "PERSON" and " " not in surface and gaz.country_of_name(surface) is None:
            m = _TITLE_JUST_BEFORE.search(text, max(0, sp.start - 16), sp.start)
            titled = m is not None and is_role_word(m.group(1)) and not gaz.is_known_place(text[m.start(1) : sp.end])
            number = _REGNAL_NUMBER.match(text, sp.end)
            if titled or number:
                sp = Span(sp.start, number.end() if number else sp.end, "PERSON", "PERSON")
        out.append(sp)
    return out


_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w’'-]*)")
_THE_BEFORE = re.compile(r"(?<![\w-])[Tt]he\s+$")
#: A verb in the past after the name ("the Danube flooded"): the name is the subject, not a describing word.
_PAST_TENSE = re.compile(r"[a-z]{3,}ed")
#: "the Vance who", "the Mozart of the piano roll": a person's name narrowed down or used as a type.
_NARROWED_BY = frozenset({"who", "whom", "whose", "that", "of"})
#: "known as the Duke", "nicknamed the Gipper": what follows is what the person is called.
_NAMING_BEFORE = re.compile(r"\b(?:as|called|named|nicknamed|dubbed)\s+the\s+$")
#: Where a sentence starts: a capital "The" anywhere else is part of a name ("The Weeknd").
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"'’”)]*\s+|\n\s*)$")


def no_people_after_the(text: str, spans: Sequence[Span], gaz: Gazetteer) -> list[Span]:
    """A one-word name right after "the" names no person: "the Danube", "the Club", "the Frenchwoman".

    A person's name takes no article, so a river, a street, a club or a word
    for a kind of person that the model read as a person's name is not one. It
    becomes a place where the gazetteer knows it as a country or a region (a
    town's name after "the" is no town), and is dropped otherwise. Left as they
    are: a name before a word it describes ("the Harlan Vance novel", "the
    Kettle camp", "the Vance-Orme years"), a name narrowed down or used as a
    type ("the Vance who", "the Mozart of the piano"), a word of a person's
    name the text writes in full ("Orme Vance ... the Vance"), a title used as
    a name ("the Mahatma", ``epithets.txt``), what a person is called ("known as
    the Gipper"), a "The" that is part of the name ("by The Kestrel"), a
    possessive ("the Vance's"), a plural ("the Vances") and a name of several words.
    """
    function_words = lexicon("function_words") | lexicon("speech_verbs")
    people = [text[sp.start : sp.end] for sp in spans if sp.kind == "PERSON"]
    in_full = {word for name in people if " " in name for word in name.split()}
    out = []
    for sp in spans:
        surface = text[sp.start : sp.end]
        the = _THE_BEFORE.search(text, max(0, sp.start - 6), sp.start)
        if (
            sp.kind != "PERSON"
            or the is None
            or " " in surface
            or "\n" in surface
            or surface.endswith("s")
            or text.startswith(("'", "’"), sp.end)
            or surface in in_full
            or surface.casefold() in lexicon("epithets")
            or _NAMING_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            or (text[the.start()] == "T" and not _SENTENCE_START.search(text, max(0, the.start() - 8), the.start()))
        ):
            out.append(sp)
            continue
        nxt = _NEXT_WORD.match(text, sp.end)
        following = nxt.group(1) if nxt is not None else ""
        if text.startswith("-", sp.end) or (
            following
            and (following not in function_words or following in _NARROWED_BY)
            and not _PAST_TENSE.fullmatch(following)
        ):
            # "the Vance novel", "the Vance-Orme years", "the Vance who".
            out.append(sp)
            continue
        key = name_key(surface)
        if gaz.country_of_name(surface) is not None or key in gaz.regions or key in gaz.broad:
            out.append(Span(sp.start, sp.end, "PLACE", sp.label))
    return out
