"""A stand-in for the analysis service: known spans on made-up texts, no language model.

:class:`FakeAnalysisService` has the signals and methods of
:class:`reader.ui.worker.AnalysisService`. Its "model" is a table of names and
spaCy labels: every occurrence of a name in a text becomes a raw span, and the
analysis is built from those spans by :func:`reader.core.analysis.build_analysis`,
the grouping, cleaning and country code the real worker runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.analysis import build_analysis
from reader.core.chunks import split_chunks
from reader.core.model import Analysis, RawSpan

MODEL_NAME, MODEL_VERSION = "fake_ner", "1.0"

#: A made-up article, one paragraph per line, with a caption that colours its map.
ARTICLE = (
    "Ferry deal signed in Lisbon\n"
    "LISBON — Maria Ortega, the mayor of Lisbon, signed a ferry agreement with envoys from Morocco on Monday, "
    "after two days of talks at the Atlantic Port Authority.\n"
    "“This is a timetable, not a wish list,” Ortega told reporters. The Atlantic Port Authority will run "
    "three crossings a day between Lisbon and Tangier from the spring.\n"
    "Karim Haddad, who speaks for the port of Tangier, said Morocco would build a new terminal. "
    "Portuguese and Moroccan crews will share the work. Haddad and Ortega will meet again in Tangier in June.\n"
    "Portugal and Morocco signed.\n"
    "Portugal = Red\n"
    "Green = Morocco\n"
)

#: What the fake model finds in :data:`ARTICLE` (and in any other text).
NAMES: dict[str, str] = {
    "Maria Ortega": "PERSON",
    "Ortega": "PERSON",
    "Karim Haddad": "PERSON",
    "Haddad": "PERSON",
    "Lisbon": "GPE",
    "Morocco": "GPE",
    "Tangier": "GPE",
    "Portugal": "GPE",
    "Atlantic Port Authority": "ORG",
    "Portuguese": "NORP",
    "Moroccan": "NORP",
}


def find_names(text: str, names: Mapping[str, str]) -> list[RawSpan]:
    """Every whole-word occurrence of each name, longest names first, none overlapping."""
    taken: list[tuple[int, int]] = []
    spans: list[RawSpan] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            spans.append(RawSpan(start, end, names[name]))
    return sorted(spans, key=lambda s: s.start)


def analyse(text: str, names: Mapping[str, str] = NAMES) -> Analysis:
    """The analysis the fake service gives ``text``."""
    return build_analysis(text, find_names(text, names), None, MODEL_NAME, MODEL_VERSION)


class FakeAnalysisService(QObject):
    """Answers each job with the analysis of :func:`analyse`, in chunks like the real worker.

    With ``auto`` the answer comes in the next turns of the event loop, and only
    for the job the window still wants (as the real worker drops stale jobs);
    without it a test calls :meth:`answer` (for any job, stale or not),
    :meth:`fail` or nothing. ``model_error`` makes a service whose model did not load.
    """

    modelReady = Signal(str, str)
    modelFailed = Signal(str)
    chunkReady = Signal(int, int, object)
    progress = Signal(int, int)
    partial = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(
        self,
        names: Mapping[str, str] = NAMES,
        *,
        auto: bool = True,
        model_error: str | None = None,
        chunk_chars: int = 200,
        partial_every: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.names = dict(names)
        self.auto = auto
        self.chunk_chars = chunk_chars
        self.partial_every = partial_every  # send the figures so far after every N chunks (0: never)
        self.prioritised: list[tuple[int, int, int]] = []  # (job, start, end), every prioritise call
        self.model_ready = model_error is None
        self.model_error = model_error
        self.model_name = f"{MODEL_NAME} {MODEL_VERSION}" if model_error is None else ""
        self.texts: dict[int, str] = {}  # job -> text, every job started
        self.wanted_job = 0
        self.shut_down = False

    def start(self, text: str) -> int:
        self.wanted_job += 1
        job = self.wanted_job
        self.texts[job] = text
        if self.auto:
            QTimer.singleShot(0, self, lambda: self._answer_if_wanted(job))
        return job

    def cancel(self) -> None:
        self.wanted_job += 1

    def prioritise(self, job: int, start: int, end: int) -> None:
        self.prioritised.append((job, start, end))

    def shutdown(self) -> None:
        self.cancel()
        self.shut_down = True

    def _answer_if_wanted(self, job: int) -> None:
        if job == self.wanted_job:
            self.answer(job)

    def answer(self, job: int | None = None, chunks: int | None = None) -> Analysis:
        """Send job ``job``'s (default: the last one's) chunks, progress and result.

        ``chunks`` stops after that many chunks, without the result.
        """
        job = job or max(self.texts)
        text = self.texts[job]
        analysis = analyse(text, self.names)
        total = max(1, len(text))
        ranges = split_chunks(text, self.chunk_chars)
        for number, (start, end) in enumerate(ranges[:chunks], 1):
            spans = [(m.start, m.end, m.kind) for m in analysis.mentions if start <= m.start < end]
            self.chunkReady.emit(job, end, spans)
            self.progress.emit(job, min(99, end * 100 // total))
            if self.partial_every and number % self.partial_every == 0 and end < len(text):
                self.partial.emit(job, analyse(text[:end], self.names))
        if chunks is None:
            self.progress.emit(job, 100)
            self.finished.emit(job, (analysis, analysis.mentions))
        return analysis

    def fail(self, job: int | None, message: str) -> None:
        self.failed.emit(job or max(self.texts), message)

    def lose_model(self, message: str) -> None:
        """The model cannot be loaded: tell the window, as the real service does."""
        self.model_ready = False
        self.model_error = message
        self.modelFailed.emit(message)
