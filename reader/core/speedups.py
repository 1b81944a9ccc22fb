"""Start-up speed-ups that lean on libraries' private internals, behind one switch.

Each speed-up saves a fraction of a second at every start, but relies on how
a library works inside rather than on its public interface. So each one here
names the versions it was written and checked for: with any other version
installed it stays off, and the program starts the ordinary (slower) way
instead of breaking. ``GAZETTE_NO_SPEEDUPS=1`` turns every one of them off.

The code of each speed-up lives where it belongs (:mod:`reader.nlp.regex_cache`,
:mod:`reader.nlp.pipeline`, :mod:`reader.nlp.saved_tokenizer`,
:mod:`reader.ui.icons`) and asks :func:`enabled` first. This module imports
neither Qt nor spaCy: it only reads version numbers.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
from dataclasses import dataclass
from functools import cache

SWITCH_ENV = "GAZETTE_NO_SPEEDUPS"

#: Pseudo-library names: the interpreter itself, and its regular-expression engine.
PYTHON = "python"
REGEX_ENGINE = "_sre"


@dataclass(frozen=True, slots=True)
class SpeedUp:
    """A speed-up, the library versions it was written for, and what it does."""

    requires: tuple[tuple[str, tuple[str, ...]], ...]
    what: str


#: Every speed-up by name, with the versions each was checked against. A
#: version ``"3.11"`` covers ``3.11.x``; ``"3.8.18"`` only that release.
SPEEDUPS: dict[str, SpeedUp] = {
    "regex_cache": SpeedUp(
        ((PYTHON, ("3.11",)), (REGEX_ENGINE, ("20220615",))),
        "spaCy's tokenizer patterns, compiled once and handed to the regex engine (_sre.compile) on later starts",
    ),
    "spacy_cli_stand_in": SpeedUp(
        (("spacy", ("3.8.18",)),),
        "a stand-in for spacy.cli, which an analysis process never uses, while spaCy is imported",
    ),
    "skip_training_yaml": SpeedUp(
        (("spacy", ("3.8.18",)), ("srsly", ("2.5.6",))),
        "srsly.read_yaml gives nothing for spaCy's training recommendations while spaCy is imported",
    ),
    "saved_tokenizer": SpeedUp(
        (("spacy", ("3.8.18",)),),
        "the package's tokenizer built from an empty one, its special cases not checked again",
    ),
    "skip_saved_strings": SpeedUp(
        (("spacy", ("3.8.18",)),),
        "the vocabulary's saved strings left out when the pipeline loads",
    ),
    "qtawesome_one_font": SpeedUp(
        (("qtawesome", ("1.4.2",)),),
        "only the Material Design icon font loaded, from qtawesome's list of bundled fonts",
    ),
}


def switched_off() -> bool:
    """True when ``GAZETTE_NO_SPEEDUPS`` is set to anything but empty or ``0``."""
    return os.environ.get(SWITCH_ENV, "").strip() not in ("", "0")


@cache
def installed_version(library: str) -> str | None:
    """The installed version of a distribution (or of Python, or of its regex engine); None if absent."""
    if library == PYTHON:
        return platform.python_version()
    if library == REGEX_ENGINE:
        try:
            import _sre  # type: ignore[import-not-found]
        except ImportError:
            return None
        return str(getattr(_sre, "MAGIC", "")) or None
    try:
        return importlib.metadata.version(library)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def version_matches(version: str, written_for: str) -> bool:
    """``"3.11.7"`` matches ``"3.11"`` and ``"3.11.7"``; ``"3.111"`` and ``"3.12"`` do not."""
    return version == written_for or version.startswith(written_for + ".")


def why_off(name: str) -> str | None:
    """Why the speed-up ``name`` is off, in a sentence, or None when it is on.

    Raises :class:`KeyError` for a name that is not in :data:`SPEEDUPS`.
    """
    speedup = SPEEDUPS[name]
    if switched_off():
        return f"{SWITCH_ENV} is set"
    for library, versions in speedup.requires:
        version = installed_version(library)
        if version is None:
            return f"{library} is not installed"
        if not any(version_matches(version, v) for v in versions):
            return f"it was written for {library} {' or '.join(versions)}, and {version} is installed"
    return None


def enabled(name: str) -> bool:
    """Whether the speed-up ``name`` may run: the switch is not set and its libraries are the expected versions."""
    return why_off(name) is None


def report() -> dict[str, str]:
    """Each speed-up's state for a person: ``"on"``, or ``"off: <reason>"``."""
    return {name: "on" if (reason := why_off(name)) is None else f"off: {reason}" for name in SPEEDUPS}
