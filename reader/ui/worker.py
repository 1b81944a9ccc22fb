"""Background analysis: a worker thread drives the analysis processes.

:class:`AnalysisService` is the one seam through which the window starts work.
Plain data crosses threads: a ``str`` goes in; tuples of ``(start, end, kind)``
and a frozen :class:`~reader.core.model.Analysis` come out through signals.
spaCy itself runs in child processes (:mod:`reader.nlp.process`), so this
process's interpreter stays free for the window.
"""

from __future__ import annotations

import bisect
import gc
import linecache
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.heap import return_free_memory
from reader.core.model import Analysis, ChunkSpans
from reader.core.places import default_gazetteer
from reader.nlp.analyse import analysis_of_chunks
from reader.nlp.pipeline import INSTALL_HINT
from reader.nlp.process import AnalysisError, shared_pool

#: A book's figures so far (a provisional grouping) are sent at most this often, in seconds.
PARTIAL_SECONDS = 1.0
#: At least this many times as long as the last figures took passes before the next.
PARTIAL_COST_RATIO = 20
#: How often the interpreter switches threads while those figures are made, in seconds.
PARTIAL_SWITCH_SECONDS = 0.0005


def keep_out_of_collections() -> None:
    """Take every object alive now (Qt's wrappers, the modules, the gazetteer's tables) out of Python's
    cyclic collections.

    A full collection looks at every object that has lived long, holding the
    interpreter all the while: with the gazetteer's hundreds of thousands of
    entries that is 40-80 ms, a pause the window's thread feels whenever the
    figures of a book made so far bring one about. Objects frozen here stay
    alive as long as they are used and are freed as always when they are not;
    only the objects of a reference cycle among them would be kept.
    """
    gc.freeze()


