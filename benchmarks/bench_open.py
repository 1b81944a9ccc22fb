#!/usr/bin/env python3
"""Open a (large) text in the real window and measure it against naive spaCy.

    python benchmarks/bench_open.py [--chars N] [--skip-naive] [--jump FRACTION] FILE

In one run:

- **naive**: a child process loads the same pipeline with every component and
  runs ``nlp.pipe(paragraphs, batch_size=1000)`` over the text; its time.
- **gazette**: the main window, offscreen, with its language model loaded,
  opens the file. It records when the text is shown, when the first screen is
  highlighted, when the analysis is complete and every highlight applied, how
  late a 10 ms timer fires meanwhile (event-loop stalls), and the peak memory
  of Gazette's processes (sampled from /proc: the window's process plus any
  analysis processes it started).

With ``--jump 0.2``, when a fifth of the text is analysed the reader drags
the scrollbar to the middle of the text; ``jump_highlighted_s`` is how long
the lines then in view take to be highlighted, and ``jump_percent`` how much
of the text had been analysed by then.

The last line printed is one JSON object with ``naive_s``, ``shown_s``,
``first_screen_s``, ``total_s``, ``ratio``, ``max_stall_ms``, ``p99_stall_ms``,
``peak_rss_mb`` (the processes' resident sizes added up, which counts the
pages of the libraries both analysis processes map twice) and ``peak_pss_mb``
(their proportional sizes: each shared page split between its processes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


#: Seconds to wait after the naive baseline before Gazette's run starts.
SETTLE_SECONDS = 10.0


def naive_child(path: str) -> None:
    """Run in a child process: the obvious way, every component, batch 1000."""
    from reader.core.document import load_document
    from reader.nlp.pipeline import choose_model, import_spacy

    text = load_document(path).text
    spacy = import_spacy()
    nlp = spacy.load(choose_model())
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    start = time.perf_counter()
    count = 0
    for doc in nlp.pipe(paragraphs, batch_size=1000):
        count += len(doc.ents)
    print(json.dumps({"naive_s": time.perf_counter() - start, "naive_ents": count}))


def run_naive(path: str) -> float:
    result = subprocess.run(
        [sys.executable, __file__, "--naive-child", path], capture_output=True, text=True, check=True
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["naive_s"])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _pss_kb(pid: int) -> int:
    """The process's proportional set size: its private pages, and its share of pages it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def tree_pss_mb(pids: list[int]) -> float:
    return sum(_pss_kb(pid) for pid in pids) / 1024


