"""Fixtures of the NLP tests."""

from __future__ import annotations

import pytest

from reader.core.speedups import SWITCH_ENV


@pytest.fixture
def speedups_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start-up speed-ups allowed, whether or not the whole run has them switched off."""
    monkeypatch.delenv(SWITCH_ENV, raising=False)