def collect_between_texts() -> None:
    """One full collection of everything, frozen or not, then freeze what is left.

    Run when another text is shown (the window changes then anyway): the
    reference cycles of the texts shown before, kept by the freezing, are
    freed, so a long session does not keep them.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def forget_module_sources() -> None:
    """Drop the source lines Python keeps for tracebacks.

    The Qt binding reads the whole source of every module imported after it,
    to see whether the module uses it, and ``linecache`` then keeps them all:
    about 6 MB for the window's modules. Run when a text is shown, and after
    each grouping (the first imports the name rules, about 2 MB of source);
    a traceback reads again the lines it needs.
    """
    linecache.clearcache()


def warm_up_grouping() -> None:
    """Group a sentence of made-up names, so the first text's grouping finds its rules ready.

    The first grouping imports the name rules and the name parser (about fifty
    modules) and reads their word lists: done then, while a book's first
    chunks come in, each import held the interpreter long enough for the
    window to miss its frame (20-25 ms, a second after the book was shown).
    Done here, on this thread while the model loads, before anything is shown.
    """
    from reader.core.analysis import build_analysis
    from reader.core.model import RawSpan

    text = "Ida Voss of the Kestrel Party met Dr. Hal Brannock, Jr. in Paris (France) on Monday."
    raw = []
    for surface, label in (
        ("Ida Voss", "PERSON"),
        ("Kestrel Party", "ORG"),
        ("Hal Brannock", "PERSON"),
        ("Paris", "GPE"),
        ("France", "GPE"),
        ("Monday", "DATE"),
    ):
        start = text.index(surface)
        raw.append(RawSpan(start, start + len(surface), label))
    build_analysis(text, raw)
    forget_module_sources()


@contextmanager
def grouping_in_the_background() -> Iterator[None]:
    """Run pure-Python grouping on this (the worker's) thread without making the window's thread wait.

    The interpreter is handed to the window's thread often meanwhile, and no
    automatic collection runs: the grouping makes hundreds of thousands of
    objects, and the full collections they brought about (nothing to free,
    but 15-35 ms each, holding the interpreter) were the window's longest
    pauses. What the grouping leaves alive is then kept out of collections.
    """
    switch = sys.getswitchinterval()
    collecting = gc.isenabled()
    sys.setswitchinterval(PARTIAL_SWITCH_SECONDS)
    gc.disable()
    try:
        yield
    finally:
        forget_module_sources()
        keep_out_of_collections()
        sys.setswitchinterval(switch)
        if collecting:
            gc.enable()


class AnalysisWorker(QObject):
    """Lives in the worker thread: starts the processes, then analyses texts."""

    modelReady = Signal(str, str)  # pipeline name, version
    modelFailed = Signal(str)  # message for a person
    #: job, the text before this offset is all analysed, one chunk's (start, end, kind) in code points
    #: (chunks near where the reader is come first, so in any order)
    chunkReady = Signal(int, int, object)
    progress = Signal(int, int)  # job, percent of the text analysed
    partial = Signal(int, object)  # job, the Analysis of the chunks so far (a long text's)
    finished = Signal(int, object)  # job, (Analysis, its highlight spans)
    failed = Signal(int, str)  # job, message

    def __init__(self, model: str | None = None) -> None:
        super().__init__()
        self.pool = shared_pool(model)
        self._load_error: str | None = None
        # The job the window wants now; others stop at their next chunk.
        # Written by the GUI thread, read here: a plain int is safe under the GIL.
        self.wanted_job = 0
        # (job, start, end): the code points the reader is looking at, analysed next.
        self.wanted_range: tuple[int, int, int] | None = None

    @Slot()
    def load_model(self) -> None:
        try:
            self.pool.start()
            default_gazetteer()
            warm_up_grouping()
            keep_out_of_collections()
        except AnalysisError as exc:
            self._load_error = str(exc)
            self.modelFailed.emit(self._load_error)
            return
        except Exception as exc:  # a broken install must not kill the window
            traceback.print_exc(file=sys.stderr)
            self._load_error = f"The language model could not be loaded: {exc}. {INSTALL_HINT}"
            self.modelFailed.emit(self._load_error)
            return
        self.modelReady.emit(self.pool.name, self.pool.version)

    @Slot(int, object)
    def analyse(self, job: int, text: str) -> None:
        if job != self.wanted_job:
            return
        if self._load_error:
            self.failed.emit(job, self._load_error)
            return
        try:
            with self.pool.job_lock:
                self._run(job, text)
        except AnalysisError as exc:
            self.failed.emit(job, str(exc))
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(job, f"The analysis stopped with an error: {exc}")
        return_free_memory()

    def _run(self, job: int, text: str) -> None:
        total = max(1, len(text))
        arrived: dict[int, ChunkSpans] = {}  # by start
        upto = 0  # the text before this is all analysed
        analysed = 0
        partial_due = time.monotonic() + PARTIAL_SECONDS

        def on_chunk(chunk: ChunkSpans) -> None:
            nonlocal upto, analysed, partial_due
            arrived[chunk.start] = chunk
            analysed += chunk.end - chunk.start
            while upto in arrived and upto < len(text):
                upto = arrived[upto].end
            self.chunkReady.emit(job, upto, [(s.start, s.end, s.kind) for s in chunk.spans])
            self.progress.emit(job, min(99, analysed * 100 // total))
            if time.monotonic() >= partial_due and analysed < len(text):
                began = time.monotonic()
                # The figures will live until the next ones: no collection need look at them.
                with grouping_in_the_background():
                    partial = self._partial_analysis(text, arrived)
                self.partial.emit(job, partial)
                # A book's grouping grows with it: spend no more than about a
                # twentieth of the time on the figures so far, which take a core
                # from the analysis processes.
                cost = time.monotonic() - began
                partial_due = time.monotonic() + max(PARTIAL_SECONDS, PARTIAL_COST_RATIO * cost)

        chunks = self.pool.run(text, job, lambda: job == self.wanted_job, on_chunk, lambda: self._priority(job))
        if job != self.wanted_job:
            return
        # Pure Python, as the figures so far; the analysis lives as long as its tab.
        with grouping_in_the_background():
            analysis = analysis_of_chunks(text, chunks, default_gazetteer(), self.pool.name, self.pool.version)
        # The mentions are the highlights as they are: a book's are not copied into spans.
        spans = analysis.mentions
        self.progress.emit(job, 100)
        self.finished.emit(job, (analysis, spans))

    def _priority(self, job: int) -> tuple[int, int] | None:
        wanted = self.wanted_range
        return (wanted[1], wanted[2]) if wanted is not None and wanted[0] == job else None

    def _partial_analysis(self, text: str, arrived: dict[int, ChunkSpans]) -> Analysis:
        """The analysis of the chunks analysed so far, in ``text``'s offsets (see :func:`partial_analysis`)."""
        return partial_analysis(text, arrived, self.pool.name, self.pool.version)


#: What stands between two analysed stretches of a text that are not next to each other.
GAP = "\n\n"


def partial_analysis(text: str, arrived: dict[int, ChunkSpans], name: str = "", version: str = "") -> Analysis:
    """The analysis of ``text``'s chunks analysed so far (``arrived``, by start).

    They are grouped as one text of only those chunks, a paragraph break
    where a stretch not analysed yet lies between two, so the grouping's scans
    (names repeated, datelines, captions) cost what the analysed text costs
    and see nothing of the rest; the offsets are then those of ``text`` again.
    """
    chunks = [arrived[start] for start in sorted(arrived)]
    pieces: list[str] = []
    starts: list[int] = []  # where each chunk starts in the joined text
    shifts: list[int] = []  # what to add to an offset of the joined text in that chunk
    shifted: list[ChunkSpans] = []
    at = 0
    previous_end = 0
    for chunk in chunks:
        if pieces and chunk.start != previous_end:
            pieces.append(GAP)
            at += len(GAP)
        shift = chunk.start - at
        starts.append(at)
        shifts.append(shift)
        pieces.append(text[chunk.start : chunk.end])
        shifted.append(
            ChunkSpans(
                at,
                at + chunk.end - chunk.start,
                tuple(replace(r, start=r.start - shift, end=r.end - shift) for r in chunk.raw),
                tuple(replace(sp, start=sp.start - shift, end=sp.end - shift) for sp in chunk.spans),
            )
        )
        at += chunk.end - chunk.start
        previous_end = chunk.end
    joined = analysis_of_chunks("".join(pieces), shifted, default_gazetteer(), name, version)

    def back(offset: int) -> int:
        return offset + shifts[max(0, bisect.bisect_right(starts, offset) - 1)]

    mentions = tuple(replace(m, start=back(m.start), end=back(m.start) + m.end - m.start) for m in joined.mentions)
    entities = tuple(replace(e, first=back(e.first)) for e in joined.entities)
    return replace(joined, mentions=mentions, entities=entities, _by_id={})


class AnalysisService(QObject):
    """Owns the worker thread; the window starts and cancels jobs through it."""

    modelReady = Signal(str, str)
    modelFailed = Signal(str)
    chunkReady = Signal(int, int, object)
    progress = Signal(int, int)
    partial = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, str)

    # The text crosses as the Python object it is (immutable, so safe to
    # share): as a ``str`` argument it would be copied into a QString and back
    # into a new str, which for a long text is twice its size again, or more.
    _analyse = Signal(int, object)
    _load = Signal()

    thread: QThread  # type: ignore[assignment]  # the worker's thread, in place of QObject.thread()

    def __init__(self, model: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = 0
        self.model_ready = False
        self.model_error: str | None = None
        self.model_name = ""
        self.thread = QThread()
        self.thread.setObjectName("gazette-analysis")
        self.worker = AnalysisWorker(model)
        self.worker.moveToThread(self.thread)
        self._load.connect(self.worker.load_model)
        self._analyse.connect(self.worker.analyse)
        self.worker.modelReady.connect(self._on_model_ready)
        self.worker.modelFailed.connect(self._on_model_failed)
        self.worker.chunkReady.connect(self.chunkReady)
        self.worker.progress.connect(self.progress)
        self.worker.partial.connect(self.partial)
        self.worker.finished.connect(self.finished)
        self.worker.failed.connect(self.failed)
        self.thread.start()
        self._load.emit()

    def _on_model_ready(self, name: str, version: str) -> None:
        self.model_ready = True
        self.model_name = f"{name} {version}".strip()
        self.modelReady.emit(name, version)

    def _on_model_failed(self, message: str) -> None:
        self.model_error = message
        self.modelFailed.emit(message)

    def start(self, text: str) -> int:
        """Queue an analysis of ``text``; earlier jobs stop. Returns the job number."""
        self._job += 1
        self.worker.wanted_job = self._job
        self._analyse.emit(self._job, text)
        return self._job

    def prioritise(self, job: int, start: int, end: int) -> None:
        """Analyse job ``job``'s code points ``start:end`` next (where the reader is looking)."""
        self.worker.wanted_range = (job, start, end)

    def cancel(self) -> None:
        """Stop the running job at its next chunk; its results will be ignored."""
        self._job += 1
        self.worker.wanted_job = self._job

    def shutdown(self) -> None:
        """Stop the worker thread and wait for it (a model load finishes first)."""
        self.cancel()
        self.thread.quit()
        self.thread.wait()
