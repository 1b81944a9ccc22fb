#!/usr/bin/env python3
"""Write ``resources/lexicon/given_names.txt`` from the given names in Faker's person providers.

Faker (MIT) holds lists of given names for many locales. Gazette ships the
Latin-script ones, one a line, to tell a person's name ("Enrico Boselli") that
the model took for an organisation. Run it in a virtual environment that has
``faker==40.63.0`` installed:

    python -m venv /tmp/names && /tmp/names/bin/pip install faker==40.63.0
    /tmp/names/bin/python tools/build_given_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import faker  # type: ignore[import-not-found]
import faker.providers.person as person  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "given_names.txt"
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def latin_name(name: object) -> bool:
    """A capitalised name in Latin letters (with accents), two letters or more."""
    if not isinstance(name, str) or len(name) < 2 or not name[:1].isupper():
        return False
    return name.replace("-", "").replace("'", "").isalpha() and all(ord(ch) < 0x250 for ch in name)


def main() -> None:
    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"faker.providers.person.{module.name}"), "Provider", None)
        for attribute in ATTRIBUTES:
            value = getattr(provider, "__dict__", {}).get(attribute)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, (list, tuple)):
                names.update(n for n in value if latin_name(n))
    header = (
        f"# Given names in Latin script, from Faker {faker.VERSION}'s person providers (MIT,\n"
        "# https://github.com/joke2k/faker). Written by tools/build_given_names.py.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
