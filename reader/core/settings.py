"""User settings: one JSON file in the user's config folder, defaults in one dict.

``GAZETTE_CONFIG_DIR`` points the folder elsewhere (the tests use a temporary one).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import platformdirs

from reader.core import files

DEFAULTS: dict[str, Any] = {
    "model": "",  # spaCy package to use; empty means the best installed
    "theme": "system",  # "system", "light" or "dark"
    "recent_files": [],
    "zoom": 0,
    "paragraph_spacing": True,  # an empty line after each paragraph of one-paragraph-per-line texts
    "show_kinds": {"PERSON": True, "PLACE": True, "ORG": True, "GROUP": False},
    "sort": "count",  # "count", "name" or "first"
    "window_geometry": "",
    "window_state": "",
    "panel_split": "",  # the splitter between the entity list and the mention list
    "last_folder": "",  # where the last file was opened or saved: file dialogs start there
    "correction_scope": "document",  # "document" or "all": where a correction applies unless chosen otherwise
}

MAX_RECENT = 10
#: A settings file larger than this is not read (it holds a few kilobytes).
MAX_FILE_BYTES = 1024 * 1024
_MAX_PATH = 4096  # characters in a remembered path
_MAX_STATE = 65536  # characters in a saved window geometry or layout (base64)
_CHOICES = {
    "theme": ("system", "light", "dark"),
    "sort": ("count", "name", "first"),
    "correction_scope": ("document", "all"),
}
ZOOM_RANGE = (-6, 12)  # the article view's zoom steps


class _InvalidValueError(ValueError):
    """A stored value that is not of its setting's type or out of its bounds; ``kept`` is what of it can be used."""

    def __init__(self, kept: Any = None) -> None:
        super().__init__()
        self.kept = kept


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or "\0" in value:
        raise _InvalidValueError
    return value


def _validate(key: str, value: Any) -> Any:
    """``value`` if it is a valid value of setting ``key`` (a list is cut to its bound); raises _InvalidValueError."""
    default = DEFAULTS[key]
    if key in _CHOICES:
        if value not in _CHOICES[key]:
            raise _InvalidValueError
        return value
    if key == "model":
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.\-]{0,100}", value):
            raise _InvalidValueError
        return value
    if key == "recent_files":
        if not isinstance(value, list):
            raise _InvalidValueError
        kept = [p for p in value[:MAX_RECENT] if isinstance(p, str) and 0 < len(p) <= _MAX_PATH and "\0" not in p]
        if len(kept) != len(value):
            raise _InvalidValueError(kept)
        return kept
    if key == "zoom":
        if not isinstance(value, int) or isinstance(value, bool) or not ZOOM_RANGE[0] <= value <= ZOOM_RANGE[1]:
            raise _InvalidValueError
        return value
    if key == "show_kinds":
        if (
            not isinstance(value, dict)
            or set(value) - set(default)
            or not all(isinstance(v, bool) for v in value.values())
        ):
            raise _InvalidValueError
        return {kind: value.get(kind, on) for kind, on in default.items()}
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise _InvalidValueError
        return value
    return _text(value, _MAX_PATH if key == "last_folder" else _MAX_STATE)


def config_dir() -> Path:
    override = os.environ.get("GAZETTE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("gazette", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


class Settings:
    """Settings with defaults; ``save()`` writes atomically (write, then rename).

    Each stored value is checked by its type and bounds; a value that fails
    keeps its default. A settings file that cannot be read whole (not JSON,
    not a regular file, too large, a value refused) is kept: ``save()`` first
    moves it aside as ``settings.json.malformed-<time>``, and :attr:`warning`
    says so in one sentence.
    """

    def __init__(self, path: Path | None = None, persist: bool = True) -> None:
        self.path = path or settings_path()
        self.persist = persist
        self.values: dict[str, Any] = json.loads(json.dumps(DEFAULTS))
        self.aside = self.path.with_name(f"{self.path.name}.malformed-{time.strftime('%Y%m%d-%H%M%S')}")
        self.warning: str | None = None
        problem = self._load()
        if problem and persist:  # settings that are never saved leave the file alone: nothing to say
            self.warning = (
                f"The settings file {self.path} could not be used as it is ({problem}); the defaults stand in,"
                f" and the file is kept as {self.aside.name}."
            )

    def _load(self) -> str | None:
        """Read the stored values; return what was wrong with the file, or None."""
        try:
            data = files.read_regular_file(self.path, MAX_FILE_BYTES)
        except (FileNotFoundError, IsADirectoryError):
            return None  # a first start; a folder in its place is reported when saving
        except OSError as exc:
            return files.describe_os_error(exc)
        try:
            stored = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            return "it is not a JSON file"
        if not isinstance(stored, dict):
            return "it does not hold a JSON object"
        refused = []
        for key, value in stored.items():
            if key not in DEFAULTS:
                refused.append(key)
                continue
            try:
                self.values[key] = _validate(key, value)
            except _InvalidValueError as exc:
                if exc.kept is not None:
                    self.values[key] = exc.kept
                refused.append(key)
        if refused:
            shown = ", ".join(f"“{key[:40]}”" for key in refused[:3]) + (" and more" if len(refused) > 3 else "")
            return f"{'a value is' if len(refused) == 1 else 'values are'} not valid: {shown}"
        return None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self.values[key] = value

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` first in the recent files and return the list."""
        recent = [p for p in self.values["recent_files"] if p != path]
        self.values["recent_files"] = [path, *recent][:MAX_RECENT]
        return list(self.values["recent_files"])

    def save(self) -> None:
        """Write the settings; a failed write leaves the old file intact."""
        if not self.persist:
            return
        if self.warning and os.path.lexists(self.path) and not self.path.is_dir():
            self.path.rename(self.aside)  # kept as it was, whatever it is (a FIFO or a link too)
        write_atomically(self.path, json.dumps(self.values, indent=2, ensure_ascii=False))
        self.warning = None


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) atomically, making its folder first (see :mod:`reader.core.files`).

    A failed write leaves the old file intact and no temporary file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomically(path, text)
