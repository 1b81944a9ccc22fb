#!/usr/bin/env python3
"""A text of one very long line in the article view: shown in pieces, against the whole line.

    python benchmarks/bench_long_line.py [--mb 5] [--chunks 5]

Builds a text of ``--mb`` megabytes on one line (the excerpt of War and Peace
in this repository, its line breaks made spaces, repeated), shows it in the
article view offscreen, then highlights ``--chunks`` chunks of 20,000
characters as the analysis would send them, and runs the find bar's search.
It does so twice in one run: as Gazette shows such a line (in pieces of about
4,000 characters) and, as the baseline, the whole line as one block, as before.
The last line printed is one JSON object with the seconds of each step.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHUNK = 20_000


def measure(app, text: str, chunks: int, pieces: bool) -> dict[str, float]:
    from reader.core import offsets
    from reader.ui.article import view as view_module
    from reader.ui.article.find_bar import FindBar
    from reader.ui.article.highlighter import HighlightSpan

    if not pieces:  # the baseline: no long-line pieces, only the paragraph gaps
        view_module.view_breaks = lambda text, on=True: offsets.paragraph_gaps(text) if on else []  # type: ignore[assignment]
    else:
        view_module.view_breaks = offsets.view_breaks
    view = view_module.ArticleView()
    view.resize(900, 700)
    view.show()
    app.processEvents()
    began = time.perf_counter()
    view.set_text(text)
    app.processEvents()
    shown = time.perf_counter() - began
    spans = [HighlightSpan(m.start(), m.end(), "PERSON") for m in re.finditer(r"Pierre|Anna Pavlovna", text)]
    worst = 0.0
    began = time.perf_counter()
    for start in range(0, chunks * CHUNK, CHUNK):
        step = time.perf_counter()
        view.add_spans([s for s in spans if start <= s.start < start + CHUNK])
        view.flush_highlighting()
        app.processEvents()
        worst = max(worst, time.perf_counter() - step)
    highlighted = time.perf_counter() - began
    bar = FindBar(view)
    began = time.perf_counter()
    bar.field.setText("natasha")
    bar.search()
    app.processEvents()
    found = time.perf_counter() - began
    view.close()
    return {"shown_s": shown, "chunks_s": highlighted, "worst_chunk_s": worst, "find_s": found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--chunks", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    prose = " ".join((ROOT / "tests" / "data" / "war-and-peace-excerpt.txt").read_text(encoding="utf-8").split())
    size = int(args.mb * 1_000_000)
    text = (prose * (size // len(prose) + 1))[:size] + "\n"
    gazette = measure(app, text, args.chunks, pieces=True)
    naive = measure(app, text, args.chunks, pieces=False)
    for name, figures in (("gazette", gazette), ("whole line", naive)):
        print(f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    out = {f"{k}_{who}": round(v, 3) for who, f in (("gazette", gazette), ("naive", naive)) for k, v in f.items()}
    out["chunk_ratio"] = round(gazette["chunks_s"] / naive["chunks_s"], 4) if naive["chunks_s"] else None
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
