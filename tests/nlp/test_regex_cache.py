"""The compiled-pattern cache: same matches as ``re``, survives damage, writes atomically."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from reader.core.speedups import SWITCH_ENV
from reader.nlp.regex_cache import MIN_LENGTH, CompiledPatterns, cached_compiles

ORIGINAL_COMPILE = re.compile

# These tests are of the cache itself: it is switched on for them.
pytestmark = pytest.mark.usefixtures("speedups_on")

# A long pattern with named groups and wide Unicode classes, like spaCy's.
WORDS = "|".join(f"{w}s?" for w in ("harbour", "summit", "minister", "élysée", "köln", "東京", "don't", "U\\.S\\."))
PATTERN = rf"(?P<lead>^[\(\[\"'«]+)|(?P<word>{WORDS})|[\u00c0-\u024f\u0400-\u04ff\u4e00-\u9fff]+"
PATTERN += r"|(?<=[a-z])[\.,;:!?](?=\s|$)"
PATTERN += "|" + "|".join(f"x{n:04d}y" for n in range(MIN_LENGTH // 6))
SAMPLES = [
    "(Harbour summit", "«Köln» and 東京, minister.", "don't stop: U.S. ministers", "Élysée; 'quoted' x0042y",
    "Москва, Kyiv! [élysée]", "", "summits?",
]  # fmt: skip


def matches(pattern: re.Pattern[str]) -> list[list[tuple[tuple[int, int], dict[str, str | None]]]]:
    return [[(m.span(), m.groupdict()) for m in pattern.finditer(s)] for s in SAMPLES]


def test_long_patterns_match_as_re_does_fresh_and_from_the_saved_file(tmp_path: Path) -> None:
    assert len(PATTERN) >= MIN_LENGTH
    expected = matches(re.compile(PATTERN))
    path = tmp_path / "cache.json"
    with cached_compiles(path) as store:
        fresh = re.compile(PATTERN)
    assert store is not None and store.changed is False  # saved on leaving
    assert path.is_file()
    assert matches(fresh) == expected

    with cached_compiles(path) as again:
        cached = re.compile(PATTERN)
    assert again is not None and again.changed is False and len(again.entries) == 1  # read, nothing compiled
    assert matches(cached) == expected
    assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
        PATTERN,
        re.compile(PATTERN).flags,
        2,
        {"lead": 1, "word": 2},
    )


def test_re_compile_is_itself_again_afterwards_and_short_patterns_are_not_kept(tmp_path: Path) -> None:
    original = re.compile
    path = tmp_path / "cache.json"
    with cached_compiles(path):
        assert re.compile is not original
        assert re.compile("ab+c").fullmatch("abbc")
        assert re.compile(PATTERN, re.IGNORECASE).search("HARBOUR")  # flags still work
        assert re.compile(PATTERN).search("harbour")
    assert re.compile is original
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["patterns"]) == 1  # only the long pattern


def test_damaged_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    expected = matches(ORIGINAL_COMPILE(PATTERN))
    with cached_compiles(path):
        re.compile(PATTERN)
    good = path.read_text(encoding="utf-8")
    data = json.loads(good)
    ((key, entry),) = data["patterns"].items()
    whole = len(entry["parts"][1])
    # One opcode changed (the engine's own check may let such code through,
    # and running it could crash), or half the code gone: the checksum keeps
    # either from the engine.
    for damage in ("one opcode", "half the code"):
        data = json.loads(good)
        code = data["patterns"][key]["parts"][1]
        if damage == "one opcode":
            code[16] = 0
        else:
            del code[whole // 2 :]
        path.write_text(json.dumps(data), encoding="utf-8")
        assert CompiledPatterns(path).entries == {}
        with cached_compiles(path) as store:
            assert matches(re.compile(PATTERN)) == expected
        assert store is not None and store.changed is False  # written again, whole
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(good)

    for junk in (b"\x00\xff not json", b"[" * 100_000):
        path.write_bytes(junk)
        with cached_compiles(path):
            assert matches(re.compile(PATTERN)) == expected
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(good)


def test_patterns_of_other_runs_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    other = PATTERN.replace("harbour", "port")
    with cached_compiles(path):
        re.compile(PATTERN)
    with cached_compiles(path):
        re.compile(other)
    assert len(CompiledPatterns(path).entries) == 2


def test_an_invalid_pattern_raises_the_usual_error(tmp_path: Path) -> None:
    bad = "(" + "a" * MIN_LENGTH
    with cached_compiles(tmp_path / "cache.json"), pytest.raises(re.error, match="missing \\)"):
        re.compile(bad)


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with cached_compiles(blocker / "cache.json"):
        assert matches(re.compile(PATTERN)) == matches(ORIGINAL_COMPILE(PATTERN))
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_with_the_switch_re_compile_is_left_alone_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SWITCH_ENV, "1")
    path = tmp_path / "cache.json"
    with cached_compiles(path) as store:
        assert store is None
        assert re.compile is ORIGINAL_COMPILE
        assert matches(re.compile(PATTERN)) == matches(ORIGINAL_COMPILE(PATTERN))
    assert not path.exists()


@pytest.mark.timeout(20)
def test_a_cache_that_is_a_fifo_or_a_device_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "cache.json"
    os.mkfifo(fifo)
    assert CompiledPatterns(fifo).entries == {}  # at once: a FIFO would wait for a writer for ever
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    assert CompiledPatterns(link).entries == {}
