"""Guard against the PySide6 6.12.0 bug that drops a reference to None per void call."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPoint


def test_void_qt_calls_keep_none_alive() -> None:
    point = QPoint()
    before = sys.getrefcount(None)
    for i in range(10_000):
        point.setX(i)
    assert sys.getrefcount(None) >= before
