"""Background analysis: the spaCy pipeline runs in a worker thread.

:class:`AnalysisService` is the one seam through which the window starts work.
Plain data crosses threads: a ``str`` goes in; tuples of ``(start, end, kind)``
and a frozen :class:`~reader.core.analysis.Analysis` come out through signals.
"""

from __future__ import annotations

import sys
import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.analysis import build_analysis, lowercase_words
from reader.core.entities import RawSpan, clean_span, remove_overlaps
from reader.core.places import default_gazetteer
from reader.nlp.pipeline import ModelNotFoundError, Pipeline, load_pipeline

# Pipelines already loaded in this process, by requested name: a second window
# (or a test) does not pay for loading again.
_PIPELINES: dict[str, Pipeline] = {}
_PIPELINE_LOCK = threading.Lock()


def shared_pipeline(model: str | None) -> Pipeline:
    """Load the pipeline once per process and return it."""
    key = model or ""
    with _PIPELINE_LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = load_pipeline(model)
        return _PIPELINES[key]


class AnalysisWorker(QObject):
    """Lives in the worker thread: loads the model, then analyses texts."""

    modelReady = Signal(str, str)  # pipeline name, version
    modelFailed = Signal(str)  # message for a person
    chunkReady = Signal(int, object)  # job, list of (start, end, kind) in code points
    progress = Signal(int, int)  # job, percent
    finished = Signal(int, object)  # job, Analysis
    failed = Signal(int, str)  # job, message

    def __init__(self, model: str | None = None) -> None:
        super().__init__()
        self._model = model
        self._pipeline: Pipeline | None = None
        self._load_error: str | None = None
        # The job the window wants now; others stop at their next chunk.
        # Written by the GUI thread, read here: a plain int is safe under the GIL.
        self.wanted_job = 0

    @Slot()
    def load_model(self) -> None:
        try:
            self._pipeline = shared_pipeline(self._model)
            default_gazetteer()
        except ModelNotFoundError as exc:
            self._load_error = str(exc)
            self.modelFailed.emit(self._load_error)
            return
        except Exception as exc:  # a broken install must not kill the window
            self._load_error = f"The language model could not be loaded: {exc}"
            traceback.print_exc(file=sys.stderr)
            self.modelFailed.emit(self._load_error)
            return
        self.modelReady.emit(self._pipeline.name, self._pipeline.version)

    @Slot(int, str)
    def analyse(self, job: int, text: str) -> None:
        if job != self.wanted_job:
            return
        if self._pipeline is None:
            self.failed.emit(job, self._load_error or "No language model is loaded.")
            return
        try:
            self._run(job, text, self._pipeline)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(job, f"The analysis stopped with an error: {exc}")

    def _run(self, job: int, text: str, pipeline: Pipeline) -> None:
        gaz = default_gazetteer()
        common = frozenset(lowercase_words(text))
        raw: list[RawSpan] = []
        total = max(1, len(text))
        for chunk in pipeline.iter_chunks(text):
            if job != self.wanted_job:
                return
            raw.extend(chunk.spans)
            cleaned = []
            for span in chunk.spans:
                cleaned.extend(clean_span(text, span, gaz, common))
            provisional = [(s.start, s.end, s.kind) for s in remove_overlaps(cleaned)]
            self.chunkReady.emit(job, provisional)
            self.progress.emit(job, min(99, chunk.end * 100 // total))
        if job != self.wanted_job:
            return
        analysis = build_analysis(text, raw, gaz, pipeline.name, pipeline.version)
        self.progress.emit(job, 100)
        self.finished.emit(job, analysis)


class AnalysisService(QObject):
    """Owns the worker thread; the window starts and cancels jobs through it."""

    modelReady = Signal(str, str)
    modelFailed = Signal(str)
    chunkReady = Signal(int, object)
    progress = Signal(int, int)
    finished = Signal(int, object)
    failed = Signal(int, str)

    _analyse = Signal(int, str)
    _load = Signal()

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

    def cancel(self) -> None:
        """Stop the running job at its next chunk; its results will be ignored."""
        self._job += 1
        self.worker.wanted_job = self._job

    @property
    def current_job(self) -> int:
        return self._job

    def shutdown(self) -> None:
        """Stop the worker thread and wait for it (the model load finishes first)."""
        self.cancel()
        self.thread.quit()
        self.thread.wait()
