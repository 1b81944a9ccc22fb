"""PDF: the text layer through PDFium (pypdfium2), in reading order, page by page; OCR for pages without one.

Each page's characters are grouped into line pieces by their boxes; a page with
a gutter (an empty vertical band every line piece stays out of) is read column
by column; lines become paragraphs where the gap between them grows; running
headers, footers and page numbers become paragraphs of their own, marked as
furniture so they are shown but not analysed as running text.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdfium2 import PdfiumError

from reader.core.document import DocumentError
from reader.core.formats import ocr
from reader.core.formats.builder import join_lines
from reader.core.formats.errors import PasswordError

#: Scale from PDF points to OCR pixels: 300 dpi.
OCR_SCALE = 300 / 72
#: The top and bottom bands of a page, as a share of its height, where headers and footers live.
MARGIN_BAND = 0.09
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[\divxlc]{1,6}(?:\s*(?:of|/)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.I)
_HYPHENS = "\x02\u00ad"


@dataclass(slots=True)
class _Piece:
    """A run of characters on one line, without a wide gap inside."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float = 0.0  # the font size of its first character, in points

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True, slots=True)
class PageText:
    """One page's paragraphs in reading order, each with whether it is page furniture."""

    number: int
    paragraphs: tuple[tuple[str, bool], ...]
    confidence: float | None = None
    recognised: bool = False


def open_pdf(data: bytes, password: str | None) -> pdfium.PdfDocument:
    """Open PDF bytes; raises :class:`PasswordError` for an encrypted file, :class:`DocumentError` if damaged."""
    try:
        return pdfium.PdfDocument(data, password=password)
    except PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            if password:
                raise PasswordError("The password is wrong: this PDF did not open with it.", wrong=True) from None
            raise PasswordError("This PDF is protected by a password.", wrong=False) from None
        if "format" in message or "file" in message:
            raise DocumentError("This PDF is damaged: PDFium cannot read its structure.") from None
        raise DocumentError(f"This PDF cannot be opened ({exc}).") from None


def _pieces(textpage: pdfium.PdfTextPage) -> list[_Piece]:
    """The page's characters grouped into line pieces, in the file's order."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pieces: list[_Piece] = []
    chars: list[str] = []
    box: list[float] = []  # left, right, bottom, top of the current piece
    first = [0]  # index of its first character
    last_right = 0.0
    last_bottom = 0.0

    def close() -> None:
        if chars and "".join(chars).strip():
            size = pdfium_c.FPDFText_GetFontSize(raw, first[0])
            pieces.append(_Piece("".join(chars), box[0], box[1], box[2], box[3], size))
        chars.clear()
        box.clear()

    # The page's text in one call; a character at a time only when it does not line up with the
    # page's characters (characters beyond the Basic Multilingual Plane come as two UTF-16 units).
    text = textpage.get_text_range()
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, index)) for index in range(count))
    get_box = pdfium_c.FPDFText_GetCharBox
    for index, ch in enumerate(text):
        if ch == "\r" or ch == "\n":
            close()
            continue
        if ch == " " or ch == "\x00" or 0xD800 <= ord(ch) < 0xE000:
            if chars and ch == " ":
                chars.append(" ")
            continue
        if not get_box(raw, index, left, right, bottom, top):
            continue
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        height = max(y1 - y0, 1.0)
        if box:
            line_height = max(box[3] - box[2], height, 4.0)
            new_line = abs(y0 - last_bottom) > 0.6 * line_height and not (box[2] - 2 <= y0 <= box[3] + 2)
            gap = x0 - last_right
            if new_line or gap > 2.2 * line_height or gap < -line_height:
                close()
        if not box:
            box.extend((x0, x1, y0, y1))
            first[0] = index
        else:
            box[0], box[1] = min(box[0], x0), max(box[1], x1)
            box[2], box[3] = min(box[2], y0), max(box[3], y1)
        chars.append(ch)
        last_right, last_bottom = x1, y0
    close()
    return pieces


def _gutter(pieces: list[_Piece], width: float) -> float | None:
    """The x of an empty vertical band in the page's middle that separates two columns, or ``None``."""
    body = [p for p in pieces if p.right - p.left < 0.6 * width]
    if len(body) < 4:
        return None
    covered = bytearray(int(width) + 2)
    for piece in pieces:
        for x in range(max(int(piece.left), 0), min(int(piece.right) + 1, len(covered))):
            covered[x] = 1
    best: tuple[int, int] | None = None
    start = None
    low, high = int(width * 0.25), int(width * 0.75)
    for x in range(low, high + 1):
        if not covered[x] and start is None:
            start = x
        if (covered[x] or x == high) and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < 8:
        return None
    middle = (best[0] + best[1]) / 2
    left = sum(1 for p in body if p.right <= middle)
    right = sum(1 for p in body if p.left >= middle)
    return middle if left >= 2 and right >= 2 else None


