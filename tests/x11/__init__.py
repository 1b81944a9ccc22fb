"""Scripts that drive the real window on an X server, and the runner the tests start them with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_on_xvfb(module: str, out: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Start Xvfb on a free display, run ``python -m module OUT`` on it (xcb), return the run and OUT's JSON."""
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
        if display == ":":
            raise RuntimeError("Xvfb did not start")
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, "-m", module, str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        if run.returncode != 0:
            raise AssertionError(run.stderr[-2000:])
        return run, json.loads(out.read_text(encoding="utf-8"))
    finally:
        server.terminate()
        server.wait(10)
