#!/usr/bin/env python3
"""Reading documents: PDF pages a second against pdftotext, the first page of a long PDF, OCR, peak memory.

    python benchmarks/bench_formats.py [--pages N] [--long N] [--ocr-pages N]

Makes its own PDFs in a temporary folder (with Qt's QPdfWriter, offscreen):
one of ``--pages`` pages of running text with a header and page numbers, a
``--long``-page one, and ``--ocr-pages`` scanned pages. Then measures, in the
same run:

- pages a second of Gazette's reader (reading order, paragraphs, headers) and
  of ``pdftotext`` (poppler-utils: the naive baseline, text in file order);
- the time until the first pages of the long PDF are ready to show
  (what the window waits for before it shows the document);
- the time from opening the long PDF in the window (offscreen) to its first
  pages on screen;
- OCR seconds a page (Tesseract, 300 dpi);
- the peak memory (max RSS) of a process reading the long PDF whole, beside
  one that only imports the readers.

Prints one line per figure, then a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LINES = [
    "The committee heard evidence from Angela Merkel and officials of the United Nations in Geneva,",
    "who described how the talks with the European Commission had moved from Brussels to Vienna",
    "after the summit. Emmanuel Macron's advisers in Paris said the agreement would be signed in",
    "the spring, while the World Bank asked for figures from Nairobi, Lagos and Johannesburg.",
]


def make_pdfs(folder: Path, pages: int, long: int, ocr_pages: int) -> dict[str, Path]:
    from PySide6.QtGui import QGuiApplication

    from tests.core.formats import makers

    _app = QGuiApplication.instance() or QGuiApplication([])
    page = [LINES[i % len(LINES)] for i in range(44)]
    made = {
        "text": makers.text_pdf(folder / "text.pdf", [page] * pages, header="Committee Report", numbers=True),
        "long": makers.text_pdf(folder / "long.pdf", [page] * long, header="Committee Report", numbers=True),
    }
    if ocr_pages:
        made["scan"] = makers.scanned_pdf(folder / "scan.pdf", [LINES[:3]] * ocr_pages)
    return made


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def first_pages_seconds(path: Path) -> float:
    from reader.core.formats import stream_document

    started = time.perf_counter()
    stream = stream_document(path)
    next(stream)
    elapsed = time.perf_counter() - started
    stream.close()
    return elapsed


WINDOW_CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from reader.ui.app import make_application
app = make_application()
from reader.core.settings import Settings
from reader.ui.main_window import MainWindow
window = MainWindow(Settings(persist=False))
window.show()
loop = QEventLoop()
window.documentOpened.connect(lambda _d: loop.quit())
QTimer.singleShot(60000, loop.quit)
started = time.perf_counter()
window.open_path(Path(sys.argv[1]))
loop.exec()
app.processEvents()
shown = time.perf_counter() - started
pages = window.document.sources.sections[-1].page if window.document else 0
print(f"{shown:.3f} {pages}")
window.close()
"""

# The peak is read from /proc (VmHWM): a child's ru_maxrss counts the parent's memory it was forked from.
MEMORY_CHILD = r"""
import re, sys
from reader.core.formats import load_document
if sys.argv[1] != "-":
    document = load_document(sys.argv[1])
with open("/proc/self/status") as status:
    print(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1))
"""


def peak_rss_mb(code: str, *args: str) -> float:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench_formats: the measuring process failed: {done.stderr.strip()[-300:]}")
    return int(done.stdout.split()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the PDF read against pdftotext (200)")
    parser.add_argument("--long", type=int, default=1000, help="pages of the long PDF (1000)")
    parser.add_argument("--ocr-pages", type=int, default=3, help="scanned pages to recognise (3; 0 to skip)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing; the best is kept (3)")
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        print("bench_formats: pdftotext is missing (Debian: poppler-utils); it is the baseline", file=sys.stderr)
        return 1
    ocr_pages = args.ocr_pages if shutil.which("tesseract") else 0
    from reader.core.formats import load_document

    summary: dict[str, float | int | None] = {}
    with tempfile.TemporaryDirectory(prefix="gazette-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        pdfs = make_pdfs(folder, args.pages, args.long, ocr_pages)
        print(f"made the PDFs in {time.perf_counter() - started:.1f} s ({args.pages}, {args.long} pages)")

        ours = best_of(args.runs, lambda: load_document(pdfs["text"]))
        naive = best_of(
            args.runs,
            lambda: subprocess.run([pdftotext, "-q", str(pdfs["text"]), str(folder / "out.txt")], check=True),
        )
        summary |= {
            "pages": args.pages,
            "gazette_pages_per_s": round(args.pages / ours, 1),
            "pdftotext_pages_per_s": round(args.pages / naive, 1),
            "time_ratio_to_pdftotext": round(ours / naive, 2),
        }
        print(f"text-layer PDF, {args.pages} pages: Gazette {args.pages / ours:.0f} pages/s, "
              f"pdftotext {args.pages / naive:.0f} pages/s (Gazette takes {ours / naive:.2f}× its time)")

        first = min(first_pages_seconds(pdfs["long"]) for _ in range(args.runs))
        whole = best_of(1, lambda: load_document(pdfs["long"]))
        summary |= {"long_pages": args.long, "first_pages_ready_s": round(first, 3), "long_whole_s": round(whole, 2)}
        print(f"{args.long}-page PDF: first pages ready after {first:.3f} s; the whole read in {whole:.1f} s")

        done = subprocess.run(
            [sys.executable, "-c", WINDOW_CHILD, str(pdfs["long"])], cwd=ROOT, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        if done.returncode == 0 and done.stdout.split():
            shown, pages = done.stdout.split()[-2:]
            summary["window_first_pages_shown_s"] = float(shown)
            print(f"{args.long}-page PDF in the window: first pages on screen after {float(shown):.2f} s "
                  f"(pages {pages} of {args.long} read by then)")
        else:
            summary["window_first_pages_shown_s"] = None
            print(f"window: not measured ({done.stderr.strip().splitlines()[-1:] or done.returncode})")

        if ocr_pages:
            ocr = best_of(1, lambda: load_document(pdfs["scan"], ocr=True))
            summary["ocr_s_per_page"] = round(ocr / ocr_pages, 2)
            print(f"OCR: {ocr / ocr_pages:.2f} s a page ({ocr_pages} pages, 300 dpi, one thread)")
        else:
            summary["ocr_s_per_page"] = None
            print("OCR: not measured (no tesseract; Debian: tesseract-ocr tesseract-ocr-eng)")

        base = peak_rss_mb(MEMORY_CHILD, "-")
        peak = peak_rss_mb(MEMORY_CHILD, str(pdfs["long"]))
        summary |= {"peak_rss_mb_imports": round(base), "peak_rss_mb_long_pdf": round(peak)}
        print(f"peak memory reading the {args.long}-page PDF: {peak:.0f} MB "
              f"(the readers imported alone: {base:.0f} MB)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
