"""The annotated article in HTML, and the entities in CSV: bytes a reader shares (no model needed)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.analysis import build_analysis
from reader.core.document import document_from_bytes
from reader.core.export import entities_to_csv
from reader.core.html_export import annotated_html
from reader.core.model import RawSpan

COLOURS = {"PERSON": "#e69f00", "PLACE": "#56b4e9", "ORG": "#009e73", "GROUP": "#cc79a7"}
TEXT = (
    "Minister Ana Duarte met the Atlas Council in Lisbon.\n\n"
    "<script>alert('x')</script> & <b>not bold</b> — Duarte said Lisbon & Porto would host it.\n"
)


def analysis_of(text: str = TEXT):
    def at(surface: str, label: str, nth: int = 0) -> RawSpan:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return RawSpan(start, start + len(surface), label)

    raw = [
        at("Ana Duarte", "PERSON"),
        at("Atlas Council", "ORG"),
        at("Lisbon", "GPE"),
        at("Duarte", "PERSON", 1),
        at("Lisbon", "GPE", 1),
        at("Porto", "GPE"),
    ]
    return build_analysis(text, raw)


class _Reader(HTMLParser):
    """The text of the article element, the marks in it, and every script and external reference."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.article: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self.mark: list[str] | None = None
        self.mark_class = ""
        self.scripts = 0
        self.links: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "main":
            self.in_article += 1
        if tag == "script":
            self.scripts += 1
        if tag == "mark" and self.in_article:
            self.mark, self.mark_class = [], a.get("class") or ""
        for key in ("href", "src"):
            value = a.get(key) or ""
            if value.startswith("#"):
                self.links.append(value[1:])
            elif value:
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_article -= 1
        if tag == "mark" and self.mark is not None:
            self.marks.append(("".join(self.mark), self.mark_class))
            self.mark = None

    def handle_data(self, data: str) -> None:
        if self.in_article:
            self.article.append(data)
            if self.mark is not None:
                self.mark.append(data)


def read(page: str) -> _Reader:
    reader = _Reader()
    reader.feed(page)
    return reader


def test_the_text_is_escaped_intact_and_highlighted_by_kind() -> None:
    document = document_from_bytes(TEXT.encode())
    page = annotated_html(document, analysis_of(), COLOURS)
    reader = read(page)
    assert "".join(reader.article) == TEXT  # every character, as typed
    assert reader.scripts == 0 and "<b>not bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert reader.marks == [
        ("Ana Duarte", "k-person"),
        ("Atlas Council", "k-org"),
        ("Lisbon", "k-place"),
        ("Duarte", "k-person"),
        ("Lisbon", "k-place"),
        ("Porto", "k-place"),
    ]
    assert "#e69f00" in page and "#009e73" in page  # the kinds' colours
    assert reader.external == []  # self-contained


def test_the_index_links_every_entity_to_each_of_its_mentions() -> None:
    analysis = analysis_of()
    page = annotated_html(document_from_bytes(TEXT.encode()), analysis, COLOURS)
    reader = read(page)
    ids = {f"m{i + 1}" for i in range(6)}
    assert set(reader.links) == ids and len(reader.links) == 6
    for anchor in ids:
        assert f'id="{anchor}"' in page
    assert "<li>Ana Duarte <small>(Duarte)</small>:" in page
    assert "<h2>Places (2)</h2>" in page and "<h2>Groups" not in page


def test_the_map_comes_inline_without_anything_that_runs() -> None:
    svg = (
        '<?xml version="1.0"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script><path d="M0 0"/></svg>'
    )
    page = annotated_html(document_from_bytes(TEXT.encode()), analysis_of(), COLOURS, svg)
    assert '<figure class="map"><svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>' in page
    assert "<?xml" not in page and "onload" not in page and read(page).scripts == 0


def test_entities_csv_has_one_row_per_entity() -> None:
    rows = list(csv.reader(io.StringIO(entities_to_csv(analysis_of()))))
    assert rows[0] == ["name", "kind", "mentions", "aliases", "country"]
    assert ["Ana Duarte", "PERSON", "2", "Duarte", ""] in rows
    assert ["Lisbon", "PLACE", "2", "", "PT"] in rows
    assert len(rows) == 1 + len(analysis_of().entities)


CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium")


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="no headless Chromium here (Debian: chromium-headless-shell)"
)
def test_a_real_browser_shows_the_highlights_and_the_text(tmp_path: Path) -> None:
    assert CHROMIUM, "CI needs Debian's chromium-headless-shell"
    from PySide6.QtGui import QColor, QImage

    page = tmp_path / "article.html"
    page.write_text(annotated_html(document_from_bytes(TEXT.encode()), analysis_of(), COLOURS), encoding="utf-8")
    shot = tmp_path / "article.png"
    common = [CHROMIUM, "--no-sandbox", "--disable-gpu", "--headless", "--hide-scrollbars"]
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=900,700", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    assert "".join(read(dom).article) == TEXT  # the browser kept every character as text
    image = QImage(str(shot))
    assert image.width() == 900

    def near(colour: str) -> int:
        target = QColor(colour)
        count = 0
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                c = image.pixelColor(x, y)
                if abs(c.red() - target.red()) + abs(c.green() - target.green()) + abs(c.blue() - target.blue()) < 40:
                    count += 1
        return count

    # Each kind's underline (its full colour) is on screen.
    for kind in ("PERSON", "PLACE", "ORG"):
        assert near(COLOURS[kind]) > 20, kind


def test_paragraphs_on_lines_of_their_own_are_spaced_as_in_the_window() -> None:
    paragraph = "Ana Duarte spoke to the council about the ferries, the harbour and the winter timetable. " * 3
    text = f"Ferries\n{paragraph}\n{paragraph}\n"
    document = document_from_bytes(text.encode())
    analysis = build_analysis(text, [RawSpan(text.index("Ana Duarte"), text.index("Ana Duarte") + 10, "PERSON")])
    reader = read(annotated_html(document, analysis, COLOURS))
    assert "".join(reader.article) == f"Ferries\n\n{paragraph}\n\n{paragraph}\n"
    assert "".join(read(annotated_html(document_from_bytes(TEXT.encode()), analysis_of(), COLOURS)).article) == TEXT


def test_counts_and_titles_read_as_english() -> None:
    text = "Ana Duarte spoke.\n"
    analysis = build_analysis(text, [RawSpan(0, 10, "PERSON")])
    page = annotated_html(document_from_bytes(text.encode()), analysis, COLOURS)
    assert "<p>1 highlighted mention of 1 entity found" in page or "<p>1 highlighted mention of 1 entity.</p>" in page
    assert 'title="Ana Duarte (person)"' in page and "(people)" not in page
    page = annotated_html(document_from_bytes(TEXT.encode()), analysis_of(), COLOURS)
    assert "6 highlighted mentions of 4 entities" in page


def test_a_right_to_left_override_is_shown_as_a_mark_in_the_export() -> None:
    text = "Ana Duarte sent invoice\u202eFDP.exe\u202c today.\n"
    analysis = build_analysis(text, [RawSpan(0, 10, "PERSON")])
    reader = read(annotated_html(document_from_bytes(text.encode()), analysis, COLOURS))
    assert "".join(reader.article) == "Ana Duarte sent invoice\u25c0FDP.exe\u25aa today.\n"
