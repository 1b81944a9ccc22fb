"""Fixtures made on the spot: PDFs written with Qt's QPdfWriter, a scanned page drawn to an image,
DOCX with python-docx, EPUB and ODT with zipfile, e-mail with the standard library.

Qt is only used to make the files; reading them is the Qt-free core's job.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

A4_POINTS = (595, 842)


def _writer(path: Path):
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(72)  # one unit is one PDF point
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(*A4_POINTS), QPageSize.Unit.Point), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    return writer


def _font(size: int = 11):
    from PySide6.QtGui import QFont

    font = QFont("DejaVu Sans")
    font.setPixelSize(size)
    return font


def text_pdf(path: Path, pages: Sequence[Sequence[str]], header: str | None = None, numbers: bool = False) -> Path:
    """A PDF with one list of lines per page; optionally a running header and a page number at the foot."""
    from PySide6.QtGui import QPainter

    writer = _writer(path)
    painter = QPainter(writer)
    try:
        for index, lines in enumerate(pages):
            if index:
                writer.newPage()
            painter.setFont(_font(9))
            if header:
                painter.drawText(72, 40, header)
            if numbers:
                painter.drawText(290, 810, str(index + 1))
            painter.setFont(_font(11))
            for row, line in enumerate(lines):
                painter.drawText(72, 100 + row * 15, line)
    finally:
        painter.end()
    return path


def two_column_pdf(path: Path, title: str, left: Sequence[str], right: Sequence[str]) -> Path:
    """A page with a title across the top and two columns, drawn row by row (left line, right line, ...),
    so that the file's drawing order mixes the columns and only layout analysis reads them right."""
    from PySide6.QtGui import QPainter

    writer = _writer(path)
    painter = QPainter(writer)
    try:
        painter.setFont(_font(16))
        painter.drawText(72, 70, title)
        painter.setFont(_font(11))
        for row in range(max(len(left), len(right))):
            y = 110 + row * 15
            if row < len(left):
                painter.drawText(56, y, left[row])
            if row < len(right):
                painter.drawText(316, y, right[row])
    finally:
        painter.end()
    return path


def scanned_image(path: Path, lines: Sequence[str], size: tuple[int, int] = (1700, 1100)) -> Path:
    """A page of text drawn into a greyscale image at about 200 dpi, as a scanner gives it (no text layer)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size[0], size[1], QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(_font(38))
        for row, line in enumerate(lines):
            painter.drawText(120, 180 + row * 70, line)
    finally:
        painter.end()
    image.save(str(path))
    return path


def scanned_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """A PDF whose pages are only pictures of text."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    images = []
    for lines in pages:
        png = path.with_suffix(f".{len(images)}.png")
        scanned_image(png, lines, size=(1240, 1754))
        images.append(QImage(str(png)))
    writer = _writer(path)
    painter = QPainter(writer)
    try:
        for index, image in enumerate(images):
            if index:
                writer.newPage()
            painter.drawImage(QRectF(0, 0, *A4_POINTS), image)
    finally:
        painter.end()
    return path


def docx(path: Path) -> Path:
    """A Word file: a title, two headed sections, a table and a footnote-like closing paragraph."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Annual Report", level=0)
    document.add_heading("Operations in Kenya", level=1)
    document.add_paragraph("Amina Odhiambo opened the office in Nairobi with the World Bank.")
    document.add_heading("Outlook", level=1)
    document.add_paragraph("Next year Gerhard Schmidt will lead the work in Berlin.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "City"
    table.cell(0, 1).text = "Partner"
    table.cell(1, 0).text = "Lagos"
    table.cell(1, 1).text = "Oxfam"
    document.save(str(path))
    return path


def epub(path: Path, chapters: Sequence[tuple[str, str]]) -> Path:
    """An EPUB 3 of ``(title, paragraph)`` chapters, its spine in a deliberately different order from the zip's."""
    manifest = "".join(
        f'<item id="c{i}" href="text/ch{i}.xhtml" media-type="application/xhtml+xml"/>' for i in range(len(chapters))
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        for i in reversed(range(len(chapters))):
            title, text = chapters[i]
            archive.writestr(
                f"OEBPS/text/ch{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>{title}</title><style>p {{ color: red }}</style></head><body><h1>{title}</h1>"
                f"<p>{text}</p><script>document.write('never shown')</script></body></html>",
            )
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Test Book</dc:title></metadata>'
            f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>",
        )
    return path


def odt(path: Path) -> Path:
    """An OpenDocument text with a heading and two paragraphs, written as LibreOffice lays it out."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:text>"
        '<text:h text:outline-level="1">Field Notes</text:h>'
        "<text:p>Maria Lopez reached Lima on Monday.</text:p>"
        "<text:p>The Red Cross<text:s/>met her there.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)
    return path


def eml(path: Path, attachment: bytes | None = None) -> Path:
    """A MIME e-mail with a plain-text body and, optionally, a PDF attachment."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Sarah Connor <sarah@example.org>"
    message["To"] = "desk@example.com"
    message["Date"] = "Tue, 03 Mar 2026 09:15:00 +0000"
    message["Subject"] = "Meeting in Geneva"
    message.set_content("Dear desk,\n\nJohn Smith will meet the Red Cross in Geneva on Friday.\n\nSarah\n")
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename="memo.pdf")
    path.write_bytes(bytes(message))
    return path
