"""The window opens PDFs, scans, Word files, e-books and e-mail: off its thread, with pages shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.core.document import DocumentError
from reader.core.formats import Progress, load_document
from reader.ui import opening
from tests.core.formats.conftest import made, needs_tesseract  # noqa: F401  (the format fixtures)
from tests.core.formats.test_bad_input import ENCRYPTED

from .conftest import open_and_wait


def test_a_pdf_is_read_off_the_window_thread_and_shows_its_pages(qtbot, fake_window, made, monkeypatch) -> None:  # noqa: F811
    window, service = fake_window()
    threads: list[str] = []
    real = opening.stream_document

    def spying(*args, **kwargs):
        threads.append(threading.current_thread().name)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(opening, "stream_document", spying)
    analysis = open_and_wait(qtbot, window, made["pdf"])
    assert threads == ["gazette-document-reader"]
    assert window.document.format == "pdf"
    assert window.encoding_label.text() == "PDF"
    assert window.opening.page_label.text() == "p. 1 of 3"
    assert [page for _, page in window.view.page_starts] == [2, 3]
    lisbon = window.document.text.index("Lisbon")
    assert window.view.page_break_at(window.document.sources.sections[2].start) is not None
    entity = next(e for e in analysis.entities if e.name == "Lisbon")
    window.select_entity(entity.id)
    [row] = window.panel.mention_rows()
    assert row.startswith("p. 3: ")
    assert window.document.sources.page_at(lisbon) == 3
    # The running header is shown, dimmed, and not analysed.
    header = window.document.text.index("Commission Report")
    assert (header, header + len("Commission Report")) in window.document.sources.furniture
    block = window.view.document().findBlock(window.view.offsets.to_utf16(header))
    colour = block.begin().fragment().charFormat().foreground().color()
    assert colour.alpha() == 120
    [analysed] = service.texts.values()
    assert len(analysed) == len(window.document.text)
    assert "Commission Report" not in analysed
    assert "Lisbon" in analysed


def test_an_encrypted_pdf_asks_for_its_password_again_when_it_is_wrong(qtbot, fake_window, monkeypatch) -> None:
    window, _service = fake_window()
    asked: list[bool] = []
    answers = iter(["guess", "letmein"])

    def ask(path: Path, wrong: bool) -> str | None:
        asked.append(wrong)
        return next(answers)

    monkeypatch.setattr(window, "ask_password", ask)
    open_and_wait(qtbot, window, ENCRYPTED)
    assert asked == [False, True]
    assert "Nelson Mandela" in window.document.text


def test_a_password_not_given_leaves_a_banner(qtbot, fake_window, monkeypatch) -> None:
    window, _service = fake_window()
    monkeypatch.setattr(window, "ask_password", lambda path, wrong: None)
    window.open_path(ENCRYPTED)
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert window.banner.label.text() == "“encrypted.pdf” was not opened: it needs its password."
    assert window.document is None


def test_a_damaged_pdf_gets_a_banner_and_keeps_the_open_document(qtbot, fake_window, made, tmp_path) -> None:  # noqa: F811
    window, _service = fake_window()
    open_and_wait(qtbot, window, made["docx"])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(made["pdf"].read_bytes()[:400])
    window.open_path(cut)
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert window.banner.level == "error"
    assert "This PDF is damaged" in window.banner.label.text()
    assert window.document.format == "docx"


def test_dropping_an_epub_opens_it_by_chapter(qtbot, fake_window, made) -> None:  # noqa: F811
    window, _service = fake_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(made["epub"]))])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=20_000):
        window.dropEvent(event)
    assert window.document.format == "epub"
    assert window.opening.page_label.text() == "Chapter One"
    assert window.view.page_starts == []


def test_the_open_dialog_offers_every_format(fake_window, monkeypatch) -> None:
    from reader.ui import main_window

    window, _service = fake_window()
    seen: list[str] = []
    monkeypatch.setattr(main_window, "get_open_path", lambda _w, _s, _t, filters, _f: seen.append(filters) or "")
    window.open_dialog()
    [filters] = seen
    first = filters.split(";;")[0]
    for pattern in ("*.pdf", "*.docx", "*.odt", "*.epub", "*.html", "*.eml", "*.rtf", "*.png", "*.txt"):
        assert pattern in first


def test_reading_can_be_stopped_and_the_pages_read_stay(qtbot, fake_window, made, monkeypatch) -> None:  # noqa: F811
    window, _service = fake_window()
    partial = load_document(made["pdf"])

    def slow(path, password=None, ocr=False, stop=lambda: False):
        yield Progress(partial, 5, 900)
        waited = threading.Event()
        for _ in range(200):  # at most 10 s
            if stop():
                break
            waited.wait(0.05)
        yield Progress(partial, 5, 900)

    monkeypatch.setattr(opening, "stream_document", slow)
    with qtbot.waitSignal(window.documentOpened, timeout=10_000):
        window.open_path(made["pdf"])
    assert window.opening.stop_button.isVisible()
    assert window.opening.progress.isVisible()
    window.opening.stop_button.click()
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "after page 5 of 900" in window.banner.label.text()
    assert not window.opening.stop_button.isVisible()
    assert "Oslo" in window.document.text


def test_an_unforeseen_failure_of_a_reader_is_one_banner(qtbot, fake_window, made, monkeypatch) -> None:  # noqa: F811
    window, _service = fake_window()

    def broken(*args, **kwargs):
        raise DocumentError("“x.pdf”: This PDF is damaged: made up.")
        yield

    monkeypatch.setattr(opening, "stream_document", broken)
    window.open_path(made["pdf"])
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert window.banner.label.text() == "Could not open the file. “x.pdf”: This PDF is damaged: made up."


@needs_tesseract
def test_a_scanned_pdf_is_offered_ocr_and_recognised_page_by_page(qtbot, fake_window, made) -> None:  # noqa: F811
    window, _service = fake_window()
    window.open_path(made["scan-pdf"])
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "has no text layer (2 scanned pages)" in window.banner.label.text()
    assert window.banner.action_button.text() == "Recognise with OCR"
    with qtbot.waitSignal(window.documentOpened, timeout=60_000):
        window.banner.action_button.click()
    qtbot.waitUntil(lambda: window.document is not None and "Accra" in window.document.text, timeout=120_000)
    qtbot.waitUntil(lambda: not window.opening.reading, timeout=60_000)
    assert window.document.sources.page_at(window.document.text.index("Accra")) == 2
    assert window.opening.page_label.text().startswith("p. 1 of 2 · OCR ")


@pytest.mark.parametrize("name", ["meeting.eml", "notes.odt"])
def test_email_and_odt_open_in_the_window(qtbot, fake_window, made, name, tmp_path) -> None:  # noqa: F811
    window, _service = fake_window()
    source = next(path for path in made.values() if path.name == name)
    copy = tmp_path / name
    shutil.copy(source, copy)
    open_and_wait(qtbot, window, copy)
    assert window.document.format in ("email", "odt")
    assert window.opening.page_label.text() in ("Header", "Field Notes")


@pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"), reason="no pdftotext (poppler-utils)")
def test_the_pdf_export_of_a_pdf_shows_its_page_markers(qtbot, fake_window, made, tmp_path) -> None:  # noqa: F811
    from reader.ui.exporting import export_bytes

    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, made["pdf"])
    exported = tmp_path / "export.pdf"
    exported.write_bytes(export_bytes(".pdf", window.document, analysis, None, window.font()))
    text = subprocess.run(["pdftotext", str(exported), "-"], capture_output=True, text=True, check=True).stdout
    assert text.index("p. 2") < text.index("Oslo") < text.index("p. 3") < text.index("Lisbon")


def test_an_emails_attachments_open_as_documents_of_their_own(qtbot, fake_window, made, tmp_path) -> None:  # noqa: F811
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "desk@example.com"
    message["To"] = "editor@example.com"
    message["Subject"] = "Two files"
    message.set_content("The report and the book are attached.")
    message.add_attachment(made["pdf"].read_bytes(), maintype="application", subtype="pdf", filename="../report.pdf")
    message.add_attachment(made["epub"].read_bytes(), maintype="application", subtype="epub+zip", filename="book.epub")
    mail = tmp_path / "two.eml"
    mail.write_bytes(bytes(message))
    window, _service = fake_window()
    open_and_wait(qtbot, window, mail)
    assert window.banner.isVisible()
    assert window.banner.label.text() == "This e-mail has 2 attachments: ../report.pdf, book.epub."
    assert window.banner.action_button.text() == "Open Attachments"
    window.banner.action_button.click()
    qtbot.waitUntil(lambda: window.tabs.count() == 3 and not window.opening.reading, timeout=20_000)
    assert window.tabs.names()[1:] == ["report.pdf", "book.epub"]
    assert window.document.format == "epub"
    saved = Path(str(window.document.path))
    assert saved.parent.parent.name == "attachments"  # in the cache folder, never beside the e-mail


def test_several_documents_given_at_once_all_open(qtbot, fake_window, made) -> None:  # noqa: F811
    window, _service = fake_window()
    for name in ("pdf", "docx", "epub"):
        assert window.open_in_background(made[name])
    qtbot.waitUntil(lambda: window.tabs.count() == 3 and not window.opening.reading, timeout=20_000)
    assert window.tabs.names() == ["report.pdf", "annual.docx", "book.epub"]


def test_a_document_interrupted_by_another_is_read_whole_behind_it(qtbot, fake_window, made, monkeypatch) -> None:  # noqa: F811
    import dataclasses

    window, _service = fake_window()
    real = opening.stream_document
    first_pages = dataclasses.replace(load_document(made["odt"]), path=made["pdf"])
    calls: list[str] = []

    def slow_then_real(path, password=None, ocr=False, stop=lambda: False):
        calls.append(Path(path).name)
        if calls.count("report.pdf") == 1 and Path(path) == made["pdf"]:
            yield Progress(first_pages, 5, 900)
            waited = threading.Event()
            for _ in range(200):  # until the next file stops it, at most 10 s
                if stop():
                    break
                waited.wait(0.05)
            yield Progress(first_pages, 5, 900)
            return
        yield from real(path, password, ocr, stop)

    monkeypatch.setattr(opening, "stream_document", slow_then_real)
    with qtbot.waitSignal(window.documentOpened, timeout=10_000):
        window.open_path(made["pdf"])
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(made["docx"])
    qtbot.waitUntil(lambda: calls == ["report.pdf", "annual.docx", "report.pdf"] and not window.opening.reading)
    assert window.tabs.names() == ["report.pdf", "annual.docx"]
    assert window.document.format == "docx"  # the reader stays where they went
    assert "Oslo" in window.tabs.open[0].document.text


def test_pages_read_since_show_when_the_reader_reaches_the_end(qtbot, fake_window, made, monkeypatch) -> None:  # noqa: F811
    import dataclasses

    window, _service = fake_window(size=(900, 500))
    whole = load_document(made["pdf"])
    lines = "\n\n".join(f"Paragraph {n} of the first pages." for n in range(60))
    first = dataclasses.replace(whole, text=lines, sources=None)
    more = dataclasses.replace(whole, text=lines + "\n\nThe next pages reach Oslo.", sources=None)
    sent = threading.Event()

    def stream(path, password=None, ocr=False, stop=lambda: False):
        yield Progress(first, 5, 900)
        yield Progress(more, 40, 900)
        sent.set()
        waited = threading.Event()
        for _ in range(200):
            if stop():
                break
            waited.wait(0.05)
        yield Progress(more, 40, 900)

    monkeypatch.setattr(opening, "stream_document", stream)
    with qtbot.waitSignal(window.documentOpened, timeout=10_000):
        window.open_path(made["pdf"])
    qtbot.waitUntil(lambda: window.opening._latest is more, timeout=10_000)
    assert window.document is first  # the reader is at the top: the text stays as it is
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert window.document is more
    assert "Oslo" in window.view.toPlainText()
    window.opening.stop()
    qtbot.waitUntil(lambda: not window.opening.reading, timeout=10_000)


def _bomb(made: dict[str, Path], folder: Path) -> Path:  # noqa: F811
    import zipfile

    bomb = folder / "bomb.docx"
    with zipfile.ZipFile(made["docx"]) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("word/media/filler.bin", bytes(40 << 20))
    return bomb


def _huge_image(folder: Path) -> Path:
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = (8000).to_bytes(4, "big") + (6250).to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    image = folder / "huge.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    return image


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("liar", "liar.pdf” is named like a PDF file, but its content is not one"),
        ("bomb", "refused as a zip bomb"),
        ("huge", "too large to recognise (8000 × 6250, 50 megapixels"),
        ("cut", "cut.docx” is damaged"),
    ],
)
def test_each_bad_file_gets_a_banner_and_the_open_document_stays(
    qtbot, fake_window, made, tmp_path, kind, expected  # noqa: F811
) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, made["odt"])
    if kind == "liar":
        path = tmp_path / "liar.pdf"
        path.write_bytes(bytes(range(256)) * 16)
    elif kind == "bomb":
        path = _bomb(made, tmp_path)
    elif kind == "huge":
        path = _huge_image(tmp_path)
    else:
        path = tmp_path / "cut.docx"
        path.write_bytes(made["docx"].read_bytes()[:3000])
    window.open_path(path)
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert window.banner.level == "error"
    assert expected in window.banner.label.text()
    assert window.document.format == "odt"
    assert window.tabs.count() == 1
