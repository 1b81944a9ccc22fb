"""Real key presses on the real window under Xvfb (xdotool): Escape, Alt+Right and Enter.

Offscreen Qt delivers key events straight to a widget; only an X server runs
them through Qt's shortcut map as a person's keyboard does, where two
shortcuts on one key cancel each other ("Ambiguous shortcut overload").
Without Xvfb and xdotool the test is skipped, except under CI.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.analysis import build_analysis
from tests.x11 import run_on_xvfb

from .fakes import ARTICLE, NAMES, find_names

HERE = shutil.which("Xvfb") and shutil.which("xdotool")


@pytest.mark.skipif(not HERE and not os.environ.get("CI"), reason="no Xvfb and xdotool here (Debian: xvfb, xdotool)")
def test_escape_closes_the_find_bar_then_clears_and_alt_right_enter_selects_under_x11(tmp_path: Path) -> None:
    assert HERE, "CI needs Debian's xvfb and xdotool"
    run, seen = run_on_xvfb("tests.x11.drive_keys", tmp_path / "seen.json")
    assert "Ambiguous shortcut" not in run.stderr, run.stderr
    assert seen["exposed"] and seen["selected"] and seen["bar_opened"]
    assert seen["bar_closed"], "one Escape closes the find bar"
    assert seen["selected_after_first_escape"] == seen["selected"], "and keeps the selection"
    assert seen["cleared"], "the next Escape clears the selection"
    analysis = build_analysis(ARTICLE, find_names(ARTICLE, NAMES))
    visible = [m for m in analysis.mentions if m.kind in {"PERSON", "PLACE", "ORG"}]
    assert seen["focused"] == visible[1].text
    assert seen["chosen"] and seen["chosen_name"] == analysis.entity(visible[1].entity).name
