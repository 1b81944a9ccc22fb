"""The real window on an X server (Xvfb), driven with real pointer and key events (xdotool).

Offscreen Qt cannot run a drag and drop or a popup menu as a person does; this
test starts Xvfb, runs :mod:`tests.x11.drive_window` in a child process on the
xcb platform, and checks what it saw. Without Xvfb and xdotool it is skipped,
except under CI, which installs them (Debian: xvfb, xdotool).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.x11 import run_on_xvfb

HERE = shutil.which("Xvfb") and shutil.which("xdotool")


@pytest.mark.skipif(not HERE and not os.environ.get("CI"), reason="no Xvfb and xdotool here (Debian: xvfb, xdotool)")
def test_drag_a_row_onto_another_and_a_right_click_menu_under_x11(tmp_path: Path) -> None:
    assert HERE, "CI needs Debian's xvfb and xdotool"
    _run, seen = run_on_xvfb("tests.x11.drive_window", tmp_path / "seen.json")
    assert seen["exposed"]
    assert ["Organisations", "Harbour Board", 1] in seen["rows_before"]
    assert seen["merged"], seen["rows_after_drag"]
    assert ["Organisations", "Atlantic Port Authority", 2] in seen["rows_after_drag"]
    assert seen["menu_shown"] and "Copy" in seen["menu_entries"] and "Not a Name" in seen["menu_entries"]
    assert seen["removed"]
    assert "Lisbon" not in seen["ranges_after_menu"] and "Atlantic Port Authority" in seen["ranges_after_menu"]
