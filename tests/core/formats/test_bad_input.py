"""Bad input gets a message a person understands, never a traceback, a hang or a request to the network."""

from __future__ import annotations

import http.server
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.document import DocumentError
from reader.core.formats import PasswordError, load_document

DATA = Path(__file__).resolve().parents[2] / "data"
ENCRYPTED = DATA / "encrypted.pdf"  # password "letmein"; see tests/data/README.md


def test_an_encrypted_pdf_asks_for_its_password_and_says_when_it_is_wrong() -> None:
    with pytest.raises(PasswordError, match="protected by a password") as asked:
        load_document(ENCRYPTED)
    assert not asked.value.wrong
    with pytest.raises(PasswordError, match="password is wrong") as refused:
        load_document(ENCRYPTED, password="guess")
    assert refused.value.wrong
    assert "Nelson Mandela" in load_document(ENCRYPTED, password="letmein").text


def test_a_damaged_pdf(made: dict[str, Path], tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(made["pdf"].read_bytes()[:400])
    with pytest.raises(DocumentError, match=r"cut\.pdf.*This PDF is damaged"):
        load_document(cut)


def test_a_damaged_docx_and_epub(made: dict[str, Path], tmp_path: Path) -> None:
    cut = tmp_path / "cut.docx"
    cut.write_bytes(made["docx"].read_bytes()[:3000])
    with pytest.raises(DocumentError, match=r"cut\.docx” is damaged: this Word \(DOCX\) file's zip container"):
        load_document(cut)
    hollow = tmp_path / "hollow.epub"
    with zipfile.ZipFile(hollow, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(DocumentError, match=r"This EPUB e-book is damaged: it has no META-INF/container\.xml"):
        load_document(hollow)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(made: dict[str, Path], tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(made["docx"]) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        with archive.open("word/media/filler.bin", "w") as member:
            for _ in range(40):
                member.write(bytes(1 << 20))  # 40 MB of zeros, packed into about 40 KB
    with pytest.raises(DocumentError, match="refused as a zip bomb"):
        load_document(bomb)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 (shared with the test on purpose)

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"fetched")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_a_web_page_runs_nothing_and_fetches_nothing(server: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f"""<!DOCTYPE html><html><head><title>Port strike</title>
        <link rel="stylesheet" href="{server}/style.css"><script src="{server}/app.js"></script>
        <style>@import url("{server}/more.css"); body {{ background: url({server}/bg.png) }}</style>
        <meta http-equiv="refresh" content="0; url={server}/away"></head>
        <body><script>document.write("INJECTED by a script")</script>
        <iframe src="{server}/frame.html"></iframe><img src="{server}/photo.jpg" alt="a photo">
        <article><h1>Port strike</h1><p>Dockers in Rotterdam stopped work on Monday, and the union said the strike
        would spread to Antwerp unless the port authority reopened talks before the end of the week.</p>
        <p>Shipping lines diverted vessels to Hamburg, where the harbour master expected delays of two days.</p>
        <object data="{server}/plugin.swf"></object><video poster="{server}/poster.jpg"></video></article>
        </body></html>""",
        encoding="utf-8",
    )
    document = load_document(page)
    assert "Dockers in Rotterdam stopped work" in document.text
    assert "INJECTED" not in document.text
    assert _Recorder.requests == []


def test_a_fifty_megapixel_image_is_refused_with_its_size(tmp_path: Path) -> None:
    width, height = 8000, 6250
    rows = zlib.compress(bytes((width + 1) * height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    image = tmp_path / "huge-scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    with pytest.raises(DocumentError, match=r"too large to recognise \(8000 × 6250, 50 megapixels"):
        load_document(image)


def test_a_file_whose_extension_lies_about_a_format_it_is_not(tmp_path: Path) -> None:
    fake = tmp_path / "contract.pdf"
    fake.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(DocumentError, match=r"contract\.pdf” is named like a PDF file, but its content is not one"):
        load_document(fake)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(DocumentError, match="it is a zip archive, not a document"):
        load_document(archive)
