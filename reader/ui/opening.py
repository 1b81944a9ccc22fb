"""Opening documents other than text files: read off the window's thread, page by page, cancellable.

A PDF shows its first pages while the rest is read; an encrypted one asks for
its password; one without a text layer offers OCR in the banner; every failure
is one message in the banner. The status bar says which page is at the top of
the view ("p. 12 of 340").
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QProgressBar, QToolButton

from reader.core.document import Document, DocumentError
from reader.core.formats import NoTextLayerError, PasswordError, Progress, stream_document
from reader.ui.icons import icon

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class DocumentReader(QObject):
    """Reads one document at a time in a background thread; a new one (or :meth:`cancel`) stops the last.

    ``progressed`` gives ``(job, Progress)`` as pages come, the whole document last;
    ``failed`` gives ``(job, DocumentError)``. Results of an older job are the caller's to drop.
    """

    progressed = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def read(self, path: Path, password: str | None = None, ocr: bool = False) -> int:
        self.cancel()
        self.job += 1
        job, stop = self.job, threading.Event()
        self._stop = stop

        def run() -> None:
            try:
                for progress in stream_document(path, password, ocr, stop.is_set):
                    self.progressed.emit(job, progress)
            except DocumentError as exc:
                self.failed.emit(job, exc)
            except Exception as exc:  # a reader's library failing in a way nobody foresaw: say so, never crash
                self.failed.emit(job, DocumentError(f"“{path}” could not be read ({type(exc).__name__}: {exc})."))

        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=run, name="gazette-document-reader", daemon=True)
        self._threads.append(thread)
        thread.start()
        return job

    def cancel(self) -> None:
        self._stop.set()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop reading and wait for the threads (a page being recognised finishes first)."""
        self.cancel()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []


