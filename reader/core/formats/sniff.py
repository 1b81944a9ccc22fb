"""What a file is, from its first bytes (and, for zip files, the names inside): never from its extension alone."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

#: Formats Gazette reads, by the name :func:`sniff` gives them, with the words a message uses.
NAMES = {
    "text": "text",
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument text",
    "epub": "EPUB e-book",
    "html": "web page",
    "email": "e-mail",
    "rtf": "RTF",
    "image": "image",
}

#: What an extension claims, to say so when the content is something else.
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".epub": "epub",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".eml": "email",
    ".rtf": "rtf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}

_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_HEADER = re.compile(
    rb"^(?:from|to|cc|date|subject|message-id|received|return-path|delivered-to|mime-version|reply-to|"
    rb"x-[a-z0-9-]+|content-type|content-transfer-encoding|sender|in-reply-to|references|dkim-signature|"
    rb"arc-[a-z-]+|authentication-results|thread-topic|thread-index|importance|user-agent|list-[a-z-]+):",
    re.I,
)

#: Binary formats Gazette cannot read, named so the message says what the file is.
_OTHER_BINARY = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls or .ppt); save it as DOCX or PDF"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
)


def _looks_like_email(head: bytes) -> bool:
    """Header lines up to the first empty line, with at least From (or Received) and one more known header."""
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    lines = [line for line in block.splitlines() if line and line[:1] not in b" \t"]
    if not lines or not _HEADER.match(lines[0]):
        return False
    known = [line for line in lines if _HEADER.match(line)]
    names = {line.split(b":", 1)[0].lower() for line in known}
    return len(known) >= 2 and len(known) >= len(lines) * 0.8 and bool(names & {b"from", b"received", b"message-id"})


def zip_kind(data: bytes) -> str | None:
    """``"docx"``, ``"odt"`` or ``"epub"`` for a zip file of that kind, ``"damaged zip"`` for one that
    cannot be read, else ``None``."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size < 200:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype == b"application/epub+zip":
                        return "epub"
                    if mimetype == b"application/vnd.oasis.opendocument.text":
                        return "odt"
            if "word/document.xml" in names:
                return "docx"
            if "META-INF/container.xml" in names:
                return "epub"
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        return "damaged zip"
    return None


def sniff(data: bytes) -> str:
    """The format of a file's bytes: one of :data:`NAMES`' keys, ``"zip"`` for another zip file,
    or a description starting with "an" / "a" for a known binary format Gazette does not read."""
    head = data[:8192]
    if head.lstrip(b"\x00\t\n\r ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(data) or "zip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    for magic, description in _OTHER_BINARY:
        if head.startswith(magic):
            return description
    text_head = head.removeprefix(b"\xef\xbb\xbf")
    if _HTML.match(text_head):
        return "html"
    if _looks_like_email(text_head):
        return "email"
    return "text"
