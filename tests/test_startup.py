"""The start-up speed-ups: one switch turns them all off, and another library version turns each off.

Loading in a fresh process is what a start is, so the loading tests run a
child interpreter; spaCy can only be imported once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import speedups
from reader.core.speedups import SPEEDUPS, SWITCH_ENV, enabled, report, version_matches, why_off

ROOT = Path(__file__).resolve().parents[1]

#: Loads the pipeline as an analysis process does and prints what the speed-ups left behind.
#: argv[1] is a JSON object of faked versions, e.g. {"spacy": "3.9.0"}.
LOAD = r"""
import json, os, sys
from reader.core import speedups
fake = json.loads(sys.argv[1])
real = speedups.installed_version
speedups.installed_version = lambda library: fake.get(library) or real(library)
import re
stdlib_compile = re.compile
from reader.nlp.pipeline import load_pipeline
pipeline = load_pipeline(without_cli=True)
doc = pipeline.nlp("Angela Merkel visited Paris on Monday. Don't, said Dr. O'Neill in the U.S.A.")
print(json.dumps({
    "re_compile_is_stdlib": re.compile is stdlib_compile and re.compile.__module__ == "re",
    "cache_files": sorted(os.listdir(os.environ["GAZETTE_CACHE_DIR"])),
    "spacy_cli_is_spacys": getattr(sys.modules["spacy.cli"], "__file__", None) is not None,
    "training_recommendations": len(getattr(sys.modules.get("spacy.cli.init_config"), "RECOMMENDATIONS", {})),
    "tokenizer": type(pipeline.nlp.tokenizer).__name__,
    "strings": len(pipeline.nlp.vocab.strings),
    "tokens": [t.text for t in doc],
    "entities": [[e.text, e.label_] for e in doc.ents],
    "on": sorted(name for name in speedups.SPEEDUPS if speedups.enabled(name)),
}))
"""

EXPECTED_ENTITIES = [
    ["Angela Merkel", "PERSON"], ["Paris", "GPE"], ["Monday", "DATE"], ["O'Neill", "PERSON"], ["U.S.A.", "GPE"],
]  # fmt: skip


def load_in_child(folder: Path, switch: str | None, fake: dict[str, str] | None = None) -> dict:
    """Start a child with an empty cache folder under ``folder``; return what :data:`LOAD` printed."""
    env = {key: value for key, value in os.environ.items() if key != SWITCH_ENV}
    if switch is not None:
        env[SWITCH_ENV] = switch
    cache = folder / "cache"
    cache.mkdir(parents=True)
    env["GAZETTE_CACHE_DIR"] = str(cache)
    result = subprocess.run(
        [sys.executable, "-c", LOAD, json.dumps(fake or {})],
        capture_output=True, text=True, env=env, cwd=folder, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_speedup_is_on_with_the_versions_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change of pins fails here first: each speed-up must be checked again before its table entry moves."""
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    assert {name: why_off(name) for name in SPEEDUPS} == dict.fromkeys(SPEEDUPS)
    assert set(report().values()) == {"on"}


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_the_switch_turns_every_speedup_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SWITCH_ENV, value)
    assert not any(enabled(name) for name in SPEEDUPS)
    assert set(report().values()) == {f"off: {SWITCH_ENV} is set"}


@pytest.mark.parametrize("value", ["", "0", " 0 "])
def test_an_empty_or_zero_switch_leaves_them_on(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SWITCH_ENV, value)
    assert all(enabled(name) for name in SPEEDUPS)


def test_another_version_turns_only_its_speedups_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    real = speedups.installed_version
    fake = {"srsly": "2.6.0", "qtawesome": None}
    monkeypatch.setattr(speedups, "installed_version", lambda library: fake.get(library, real(library)))
    assert report() == {
        "regex_cache": "on",
        "spacy_cli_stand_in": "on",
        "skip_training_yaml": "off: it was written for srsly 2.5.6, and 2.6.0 is installed",
        "saved_tokenizer": "on",
        "skip_saved_strings": "on",
        "qtawesome_one_font": "off: qtawesome is not installed",
    }


def test_versions_match_whole_components_only() -> None:
    assert version_matches("3.11.7", "3.11")
    assert version_matches("3.8.18", "3.8.18")
    assert not version_matches("3.111.0", "3.11")
    assert not version_matches("3.12.1", "3.11")
    assert not version_matches("3.8.19", "3.8.18")
    assert not version_matches("3.8.1", "3.8.18")


def test_unknown_names_and_libraries() -> None:
    with pytest.raises(KeyError):
        enabled("no_such_speedup")
    assert speedups.installed_version("no-such-distribution-for-gazette") is None
    assert speedups.installed_version(speedups.PYTHON) == ".".join(map(str, sys.version_info[:3]))


@pytest.mark.model
def test_with_the_speedups_a_start_takes_every_short_cut(tmp_path: Path) -> None:
    state = load_in_child(tmp_path, switch=None)
    assert state["on"] == sorted(SPEEDUPS)
    assert len(state["cache_files"]) == 1  # the compiled tokenizer patterns, for the next start
    assert not state["spacy_cli_is_spacys"]
    assert state["tokenizer"] == "SavedTokenizer"
    assert state["strings"] < 20_000
    assert state["entities"] == EXPECTED_ENTITIES


@pytest.mark.model
def test_with_the_switch_no_speedup_is_active_and_loading_works(tmp_path: Path) -> None:
    state = load_in_child(tmp_path, switch="1")
    assert state["on"] == []
    assert state["re_compile_is_stdlib"]
    assert state["cache_files"] == []  # nothing compiled ahead, nothing written
    assert state["spacy_cli_is_spacys"]  # spaCy's own command line package
    assert state["training_recommendations"] > 10  # its YAML read as spaCy reads it
    assert state["tokenizer"] == "Tokenizer"
    assert state["strings"] > 80_000  # the vocabulary's saved strings are there
    assert state["entities"] == EXPECTED_ENTITIES


@pytest.mark.model
def test_a_start_with_other_library_versions_takes_the_ordinary_way(tmp_path: Path) -> None:
    plain = load_in_child(tmp_path / "plain", switch="1")
    other = {"spacy": "3.9.0", "srsly": "3.0.0", "python": "3.12.1"}
    state = load_in_child(tmp_path / "other", switch=None, fake=other)
    assert state["on"] == ["qtawesome_one_font"]  # the only one that does not rest on those three
    assert state["cache_files"] == []
    assert state["spacy_cli_is_spacys"]
    assert state["tokenizer"] == "Tokenizer"
    assert state["tokens"] == plain["tokens"]
    assert state["entities"] == plain["entities"] == EXPECTED_ENTITIES
