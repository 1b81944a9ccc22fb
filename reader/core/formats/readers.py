"""The readers of DOCX, ODT, EPUB, HTML, e-mail and RTF: bytes in, paragraphs into a :class:`TextBuilder`."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

from lxml import etree

from reader.core.document import DocumentError
from reader.core.formats import markup
from reader.core.formats.archive import open_zip, read_member
from reader.core.formats.builder import TextBuilder, clean_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- DOCX -------------------------------------------------------------------


def read_docx(data: bytes, builder: TextBuilder) -> None:
    """Paragraphs, headings (each starts a section), tables (a row per line, cells by tabs) and footnotes."""
    import docx as python_docx
    from docx.table import Table

    with open_zip(data, "Word file") as archive:
        footnotes = _docx_notes(archive)
    try:
        document = python_docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise DocumentError(f"This Word file is damaged: {type(exc).__name__}.") from None
    builder.unit = "section"
    builder.section("Beginning")
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = clean_line(cell.text.replace("\n", " "))
                    if not cells or cells[-1] != text:  # merged cells repeat
                        cells.append(text)
                builder.paragraph("\t".join(cells))
            continue
        text = block.text
        style = (block.style.name if block.style is not None else "") or ""
        if style.startswith(("Heading", "Title")) and text.strip():
            builder.section(clean_line(text))
        builder.paragraph(text)
    if footnotes:
        builder.section("Notes")
        for number, text in footnotes:
            builder.paragraph(f"{number}. {text}")


def _docx_notes(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    if "word/footnotes.xml" not in archive.namelist():
        return []
    root = etree.fromstring(read_member(archive, "word/footnotes.xml", "Word file"), markup.xml_parser())
    if root is None:
        return []
    notes = []
    for note in root.iter(f"{_W}footnote"):
        number = note.get(f"{_W}id") or ""
        if number.lstrip("-") in ("0", "1") and note.get(f"{_W}type"):
            continue  # the separator notes Word always writes
        text = clean_line("".join(t.text or "" for t in note.iter(f"{_W}t")))
        if text:
            notes.append((number, text))
    return notes


# -- ODT --------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _odf_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append(" ")
        elif child.tag in (f"{_TEXT}note", f"{_TEXT}tracked-changes"):
            pass
        else:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_odt(data: bytes, builder: TextBuilder) -> None:
    """Headings (each starts a section) and paragraphs of content.xml, in order."""
    with open_zip(data, "OpenDocument file") as archive:
        content = read_member(archive, "content.xml", "OpenDocument file")
    root = etree.fromstring(content, markup.xml_parser())
    if root is None:
        raise DocumentError("This OpenDocument file is damaged: its content.xml cannot be read.")
    builder.unit = "section"
    builder.section("Beginning")
    for element in root.iter(f"{_TEXT}h", f"{_TEXT}p"):
        if element.getparent() is not None and element.getparent().tag in (f"{_TEXT}note-body",):
            continue
        text = _odf_text(element)
        if element.tag == f"{_TEXT}h" and text.strip():
            builder.section(clean_line(text))
        builder.paragraph(text)


# -- EPUB -------------------------------------------------------------------

_OPF = "{http://www.idpf.org/2007/opf}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


def read_epub(data: bytes, builder: TextBuilder) -> None:
    """The spine's XHTML files in reading order, each a chapter titled by its first heading."""
    what = "EPUB e-book"
    with open_zip(data, what) as archive:
        container = etree.fromstring(read_member(archive, "META-INF/container.xml", what), markup.xml_parser())
        rootfile = None if container is None else next(container.iter(f"{_CONTAINER}rootfile"), None)
        opf_path = rootfile.get("full-path") if rootfile is not None else None
        if not opf_path:
            raise DocumentError(f"This {what} is damaged: it does not say where its contents are.")
        opf = etree.fromstring(read_member(archive, opf_path, what), markup.xml_parser())
        if opf is None:
            raise DocumentError(f"This {what} is damaged: its package file cannot be read.")
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): posixpath.normpath(posixpath.join(base, item.get("href") or ""))
            for item in opf.iter(f"{_OPF}item")
        }
        spine = [manifest.get(ref.get("idref")) for ref in opf.iter(f"{_OPF}itemref") if ref.get("linear") != "no"]
        builder.unit = "chapter"
        for number, name in enumerate((n for n in spine if n), start=1):
            root = markup.parse_xhtml(read_member(archive, name, what))
            if root is None:
                continue
            blocks = markup.blocks(root)
            heading = next((text for tag, text in blocks if tag in markup.HEADINGS), "") or markup.title_of(root)
            builder.section(heading[:80] or f"Chapter {number}")
            for _, text in blocks:
                builder.paragraph(text)


# -- HTML -------------------------------------------------------------------


