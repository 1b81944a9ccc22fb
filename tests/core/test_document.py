"""Loading files: encodings, newlines and every kind of unreadable input."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.document import DocumentError, decode_bytes, document_from_bytes, load_document

TEXT = "Ünïcode café — “quoted” 😀 text.\nSecond line."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
    ],
)
def test_unicode_encodings_decode_by_bom_or_strict_utf8(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding


def test_legacy_code_page_is_detected() -> None:
    original = (
        "Le ministre a déclaré à la presse que les négociations avançaient très bien, "
        "malgré les réserves exprimées à Genève par la délégation française. "
    ) * 4
    text, encoding = decode_bytes(original.encode("cp1252"))
    assert text == original
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252", "latin1", "iso88591", "iso885915"}


def test_newlines_are_normalised_and_digest_is_of_the_bytes() -> None:
    data = b"one\r\ntwo\rthree\nfour"
    document = document_from_bytes(data)
    assert document.text == "one\ntwo\nthree\nfour"
    assert document.sha256 == hashlib.sha256(data).hexdigest()


@given(st.text())
def test_any_utf8_text_roundtrips_with_normalised_newlines(text: str) -> None:
    data = text.encode("utf-8")
    if b"\x00" in data or any(ch < " " and ch not in "\t\n\r\f\v\x1b" for ch in text):
        return
    document = document_from_bytes(data)
    assert document.text == text.replace("\r\n", "\n").replace("\r", "\n")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(DocumentError, match="binary"):
        load_document(path)


def test_control_characters_without_nul_are_refused() -> None:
    with pytest.raises(DocumentError, match=r"binary"):
        decode_bytes(bytes(range(1, 32)) * 50)


def test_missing_file_is_refused_with_its_whole_path(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=f"“{re.escape(str(tmp_path / 'gone.txt'))}” does not exist"):
        load_document(tmp_path / "gone.txt")


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(tmp_path)


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(path: Path, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reader.core.document.read_regular_file", refuse)
    with pytest.raises(DocumentError, match=f"permission to read “{re.escape(str(path))}”"):
        load_document(path)


def test_damaged_utf16_is_refused() -> None:
    with pytest.raises(DocumentError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")


def test_empty_file_loads_as_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    document = load_document(path)
    assert document.text == ""
    assert document.encoding == "utf-8"


def test_fifty_megabyte_file_loads(tmp_path: Path) -> None:
    paragraph = "The delegation from Norway met officials in Oslo on Tuesday.\n"
    path = tmp_path / "big.txt"
    count = 50 * 2**20 // len(paragraph) + 1
    path.write_text(paragraph * count, encoding="utf-8")
    document = load_document(path)
    assert len(document.text) == len(paragraph) * count
    assert document.text.endswith("Tuesday.\n")


def test_a_path_too_long_to_open_is_named_short_enough_to_read(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 1000 + ".txt")
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert "the file name is too long" in message
    assert str(tmp_path)[:40] in message and message.count("x") < 300 and len(message) < 450


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str, tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=f"“{device}” cannot be opened: it is a device, not a file"):
        load_document(device)
    link = tmp_path / "article.txt"
    link.symlink_to(device)
    with pytest.raises(DocumentError, match="it is a device, not a file"):
        load_document(link)


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match=r"cannot be opened: it is a named pipe \(FIFO\), not a file"):
        load_document(fifo)


ARTICLE_TEXT = (
    "Maria Ortega met the minister in Lisbon on Tuesday.\n"
    "The talks, held at the “Palácio das Necessidades”, went on until late.\n"
) * 20


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_by_its_pattern(codec: str, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE_TEXT.encode(codec))
    document = load_document(path)
    assert document.text == ARTICLE_TEXT
    assert document.encoding == codec
    assert document.notice == ""


def test_utf16_without_a_byte_order_mark_in_another_script_is_read() -> None:
    text = "Владимир Путин встретился с Ким Чен Ыном в Пхеньяне.\n" * 10
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_binary_with_nul_bytes_on_both_sides_is_still_refused() -> None:
    with pytest.raises(DocumentError, match="binary"):
        decode_bytes(bytes(range(256)) * 8)


def test_utf8_with_one_bad_byte_is_read_with_a_replacement_and_a_notice() -> None:
    data = ARTICLE_TEXT.encode("utf-8")
    at = data.index(b"Tuesday")
    damaged = data[:at] + b"\xff" + data[at + 1 :]
    document = document_from_bytes(damaged)
    assert document.text == ARTICLE_TEXT.replace("Tuesday", "\ufffduesday", 1)
    assert document.encoding == "utf-8"
    assert document.notice == "The text is UTF-8 but one byte sequence is not valid UTF-8: shown as “\ufffd”."


def test_utf8_with_a_few_bad_bytes_is_not_shown_as_a_legacy_code_page() -> None:
    data = bytearray(ARTICLE_TEXT.encode("utf-8"))
    for n, at in enumerate((100, 900, 2000)):
        data[at] = (0x80, 0xC3, 0xE2)[n]
    document = document_from_bytes(bytes(data))
    assert document.encoding == "utf-8"
    assert "Palácio" in document.text and "“Palácio" in document.text  # no “PalÃ¡cio” mojibake
    assert document.text.count("\ufffd") == 3
    assert "3 byte sequences are not valid UTF-8" in document.notice


def test_ascii_with_a_few_legacy_letters_is_read_as_windows_1252_and_says_so() -> None:
    text = "The caf\u00e9 on Rue Saint-Andr\u00e9 was full. " * 30
    document = document_from_bytes(text.encode("cp1252"))
    assert document.text == text
    assert document.encoding == "cp1252"
    assert document.notice == (
        "The text is not UTF-8; it was read as Windows-1252 (Western European), the likeliest encoding."
    )


def test_ascii_with_bytes_no_code_page_has_is_read_as_utf8_with_replacement() -> None:
    data = b"Maria Ortega met the minister in Lisbon. " * 30
    damaged = data[:50] + b"\x81\x9d" + data[52:]
    document = document_from_bytes(damaged)
    assert document.encoding == "utf-8" and document.text.count("\ufffd") == 2
    assert "2 byte sequences are not valid UTF-8" in document.notice


def test_a_clean_file_has_no_notice() -> None:
    assert document_from_bytes(ARTICLE_TEXT.encode("utf-8")).notice == ""


def test_central_european_text_with_few_accents_is_not_read_as_western() -> None:
    text = "Minister powiedział w Łodzi, że rozmowy trwają dalej. " * 20
    text_read, encoding = decode_bytes(text.encode("cp1250"))
    assert "powiedział" in text_read and "Łodzi" in text_read and "że" in text_read
    assert encoding == "cp1250"


def test_ascii_with_a_few_stray_nul_bytes_is_not_taken_for_utf16() -> None:
    data = bytearray(b"Maria Ortega met the minister in Lisbon on Tuesday. " * 40)
    data[11] = data[501] = data[1001] = 0  # odd offsets: where UTF-16LE text has its NULs
    with pytest.raises(DocumentError, match="binary"):
        decode_bytes(bytes(data))
