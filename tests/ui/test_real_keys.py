"""Real key presses on the real window under Xvfb (xdotool): Escape, Alt+Right and Enter.

Offscreen Qt delivers key events straight to a widget; only an X server runs
them through Qt's shortcut map as a person's keyboard does, where two
shortcuts on one key cancel each other ("Ambiguous shortcut overload").
Without Xvfb and xdotool the test is skipped, except under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.analysis import build_analysis

from .fakes import ARTICLE, NAMES, find_names

ROOT = Path(__file__).resolve().parents[2]
HERE = shutil.which("Xvfb") and shutil.which("xdotool")


@pytest.mark.skipif(not HERE and not os.environ.get("CI"), reason="no Xvfb and xdotool here (Debian: xvfb, xdotool)")
def test_escape_closes_the_find_bar_then_clears_and_alt_right_enter_selects_under_x11(tmp_path: Path) -> None:
    assert HERE, "CI needs Debian's xvfb and xdotool"
    # Xvfb picks a free display and writes its number once it is ready for clients.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as ready:
            display = f":{ready.readline().strip()}"
        assert display != ":", "Xvfb did not start"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        out = tmp_path / "seen.json"
        run = subprocess.run(
            [sys.executable, "-m", "tests.x11.drive_keys", str(out)],
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
    assert "Ambiguous shortcut" not in run.stderr, run.stderr
    assert seen["exposed"] and seen["selected"] and seen["bar_opened"]
    assert seen["bar_closed"], "one Escape closes the find bar"
    assert seen["selected_after_first_escape"] == seen["selected"], "and keeps the selection"
    assert seen["cleared"], "the next Escape clears the selection"
    analysis = build_analysis(ARTICLE, find_names(ARTICLE, NAMES))
    visible = [m for m in analysis.mentions if m.kind in {"PERSON", "PLACE", "ORG"}]
    assert seen["focused"] == visible[1].text
    assert seen["chosen"] and seen["chosen_name"] == analysis.entity(visible[1].entity).name