class Opening(QObject):
    """The window's side of :class:`DocumentReader`: tabs, banner, password, OCR offer, progress, page label."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reader = DocumentReader(self)
        self.reader.progressed.connect(self._progressed)
        self.reader.failed.connect(self._failed)
        self.path: Path | None = None
        self._shown: Document | None = None
        #: The most pages read so far, shown when the reader reaches the end of what is shown.
        self._latest: Document | None = None
        self._password: str | None = None
        self._ocr = False
        #: Files to open after this one, one at a time: (path, password, OCR, resumed). A resumed one was
        #: interrupted by another file's opening with only its first pages shown; it is read again, behind.
        self.queue: list[tuple[Path, str | None, bool, bool]] = []
        self._resumed = False
        bar = window.statusBar()
        self.page_label = QLabel(window)
        self.page_label.setContentsMargins(6, 0, 6, 0)
        self.page_label.hide()
        self.progress = QProgressBar(window)
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stop_button = QToolButton(window)
        self.stop_button.setAutoRaise(True)
        self.stop_button.setToolTip("Stop reading the document (the pages read so far stay)")
        self.stop_button.setIcon(icon("mdi6.close-circle-outline"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        bar.insertPermanentWidget(0, self.page_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.stop_button)
        window.view.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())

    # -- reading --------------------------------------------------------------

    @property
    def reading(self) -> bool:
        return self.path is not None

    def open(self, path: Path, password: str | None = None, ocr: bool = False, resumed: bool = False) -> None:
        """Read ``path`` in the background; it opens in a tab as soon as its first pages are read.

        A document whose first pages are shown but whose reading this interrupts is read again after it.
        """
        if self.path is not None and self._shown is not None and self.path != path:
            self.queue.insert(0, (self.path, self._password, self._ocr, True))
        self.path, self._shown, self._password, self._ocr = path, None, password, ocr
        self._latest = None
        self._resumed = resumed
        self.reader.read(path, password, ocr)
        self.progress.setRange(0, 0)
        self.progress.setFormat("Recognising…" if ocr else "Reading…")
        self.progress.show()
        self.stop_button.show()
        self.window.statusBar().showMessage(f"Opening {path.name}…")

    def enqueue(self, path: Path) -> None:
        """Open ``path`` after the document being read (at once if none is)."""
        self.queue.append((path, None, False, False))
        if not self.reading:
            self._open_next()

    def stop(self) -> None:
        """Stop reading: the pages read so far stay open, and the banner says how to read the rest."""
        self.reader.cancel()

    def shutdown(self) -> None:
        self.reader.shutdown()

    def _finish(self) -> None:
        self.path = None
        self.progress.hide()
        self.stop_button.hide()
        self.window.statusBar().clearMessage()
        if self.queue:
            QTimer.singleShot(0, self, self._open_next)

    def _open_next(self) -> None:
        while self.queue and not self.reading:
            path, password, ocr, resumed = self.queue.pop(0)
            if resumed:
                self.open(path, password, ocr, resumed=True)
            else:
                self.window.open_path(path)

    def _progressed(self, job: int, progress: Progress) -> None:
        if job != self.reader.job or self.path is None:
            return
        path = self.path
        document = progress.document
        self._latest = document
        if progress.complete or self._shown is None or self._ocr or self._at_the_end():
            self._show(document)
        if progress.total > 1:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress.setFormat(f"{'Recognising' if self._ocr else 'Reading'} p. %v of %m")
        if progress is not None and (progress.complete or self.reader._stop.is_set()):
            last = progress.done
            self._finish()
            self.window.recent.add(path)
            self.window.settings["last_folder"] = str(path.resolve().parent)
            if not progress.complete:
                self._show(document)
                self.window.banner.show_message(
                    f"Stopped reading “{path.name}” after page {last} of {progress.total}. "
                    "The pages read are shown; press F5 to read it all.",
                    "info",
                )
            self._warn_low_confidence(document)
            if document.format == "email":
                self._offer_attachments(path, document)

    def _show(self, document: Document) -> None:
        """Show ``document`` in its tab: first in a new tab, then in place, keeping the reader's place."""
        window = self.window
        index = window.tabs.index_of(str(Path(document.path).resolve())) if document.path else -1
        if self._shown is None and not (self._resumed and index >= 0):
            window._open_in_tab(document)
        else:
            if index < 0:
                return  # its tab was closed while it was read
            scroll = window.view.verticalScrollBar().value()
            current = index == window.tabs.currentIndex()
            window.tabs.replace(index, document)
            if current:
                window.show_document(document)
                window.view.verticalScrollBar().setValue(scroll)
        self._shown = document

    def _at_the_end(self) -> bool:
        """Whether the reader is looking at the last screen of a document still being read."""
        if self._shown is None or self.window.document is not self._shown:
            return False
        bar = self.window.view.verticalScrollBar()
        return bar.value() >= bar.maximum() - bar.pageStep()

    def _scrolled(self) -> None:
        self.update_page_label()
        # The pages read since are shown when the reader reaches the end of those shown: no new text,
        # and no new analysis, while the reader is elsewhere.
        latest = self._latest
        if self.reading and latest is not None and latest is not self._shown and self._at_the_end():
            self._show(latest)

    def _failed(self, job: int, error: DocumentError) -> None:
        if job != self.reader.job or self.path is None:
            return
        path = self.path
        self._finish()
        banner = self.window.banner
        if isinstance(error, PasswordError):
            password = self.window.ask_password(path, error.wrong)
            if password is not None:
                self.open(path, password=password)
            else:
                banner.show_message(f"“{path.name}” was not opened: it needs its password.", "info")
            return
        if isinstance(error, NoTextLayerError):
            password = self._password
            banner.show_message(
                str(error),
                "info",
                action=("Recognise with OCR", lambda: self.open(path, password=password, ocr=True)),
            )
            return
        banner.show_message(f"Could not open the file. {error}", "error")

    def _warn_low_confidence(self, document: Document) -> None:
        from reader.core.formats.ocr import LOW_CONFIDENCE

        sources = document.sources
        sections = sources.sections if sources else ()
        low = [s for s in sections if s.confidence is not None and s.confidence < LOW_CONFIDENCE]
        if low:
            pages = ", ".join(f"{s.page} ({s.confidence:.0f}%)" for s in low[:8] if s.confidence is not None)
            self.window.banner.show_message(
                f"Recognition was uncertain on page{'s' * (len(low) > 1)} {pages}: check names against the scan.",
                "info",
            )

    def _offer_attachments(self, path: Path, document: Document) -> None:
        """An e-mail's attachments are offered in the banner; they open as documents of their own."""
        from reader.core.formats.readers import attachments

        try:
            found = attachments(path.read_bytes())
        except (OSError, ValueError, LookupError):
            return
        if not found:
            return
        names = ", ".join(a.name for a in found[:5]) + ("…" if len(found) > 5 else "")
        self.window.banner.show_message(
            f"This e-mail has {len(found)} attachment{'s' * (len(found) > 1)}: {names}.",
            "info",
            action=("Open Attachments", lambda: self._open_attachments_now(path, document.sha256)),
        )

    def _open_attachments_now(self, path: Path, sha256: str) -> None:
        self.open_attachments(path, sha256)

    def open_attachments(self, path: Path, sha256: str) -> list[Path]:
        """Save the e-mail's attachments in the cache folder and open each in a tab of its own."""
        from reader.core.formats.readers import save_attachments
        from reader.nlp.regex_cache import cache_dir

        folder = cache_dir() / "attachments" / sha256[:16]
        try:
            saved = save_attachments(path.read_bytes(), folder)
        except OSError as exc:
            self.window.banner.show_message(
                f"The attachments could not be saved in {folder}: {exc.strerror or exc}.", "error"
            )
            return []
        self.queue.extend((attachment, None, False, False) for attachment in saved)
        self._open_next()
        return saved

    # -- the page at the top of the view -----------------------------------------

    def update_page_label(self) -> None:
        """ "p. 12 of 340" (or the chapter's name) for the text at the top of the view."""
        document = self.window.document
        sources = document.sources if document else None
        if not sources or not sources.sections:
            self.page_label.hide()
            return
        view = self.window.view
        cursor = view.cursorForPosition(QPoint(0, 0))
        offset = view.offsets.to_code_point(cursor.position())
        section = sources.at(offset) or sources.sections[0]
        if section.page is not None:
            last = sources.sections[-1].page or section.page
            text = f"p. {section.page} of {last}"
            if section.confidence is not None:
                text += f" · OCR {section.confidence:.0f}%"
        else:
            text = section.label if len(section.label) <= 40 else section.label[:39] + "…"
        self.page_label.setText(text)
        self.page_label.setToolTip(f"Where the top of the view is in the {sources.unit}s of the document")
        self.page_label.show()


def ask_password(parent: MainWindow, path: Path, wrong: bool) -> str | None:
    """Ask for a PDF's password; ``None`` when the reader cancels."""
    prompt = (
        f"The password was wrong. Try again for “{path.name}”:"
        if wrong
        else f"“{path.name}” is protected by a password. Password:"
    )
    text, ok = QInputDialog.getText(parent, "Password", prompt, QLineEdit.EchoMode.Password, "", Qt.WindowType.Dialog)
    return text if ok else None