def _tree_pids(root: int) -> list[int]:
    """``root`` and every process descended from it, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree = [root]
    for pid in tree:
        tree.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def tree_rss_mb(pids: list[int] | None = None, peaks: dict[int, int] | None = None) -> float:
    """The processes' resident sizes added up; ``peaks`` keeps each one's largest, in kB."""
    total = 0
    for pid in pids or _tree_pids(os.getpid()):
        rss = _rss_kb(pid)
        total += rss
        if peaks is not None:
            peaks[pid] = max(peaks.get(pid, 0), rss)
    return total / 1024


def run_gazette(path: str, jump: float | None = None) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from reader.core.settings import Settings
    from reader.ui.app import make_application
    from reader.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(Settings(persist=False), theme="light")
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    if not window.service.model_ready:
        window.service.modelReady.connect(lambda *_: loop.quit())
        loop.exec()
    app.processEvents()

    # Gazette's processes (this one and its analysis processes) are sampled by a
    # thread of their own: reading /proc on the window's thread stalled it
    # (a process that is still mapping its libraries makes the read wait).
    # RSS counts a page shared by several of the processes (the Python and spaCy
    # libraries both analysis processes map) once per process; PSS splits it.
    # The PSS of the window's own process is read once, at the end: reading
    # /proc/self/smaps_rollup walks this process's page tables under the lock
    # its own memory allocations need, a 30 ms stall each time (its memory
    # grows until the end, so the end is its peak).
    me = os.getpid()
    process_peaks: dict[int, int] = {}  # each process's largest resident size, kB
    peak = [tree_rss_mb(peaks=process_peaks)]
    peak_pss = [0.0]  # of the analysis processes
    sampling = threading.Event()

    def sample() -> None:
        pids = _tree_pids(me)
        rounds = 0
        while not sampling.wait(0.1):
            rounds += 1
            if rounds % 10 == 0:  # the second analysis process starts once a long text is opened
                pids = _tree_pids(me)
            peak[0] = max(peak[0], tree_rss_mb(pids, process_peaks))
            if rounds % 5 == 0:
                peak_pss[0] = max(peak_pss[0], tree_pss_mb([pid for pid in pids if pid != me]))

    sampler = threading.Thread(target=sample, name="bench-memory", daemon=True)
    clock = QElapsedTimer()
    stalls: list[float] = []
    moments: list[float] = []
    marks: dict[str, float] = {}
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        stalls.append(max(0.0, now - last[0] - 10.0))
        moments.append(now / 1000)
        last[0] = now
        check()

    def first_screen_done() -> bool:
        view = window.view
        spans = view.highlighter.spans
        if not spans:
            return False
        visible = view._visible_blocks()
        last_block = view.document().findBlockByNumber(visible.stop - 1)
        end = view.offsets.to_code_point(last_block.position() + last_block.length())
        covered = window.analysis is not None or window._analysed_upto >= min(end, len(view.text))
        pending = view.pending_in(visible)
        return covered and not pending

    def view_highlighted() -> bool:
        """Whether the lines in view hold highlights, applied (the analysis reached them)."""
        view = window.view
        visible = view._visible_blocks()
        first = view.document().findBlockByNumber(visible.start)
        last = view.document().findBlockByNumber(visible.stop - 1)
        start = view.offsets.to_code_point(first.position())
        end = view.offsets.to_code_point(last.position() + last.length())
        return view.highlighter.has_spans(start, end) and not view.pending_in(visible)

    def check() -> None:
        if jump is not None and "jump_at_s" not in marks and window.progress.value() >= jump * 100:
            bar = window.view.verticalScrollBar()
            bar.setValue(bar.maximum() // 2)
            marks["jump_at_s"] = clock.nsecsElapsed() / 1e9
        if "jump_at_s" in marks and "jump_done_s" not in marks and view_highlighted():
            marks["jump_done_s"] = clock.nsecsElapsed() / 1e9
            marks["jump_percent"] = window.progress.value() if window.analysis is None else 100
        if "first_screen_s" not in marks and first_screen_done():
            marks["first_screen_s"] = clock.nsecsElapsed() / 1e9
        if window.analysis is not None and not window.view.highlighting_pending and "total_s" not in marks:
            marks["total_s"] = clock.nsecsElapsed() / 1e9
            loop.quit()

    failure: list[str] = []
    window.analysisFailed.connect(lambda message: (failure.append(message), loop.quit()))
    timer = QTimer()
    timer.setInterval(10)
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)
    sampler.start()
    clock.start()
    window.open_path(path)
    marks["shown_s"] = clock.nsecsElapsed() / 1e9
    last[0] = clock.nsecsElapsed() / 1e6
    timer.start()
    loop.exec()
    timer.stop()
    sampling.set()
    sampler.join()
    if failure:
        raise SystemExit(f"the analysis failed: {failure[0]}")
    peak[0] = max(peak[0], tree_rss_mb(_tree_pids(os.getpid()), process_peaks))
    children = [pid for pid in _tree_pids(me) if pid != me]
    peak_pss[0] = max(peak_pss[0], tree_pss_mb(children)) + tree_pss_mb([me])
    print(
        "peak memory per process (MB RSS, the window's first): "
        + ", ".join(f"{pid}: {kb / 1024:.0f}" for pid, kb in process_peaks.items()),
        flush=True,
    )
    print("memory now (MB): " + ", ".join(f"{pid}: {_rss_kb(pid) / 1024:.0f}" for pid in _tree_pids(os.getpid())))
    worst = sorted(zip(stalls, moments, strict=True), reverse=True)[:5]
    print("worst stalls (ms at s): " + ", ".join(f"{st:.0f} at {at:.2f}" for st, at in worst), flush=True)
    ordered = sorted(stalls)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    result = {
        "shown_s": marks["shown_s"],
        "first_screen_s": marks.get("first_screen_s", marks["total_s"]),
        "total_s": marks["total_s"],
        "max_stall_ms": max(stalls) if stalls else 0.0,
        "p99_stall_ms": p99,
        "peak_rss_mb": peak[0],
        "peak_pss_mb": peak_pss[0],
        "mentions": len(window.analysis.mentions) if window.analysis else 0,
    }
    if "jump_done_s" in marks:
        result["jump_highlighted_s"] = marks["jump_done_s"] - marks["jump_at_s"]
        result["jump_percent"] = marks["jump_percent"]
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--chars", type=int, help="use only the first N characters")
    parser.add_argument("--skip-naive", action="store_true", help="do not run the naive baseline")
    parser.add_argument(
        "--jump", type=float, metavar="FRACTION", help="drag to the middle when this much is analysed (e.g. 0.2)"
    )
    parser.add_argument("--naive-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_child:
        naive_child(args.file)
        return 0
    from reader.core.document import DocumentError, load_document

    path = args.file
    try:
        text = load_document(path).text  # a file that cannot be read: one line, before any measurement
    except DocumentError as error:
        print(f"bench_open: {error}", file=sys.stderr)
        return 1
    tmp = None
    if args.chars:
        text = text[: args.chars]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as tmp:
            tmp.write(text)
        path = tmp.name
    try:
        naive = None if args.skip_naive else run_naive(path)
        if naive is not None:
            print(f"naive: {naive:.1f} s (every component, batch 1000)", flush=True)
            # The baseline's process has just exited and given its memory back: in runs that
            # opened the book at once, the window's longest stalls (24-35 ms) fell in its first
            # second; in runs that waited 15 s, and in runs without the baseline, none did.
            # The wait is not timed.
            time.sleep(SETTLE_SECONDS)
        figures = run_gazette(path, args.jump)
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
    for key, value in figures.items():
        print(f"gazette {key}: {value:.3f}" if isinstance(value, float) else f"gazette {key}: {value}")
    out = {
        "naive_s": round(naive, 2) if naive is not None else None,
        "shown_s": round(figures["shown_s"], 3),
        "first_screen_s": round(figures["first_screen_s"], 3),
        "total_s": round(figures["total_s"], 2),
        "ratio": round(figures["total_s"] / naive, 3) if naive else None,
        "max_stall_ms": round(figures["max_stall_ms"], 1),
        "p99_stall_ms": round(figures["p99_stall_ms"], 1),
        "peak_rss_mb": round(figures["peak_rss_mb"], 1),
        "peak_pss_mb": round(figures["peak_pss_mb"], 1),
    }
    if "jump_highlighted_s" in figures:
        out["jump_highlighted_s"] = round(figures["jump_highlighted_s"], 2)
        out["jump_percent"] = figures["jump_percent"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
