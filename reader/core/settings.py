"""User settings: one JSON file in the user's config folder, defaults in one dict.

``GAZETTE_CONFIG_DIR`` points the folder elsewhere (the tests use a temporary one).
"""

from __future__ import annotations

import json
import os
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


def config_dir() -> Path:
    override = os.environ.get("GAZETTE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("gazette", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


class Settings:
    """Settings with defaults; ``save()`` writes atomically (write, then rename)."""

    def __init__(self, path: Path | None = None, persist: bool = True) -> None:
        self.path = path or settings_path()
        self.persist = persist
        self.values: dict[str, Any] = json.loads(json.dumps(DEFAULTS))
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # missing, not JSON, or nested too deep
            stored = {}
        if isinstance(stored, dict):
            for key, value in stored.items():
                if key in DEFAULTS and isinstance(value, type(DEFAULTS[key])):
                    self.values[key] = value

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
        write_atomically(self.path, json.dumps(self.values, indent=2, ensure_ascii=False))


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) atomically, making its folder first (see :mod:`reader.core.files`).

    A failed write leaves the old file intact and no temporary file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomically(path, text)
