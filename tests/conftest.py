"""Shared fixtures: isolated settings and cache folders, the sample texts, one loaded pipeline.

Every test runs on files in this repository, except those that check Gazette
against the reference article (``../shared/samples/north-korea-russia.txt``,
beside the clone). Those run when the article is there; without it they are
skipped with the reason in the summary, and under ``CI=true`` the run fails at
once with one message, so that CI never passes without them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "samples" / "north-korea-russia.txt"
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"
DATA = ROOT / "tests" / "data"
BOOK_EXCERPT = DATA / "war-and-peace-excerpt.txt"

REFERENCE_MISSING = f"the reference article is not here: {REFERENCE}"


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under CI, refuse to start when collected tests need the absent reference article."""
    if REFERENCE.is_file() or not _ci():
        return
    needing = [item for item in items if "reference_path" in getattr(item, "fixturenames", ())]
    if needing:
        pytest.exit(
            f"{REFERENCE_MISSING} ({len(needing)} tests need it; under CI=true it must be there)",
            returncode=pytest.ExitCode.TESTS_FAILED,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Report every skip for the missing reference article from here, so the summary folds them into one line."""
    report = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and longrepr[2].endswith(REFERENCE_MISSING):
        report.longrepr = (__file__, _REFERENCE_LINE, longrepr[2])
    return report


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
    """The reference article; the tests that ask for it are skipped without it (one summary line)."""
    if not REFERENCE.is_file():
        if _ci():
            pytest.fail(REFERENCE_MISSING)
        pytest.skip(REFERENCE_MISSING)
    return REFERENCE


def _first_line(fixture: object) -> int:
    code = getattr(getattr(fixture, "__wrapped__", fixture), "__code__", None)
    return code.co_firstlineno if code else 0


_REFERENCE_LINE = _first_line(reference_path)  # where the folded skip line points


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """A news article of our own, shipped in ``resources/samples/``: for tests that need any real article."""
    return SAMPLE


@pytest.fixture(scope="session")
def pipeline():
    """The NER pipeline, loaded once for the whole run."""
    from reader.nlp.pipeline import load_pipeline

    return load_pipeline()
