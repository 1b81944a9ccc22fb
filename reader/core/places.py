"""Resolve place names and nationality words to ISO 3166-1 alpha-2 countries.

The tables live in ``resources/places/`` (see its ``SOURCES.md``): countries
with their name variants, demonyms and capitals; a compact city table; regions;
and broad regions that belong to no one country.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reader.core.resources import resource_path

#: Country names that are also common first names or words; a model's PERSON
#: label on them is believed, and they are not searched for on their own.
AMBIGUOUS_COUNTRY_NAMES = frozenset(
    {"chad", "georgia", "jordan", "turkey", "israel", "victoria", "charlotte", "florence"}
)


def _straighten(text: str) -> str:
    if "’" in text or "‘" in text or "‐" in text:
        text = text.replace("’", "'").replace("‘", "'").replace("‐", "-")
    return text


def name_key(name: str) -> str:
    """The lookup key of a name: case-folded, straight apostrophes, single spaces."""
    return " ".join(_straighten(name).split()).casefold()


@dataclass(frozen=True, slots=True)
class Country:
    """A country: its ISO 3166-1 alpha-2 code and its common English name."""

    code: str
    name: str


@dataclass
class Gazetteer:
    """Lookup tables from names to country codes."""

    countries: dict[str, Country] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str | None] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    cities: dict[str, tuple[str, int]] = field(default_factory=dict)
    other_holders: dict[str, list[str]] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    broad: set[str] = field(default_factory=set)
    surfaces: dict[str, str] = field(default_factory=dict)

    def scan_names(self) -> dict[str, str]:
        """Country names and demonyms, as written, worth finding where a model missed them."""
        return self.surfaces

    def country_of_name(self, name: str) -> str | None:
        """The code of a country name or variant (``"U.S."``, ``"DPRK"``), else None."""
        return self.country_names.get(name_key(name))

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(name_key(word))

    def is_demonym(self, word: str) -> bool:
        return name_key(word) in self.demonyms

    def is_known_place(self, name: str, min_population: int = 0) -> bool:
        """True for countries, capitals, regions and cities of ``min_population`` or more."""
        key = name_key(name)
        if key in self.country_names or key in self.capitals or key in self.regions:
            return True
        city = self.cities.get(key)
        return city is not None and city[1] >= min_population

    def is_major_place(self, name: str) -> bool:
        """Countries, capitals, regions and cities of a million people or more."""
        key = name_key(name)
        if key in self.country_names or key in self.capitals or key in self.regions or key in self.broad:
            return True
        city = self.cities.get(key)
        return city is not None and city[1] >= 1_000_000

    def resolve(self, name: str, kind: str, context: frozenset[str] = frozenset()) -> str | None:
        """The country a PLACE or GROUP entity is in or about, or None.

        Broad regions and continents resolve to None. A city name that several
        countries share goes to the one among ``context`` (countries the text
        names outright), else to its most populous holder.
        """
        key = name_key(name)
        if context and key in self.other_holders and key not in self.country_names:
            for code in [self.cities[key][0], *self.other_holders[key]]:
                if code in context:
                    return code
        if key in self.broad:
            return None
        if kind == "GROUP":
            if key in self.demonyms:
                return self.demonyms[key]
            if key.endswith("s") and key[:-1] in self.demonyms:
                return self.demonyms[key[:-1]]
            return self.country_names.get(key)
        for table in (self.country_names, self.capitals, self.regions):
            if key in table:
                return table[key]
        city = self.cities.get(key)
        if city:
            return city[0]
        if key in self.demonyms:
            return self.demonyms[key]
        return None


def _worth_scanning(name: str) -> bool:
    """Whether a name is distinctive enough to search for where a model missed it."""
    return (
        len(name) >= 2
        and name[:1].isupper()
        and name_key(name) not in AMBIGUOUS_COUNTRY_NAMES
        and not (len(name) <= 3 and not name.isupper())
    )


def load_gazetteer(folder: Path) -> Gazetteer:
    """Read the place tables from ``folder``."""
    gaz = Gazetteer()
    with open(folder / "countries.json", encoding="utf-8") as fh:
        rows = json.load(fh)
    demonym_votes: dict[str, set[str]] = {}
    for row in rows:
        code = row["code"]
        gaz.countries[code] = Country(code, row["name"])
        for name in [row["name"], *row.get("names", [])]:
            gaz.country_names.setdefault(name_key(name), code)
            if _worth_scanning(name):
                gaz.surfaces.setdefault(name, "PLACE")
        for capital in row.get("capital", []):
            gaz.capitals.setdefault(name_key(capital), code)
        for demonym in row.get("demonyms", []):
            demonym_votes.setdefault(name_key(demonym), set()).add(code)
    for key, codes in demonym_votes.items():
        gaz.demonyms[key] = next(iter(codes)) if len(codes) == 1 else None
    for row in rows:
        for demonym in row.get("demonyms", []):
            if _worth_scanning(demonym) and gaz.demonyms.get(name_key(demonym)):
                gaz.surfaces.setdefault(demonym, "GROUP")
    # Columns: name, country, population. The keys are made for the whole file
    # at once: per-line name_key calls would double the start-up cost.
    table = _straighten((folder / "cities.tsv").read_text(encoding="utf-8"))
    cities = gaz.cities
    for line, folded in zip(table.splitlines()[1:], table.casefold().splitlines()[1:], strict=True):
        _name, country, population_text = line.split("\t")
        key, population = " ".join(folded.split("\t", 1)[0].split()), int(population_text or 0)
        known = cities.get(key)
        if known is None or population > known[1]:
            cities[key] = (country, population)
            if known is not None:
                gaz.other_holders.setdefault(key, []).append(known[0])
        elif country != known[0]:
            gaz.other_holders.setdefault(key, []).append(country)
    with open(folder / "regions.tsv", encoding="utf-8", newline="") as fh:
        for region in csv.DictReader(fh, delimiter="\t"):
            gaz.regions.setdefault(name_key(region["name"]), region["country"])
    with open(folder / "broad.txt", encoding="utf-8") as fh:
        gaz.broad = {name_key(line) for line in fh if line.strip() and not line.startswith("#")}
    # Names shared by several countries ("Korean", "Kashmir") resolve to none.
    with open(folder / "ambiguous.tsv", encoding="utf-8", newline="") as fh:
        gaz.broad.update(name_key(row["name"]) for row in csv.DictReader(fh, delimiter="\t"))
    return gaz


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped resources, loaded once."""
    return load_gazetteer(resource_path("places"))
