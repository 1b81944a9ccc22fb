"""Load a text file into a :class:`Document`: decoded, newline-normalised text."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reader.core.sources import SourceMap

#: Files above this size are refused: the reader keeps the whole text in memory.
MAX_BYTES = 256 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v", "\x1b"}


class DocumentError(Exception):
    """A file could not be opened as text. ``str(error)`` is a message for a person."""


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded text file, or the text read from a PDF, a scan, a web page, an e-book...

    ``text`` has its newlines normalised to ``\\n``; ``encoding`` names the
    encoding it was decoded with ("" for formats that carry their own, such as
    PDF); ``sha256`` is the digest of the file's bytes; ``format`` is what the
    file's content is ("text", "pdf", "docx"...); ``sources`` maps offsets back
    to pages, chapters or sections (see :mod:`reader.core.formats`).
    """

    text: str
    encoding: str
    path: Path | None
    sha256: str
    format: str = "text"
    sources: SourceMap | None = None

    @property
    def name(self) -> str:
        return self.path.name if self.path else "Untitled"


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.01


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding name)``.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
    then the detector's best legacy encoding. Raises :class:`DocumentError`
    for binary data or bytes no encoding fits.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"The file starts like {label.upper()} text but is damaged at byte {exc.start + len(bom)}."
                ) from None
            return text, label
    if b"\x00" in data:
        raise DocumentError("This is a binary file, not text (it contains NUL bytes).")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        import charset_normalizer  # only legacy encodings need the detector

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise DocumentError("The file's encoding could not be recognised: it does not read as text.") from None
        encoding = best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise DocumentError(f"The file could not be decoded (it looked like {encoding}).") from None
    if _looks_binary(text):
        raise DocumentError("This looks like a binary file, not text.")
    return text, encoding


def document_from_bytes(data: bytes, path: Path | None = None) -> Document:
    """Build a :class:`Document` from raw bytes (see :func:`decode_bytes`)."""
    text, encoding = decode_bytes(data)
    return Document(
        text=normalise_newlines(text),
        encoding=encoding,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and decode a text file.

    Raises :class:`DocumentError` with a plain message for a missing file, a
    folder, a file without read permission, an oversized file, binary data or
    undecodable bytes.
    """
    p = Path(path)
    # Messages name the whole path: a bare file name does not say which of two folders was meant.
    name = str(p.absolute())
    if len(name) > 300:  # a path too long to open is too long to read in a message
        name = f"{name[:150]}…{name[-150:]}"
    try:
        if p.is_dir():
            raise DocumentError(f"“{name}” is a folder, not a text file.")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"“{name}” is too large to open ({size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)."
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"“{name}” does not exist (it may have been moved or deleted).") from None
    except PermissionError:
        raise DocumentError(f"You do not have permission to read “{name}”.") from None
    except IsADirectoryError:
        raise DocumentError(f"“{name}” is a folder, not a text file.") from None
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        if exc.errno == errno.ENAMETOOLONG:
            reason = "the file name is too long"
        raise DocumentError(f"“{name}” could not be read: {reason}.") from None
    try:
        return document_from_bytes(data, p)
    except DocumentError as exc:
        raise DocumentError(f"“{name}”: {exc}") from None
