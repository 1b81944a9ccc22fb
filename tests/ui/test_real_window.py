"""The real window on an X server (Xvfb), driven with real pointer and key events (xdotool).

Offscreen Qt cannot run a drag and drop or a popup menu as a person does; this
test starts Xvfb, runs :mod:`tests.x11.drive_window` in a child process on the
xcb platform, and checks what it saw. Without Xvfb and xdotool it is skipped,
except under CI, which installs them (Debian: xvfb, xdotool).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = shutil.which("Xvfb") and shutil.which("xdotool")


@pytest.mark.skipif(not HERE and not os.environ.get("CI"), reason="no Xvfb and xdotool here (Debian: xvfb, xdotool)")
def test_drag_a_row_onto_another_and_a_right_click_menu_under_x11(tmp_path: Path) -> None:
    assert HERE, "CI needs Debian's xvfb and xdotool"
    display = f":{90 + os.getpid() % 500}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        out = tmp_path / "seen.json"
        run = subprocess.run(
            [sys.executable, "-m", "tests.x11.drive_window", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        seen = json.loads(out.read_text(encoding="utf-8"))
    finally:
        server.terminate()
        server.wait(10)
    assert seen["exposed"]
    assert ["Organisations", "Harbour Board", 1] in seen["rows_before"]
    assert seen["merged"], seen["rows_after_drag"]
    assert ["Organisations", "Atlantic Port Authority", 2] in seen["rows_after_drag"]
    assert seen["menu_shown"] and "Copy" in seen["menu_entries"] and "Not a Name" in seen["menu_entries"]
    assert seen["removed"]
    assert "Lisbon" not in seen["ranges_after_menu"] and "Atlantic Port Authority" in seen["ranges_after_menu"]
