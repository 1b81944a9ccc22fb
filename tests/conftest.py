"""Shared fixtures: isolated settings and cache folders, the sample texts, one loaded pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "samples" / "north-korea-russia.txt"
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary cache folder for the whole run (analysis processes inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GAZETTE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the settings and data folders at temporary ones so no test touches a real profile."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("GAZETTE_CONFIG_DIR", str(folder))
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(folder / "data"))
    monkeypatch.delenv("GAZETTE_MODEL", raising=False)
    return folder


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE.is_file():
        pytest.fail(f"the reference article is missing: {REFERENCE}")
    return REFERENCE


@pytest.fixture(scope="session")
def pipeline():
    """The NER pipeline, loaded once for the whole run."""
    from reader.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reference_analysis(pipeline, reference_path: Path):
    from reader.core.document import load_document
    from reader.nlp.analyse import analyse_text

    document = load_document(reference_path)
    return document, analyse_text(document.text, pipeline)
