#!/usr/bin/env python3
"""Cold start: from launching Gazette to the reference article fully highlighted.

    python benchmarks/bench_start.py [FILE] [--runs N]

Each run starts a fresh process that opens the real window (offscreen) on FILE
(default: the reference article) and reports when the analysis is complete and
every highlight applied. The runs share a new, empty cache folder: the first
one is a first start after installing, which fills the cache; the median is
over the runs after it. Prints which start-up speed-ups are on (set
``GAZETTE_NO_SPEEDUPS=1`` to measure without them), one line per run, then a
JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from reader.core.speedups import report  # noqa: E402  (the checkout's, not an installed copy)

REFERENCE = ROOT.parent / "shared" / "samples" / "north-korea-russia.txt"
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"

CHILD = r"""
import sys, time
started = float(sys.argv[1])
from reader.nlp.process import shared_pool
shared_pool(None).launch()  # as `gazette` does before Qt starts
from reader.ui.app import make_application
app = make_application()
from PySide6.QtCore import QTimer
from reader.core.settings import Settings
from reader.ui.main_window import MainWindow
window = MainWindow(Settings(persist=False), theme="light")
window.resize(1400, 900)
window.show()
def check():
    if window.analysis is not None and not window.view.highlighting_pending:
        print(f"ready {time.time() - started:.3f} mentions {len(window.analysis.mentions)}", flush=True)
        app.quit()
    else:
        QTimer.singleShot(5, check)
window.analysisFinished.connect(lambda _a: check())
window.analysisFailed.connect(lambda m: (print("failed", m, flush=True), app.quit()))
window.open_path(sys.argv[2])
app.exec()
window.close()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.file is None:
        args.file = str(REFERENCE if REFERENCE.is_file() else SAMPLE)
        if not REFERENCE.is_file():
            print(f"The reference article is not at {REFERENCE}: timing {SAMPLE.name} instead.")
    states = report()
    off = {name: state for name, state in states.items() if state != "on"}
    if not off:
        print("start-up speed-ups: all on")
    elif len(off) == len(states) and len(set(off.values())) == 1:
        print(f"start-up speed-ups: all {next(iter(off.values()))}")
    else:
        print("start-up speed-ups: " + "; ".join(f"{name} {state}" for name, state in off.items()))
    with tempfile.TemporaryDirectory(prefix="gazette-bench-cache-") as cache:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GAZETTE_CACHE_DIR": cache}
        times = []
        for run in range(args.runs + 1):
            started = time.time()
            result = subprocess.run(
                [sys.executable, "-c", CHILD, repr(started), args.file],
                capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
            )  # fmt: skip
            line = next((ln for ln in result.stdout.splitlines() if ln.startswith(("ready", "failed"))), "")
            if not line.startswith("ready"):
                print(f"run {run}: {line or result.stderr.strip()}", file=sys.stderr)
                return 1
            seconds = float(line.split()[1])
            times.append(seconds)
            what = "first start, empty cache" if run == 0 else f"run {run}"
            print(f"{what}: fully highlighted after {seconds:.2f} s ({line.split()[3]} mentions)")
    first, times = times[0], times[1:]
    summary = {"cold_start_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}
    summary["first_start_s"] = first
    rounded = {key: round(value, 3) for key, value in summary.items()}
    print(json.dumps({**rounded, "runs": len(times), "speedups_on": len(states) - len(off)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
