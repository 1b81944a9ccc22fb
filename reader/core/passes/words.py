"""The word lists in ``resources/lexicon/``, read once."""

from __future__ import annotations

from functools import cache

from reader.core.resources import resource_path


@cache
def lexicon(name: str) -> frozenset[str]:
    """The words of ``resources/lexicon/NAME.txt``: one lower-case entry a line, ``#`` comments."""
    words = set()
    for line in resource_path("lexicon", f"{name}.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)
