"""Settings: defaults, a round trip through the file, and a damaged or unwritable file."""

from __future__ import annotations

import json
import os
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


def write_settings(content: str | bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("stored", "key"),
    [
        ({"recent_files": [1]}, "recent_files"),
        ({"recent_files": ["a.txt", None, {"x": 1}]}, "recent_files"),
        ({"zoom": 10**100}, "zoom"),
        ({"zoom": True}, "zoom"),
        ({"theme": "purple"}, "theme"),
        ({"sort": ["count"]}, "sort"),
        ({"show_kinds": {"PERSON": "yes"}}, "show_kinds"),
        ({"show_kinds": {"SHIP": True}}, "show_kinds"),
        ({"correction_scope": "galaxy"}, "correction_scope"),
        ({"window_state": "A" * 1_000_000}, "window_state"),
        ({"last_folder": "/tmp/\0x"}, "last_folder"),
        ({"model": "../../evil"}, "model"),
        ({"paragraph_spacing": 0}, "paragraph_spacing"),
    ],
)
def test_each_setting_is_checked_by_type_and_bound(stored: dict, key: str) -> None:
    write_settings(json.dumps(stored))
    settings = Settings()
    assert settings[key] == (["a.txt"] if stored == {"recent_files": ["a.txt", None, {"x": 1}]} else DEFAULTS[key])
    assert settings.warning is not None and f"“{key}”" in settings.warning


def test_a_long_recent_list_is_cut_to_its_bound() -> None:
    write_settings(json.dumps({"recent_files": [f"/t/{i}.txt" for i in range(5000)]}))
    assert Settings()["recent_files"] == [f"/t/{i}.txt" for i in range(MAX_RECENT)]


def test_a_settings_file_of_a_million_recent_files_is_refused_unread() -> None:
    write_settings(json.dumps({"recent_files": ["/a/b.txt"] * 1_000_000}))
    settings = Settings()
    assert settings.values == DEFAULTS
    assert settings.warning is not None and "larger than" in settings.warning


def test_a_malformed_settings_file_is_kept_aside_not_overwritten() -> None:
    original = b'{"theme": "dark", "recent_files": [1], "zoom": 3'
    path = write_settings(original)
    settings = Settings()
    assert settings.values == DEFAULTS
    assert settings.warning is not None and settings.aside.name in settings.warning
    settings["theme"] = "light"
    settings.save()
    assert settings.aside.read_bytes() == original
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "light"
    assert Settings().warning is None  # said once: the new file is good


def test_a_settings_file_with_a_bad_value_is_kept_whole_beside_the_new_one() -> None:
    original = json.dumps({"theme": "dark", "recent_files": [1]})
    path = write_settings(original)
    settings = Settings()
    assert settings["theme"] == "dark" and settings["recent_files"] == []
    settings.save()
    assert settings.aside.read_text(encoding="utf-8") == original
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "dark"


@pytest.mark.timeout(20)
def test_a_settings_fifo_or_a_link_to_a_device_gives_the_defaults_at_once() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    settings = Settings()
    assert settings.values == DEFAULTS and "named pipe" in (settings.warning or "")
    path.unlink()
    path.symlink_to("/dev/zero")
    settings = Settings()
    assert settings.values == DEFAULTS and "a device" in (settings.warning or "")
    settings.save()
    assert settings.aside.is_symlink() and path.is_file() and not path.is_symlink()


def test_a_good_settings_file_gives_no_warning_and_is_not_moved() -> None:
    write_settings(json.dumps({"theme": "dark", "zoom": -2, "recent_files": ["/a.txt"]}))
    settings = Settings()
    assert settings.warning is None
    settings.save()
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]


def test_settings_that_do_not_persist_leave_a_malformed_file_alone_and_say_nothing() -> None:
    path = write_settings(b'{"theme": 7')
    settings = Settings(persist=False)
    assert settings.values == DEFAULTS and settings.warning is None
    settings.save()
    assert path.read_bytes() == b'{"theme": 7' and [p.name for p in path.parent.iterdir()] == ["settings.json"]
