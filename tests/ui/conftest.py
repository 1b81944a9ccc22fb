"""Fixtures for window tests: main windows, with the real analysis service or a fake one, checked for leaks."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def make_window(qtbot) -> Iterator:
    """Build main windows; after the test, each is closed and its service shut down.

    Without ``service`` a window analyses with the real service and language
    model (tests that do so are marked ``model``); pass a
    :class:`~tests.ui.fakes.FakeAnalysisService` to test the window alone.
    """
    from PySide6.QtWidgets import QApplication

    from reader.core.settings import Settings
    from reader.ui.main_window import MainWindow

    from .fakes import FakeAnalysisService

    windows: list = []
    before = len([t for t in threading.enumerate() if not t.name.startswith("gazette-analysis-reader")])

    def make(theme: str = "light", model: str | None = None, size: tuple[int, int] = (1400, 900), service=None):
        settings = Settings()
        if model is not None:
            settings["model"] = model
        window = MainWindow(settings, service=service, theme=theme)
        window.resize(*size)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        if isinstance(window.service, FakeAnalysisService):
            assert window.service.shut_down, "the window did not shut its service down"
        else:
            assert window.service.thread.isFinished(), "the worker thread is still running"
    QApplication.processEvents()
    # The analysis processes' reader threads are shared by all windows and live
    # as long as the program: they are not a window's leak.
    alive = [
        t
        for t in threading.enumerate()
        if t.ident in sys._current_frames() and not t.name.startswith("gazette-analysis-reader")
    ]
    assert len(alive) <= before, f"a Python thread was left running: {alive}"
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    assert not [w for w in visible if w in windows], "a window was left open"


@pytest.fixture
def fake_window(make_window):
    """Build a window on a :class:`~tests.ui.fakes.FakeAnalysisService`; returns (window, service)."""
    from .fakes import FakeAnalysisService

    def make(theme: str = "light", size: tuple[int, int] = (1400, 900), **fake):
        service = FakeAnalysisService(**fake)
        return make_window(theme=theme, size=size, service=service), service

    return make


def write_text(folder: Path, text: str, name: str = "article.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def open_and_wait(qtbot, window, path, timeout: int = 60_000):
    """Open ``path`` and wait for its analysis to finish; return the Analysis."""
    with qtbot.waitSignal(window.analysisFinished, timeout=timeout) as blocker:
        assert window.open_path(path)
    return blocker.args[0]


def save_screenshot(widget, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # let pending layouts settle before the picture
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
