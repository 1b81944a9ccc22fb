"""Compiled regular expressions kept from one run to the next.

spaCy's tokenizer rests on a few very long regular expressions (its prefix,
suffix, infix and URL patterns, 3,000-16,000 characters each, full of wide
Unicode character classes). Python compiles them again in every process, and
on this project's reference machine that is 0.3 s of each analysis process's
start. What the compiler produces depends only on the pattern and on the
Python version: a list of integers for the regex engine. So the first run
keeps it in the user's cache folder, and later runs hand it straight to the
engine, which checks it before use.

Each entry carries a checksum of its pattern and code: the engine's own
check of code it is given is not complete, and a damaged entry could crash
the process on every start. An entry that fails the checksum is compiled
afresh and written again.

:func:`cached_compiles` does this for long patterns while it is active; short
ones, and anything unexpected, go to :func:`re.compile` as usual. It relies on
the engine's private ``_sre.compile`` and on ``re._compiler``, so it only acts
when :func:`reader.core.speedups.enabled` allows ``"regex_cache"``.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine, which checks code it is given
import contextlib
import hashlib
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs

from reader.core.files import read_regular_file
from reader.core.settings import write_atomically
from reader.core.speedups import enabled

#: Patterns shorter than this compile quickly enough without the cache.
MIN_LENGTH = 1000
CACHE_ENV = "GAZETTE_CACHE_DIR"

#: One ``re.compile`` swap at a time in a process.
_SWAP_LOCK = threading.Lock()


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("gazette", appauthor=False))


def _engine_version() -> str:
    """Compiled patterns are only valid for the Python and regex engine that made them."""
    return f"{sys.version} sre {_sre.MAGIC} {_sre.CODESIZE}"


def cache_file() -> Path:
    """This Python's cache file: each Python version that runs Gazette keeps its own."""
    engine = hashlib.sha256(_engine_version().encode()).hexdigest()[:16]
    return cache_dir() / f"regex-cache-{engine}.json"


def _key(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}:{pattern}".encode("utf-8", "surrogatepass")).hexdigest()


def _checksum(key: str, parts: Any) -> str:
    body = json.dumps([_engine_version(), key, parts], separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


#: A cache file larger than this is not read (it holds about 60 KB).
MAX_CACHE_BYTES = 16 * 1024 * 1024


class CompiledPatterns:
    """Compiled forms of long patterns, read from and written to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}  # key -> the engine's arguments
        self.changed = False
        with contextlib.suppress(OSError, ValueError, TypeError, RecursionError):
            data = json.loads(read_regular_file(path, MAX_CACHE_BYTES).decode("utf-8"))
            if isinstance(data, dict) and data.get("engine") == _engine_version():
                stored = data.get("patterns")
                if isinstance(stored, dict):
                    self.entries = {
                        key: entry["parts"]
                        for key, entry in stored.items()
                        if isinstance(entry, dict) and entry.get("check") == _checksum(key, entry.get("parts"))
                    }

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
        key = _key(pattern, flags)
        parts = self.entries.get(key)
        if parts is not None:
            try:
                return _engine_compile(pattern, parts)
            except (TypeError, ValueError, RuntimeError, OverflowError):
                pass  # made by another engine after all: compile it afresh
        parts = _compile_parts(pattern, flags)
        self.entries[key] = parts
        self.changed = True
        return _engine_compile(pattern, parts)

    def save(self) -> None:
        """Write the patterns, atomically, if any was added; a cache that cannot be written is skipped."""
        if not self.changed:
            return
        patterns = {key: {"parts": parts, "check": _checksum(key, parts)} for key, parts in self.entries.items()}
        data = json.dumps({"engine": _engine_version(), "patterns": patterns}, separators=(",", ":"))
        with contextlib.suppress(OSError):
            write_atomically(self.path, data)
            self.changed = False


def _engine_compile(pattern: str, parts: list[Any]) -> re.Pattern[str]:
    """The pattern object for ``parts`` (see :func:`_compile_parts`), as ``re`` would make it."""
    all_flags, code, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, all_flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def _compile_parts(pattern: str, flags: int) -> list[Any]:
    """What ``re._compiler.compile`` hands the engine, as plain JSON-ready values."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, indexgroup]


@contextlib.contextmanager
def cached_compiles(path: Path | None = None) -> Iterator[CompiledPatterns | None]:
    """While active, ``re.compile`` of a long pattern goes through the cache at ``path``.

    Meant to wrap loading spaCy. Another thread that compiles meanwhile gets
    the same patterns; a second swap waits for the first to end. On leaving,
    new compiled patterns are saved for the next run. Yields the cache, or
    None (and ``re.compile`` stays as it is) when the speed-up is off.
    """
    if not enabled("regex_cache"):
        yield None
        return
    with _SWAP_LOCK:
        store = CompiledPatterns(path or cache_file())
        original = re.compile

        def compile_with_cache(pattern: Any, flags: Any = 0) -> Any:
            if isinstance(pattern, str) and len(pattern) >= MIN_LENGTH and type(flags) is int and not flags & re.DEBUG:
                try:
                    return store.compile(pattern, flags)
                except Exception:  # anything odd: the ordinary way below
                    pass
            return original(pattern, flags)

        re.compile = compile_with_cache
        try:
            yield store
        finally:
            re.compile = original
            store.save()
