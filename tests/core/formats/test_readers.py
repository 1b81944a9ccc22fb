"""Each format opens with its text in reading order and offsets mapped to pages, chapters or sections."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.formats import load_bytes, load_document
from reader.core.formats.readers import attachments
from reader.core.sources import blank_furniture

from .conftest import TWO_COLUMN_LEFT, TWO_COLUMN_RIGHT, needs_tesseract


def section_of(document, phrase: str) -> str:
    offset = document.text.index(phrase)
    section = document.sources.at(offset)
    assert section is not None
    return section.label


def test_pdf_pages_are_mapped_and_a_hyphenated_word_is_joined(made: dict[str, Path]) -> None:
    document = load_document(made["pdf"])
    assert document.format == "pdf"
    assert "an international panel of witnesses" in document.text
    assert document.sources.page_at(document.text.index("Nairobi")) == 1
    assert document.sources.page_at(document.text.index("Oslo")) == 2
    assert document.sources.page_at(document.text.index("Lisbon")) == 3
    assert [page for _, page in document.sources.page_starts] == [2, 3]


def test_running_headers_and_page_numbers_are_furniture_not_running_text(made: dict[str, Path]) -> None:
    document = load_document(made["pdf"])
    furniture = [document.text[start:end] for start, end in document.sources.furniture]
    assert furniture.count("Commission Report") == 3
    assert {"1", "2", "3"} <= set(furniture)
    analysed = blank_furniture(document.text, document.sources.furniture)
    assert len(analysed) == len(document.text)
    assert "Commission Report" not in analysed
    # The header never runs into a sentence: it is a paragraph of its own.
    assert "Commission Report\n\nThe inquiry began" in document.text


def test_two_column_pdf_reads_column_by_column(made: dict[str, Path]) -> None:
    text = load_document(made["two-column"]).text
    left, right = " ".join(TWO_COLUMN_LEFT), " ".join(TWO_COLUMN_RIGHT)
    assert text.index("The Harbour Report") < text.index(left) < text.index(right)
    assert left in text
    assert right in text


def test_docx_headings_tables_and_sections(made: dict[str, Path]) -> None:
    document = load_document(made["docx"])
    assert document.format == "docx"
    assert document.sources.unit == "section"
    assert section_of(document, "Nairobi") == "Operations in Kenya"
    assert section_of(document, "Gerhard Schmidt") == "Outlook"
    assert "Lagos\tOxfam" in document.text


def test_epub_follows_the_spine_and_drops_scripts_and_styles(made: dict[str, Path]) -> None:
    document = load_document(made["epub"])
    assert document.format == "epub"
    assert document.text.index("Nantucket") < document.text.index("Boston")
    assert section_of(document, "Nantucket") == "Chapter One"
    assert section_of(document, "Boston") == "Chapter Two"
    assert "never shown" not in document.text
    assert "color" not in document.text


def test_odt_headings_and_spaces(made: dict[str, Path]) -> None:
    document = load_document(made["odt"])
    assert document.format == "odt"
    assert "The Red Cross met her there." in document.text
    assert section_of(document, "Lima") == "Field Notes"


def test_email_header_body_and_attachment(made: dict[str, Path]) -> None:
    document = load_document(made["eml"])
    assert document.format == "email"
    assert document.text.startswith("From: Sarah Connor <sarah@example.org>\nTo: desk@example.com\n")
    assert "Subject: Meeting in Geneva" in document.text
    assert section_of(document, "John Smith") == "Message"
    assert "Attachment: memo.pdf (application/pdf" in document.text
    [attachment] = attachments(made["eml"].read_bytes())
    opened = load_bytes(attachment.data, attachment.name)
    assert opened.format == "pdf"
    assert opened.sources.page_at(opened.text.index("Oslo")) == 2


def test_rtf_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Dear Mr Dupont,\par I write from Montr\'e9al.\par}"
    )
    document = load_document(path)
    assert document.format == "rtf"
    assert document.text == "Dear Mr Dupont,\n\nI write from Montréal."


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Summit ends</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        "<article><h1>Summit ends</h1><p>Jacinda <b>Ardern</b>, who left <i>Wellington</i> on Monday "
        "for talks with the leaders of "
        "the Pacific Islands Forum about fishing rights and the climate.</p><h2>Reaction</h2>"
        "<p>The Red Cross said the talks in Suva had been useful, and that it would send observers next time.</p>"
        "</article><footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.format == "html"
    assert "Jacinda Ardern, who left Wellington on Monday" in document.text
    assert "Home" not in document.text
    assert section_of(document, "Red Cross") == "Reaction"


def test_type_is_told_by_content_not_by_the_extension(made: dict[str, Path], tmp_path: Path) -> None:
    lying = tmp_path / "really-a-word-file.pdf"
    shutil.copy(made["docx"], lying)
    assert load_document(lying).format == "docx"
    text = tmp_path / "notes.txt"
    shutil.copy(made["pdf"], text)
    assert load_document(text).format == "pdf"


@needs_tesseract
def test_a_scanned_page_is_recognised(made: dict[str, Path]) -> None:
    document = load_document(made["scan-png"])
    assert document.format == "image"
    assert "Angela Merkel" in document.text
    assert "Berlin" in document.text
    [page] = document.sources.sections
    assert page.page == 1
    assert page.confidence is not None
    assert page.confidence > 60


@needs_tesseract
def test_a_scanned_pdf_is_recognised_page_by_page_when_asked(made: dict[str, Path]) -> None:
    from reader.core.formats import NoTextLayerError

    with pytest.raises(NoTextLayerError, match=r"has no text layer \(2 scanned pages\)") as refused:
        load_document(made["scan-pdf"])
    assert refused.value.pages == 2
    document = load_document(made["scan-pdf"], ocr=True)
    assert document.sources.page_at(document.text.index("Geneva")) == 1
    assert document.sources.page_at(document.text.index("Accra")) == 2


def test_the_html_export_marks_where_pages_start(made: dict[str, Path]) -> None:
    from reader.core.html_export import annotated_html
    from reader.core.model import Analysis, Entity, Mention

    document = load_document(made["pdf"])
    oslo = document.text.index("Oslo")
    entity = Entity("PLACE:oslo", "PLACE", "Oslo", (), 1, "NO", oslo)
    analysis = Analysis((Mention(oslo, oslo + 4, "Oslo", "PLACE", "GPE", entity.id),), (entity,))
    page = annotated_html(document, analysis, {})
    assert page.index('<span class="page" id="page-2" role="separator">p. 2</span>') < page.index(">Oslo</mark>")
    assert page.index(">Oslo</mark>") < page.index('id="page-3"')
    assert 'id="page-1"' not in page
    printed = annotated_html(document, analysis, {}, map_image="map.png")
    assert printed.count("――――― p. ") == 2


def test_map_captions_in_a_pdf_keep_their_lines(tmp_path: Path, qapp) -> None:
    from reader.core.colours import find_caption_lines

    from . import makers

    path = makers.text_pdf(
        tmp_path / "caption.pdf",
        [["Troops moved from North Korea to Russia, officials in Kyiv said.", "Russia = Red", "Orange = North Korea"]],
    )
    text = load_document(path).text
    assert [(c.name, c.colour) for c in find_caption_lines(text)] == [("Russia", "#ff0000"), ("North Korea", "#ffa500")]
    assert "officials in Kyiv said.\nRussia = Red\nOrange = North Korea" in text


def test_a_quote_mark_and_a_short_line_stay_in_their_paragraph(tmp_path: Path, qapp) -> None:
    from . import makers

    lines = ["“Well, Prince, so Genoa and Lucca are now just family estates", "war,", "if you still try it.”"]
    path = makers.text_pdf(tmp_path / "quote.pdf", [lines])
    assert load_document(path).text == " ".join(lines)


def test_docx_footnotes_close_the_text(made: dict[str, Path], tmp_path: Path) -> None:
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>-</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Figures from the </w:t></w:r><w:r><w:t>Central Bank of Kenya.</w:t>'
        "</w:r></w:p></w:footnote></w:footnotes>"
    )
    with_notes = tmp_path / "noted.docx"
    with zipfile.ZipFile(made["docx"]) as source, zipfile.ZipFile(with_notes, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/footnotes.xml", notes)
    document = load_document(with_notes)
    assert document.text.endswith("Lagos\tOxfam\n\n1. Figures from the Central Bank of Kenya.")
    assert section_of(document, "Central Bank") == "Notes"


def test_ocr_lines_make_paragraphs_by_their_gaps() -> None:
    from reader.core.formats.ocr import parse_tsv

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

    def line(block: int, number: int, top: int, *words: str, width: int = 900) -> list[str]:
        rows = [f"4\t1\t{block}\t1\t{number}\t0\t100\t{top}\t{width}\t40\t-1\t"]
        rows += [f"5\t1\t{block}\t1\t{number}\t{i}\t100\t{top}\t90\t40\t91.5\t{w}" for i, w in enumerate(words, 1)]
        return rows

    rows = [
        header,
        *line(1, 1, 100, "MEMORANDUM", width=300),
        *line(2, 1, 240, "To:", "the", "Director", width=400),  # a short line ends its paragraph
        *line(3, 1, 310, "The", "delegation", "met", "the", "Inter-"),  # a block of each double-spaced line
        *line(4, 1, 380, "national", "Criminal", "Court", "in", width=880),
        *line(5, 1, 450, "The", "Hague.", width=300),
        *line(6, 1, 590, "Copies", "to", "Oslo.", width=300),
    ]
    recognised = parse_tsv("\n".join(rows))
    assert recognised.paragraphs == (
        "MEMORANDUM",
        "To: the Director",
        "The delegation met the International Criminal Court in The Hague.",
        "Copies to Oslo.",
    )
    assert recognised.confidence == pytest.approx(91.5)


def test_indented_paragraphs_without_space_between_them_stay_apart(tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QPainter

    from . import makers

    path = tmp_path / "filing.pdf"
    writer = makers._writer(path)
    painter = QPainter(writer)
    painter.setFont(makers._font(11))
    rows = [
        (96, "The plaintiff, Maria Gonzalez, filed the complaint in the District Court"),
        (72, "for the Southern District of New York on the third of March, and asked for"),
        (72, "damages."),
        (96, "The defendant, Apex Shipping Ltd., answered on the tenth of April. Its"),
        (72, "counsel argued that the court in Manhattan had no jurisdiction over the"),
        (72, "claims, which arose in Panama and were governed by its law."),
    ]
    for row, (x, text) in enumerate(rows):
        painter.drawText(x, 100 + row * 15, text)
    painter.end()
    paragraphs = load_document(path).text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("asked for damages.")
    assert paragraphs[1].startswith("The defendant, Apex Shipping Ltd., answered")
