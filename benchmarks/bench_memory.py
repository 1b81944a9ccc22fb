#!/usr/bin/env python3
"""Where the window's memory goes on a (large) text: printed per stage, per MB of text.

    python benchmarks/bench_memory.py [--chars N] [--show-only] [--trace] FILE

The main window opens FILE offscreen. The window's own process (not its
analysis processes: ``bench_open.py`` measures those) is measured

- before the text is opened (the window, its libraries and the language model's
  side in this process),
- when the text is shown (the document read, the view filled, the analysis started),
- unless ``--show-only``, when the analysis is complete and every highlight
  applied, and again after the window has been idle a moment.

For each stage it prints the resident size, what part of it is the C heap
(Qt's text document, layouts and formats, and Python objects) and what part
other anonymous memory (Python's large strings and lists), and the growth per
MB of text. With ``--trace``, Python's own allocations are traced
(``tracemalloc``, which slows everything several times) and the largest
sites are listed at each stage.

Each stage also gives the most the process has held so far (its peak).
The last line printed is one JSON object with the figures in MB.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def memory_mb() -> dict[str, float]:
    """This process's resident memory by kind, from /proc/self/smaps (MB)."""
    kinds = {"rss": 0, "heap": 0, "anonymous": 0, "files": 0}
    name = ""
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            first = line.split(maxsplit=1)[0]
            if "-" in first and not first.endswith(":"):  # a mapping's header
                parts = line.split(maxsplit=5)
                name = parts[5].strip() if len(parts) > 5 else ""
            elif first == "Rss:":
                kb = int(line.split()[1])
                kinds["rss"] += kb
                if name == "[heap]":
                    kinds["heap"] += kb
                elif not name or name.startswith("[anon"):
                    kinds["anonymous"] += kb
                else:
                    kinds["files"] += kb
    with open("/proc/self/status", encoding="ascii") as fh:
        kinds["peak"] = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return {key: value / 1024 for key, value in kinds.items()}


def top_python(limit: int = 12) -> list[str]:
    """The largest sites of Python allocations now alive."""
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    lines = []
    for stat in snapshot.statistics("lineno")[:limit]:
        frame = stat.traceback[0]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        lines.append(f"    {stat.size / 2**20:8.1f} MB  {stat.count:>9,} blocks  {where}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--chars", type=int, help="use only the first N characters")
    parser.add_argument("--show-only", action="store_true", help="measure the text shown, not its analysis")
    parser.add_argument("--trim", action="store_true", help="at the end, also measure after malloc_trim(0)")
    parser.add_argument("--trace", action="store_true", help="list the largest Python allocations at each stage")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer

    from reader.core.document import load_document
    from reader.core.settings import Settings
    from reader.ui.app import make_application
    from reader.ui.main_window import MainWindow

    path = args.file
    tmp = None
    if args.chars:
        text = load_document(path).text[: args.chars]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as tmp:
            tmp.write(text)
        path = tmp.name
        del text
    size_mb = os.path.getsize(path) / 2**20
    gc.collect()
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")  # the peak starts again here: cutting the text is no part of the window's work

    app = make_application()
    window = MainWindow(Settings(persist=False), theme="light")
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    if not window.service.model_ready:
        window.service.modelReady.connect(lambda *_: loop.quit())
        loop.exec()
    app.processEvents()
    if args.trace:
        tracemalloc.start()

    stages: dict[str, dict[str, float]] = {}

    def settle(seconds: float = 0.5) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def stage(name: str) -> None:
        gc.collect()
        stages[name] = memory_mb()
        figures = stages[name]
        print(
            f"{name:>10}: {figures['rss']:7.0f} MB resident ({figures['heap']:.0f} C heap, "
            f"{figures['anonymous']:.0f} other anonymous, {figures['files']:.0f} files); "
            f"at most {figures['peak']:.0f} MB so far",
            flush=True,
        )
        if args.trace:
            current, peak = tracemalloc.get_traced_memory()
            print(f"    Python objects: {current / 2**20:.0f} MB now, {peak / 2**20:.0f} MB at most so far")
            print("\n".join(top_python()), flush=True)

    stage("window")
    started = time.perf_counter()
    window.open_path(path)
    settle()
    stage("shown")  # and the analysis started
    if not args.show_only:
        done = QTimer()
        done.setInterval(100)

        def check() -> None:
            if window.analysis is not None and not window.view.highlighting_pending:
                loop.quit()

        done.timeout.connect(check)
        done.start()
        loop.exec()
        done.stop()
        mentions = len(window.analysis.mentions) if window.analysis else 0
        print(f"analysed in {time.perf_counter() - started:.0f} s: {mentions:,} mentions", flush=True)
        stage("analysed")
        settle(2.0)
        stage("idle")
        gc.unfreeze()  # what the window keeps only because it was frozen with the live objects
        print(f"    {gc.collect()} objects in reference cycles freed", flush=True)
        gc.freeze()
        stage("collected")
        if args.trim:
            # What glibc holds freed but has not given back (the heap's top, the threads' arenas).
            began = time.perf_counter()
            ctypes.CDLL("libc.so.6").malloc_trim(0)
            print(f"    malloc_trim took {1000 * (time.perf_counter() - began):.0f} ms", flush=True)
            stage("trimmed")
    window.cancel_analysis()
    window.close()
    if tmp is not None:
        os.unlink(tmp.name)

    base = stages["window"]["rss"]
    result: dict[str, float] = {"text_mb": round(size_mb, 1)}
    for name, figures in stages.items():
        result[f"{name}_rss_mb"] = round(figures["rss"])
        result[f"{name}_peak_mb"] = round(figures["peak"])
        if name != "window":
            per = (figures["rss"] - base) / size_mb
            result[f"{name}_per_text_mb"] = round(per, 1)
            print(f"{name:>10}: {figures['rss'] - base:7.0f} MB over the empty window, {per:.1f} MB per MB of text")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