def read_html(data: bytes, builder: TextBuilder) -> None:
    """The page's main text (trafilatura: no navigation, no boilerplate); headings start sections.

    Nothing in the page is run or fetched: trafilatura and lxml only parse the bytes given.
    """
    import trafilatura

    builder.unit = "section"
    xml = trafilatura.extract(
        data, output_format="xml", include_tables=True, include_comments=False, include_images=False,
        include_links=False, favor_recall=True, with_metadata=True,
        include_formatting=True,  # without it, "<b>Accra</b>." comes out as "Accra ."
    )  # fmt: skip
    root = etree.fromstring(xml.encode("utf-8"), markup.xml_parser()) if xml else None
    if root is None:
        page = markup.parse_html(data)
        if page is None:
            raise DocumentError("This web page cannot be read: its HTML does not parse.")
        builder.section(markup.title_of(page) or "Page")
        for _, text in markup.blocks(page):
            builder.paragraph(text)
        return
    title = clean_line(root.get("title") or "")
    builder.section(title or "Page")
    main = next(root.iter("main"), root)
    first = True
    for element in main.iter("head", "p", "item", "row", "quote", "code"):
        if element.tag in ("p", "item", "quote", "code") and any(
            a.tag in ("item", "row", "quote") for a in element.iterancestors()
        ):
            continue
        if element.tag == "row":
            text = "\t".join(clean_line("".join(cell.itertext())) for cell in element.iter("cell"))
        else:
            text = "".join(element.itertext())
        if element.tag == "head" and text.strip() and not (first and clean_line(text) == title):
            builder.section(clean_line(text))
        first = False
        builder.paragraph(text)


# -- e-mail -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attachment:
    """An e-mail's attachment: its file name, type and bytes (opened as a document of its own)."""

    name: str
    content_type: str
    data: bytes


def _message(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # the default policy makes EmailMessage
    return message


def attachments(data: bytes) -> list[Attachment]:
    """The attachments of an e-mail's bytes, in order."""
    found = []
    for index, part in enumerate(_message(data).iter_attachments(), start=1):
        payload = part.get_payload(decode=True)
        name = part.get_filename() or f"attachment-{index}"
        found.append(Attachment(name, part.get_content_type(), payload if isinstance(payload, bytes) else b""))
    return found


def save_attachments(data: bytes, folder: Path) -> list[Path]:
    """Write an e-mail's attachments into ``folder`` (atomically, names made safe), to open them as documents.

    Raises ``OSError`` when the folder cannot be written.
    """
    saved = []
    used: set[str] = set()
    for index, attachment in enumerate(attachments(data), start=1):
        name = re.sub(r"[\\/\x00-\x1f:*?\"<>|]+", "_", Path(attachment.name).name).strip(" .") or f"attachment-{index}"
        if name.lower() in used:
            name = f"{index}-{name}"
        used.add(name.lower())
        target = folder / name
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".attachment-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(attachment.data)
            Path(temporary).replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
        saved.append(target)
    return saved


def read_email(data: bytes, builder: TextBuilder) -> None:
    """From, To, Cc, Date and Subject as a header; the body (plain text, else the HTML's text); the attachments."""
    try:
        message = _message(data)
        header = [
            f"{name}: {clean_line(str(message[name]))}"
            for name in ("From", "To", "Cc", "Date", "Subject")
            if message[name] is not None
        ]
    except (ValueError, TypeError, LookupError, IndexError) as exc:
        raise DocumentError(f"This e-mail is damaged: {exc}.") from None
    builder.unit = "section"
    builder.section("Header")
    builder.paragraph("\n".join(header))
    builder.section("Message")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError, UnicodeError):
            payload = body.get_payload(decode=True)
            content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        if body.get_content_type() == "text/html":
            read_html(content.encode("utf-8"), builder)
        else:
            for paragraph in content.replace("\r\n", "\n").split("\n\n"):
                builder.paragraph(paragraph)
    found = attachments(data)
    if found:
        builder.section("Attachments")
        builder.paragraph("\n".join(f"Attachment: {a.name} ({a.content_type}, {_size(len(a.data))})" for a in found))


def _size(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size / 1024:,.0f} KB" if size < 2**20 else f"{size / 2**20:,.1f} MB"


# -- RTF --------------------------------------------------------------------


def read_rtf(data: bytes, builder: TextBuilder) -> None:
    """The text of an RTF file (striprtf), paragraph by paragraph."""
    from striprtf.striprtf import rtf_to_text

    try:
        text = str(rtf_to_text(data.decode("latin-1"), errors="ignore"))  # type: ignore[no-untyped-call]
    except (ValueError, IndexError, UnicodeError) as exc:
        raise DocumentError(f"This RTF file is damaged: {exc}.") from None
    builder.unit = "section"
    builder.section("Document")
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        builder.paragraph(paragraph)
