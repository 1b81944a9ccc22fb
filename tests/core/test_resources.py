"""Where the shipped data is found: override, installed package, checkout; no path leaves the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import resources


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout-like tree: <root>/reader (the package) and <root>/resources."""
    package = tmp_path / "reader"
    package.mkdir()
    (tmp_path / "resources" / "places").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    monkeypatch.delenv("GAZETTE_RESOURCES", raising=False)
    return tmp_path


def test_a_checkout_reads_the_top_level_folder(layout: Path) -> None:
    assert resources.resources_dir() == layout / "resources"
    assert resources.resource_path("places", "countries.json") == (layout / "resources/places/countries.json").resolve()


def test_an_installed_package_reads_its_own_copy(layout: Path) -> None:
    (layout / "reader" / "resources").mkdir()
    assert resources.resources_dir() == layout / "reader" / "resources"


def test_the_environment_overrides_both(layout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (layout / "reader" / "resources").mkdir()
    monkeypatch.setenv("GAZETTE_RESOURCES", str(tmp_path / "elsewhere"))
    assert resources.resources_dir() == tmp_path / "elsewhere"


def test_paths_that_leave_the_folder_are_refused(layout: Path) -> None:
    with pytest.raises(ValueError, match="escapes"):
        resources.resource_path("..", "reader", "secret.txt")


def test_this_checkout_has_its_resources() -> None:
    assert resources.resource_path("places", "countries.json").is_file()
    assert resources.resource_path("map", "world.json").is_file()
