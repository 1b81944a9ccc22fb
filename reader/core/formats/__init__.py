"""Open the documents people have: text, PDF (with OCR for scans), DOCX, ODT, EPUB, HTML, e-mail, RTF, images.

:func:`load_document` picks the reader by the file's content (magic bytes, then
the names inside a zip), never by its extension alone, and gives a
:class:`~reader.core.document.Document` whose ``sources`` map offsets back to
pages, chapters or sections. :func:`stream_document` gives the same document
page by page for long PDFs and OCR. Text files go to
:func:`reader.core.document.load_document`, which decodes them.

Every failure is a :class:`~reader.core.document.DocumentError` whose message
names the file and says what is wrong, for one line in the CLI or a banner.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core import document as text_files
from reader.core.document import Document, DocumentError
from reader.core.formats.builder import TextBuilder
from reader.core.formats.errors import NoTextLayerError, PasswordError
from reader.core.formats.sniff import EXTENSIONS, NAMES, sniff

__all__ = [
    "FILE_PATTERNS",
    "MIME_TYPES",
    "NoTextLayerError",
    "PasswordError",
    "Progress",
    "format_of",
    "load_bytes",
    "load_document",
    "stream_document",
]

#: The Open dialog's patterns, by what they are.
FILE_PATTERNS = (
    ("PDF documents", "*.pdf"),
    ("Word and OpenDocument", "*.docx *.odt *.rtf"),
    ("E-books", "*.epub"),
    ("Web pages", "*.html *.htm *.xhtml"),
    ("E-mail", "*.eml"),
    ("Scanned pages", "*.png *.jpg *.jpeg *.tif *.tiff"),
    ("Text files", "*.txt *.text *.md *.csv *.log"),
)
#: The desktop entry's MIME types.
MIME_TYPES = (
    "text/plain", "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text", "application/epub+zip", "text/html", "application/xhtml+xml",
    "message/rfc822", "application/rtf", "text/rtf", "image/png", "image/jpeg", "image/tiff",
)  # fmt: skip
#: Pages of a PDF read before the first partial document is given out.
FIRST_PAGES = 5


@dataclass(frozen=True, slots=True)
class Progress:
    """A document as read so far: ``done`` of ``total`` pages (``total`` 1 for formats without pages)."""

    document: Document
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done >= self.total


def _display(path: Path) -> str:
    name = str(path.absolute())
    return f"{name[:150]}…{name[-150:]}" if len(name) > 300 else name


def load_document(path: str | os.PathLike[str], password: str | None = None, ocr: bool = False) -> Document:
    """Read any supported file into a :class:`Document` (see the module's docstring).

    ``password`` opens an encrypted PDF; ``ocr`` recognises a PDF without a
    text layer (images are always recognised). Raises :class:`DocumentError`
    (or its :class:`PasswordError` and :class:`NoTextLayerError`) with a plain message.
    """
    # stream_document always gives the whole document last
    return deque(stream_document(path, password, ocr), maxlen=1)[0].document


def stream_document(
    path: str | os.PathLike[str],
    password: str | None = None,
    ocr: bool = False,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[Progress]:
    """The document as it is read: for a PDF, after the first pages and then every few pages; the last is whole.

    ``stop`` is asked between pages; when it says so, the stream ends with what
    was read (its last :class:`Progress` is then not ``complete``).
    """
    p = Path(path)
    name = _display(p)
    try:
        info = p.stat()
        regular = stat.S_ISREG(info.st_mode) and 0 < info.st_size <= text_files.MAX_BYTES
        head = b""
        if regular:
            with p.open("rb") as file:
                head = file.read(8192)
    except OSError:
        regular = False
    if not regular:
        # Folders, devices, pipes, empty and oversized files: the text loader says what they are.
        document = text_files.load_document(p)
        yield Progress(document, 1, 1)
        return
    data = b""
    if head.startswith(b"PK\x03\x04"):  # a zip's kind is in its directory, at its end
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise DocumentError(f"“{name}” could not be read: {exc.strerror or exc}.") from None
    kind = sniff(data or head)
    claimed = EXTENSIONS.get(p.suffix.lower())
    if kind == "text":
        try:
            document = text_files.load_document(p)
        except DocumentError as exc:
            if claimed:
                raise DocumentError(
                    f"“{name}” is named like {_article(NAMES[claimed])} file, but its content is not one "
                    "(it may be damaged, or renamed)."
                ) from exc
            raise
        yield Progress(document, 1, 1)
        return
    if kind == "damaged zip":
        what = f"{NAMES[claimed]} file" if claimed in ("docx", "odt", "epub") else "zip file"
        raise DocumentError(f"“{name}” is damaged: this {what}'s zip container cannot be read (is it cut short?).")
    if kind not in NAMES:
        article = "" if kind.startswith(("a ", "an ")) else "a "
        what = "a zip archive, not a document" if kind == "zip" else f"{article}{kind}"
        raise DocumentError(f"“{name}” cannot be opened: it is {what}.")
    try:
        data = data or p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"“{name}” could not be read: {exc.strerror or exc}.") from None
    try:
        yield from _stream_bytes(data, kind, p, password, ocr, stop)
    except DocumentError as exc:
        error = type(exc)(f"“{name}”: {exc}", *_extra(exc))
        raise error from None
    except Exception as exc:  # a library failing on input nobody foresaw: one line, never a traceback
        raise DocumentError(
            f"“{name}” could not be read as {_article(NAMES[kind])} file ({type(exc).__name__}: {exc})."
        ) from None


def format_of(path: str | os.PathLike[str]) -> str:
    """What a file looks like from its first bytes (see :func:`~reader.core.formats.sniff.sniff`);
    ``"text"`` for anything that is not a regular file, which the text loader explains."""
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):
            return "text"
        with p.open("rb") as file:
            head = file.read(8192)
    except OSError:
        return "text"
    return "docx" if head.startswith(b"PK\x03\x04") else sniff(head)  # any zip: read it off the window's thread


def _extra(exc: DocumentError) -> tuple[object, ...]:
    if isinstance(exc, PasswordError):
        return (exc.wrong,)
    if isinstance(exc, NoTextLayerError):
        return (exc.pages,)
    return ()


def load_bytes(data: bytes, name: str, password: str | None = None, ocr: bool = False) -> Document:
    """A document from bytes (an e-mail's attachment, say), its format told by content; ``name`` names it."""
    kind = sniff(data)
    path = Path(name)
    if kind == "text":
        return text_files.document_from_bytes(data, path)
    if kind not in NAMES:
        raise DocumentError(f"“{name}” cannot be opened: it is {kind}.")
    try:
        return deque(_stream_bytes(data, kind, path, password, ocr, lambda: False), maxlen=1)[0].document
    except DocumentError as exc:
        raise type(exc)(f"“{name}”: {exc}", *_extra(exc)) from None


def _document(builder: TextBuilder, data: bytes, sha: str, path: Path, kind: str) -> Document:
    text, sources = builder.build()
    return Document(text=text, encoding="", path=path, sha256=sha, format=kind, sources=sources)


def _stream_bytes(
    data: bytes, kind: str, path: Path, password: str | None, ocr: bool, stop: Callable[[], bool]
) -> Iterator[Progress]:
    sha = hashlib.sha256(data).hexdigest()
    builder = TextBuilder()
    if kind == "pdf":
        yield from _stream_pdf(data, builder, sha, path, password, ocr, stop)
        return
    if kind == "image":
        from reader.core.formats import ocr as recogniser

        recogniser.check_image(data)
        suffix = {b"\x89P": ".png", b"\xff\xd8": ".jpg"}.get(data[:2], ".tif")
        import tempfile

        with tempfile.TemporaryDirectory(prefix="gazette-ocr-") as folder:
            image = Path(folder) / f"page{suffix}"
            image.write_bytes(data)
            result = recogniser.recognise_file(image)
        builder.section("p. 1", 1, result.confidence)
        for paragraph in result.paragraphs:
            builder.paragraph(paragraph)
        yield Progress(_document(builder, data, sha, path, kind), 1, 1)
        return
    from reader.core.formats import readers

    read = {
        "docx": readers.read_docx,
        "odt": readers.read_odt,
        "epub": readers.read_epub,
        "html": readers.read_html,
        "email": readers.read_email,
        "rtf": readers.read_rtf,
    }[kind]
    read(data, builder)
    yield Progress(_document(builder, data, sha, path, kind), 1, 1)


def _stream_pdf(
    data: bytes,
    builder: TextBuilder,
    sha: str,
    path: Path,
    password: str | None,
    ocr: bool,
    stop: Callable[[], bool],
) -> Iterator[Progress]:
    import time

    from pypdfium2 import PdfiumError  # imported when a PDF is opened, not when the program starts

    from reader.core.formats import pdf as pdf_reader

    document = pdf_reader.open_pdf(data, password)
    try:
        total = len(document)
        if total == 0:
            raise DocumentError("This PDF has no pages.")
        if pdf_reader.has_text_layer(document):
            pages = pdf_reader.iter_pages(document, stop)
        elif ocr:
            pages = pdf_reader.recognise_pages(document, stop)
        else:
            seconds = pdf_reader.seconds_per_page_estimate()
            raise NoTextLayerError(
                f"This PDF has no text layer ({total} scanned page{'s' * (total != 1)}). "
                f"Recognising it with OCR takes about {seconds} s a page.",
                total,
            )
        done = 0
        shown = time.monotonic()
        for page in pages:
            builder.section(f"p. {page.number}", page.number, page.confidence)
            for text, furniture in page.paragraphs:
                builder.paragraph(text, furniture)
            done = page.number
            now = time.monotonic()
            # The first pages at once, then about twice a second: every partial document costs a copy of the text.
            if done < total and (done == FIRST_PAGES or page.recognised or (done > FIRST_PAGES and now - shown > 0.5)):
                shown = now
                yield Progress(_document(builder, data, sha, path, "pdf"), done, total)
        yield Progress(_document(builder, data, sha, path, "pdf"), done, total)
    except PdfiumError as exc:
        raise DocumentError(f"This PDF is damaged: {exc}.") from None
    finally:
        document.close()


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeio" else f"a {noun}"
