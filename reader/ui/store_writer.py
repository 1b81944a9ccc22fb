"""The corrections store's writes, off the window's thread.

A write waits for SQLite when another program holds the store (up to its busy
timeout, ten seconds); the window must not. :class:`StoreWriter` runs each
write in one background thread, in the order given, on a connection of its
own, and answers on the window's thread: ``finished(job, result)`` or
``failed(job, message)``. The window shows a correction at once and takes it
back, with the reason, if it could not be kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.corrections import BUSY_SECONDS, Correction, CorrectionsError, CorrectionStore

#: What a write will change, shown before it is made: (the corrections, which ones to keep) -> the corrections after.
Overlay = Callable[[list[Correction], Callable[[Correction], bool]], list[Correction]]


def keep_overlay(corrections: list[Correction]) -> Overlay:
    """The overlay of keeping ``corrections``: each replaces any with its target."""

    def overlay(rows: list[Correction], wanted: Callable[[Correction], bool]) -> list[Correction]:
        targets = {c.target for c in corrections}
        return [r for r in rows if r.target not in targets] + [c for c in corrections if wanted(c)]

    return overlay


def forget_overlay(corrections: list[Correction], then: list[Correction] | None = None) -> Overlay:
    """The overlay of forgetting ``corrections`` (then keeping ``then``)."""

    def overlay(rows: list[Correction], wanted: Callable[[Correction], bool]) -> list[Correction]:
        targets = {c.target for c in corrections}
        rest = [r for r in rows if r.target not in targets]
        return keep_overlay(then)(rest, wanted) if then else rest

    return overlay


@dataclass(eq=False)
class StoreJob:
    """One write: ``work(store)`` runs in the writer's thread; its result comes back with the job.

    ``overlay`` is what the write changes, for the window to show before it is
    made; ``done`` and ``failed`` are called on the window's thread after it;
    ``failure`` begins the message that says it could not be made.
    """

    work: Callable[[CorrectionStore], Any]
    overlay: Overlay
    done: Callable[[Any], None] | None = None
    failed: Callable[[], None] | None = None
    failure: str = "The correction could not be saved"


def describe_store_error(exc: BaseException) -> str:
    """Why the store could not take a write, for a person."""
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return "the corrections store is in use by another program (it stayed locked)"
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace("-", "").replace(" ", ""):
        return "the corrections store is read-only"
    return str(exc)


class _Runner(QObject):
    """Lives in the writer's thread; owns its connection to the store."""

    finished = Signal(object, object)  # job, result
    failed = Signal(object, str)  # job, message

    def __init__(self, path: Path, busy_seconds: float) -> None:
        super().__init__()
        self.path = path
        self.busy_seconds = busy_seconds
        self.store: CorrectionStore | None = None

    @Slot(object)
    def run(self, job: StoreJob) -> None:
        try:
            if self.store is None:
                self.store = CorrectionStore(self.path, busy_seconds=self.busy_seconds)
            result = job.work(self.store)
        except (CorrectionsError, sqlite3.Error, OSError) as exc:
            self.failed.emit(job, describe_store_error(exc))
        else:
            self.finished.emit(job, result)

    @Slot()
    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        QThread.currentThread().quit()


class StoreWriter(QObject):
    """Writes to the corrections store at ``path`` in a background thread, one job after another."""

    finished = Signal(object, object)  # job, result; on the window's thread
    failed = Signal(object, str)  # job, message; on the window's thread
    _submit = Signal(object)
    _close = Signal()

    def __init__(self, path: Path, parent: QObject | None = None, busy_seconds: float = BUSY_SECONDS) -> None:
        super().__init__(parent)
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("gazette-corrections-writer")
        self.runner = _Runner(path, busy_seconds)
        self.runner.moveToThread(self.worker_thread)
        self._submit.connect(self.runner.run)
        self._close.connect(self.runner.close)
        self.runner.finished.connect(self.finished)
        self.runner.failed.connect(self.failed)

    def submit(self, job: StoreJob) -> None:
        """Queue ``job``; it runs after every job queued before it (the thread starts with the first)."""
        if not self.worker_thread.isRunning():
            self.worker_thread.start()
        self._submit.emit(job)

    def shutdown(self, wait_ms: int = int(BUSY_SECONDS * 1000) + 2000) -> None:
        """Finish the queued jobs, close the connection and stop the thread (waiting at most ``wait_ms``)."""
        if self.worker_thread.isRunning():
            self._close.emit()
            self.worker_thread.wait(wait_ms)
