"""What a reader takes away: the entities (CSV), the analysis (JSON), the annotated article (HTML, PDF).

The same bytes come from File › Export in the window and from ``gazette export``.
Exports are clean: the light theme, no selection. Every file is written
atomically, so a failed export leaves what was there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QMarginsF, QSize, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from reader.core.document import Document
from reader.core.export import entities_to_csv, to_json
from reader.core.files import describe_os_error, write_atomically
from reader.core.html_export import annotated_html
from reader.core.model import KINDS, Analysis
from reader.ui.mini_map import MapRenderer
from reader.ui.theme import LIGHT

#: Export formats by file extension, with the names the window's menu gives them.
FORMATS = {
    ".csv": "Entities (CSV)",
    ".json": "Analysis (JSON)",
    ".html": "Annotated Article (HTML)",
    ".pdf": "Annotated Article (PDF)",
}
FILTERS = {
    ".csv": "CSV files (*.csv)",
    ".json": "JSON files (*.json)",
    ".html": "Web pages (*.html *.htm)",
    ".pdf": "PDF documents (*.pdf)",
}
MAP_SIZE = QSize(1600, 900)
#: The map inside an exported article is drawn for the width it is shown at
#: (about 770 px in the HTML's column, 640 pt in the PDF), its legend as
#: large as the text around it: drawn at 1600 px, it shrank to 8 px.
INLINE_MAP_SIZE = QSize(800, 450)
INLINE_LEGEND_PX = 15
_MAP_RESOURCE = "gazette-map.png"


class ExportError(Exception):
    """An export could not be written; the message is one line for a person."""


def format_of(path: str | Path) -> str:
    """The export format of ``path`` by its extension (``.htm`` is HTML); raises ValueError for others."""
    suffix = Path(path).suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in FORMATS:
        raise ValueError(f"cannot export to {Path(path).name!r}: use .html, .csv, .json or .pdf")
    return suffix


def kind_colours() -> dict[str, str]:
    return {kind: LIGHT.kind_colour(kind).name() for kind in KINDS}


def map_renderer(analysis: Analysis) -> MapRenderer:
    """A map of the analysis's countries in the light theme, nothing selected."""
    renderer = MapRenderer(LIGHT)
    renderer.set_countries(analysis.countries)
    return renderer


def html_bytes(document: Document, analysis: Analysis, font: QFont) -> bytes:
    svg = bytes(map_renderer(analysis).encode("svg", INLINE_MAP_SIZE, font, INLINE_LEGEND_PX).data()).decode("utf-8")
    return annotated_html(document, analysis, kind_colours(), svg if analysis.countries else None).encode("utf-8")


def text_document(document: Document, analysis: Analysis, font: QFont) -> QTextDocument:
    """The annotated article as a Qt text document, for PDF and printing."""
    page = QTextDocument()
    page.setDefaultFont(QFont("DejaVu Serif", 11))
    if analysis.countries:
        # Drawn at twice the size it is shown, so that it stays sharp on paper.
        data = map_renderer(analysis).encode("png", INLINE_MAP_SIZE * 2, font, 2 * INLINE_LEGEND_PX)
        page.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_MAP_RESOURCE), QImage.fromData(data))
    html = annotated_html(document, analysis, kind_colours(), map_image=_MAP_RESOURCE if analysis.countries else None)
    # Qt's rich text reads the markup Gazette made; the document's own text is escaped in it.
    page.setHtml(html)
    return page


def pdf_bytes(document: Document, analysis: Analysis, font: QFont) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(document.name)
    writer.setCreator("Gazette")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    page = text_document(document, analysis, font)
    page.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def export_bytes(fmt: str, document: Document, analysis: Analysis, package: str | None, font: QFont) -> bytes:
    """The bytes of an export of ``document`` in format ``fmt`` (an extension of :data:`FORMATS`)."""
    if fmt == ".csv":
        return entities_to_csv(analysis).encode("utf-8")
    if fmt == ".json":
        return (to_json(document, analysis, package) + "\n").encode("utf-8")
    if fmt == ".html":
        return html_bytes(document, analysis, font)
    if fmt == ".pdf":
        return pdf_bytes(document, analysis, font)
    raise ValueError(fmt)


def write_export(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raises :class:`ExportError` with the reason."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {describe_os_error(exc)}") from None


def print_article(printer: QPrinter, document: Document, analysis: Analysis, font: QFont) -> None:
    """Print the annotated article on ``printer``."""
    text_document(document, analysis, font).print_(printer)
