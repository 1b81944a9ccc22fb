"""The gazetteer: names, demonyms, capitals, cities and regions to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.places import Gazetteer, default_gazetteer, load_gazetteer, name_key


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture
def small(tmp_path: Path) -> Gazetteer:
    """A gazetteer from tables written here, so each rule is seen on its own."""
    countries = [
        {"code": "FR", "name": "France", "names": ["French Republic"], "demonyms": ["French"], "capital": ["Paris"]},
        {"code": "US", "name": "United States", "names": ["U.S.", "USA"], "demonyms": ["American", "Americans"],
         "capital": ["Washington, D.C."]},
        {"code": "CA", "name": "Canada", "demonyms": ["Canadian"], "capital": ["Ottawa"]},
        {"code": "GB", "name": "United Kingdom", "names": ["UK"], "demonyms": ["British"], "capital": ["London"]},
        {"code": "GE", "name": "Georgia", "demonyms": ["Georgian"], "capital": ["Tbilisi"]},
        {"code": "KP", "name": "North Korea", "names": ["DPRK"], "demonyms": ["North Korean", "Korean"]},
        {"code": "KR", "name": "South Korea", "demonyms": ["South Korean", "Korean"]},
        {"code": "CI", "name": "Côte d’Ivoire", "names": ["Ivory Coast"], "demonyms": ["Ivorian"]},
    ]  # fmt: skip
    (tmp_path / "countries.json").write_text(json.dumps(countries, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "cities.tsv").write_text(
        "name\tcountry\tpopulation\n"
        "London\tGB\t8961989\nLondon\tCA\t422324\n"
        "Paris\tFR\t2138551\nParis\tUS\t25171\n"
        "Lyon\tFR\t522969\nSmallville\tUS\t1200\nSaint‐Denis\tFR\t\n",
        encoding="utf-8",
    )
    (tmp_path / "regions.tsv").write_text("name\tcountry\nTexas\tUS\nNormandy\tFR\n", encoding="utf-8")
    (tmp_path / "broad.txt").write_text("# continents\nEurope\n\nMiddle East\n", encoding="utf-8")
    (tmp_path / "ambiguous.tsv").write_text("name\tcandidates\nKashmir\tIN,PK\n", encoding="utf-8")
    return load_gazetteer(tmp_path)


def test_name_keys_fold_case_quotes_and_spaces() -> None:
    assert name_key("  North\n Korea’s ") == "north korea's"
    assert name_key("CÔTE D’IVOIRE") == name_key("Côte d'Ivoire")
    assert name_key("Saint‐Denis") == "saint-denis"  # a hyphen that is not ASCII


def test_country_names_and_variants(small: Gazetteer) -> None:
    assert small.country_of_name("France") == "FR"
    assert small.country_of_name("french republic") == "FR"
    assert small.country_of_name("U.S.") == small.country_of_name("USA") == "US"
    assert small.country_of_name("Côte d'Ivoire") == "CI"  # straight or curly apostrophe
    assert small.country_of_name("Paris") is None  # a capital, not a country
    assert small.countries["KP"].name == "North Korea"


def test_demonyms_shared_by_two_countries_point_to_none(small: Gazetteer) -> None:
    assert small.country_of_demonym("French") == "FR"
    assert small.country_of_demonym("americans") == "US"
    assert small.is_demonym("Korean")
    assert small.country_of_demonym("Korean") is None  # North or South
    assert small.country_of_demonym("North Korean") == "KP"
    assert not small.is_demonym("Martian")


def test_resolve_places(small: Gazetteer) -> None:
    assert small.resolve("Paris", "PLACE") == "FR"  # a capital
    assert small.resolve("Texas", "PLACE") == "US"  # a region
    assert small.resolve("Lyon", "PLACE") == "FR"  # a city
    assert small.resolve("Saint-Denis", "PLACE") == "FR"
    assert small.resolve("Europe", "PLACE") is None  # broad
    assert small.resolve("Kashmir", "PLACE") is None  # claimed by two
    assert small.resolve("Atlantis", "PLACE") is None
    assert small.resolve("French", "PLACE") == "FR"  # a demonym labelled a place


def test_resolve_groups_by_demonym_plural_or_name(small: Gazetteer) -> None:
    assert small.resolve("Canadian", "GROUP") == "CA"
    assert small.resolve("Canadians", "GROUP") == "CA"
    assert small.resolve("Georgia", "GROUP") == "GE"
    assert small.resolve("Koreans", "GROUP") is None
    assert small.resolve("Lyon", "GROUP") is None  # a city is no group


def test_a_shared_city_name_follows_the_countries_the_text_names(small: Gazetteer) -> None:
    assert small.resolve("London", "PLACE") == "GB"  # the most populous holder
    assert small.resolve("London", "PLACE", frozenset({"CA"})) == "CA"
    assert small.resolve("London", "PLACE", frozenset({"GB", "CA"})) == "GB"
    assert small.resolve("London", "PLACE", frozenset({"FR"})) == "GB"
    assert small.resolve("Paris", "PLACE", frozenset({"US"})) == "US"  # Paris, Texas
    assert small.resolve("Lyon", "PLACE", frozenset({"US"})) == "FR"  # no American Lyon


def test_known_and_major_places(small: Gazetteer) -> None:
    assert small.is_known_place("Normandy") and small.is_known_place("Ottawa") and small.is_known_place("Canada")
    assert small.is_known_place("Smallville")
    assert not small.is_known_place("Smallville", min_population=100_000)
    assert small.is_known_place("Lyon", min_population=100_000)
    assert small.is_major_place("London") and small.is_major_place("Europe") and small.is_major_place("Tbilisi")
    assert not small.is_major_place("Lyon")  # half a million
    assert not small.is_known_place("Atlantis")


def test_names_worth_finding_where_the_model_missed_them(small: Gazetteer) -> None:
    names = small.scan_names()
    assert names["France"] == "PLACE" and names["DPRK"] == "PLACE" and names["USA"] == "PLACE"
    assert names["French"] == "GROUP" and names["North Korean"] == "GROUP"
    assert "Georgia" not in names  # also a first name and a US state
    assert "Korean" not in names  # belongs to no one country
    assert "Georgian" in names


def test_shipped_tables_answer_the_reference_articles_names(shipped: Gazetteer) -> None:
    assert len(shipped.countries) > 240
    assert shipped.country_of_name("Russia") == "RU"
    assert shipped.country_of_name("DPRK") == shipped.country_of_name("North Korea") == "KP"
    assert shipped.country_of_name("Ukraine") == "UA"
    assert shipped.country_of_name("U.S.") == "US"
    assert shipped.resolve("Moscow", "PLACE") == shipped.resolve("Kursk", "PLACE") == "RU"
    assert shipped.resolve("Pyongyang", "PLACE") == "KP"
    assert shipped.resolve("North Korean", "GROUP") == "KP"
    assert shipped.resolve("Ukrainians", "GROUP") == "UA"
    assert shipped.resolve("Korean", "GROUP") is None
    assert shipped.resolve("Africa", "PLACE") is None
    assert shipped.resolve("London", "PLACE") == "GB"
    assert shipped.resolve("London", "PLACE", frozenset({"CA"})) == "CA"
    assert all(len(code) == 2 and code.isupper() for code in shipped.countries)


def test_the_shipped_gazetteer_is_loaded_once() -> None:
    assert default_gazetteer() is default_gazetteer()