def _lines(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces that share most of their height merged into lines (left to right), top to bottom.

    Shared height, not a shared bottom: an opening quote or an accent sits higher than the
    letters beside it and still belongs to their line.
    """
    groups: list[list[_Piece]] = []
    spans: list[list[float]] = []  # bottom, top of each group
    for piece in sorted(pieces, key=lambda p: -p.top):
        if groups:
            bottom, top = spans[-1]
            overlap = min(top, piece.top) - max(bottom, piece.bottom)
            if overlap > 0.5 * max(min(piece.height, top - bottom), 0.5):
                groups[-1].append(piece)
                spans[-1] = [min(bottom, piece.bottom), max(top, piece.top)]
                continue
        groups.append([piece])
        spans.append([piece.bottom, piece.top])
    lines = []
    for group in groups:
        group.sort(key=lambda p: p.left)
        text, right = "", group[0].left
        for piece in group:
            close = piece.left - right < 0.3 * max(piece.height, 1.0)
            text = f"{text}{piece.text}" if close or not text else f"{text.rstrip()} {piece.text.lstrip()}"
            right = max(right, piece.right)
        main = max(group, key=lambda p: len(p.text))  # its baseline is the line's
        lines.append(_Piece(text, group[0].left, right, main.bottom, max(p.top for p in group), main.size))
    return lines


def _paragraphs(lines: list[_Piece]) -> list[str]:
    """Lines of one column as paragraphs.

    A new one starts at a gap wider than usual, a change of font size, an indented first line
    after a line that is not, or after a line that ends a sentence well short of the column's
    right edge (books and filings part paragraphs by indents, not by space).
    """
    if not lines:
        return []
    steps = [a.bottom - b.bottom for a, b in itertools.pairwise(lines) if a.bottom > b.bottom]
    usual = statistics.median(steps) if steps else max(lines[0].height * 1.4, 1.0)
    lefts = sorted(line.left for line in lines)
    column_left = lefts[len(lefts) // 4]  # most lines start here; indented ones further right
    column_width = max(max(line.right for line in lines) - column_left, 1.0)
    paragraphs: list[list[str]] = [[]]
    for previous, line in zip([lines[0], *lines], lines, strict=False):  # the first line pairs with itself
        step = previous.bottom - line.bottom
        resized = abs(previous.size - line.size) > 0.15 * max(previous.size, line.size)
        em = max(line.size, line.height, 1.0)
        indented = line.left - column_left > 0.8 * em and previous.left - column_left < 0.5 * em
        ended = previous.right - column_left < 0.75 * column_width and previous.text.rstrip()[-1:] in '.!?:"”’)'
        if paragraphs[-1] and (step > usual * 1.45 or step < 0 or resized or indented or ended):
            paragraphs.append([])
        paragraphs[-1].append(line.text.replace("\x02", "-").replace("\ufffe", "-").replace("\u00ad", "-"))
    return [p for p in (join_lines(lines) for lines in paragraphs) if p]


@dataclass(slots=True)
class _Layout:
    number: int
    header: list[str]
    footer: list[str]
    body: list[str]


def _layout(page: pdfium.PdfPage, number: int) -> _Layout:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        pieces = _pieces(textpage)
    finally:
        textpage.close()
    top_band, bottom_band = height * (1 - MARGIN_BAND), height * MARGIN_BAND
    # A short line apart from the rest at the page's top or foot is a candidate too, wherever the margins are.
    lines = _lines(pieces)
    if len(lines) >= 3:
        first, second = lines[0], lines[1]
        if len(first.text) <= 80 and first.bottom - second.top > 1.5 * max(first.height, 1.0):
            top_band = min(top_band, first.bottom - 0.1)
        last, before = lines[-1], lines[-2]
        if len(last.text) <= 80 and before.bottom - last.top > 1.5 * max(last.height, 1.0):
            bottom_band = max(bottom_band, last.top + 0.1)
    header = [p for p in pieces if p.bottom >= top_band]
    footer = [p for p in pieces if p.top <= bottom_band]
    body = [p for p in pieces if bottom_band < p.top and p.bottom < top_band]
    gutter = _gutter(body, width)
    paragraphs: list[str] = []
    if gutter is None:
        paragraphs = _paragraphs(_lines(body))
    else:
        # Read band by band: a piece across the gutter (a title, a wide figure) closes the columns above it.
        band: list[_Piece] = []
        for piece in sorted(body, key=lambda p: -p.top):
            if piece.left < gutter < piece.right:
                paragraphs += _columns(band, gutter)
                band = []
                paragraphs += _paragraphs([piece])
            else:
                band.append(piece)
        paragraphs += _columns(band, gutter)
    return _Layout(
        number,
        [line.text for line in _lines(header)],
        [line.text for line in _lines(footer)],
        paragraphs,
    )


def _columns(band: list[_Piece], gutter: float) -> list[str]:
    left = [p for p in band if p.right <= gutter]
    right = [p for p in band if p.left >= gutter]
    return _paragraphs(_lines(left)) + _paragraphs(_lines(right))


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _page_text(layout: _Layout, neighbours: list[_Layout]) -> PageText:
    """A page's paragraphs: a margin line that is a page number or repeats on a neighbouring page is furniture."""
    seen = {_furniture_key(line) for other in neighbours for line in (*other.header, *other.footer)}
    paragraphs: list[tuple[str, bool]] = []

    def margin(lines: list[str]) -> None:
        for line in lines:
            text = join_lines([line])
            furniture = bool(_PAGE_NUMBER.match(text)) or _furniture_key(text) in seen
            paragraphs.append((text, furniture))

    margin(layout.header)
    paragraphs += [(text, False) for text in layout.body]
    margin(layout.footer)
    return PageText(layout.number, tuple(p for p in paragraphs if p[0]))


def has_text_layer(pdf: pdfium.PdfDocument, sample: int = 5) -> bool:
    """Whether the first pages (up to ``sample``) hold any text at all."""
    for index in range(min(len(pdf), sample)):
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() > 0 and textpage.get_text_range().strip():
                return True
        finally:
            textpage.close()
            page.close()
    return False


def iter_pages(pdf: pdfium.PdfDocument, stop: Callable[[], bool] = lambda: False) -> Iterator[PageText]:
    """Each page's text layer in reading order; one page is read ahead to tell running headers from text."""
    count = len(pdf)
    layouts: list[_Layout] = []
    for index in range(count):
        if stop():
            return
        page = pdf[index]
        try:
            layouts.append(_layout(page, index + 1))
        finally:
            page.close()
        if len(layouts) == 3:
            yield _page_text(layouts[1], [layouts[0], layouts[2]])
            layouts.pop(0)
        elif len(layouts) == 2 and index == 1:
            yield _page_text(layouts[0], [layouts[1]])
    if count == 1:
        yield _page_text(layouts[0], [])
    elif layouts and count > 1:
        yield _page_text(layouts[-1], layouts[:-1])


def recognise_pages(pdf: pdfium.PdfDocument, stop: Callable[[], bool] = lambda: False) -> Iterator[PageText]:
    """Each page rendered at 300 dpi in grey and read by Tesseract (see :mod:`reader.core.formats.ocr`)."""
    for index in range(len(pdf)):
        if stop():
            return
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = min(OCR_SCALE, (ocr.MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                pixels = bytes(bitmap.buffer)
                result = ocr.recognise_gray(bitmap.width, bitmap.height, bitmap.stride, pixels)
            finally:
                bitmap.close()
        finally:
            page.close()
        yield PageText(index + 1, tuple((p, False) for p in result.paragraphs), result.confidence, recognised=True)


def seconds_per_page_estimate() -> int:
    """About what OCR takes a page, for the offer's wording: 0.6 s for a sparse page and more for a
    dense one on the development machine (benchmarks/bench_formats.py), so a round figure above both."""
    return 2
