"""Settings: defaults, a round trip through the file, and a damaged or unwritable file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.settings import DEFAULTS, MAX_RECENT, Settings, settings_path, write_atomically


def test_the_settings_file_is_in_the_configured_folder(isolated_settings: Path) -> None:
    assert settings_path() == isolated_settings / "settings.json"


def test_a_first_start_has_the_defaults_and_writes_nothing() -> None:
    settings = Settings()
    assert settings.values == DEFAULTS
    assert settings["theme"] == "system" and settings["show_kinds"]["GROUP"] is False
    assert not settings_path().exists()


def test_changes_survive_a_restart() -> None:
    settings = Settings()
    settings["theme"] = "dark"
    settings["zoom"] = 3
    settings["show_kinds"] = {**DEFAULTS["show_kinds"], "GROUP": True}
    settings.add_recent("/texts/b.txt")
    settings.add_recent("/texts/a.txt")
    settings.save()

    again = Settings()
    assert again["theme"] == "dark"
    assert again["zoom"] == 3
    assert again["show_kinds"]["GROUP"] is True
    assert again["recent_files"] == ["/texts/a.txt", "/texts/b.txt"]
    assert again["sort"] == "count"  # untouched keys keep their defaults
    stored = json.loads(settings_path().read_text(encoding="utf-8"))
    assert stored["theme"] == "dark" and stored["recent_files"] == ["/texts/a.txt", "/texts/b.txt"]


def test_defaults_are_not_shared_between_instances() -> None:
    first = Settings()
    first["show_kinds"]["PERSON"] = False
    first.add_recent("/x.txt")
    assert DEFAULTS["show_kinds"]["PERSON"] is True and DEFAULTS["recent_files"] == []
    assert Settings()["show_kinds"]["PERSON"] is True


def test_recent_files_move_to_the_front_without_duplicates_and_are_capped() -> None:
    settings = Settings()
    for n in range(MAX_RECENT + 5):
        settings.add_recent(f"/texts/{n}.txt")
    assert settings.add_recent("/texts/7.txt")[:2] == ["/texts/7.txt", f"/texts/{MAX_RECENT + 4}.txt"]
    recent = settings["recent_files"]
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    assert "/texts/0.txt" not in recent


def test_unknown_keys_are_refused() -> None:
    settings = Settings()
    with pytest.raises(KeyError):
        settings["colour_of_the_day"] = "blue"


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"just a string"', b"null", b"[" * 100_000],
)
def test_a_damaged_settings_file_gives_the_defaults(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert Settings().values == DEFAULTS


def test_values_of_the_wrong_type_or_unknown_keys_are_ignored_one_by_one() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"theme": "dark", "zoom": "large", "recent_files": "a.txt", "sort": "name", "unknown": 1}),
        encoding="utf-8",
    )
    settings = Settings()
    assert settings["theme"] == "dark" and settings["sort"] == "name"
    assert settings["zoom"] == DEFAULTS["zoom"]
    assert settings["recent_files"] == []
    assert "unknown" not in settings.values


def test_a_settings_file_that_is_a_folder_gives_the_defaults() -> None:
    settings_path().mkdir(parents=True)
    settings = Settings()
    assert settings.values == DEFAULTS
    with pytest.raises(IsADirectoryError):
        settings.save()  # the caller says it could not be saved


def test_settings_that_do_not_persist_never_write(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path, persist=False)
    settings["theme"] = "light"
    settings.save()
    assert not path.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_atomically(path, '{"theme": "dark"}')
    with pytest.raises(UnicodeEncodeError):
        write_atomically(path, "\ud800 a lone surrogate cannot be written as UTF-8")
    assert path.read_text(encoding="utf-8") == '{"theme": "dark"}'
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_writing_makes_the_folder_and_keeps_non_ascii_text(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "settings.json"
    settings = Settings(path)
    settings.add_recent("/Texte/Köln – 東京.txt")
    settings.save()
    assert "Köln – 東京" in path.read_text(encoding="utf-8")
    assert Settings(path)["recent_files"] == ["/Texte/Köln – 東京.txt"]
