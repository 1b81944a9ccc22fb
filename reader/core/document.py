"""Load a text file into a :class:`Document`: decoded, newline-normalised text."""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.files import FileTooLargeError, NotAFileError, describe_os_error, read_regular_file
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
    #: What a reader should know about how the bytes were read (bad bytes replaced,
    #: an encoding guessed), as one sentence; empty when there is nothing to say.
    notice: str = ""
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


#: UTF-8 with bad bytes is read with replacement when the bad bytes are at most this share of the file.
MAX_BAD_UTF8 = 0.01
#: A file with at most this share of bytes above 127 may be Western text in Windows-1252 (a Cyrillic
#: or Greek code page has most of its letters there).
MOSTLY_ASCII = 0.15
#: Besides letters, what text in a legacy code page holds above ASCII.
_TEXT_MARKS = frozenset("“”‘’„‚–—…«»‹›€£¥¢°·•§¶©®™\xa0\xad¡¿ªº½¼¾×÷±µ†‡‰")


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text without a byte-order mark, told by where its NUL bytes fall; else None.

    Text in UTF-16 has a NUL in the high byte of every ASCII character (spaces,
    newlines, digits), so its NULs fall on one side of each byte pair; binary
    data has them on both. The guess is kept only if the bytes decode strictly.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    # Enough NULs on one side (an ASCII file with a stray NUL or two is not UTF-16), almost none on the other.
    if max(even, odd) < max(2, pairs // 100) or min(even, odd) > max(even, odd) // 50:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _decode_damaged_utf8(data: bytes, *, evidence: bool = True) -> tuple[str, str, str] | None:
    """UTF-8 with a few bad bytes, as (text, "utf-8", notice); None when it is not UTF-8 with a few bad bytes.

    It is, when the bad sequences are at most :data:`MAX_BAD_UTF8` of the file
    and (with ``evidence``) the file has no fewer valid non-ASCII characters
    than bad sequences: a legacy file has almost none.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if bad > max(1, len(data) * MAX_BAD_UTF8):
        return None
    if evidence and non_ascii < bad:
        return None
    which = "one byte sequence is" if bad == 1 else f"{bad} byte sequences are"
    notice = f"The text is UTF-8 but {which} not valid UTF-8: shown as “\ufffd”."
    return text, "utf-8", notice


def _reads_cleanly(text: str) -> bool:
    """Whether every character above ASCII is a letter or common punctuation.

    A text read in the wrong code page shows signs among its letters: Polish
    (Windows-1250) read as Windows-1252 gives "³" for "ł" and "¿" for "ż".
    """
    marks = {ch for ch in set(text) if ch > "\x7f"}  # the set first: a book has few distinct characters
    if any(not ch.isalpha() and ch not in _TEXT_MARKS for ch in marks):
        return False
    return re.search(r"\w[¡¿]", text) is None  # "¿" inside a word is a "ż" of Windows-1250


def _legacy(data: bytes, mostly_ascii: bool) -> tuple[str, str]:
    """``(text, codec)`` of a legacy code page: Windows-1252 if it reads cleanly in a mostly-ASCII file,
    else the detector's first candidate that reads cleanly, else its best.

    The detector alone cannot tell Western from Central European text with few accents.
    """
    if mostly_ascii:
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("cp1252")
            if _reads_cleanly(text):
                return text, "cp1252"
    import charset_normalizer  # only legacy encodings need the detector

    detected = [match.encoding for match in charset_normalizer.from_bytes(data)]
    readings: list[tuple[str, str]] = []
    for codec in detected:
        try:
            readings.append((data.decode(codec), codec))
        except (UnicodeDecodeError, LookupError):
            continue
        if _reads_cleanly(readings[-1][0]):
            return readings[-1]
    if not readings:
        raise DocumentError("The file's encoding could not be recognised: it does not read as text.")
    return readings[0]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding name)`` (see :func:`decode_text`)."""
    text, encoding, _notice = decode_text(data)
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str, str]:
    """Decode file bytes; return ``(text, encoding name, notice)``.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then UTF-16 by its
    pattern of NUL bytes; then strict UTF-8; then UTF-8 with its few bad bytes
    replaced (when the rest holds valid UTF-8 beyond ASCII); then Windows-1252
    for mostly-ASCII text (or UTF-8 with replacement, for bytes Windows-1252
    does not have); then the detector's best legacy encoding that reads
    cleanly. ``notice`` says, in one sentence, when bytes were replaced or an
    encoding was guessed (else it is empty). Raises :class:`DocumentError` for
    binary data or bytes no encoding fits.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"The file starts like {label.upper()} text but is damaged at byte {exc.start + len(bom)}."
                ) from None
            return _checked(text), label, ""
    if b"\x00" in data:
        codec16 = _utf16_without_bom(data)
        if codec16 is None:
            raise DocumentError("This is a binary file, not text (it contains NUL bytes).")
        return _checked(data.decode(codec16)), codec16, ""
    try:
        return _checked(data.decode("utf-8")), "utf-8", ""
    except UnicodeDecodeError:
        pass
    damaged = _decode_damaged_utf8(data)
    if damaged is not None:
        return _checked(damaged[0]), damaged[1], damaged[2]
    high = len(data.translate(None, bytes(range(128))))  # the bytes above 127
    mostly_ascii = high <= len(data) * MOSTLY_ASCII
    if mostly_ascii:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:  # bytes no Western code page has: damage in ASCII text
            damaged = _decode_damaged_utf8(data, evidence=False)
            if damaged is not None:
                return _checked(damaged[0]), damaged[1], damaged[2]
    text, encoding = _legacy(data, mostly_ascii)
    notice = f"The text is not UTF-8; it was read as {_ENCODING_NAMES.get(encoding, encoding)}, the likeliest encoding."
    return _checked(text), encoding, notice


_ENCODING_NAMES = {"cp1252": "Windows-1252 (Western European)", "cp1250": "Windows-1250 (Central European)"}


def _checked(text: str) -> str:
    if _looks_binary(text):
        raise DocumentError("This looks like a binary file, not text.")
    return text


def document_from_bytes(data: bytes, path: Path | None = None) -> Document:
    """Build a :class:`Document` from raw bytes (see :func:`decode_text`)."""
    text, encoding, notice = decode_text(data)
    return Document(
        text=normalise_newlines(text),
        encoding=encoding,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        notice=notice,
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and decode a text file.

    Raises :class:`DocumentError` with a plain message for a missing file, a
    folder, a FIFO or a device (never waited on or read without end), a file
    without read permission, an oversized file, binary data or undecodable
    bytes. Other readers read their files through
    :func:`reader.core.files.read_regular_file` too.
    """
    p = Path(path)
    # Messages name the whole path: a bare file name does not say which of two folders was meant.
    name = str(p.absolute())
    if len(name) > 300:  # a path too long to open is too long to read in a message
        name = f"{name[:150]}…{name[-150:]}"
    try:
        data = read_regular_file(p, MAX_BYTES)
    except FileNotFoundError:
        raise DocumentError(f"“{name}” does not exist (it may have been moved or deleted).") from None
    except PermissionError:
        raise DocumentError(f"You do not have permission to read “{name}”.") from None
    except IsADirectoryError:
        raise DocumentError(f"“{name}” is a folder, not a text file.") from None
    except FileTooLargeError as exc:
        raise DocumentError(
            f"“{name}” is too large to open ({exc.size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)."
        ) from None
    except NotAFileError as exc:
        raise DocumentError(f"“{name}” cannot be opened: {exc.strerror}.") from None
    except OSError as exc:
        reason = describe_os_error(exc)
        if exc.errno == errno.ENAMETOOLONG:
            reason = "the file name is too long"
        raise DocumentError(f"“{name}” could not be read: {reason}.") from None
    try:
        return document_from_bytes(data, p)
    except DocumentError as exc:
        raise DocumentError(f"“{name}”: {exc}") from None
