"""Optical character recognition with Tesseract (Debian's ``tesseract-ocr`` and ``tesseract-ocr-eng``).

Tesseract runs as a separate program on one page image at a time, with its
English data from the system (``/usr/share/tesseract-ocr/*/tessdata/eng.traineddata``,
Apache-2.0, from the tesseract-ocr/tessdata_fast project). Nothing is downloaded.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reader.core.document import DocumentError
from reader.core.formats.builder import join_lines

#: Below this mean word confidence (0-100), a recognised page says its confidence.
LOW_CONFIDENCE = 75.0
#: The most pixels an image may have: above, recognition would take minutes and gigabytes.
MAX_PIXELS = 40_000_000
#: Seconds one page may take before recognition gives up on it.
PAGE_TIMEOUT = 120
INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-eng"


@dataclass(frozen=True, slots=True)
class Recognised:
    """One page's text as paragraphs, and its mean word confidence (0-100; ``None`` for no words)."""

    paragraphs: tuple[str, ...]
    confidence: float | None


def tesseract() -> str | None:
    """The ``tesseract`` program's path, or ``None`` when it is not installed."""
    return shutil.which("tesseract")


def available() -> bool:
    return tesseract() is not None


def _missing() -> DocumentError:
    return DocumentError(f"Reading text from images needs Tesseract, which is not installed ({INSTALL_HINT}).")


def recognise_file(image: Path) -> Recognised:
    """Recognise the English text of an image file (PNG, JPEG, TIFF, PGM)."""
    program = tesseract()
    if program is None:
        raise _missing()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one page at a time, without starving the window
    try:
        done = subprocess.run(
            [program, str(image), "stdout", "-l", "eng", "--psm", "1", "tsv"],
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(f"Recognising a page took more than {PAGE_TIMEOUT} s; it was stopped.") from None
    except OSError as exc:
        raise DocumentError(f"Tesseract could not be started: {exc.strerror or exc}.") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1] if reason else f"exit status {done.returncode}"
        if "eng.traineddata" in detail or "Failed loading language" in detail:
            detail = f"its English data is missing ({INSTALL_HINT})"
        raise DocumentError(f"Tesseract could not read the image: {detail}.")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> Recognised:
    """Tesseract's TSV output as paragraphs, lines joined (hyphens mended) in its reading order.

    A new paragraph starts where the gap to the line above is well above the page's usual step,
    where the text goes back up (another column), or after a line that ends well short of its
    column's right edge (the last line of a paragraph, a memo's "To:" line). Tesseract's own blocks
    and paragraphs are not used: it makes a block of each line of a double-spaced page, and starts
    a paragraph at many a capitalised line.
    """
    words: dict[tuple[int, int, int, int], list[str]] = {}
    boxes: dict[tuple[int, int, int, int], tuple[int, int, int]] = {}  # top, left, right of each line
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            level = int(row["level"])
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            top, left, width = int(row["top"]), int(row["left"]), int(row["width"])
            confidence = float(row["conf"])
        except (KeyError, ValueError, TypeError):
            continue
        if level == 4:
            boxes[key] = (top, left, left + width)
        word = (row.get("text") or "").strip()
        if level != 5 or not word:
            continue
        words.setdefault(key, []).append(word)
        if confidence >= 0:
            confidences.append(confidence)
    lines = [key for key in sorted(words) if key in boxes]
    steps = [boxes[b][0] - boxes[a][0] for a, b in itertools.pairwise(lines) if boxes[b][0] > boxes[a][0]]
    # The usual step between lines: the lower quartile, since the gaps that part paragraphs are many on a short page.
    usual = sorted(steps)[len(steps) // 4] if steps else 0
    page_width = max((boxes[key][2] for key in lines), default=0) or 1

    def column_right(key: tuple[int, int, int, int]) -> int:
        """The right edge of the widest line that starts where this one does (its column)."""
        left = boxes[key][1]
        return max(boxes[k][2] for k in lines if abs(boxes[k][1] - left) < 0.05 * page_width)

    paragraphs: list[list[str]] = []
    previous: tuple[int, int, int, int] | None = None
    for key in lines:
        if previous is None:
            paragraphs.append([])
        else:
            gap = boxes[key][0] - boxes[previous][0]
            _top, left, right = boxes[previous]
            short = right - left < 0.7 * (column_right(previous) - left)
            if gap <= 0 or (usual and gap > 1.5 * usual) or short:
                paragraphs.append([])
        paragraphs[-1].append(" ".join(words[key]))
        previous = key
    texts = tuple(text for text in (join_lines(lines) for lines in paragraphs) if text)
    mean = sum(confidences) / len(confidences) if confidences else None
    return Recognised(texts, mean)


def recognise_gray(width: int, height: int, stride: int, pixels: bytes) -> Recognised:
    """Recognise an 8-bit greyscale bitmap (rows ``stride`` bytes apart), written to a private temporary PGM."""
    if not available():
        raise _missing()
    rows = pixels if stride == width else b"".join(pixels[y * stride : y * stride + width] for y in range(height))
    with tempfile.TemporaryDirectory(prefix="gazette-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        image.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + rows)
        return recognise_file(image)


def image_size(data: bytes) -> tuple[int, int] | None:
    """``(width, height)`` of a PNG, JPEG or TIFF from its header, or ``None`` if it cannot be told."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(data):
            if data[at] != 0xFF:
                at += 1
                continue
            marker = data[at + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                at += 1 if marker == 0xFF else 2
                continue
            length = int.from_bytes(data[at + 2 : at + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(data[at + 7 : at + 9], "big"), int.from_bytes(data[at + 5 : at + 7], "big")
            at += 2 + length
        return None
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
        ifd = int.from_bytes(data[4:8], order)
        if ifd + 2 > len(data):
            return None
        count = int.from_bytes(data[ifd : ifd + 2], order)
        found: dict[int, int] = {}
        for index in range(count):
            entry = data[ifd + 2 + 12 * index : ifd + 14 + 12 * index]
            if len(entry) < 12:
                break
            tag, kind = int.from_bytes(entry[0:2], order), int.from_bytes(entry[2:4], order)
            value = int.from_bytes(entry[8:10], order) if kind == 3 else int.from_bytes(entry[8:12], order)
            found[tag] = value
        if 256 in found and 257 in found:
            return found[256], found[257]
    return None


def check_image(data: bytes) -> None:
    """Refuse an image too large to recognise, or one whose header cannot be read."""
    size = image_size(data)
    if size is None:
        raise DocumentError("This image is damaged: its size cannot be read.")
    width, height = size
    if width * height > MAX_PIXELS:
        raise DocumentError(
            f"This image is too large to recognise ({width} × {height}, {width * height / 1e6:.0f} megapixels; "
            f"the limit is {MAX_PIXELS // 1_000_000} megapixels). "
            "Scale it down, for example to 300 dpi, and open it again."
        )
    if width == 0 or height == 0:
        raise DocumentError("This image is damaged: it has no pixels.")
