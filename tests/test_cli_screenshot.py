"""`gazette --screenshot` without a display: it draws offscreen by itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"


def _without_a_display() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


@pytest.mark.model
def test_screenshot_without_a_display_draws_offscreen(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "window.png"
    run = subprocess.run(
        [sys.executable, "-m", "reader", "--screenshot", str(out), "--size", "900x600", str(SAMPLE)],
        cwd=ROOT,
        env=_without_a_display(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    assert len({image.pixel(x, y) for x in range(0, 900, 9) for y in range(0, 600, 9)}) > 20, "a drawn window"


def test_a_missing_file_names_its_whole_path_without_a_display(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    run = subprocess.run(
        [sys.executable, "-m", "reader", "--screenshot", str(tmp_path / "w.png"), str(missing)],
        cwd=ROOT,
        env=_without_a_display(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert f"“{missing}” does not exist" in run.stderr
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
