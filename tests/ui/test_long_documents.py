"""Long documents: highlights that never re-wrap the text, partial results while a book is
analysed, and the part the reader is looking at analysed first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QApplication

from reader.ui.article import ArticleView, HighlightSpan
from reader.ui.theme import DARK, LIGHT

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "war-and-peace-excerpt.txt"

#: Properties of a character format that change how wide its glyphs are.
METRIC_PROPERTIES = (
    QTextFormat.Property.FontFamilies,
    QTextFormat.Property.FontPointSize,
    QTextFormat.Property.FontPixelSize,
    QTextFormat.Property.FontWeight,
    QTextFormat.Property.FontItalic,
    QTextFormat.Property.FontCapitalization,
    QTextFormat.Property.FontLetterSpacing,
    QTextFormat.Property.FontLetterSpacingType,
    QTextFormat.Property.FontWordSpacing,
    QTextFormat.Property.FontStretch,
    QTextFormat.Property.FontFixedPitch,
    QTextFormat.Property.FontKerning,
    QTextFormat.Property.TextVerticalAlignment,
)


def line_ends(view: ArticleView) -> list[list[tuple[int, int, float]]]:
    """Per block, each laid-out line's (start, length, x where its last visible character ends)."""
    doc = view.document()
    layout = doc.documentLayout()
    result = []
    block = doc.firstBlock()
    while block.isValid():
        layout.blockBoundingRect(block)  # lays the block out if it is not yet
        text_layout = block.layout()
        text = block.text()
        lines = []
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            start, length = line.textStart(), line.textLength()
            end = start + len(text[start : start + length].rstrip())
            lines.append((start, length, round(line.cursorToX(end)[0], 3)))
        result.append(lines)
        block = block.next()
    return result


def capitalised_spans(text: str) -> list[HighlightSpan]:
    """Every capitalised word (and pair of words) as a highlight, the kinds taking turns.

    Some end inside a word ("Anna" of "Anna's"), as cleaned spans do.
    """
    kinds = ("PERSON", "PLACE", "ORG")
    return [
        HighlightSpan(m.start(), m.end(), kinds[n % 3], f"e{n % 7}")
        for n, m in enumerate(re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text))
    ]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_highlights_never_change_where_lines_break_or_end(qtbot, theme) -> None:
    text = EXCERPT.read_text(encoding="utf-8")[:40_000]
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(760, 600)
    view.show()
    view.set_theme(theme)
    view.set_text(text)
    before = line_ends(view)
    assert sum(len(lines) for lines in before) > len(before)  # paragraphs wrap: the test can see a change
    spans = capitalised_spans(text)
    view.set_spans(spans, presorted=True)
    view.flush_highlighting()
    assert len(view.highlighted_ranges()) > 500
    assert line_ends(view) == before
    # The selected entity's mentions stand out and the rest dim: still the same lines.
    view.select_entity("e3", [(s.start, s.end) for s in spans if s.entity == "e3"], "PLACE")
    view.flush_highlighting()
    assert line_ends(view) == before


def test_highlight_formats_set_no_property_that_changes_glyph_widths(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    for kind in ("PERSON", "PLACE", "ORG", "GROUP"):
        for strength in ("normal", "strong", "dim"):
            fmt = view.highlighter.char_format(kind, strength)
            assert fmt.background().style().name != "NoBrush"
            assert [p for p in METRIC_PROPERTIES if fmt.hasProperty(p)] == []
    assert not view.font().kerning()


# -- a book in the window, on the fake service ------------------------------------

_SYLLABLES = ("ba", "ko", "ri", "ten", "mo", "lu", "sa", "vi")
SURNAMES = [(a + b + c).capitalize() for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][:90]
BOOK_NAMES: dict[str, str] = {
    **{f"Anna {surname}": "PERSON" for surname in SURNAMES},
    "Lisbon": "GPE",
    "Morocco": "GPE",
    "Tangier": "GPE",
}


def make_book() -> str:
    """A long made-up text: each paragraph names a few people, new ones as it goes, and a place."""
    places = ("Lisbon", "Morocco", "Tangier")
    paragraphs = []
    for n in range(180):
        who = [SURNAMES[(n * 7 + k) % len(SURNAMES)] for k in range(3)]
        paragraphs.append(
            f"In the morning Anna {who[0]} wrote to Anna {who[1]} about the crossing to {places[n % 3]}, "
            f"and the letter was read aloud in the evening by Anna {who[2]}, who had waited all week "
            "for news of the harbour, the weather and the ships that had not come back."
        )
    return "\n\n".join(paragraphs) + "\n"


BOOK = make_book()


def dock_titles(window) -> tuple[str, str]:
    return window.panel_dock.windowTitle(), window.map_dock.windowTitle()


def test_a_books_panel_and_map_fill_as_chunks_arrive_marked_as_so_far(qtbot, fake_window, tmp_path) -> None:
    from .conftest import write_text
    from .fakes import analyse

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=10, size=(1200, 800))
    window.panel.set_sort("first")
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    assert window.panel.placeholder.text() == "Finding names…"
    job = max(service.texts)
    service.answer(chunks=20)  # the figures of the first 10 and 20 chunks arrive
    assert dock_titles(window) == ("Entities (so far)", "Map (so far)")
    assert window.analysis is None and window.progress.isVisible()
    so_far = window.partial_analysis
    assert so_far is not None and window.panel.rows()
    assert window.panel.rows() == [(k, e.name, e.mentions) for k, e in _listed(so_far)]
    # Lisbon, Morocco and Tangier so far (the map follows the panel in the next turn of the event loop)
    qtbot.waitUntil(lambda: set(window.map.mentions) == {"PT", "MA"}, timeout=5_000)
    assert window.entities_label.text().endswith("entities so far")
    assert window.panel.list.verticalScrollBar().maximum() > 0  # enough rows to scroll

    # The reader scrolls the list and selects a name; more of the book arrives.
    chosen = _listed(so_far)[0][1]  # the first row
    window.select_entity(chosen.id)
    # In the article its mentions stand out and the others dim, though the
    # chunks' highlights do not know their entities yet.
    strengths = {strength_at(window.view, m.start) for m in so_far.mentions_of(chosen.id)}
    others = {strength_at(window.view, m.start) for m in so_far.mentions if m.entity != chosen.id}
    assert (strengths, others) == ({"strong"}, {"dim"})
    bar = window.panel.list.verticalScrollBar()
    bar.setValue(bar.maximum())  # the selected row is out of view now
    top, rows_before = bar.value(), len(window.panel.rows())
    mentions_before = window.panel.mentions.count()
    end = split_end(BOOK, 400, 60)
    service.partial.emit(job, analyse(BOOK[:end], BOOK_NAMES))
    QApplication.processEvents()  # the list lays itself out again
    assert len(window.panel.rows()) > rows_before  # rows were added
    assert bar.value() == top  # in place: the list did not jump
    assert window.selected == chosen.id and window.panel.current_name() == chosen.name
    assert window.panel.mentions.count() >= mentions_before
    assert sum(m for _k, _n, m in window.panel.rows()) > sum(e.mentions for _k, e in _listed(so_far))

    service.partial_every = 0  # the fake sends every chunk again: not its early figures
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        final = service.answer(job)
    QApplication.processEvents()
    assert dock_titles(window) == ("Entities", "Map")
    assert window.partial_analysis is None
    assert window.panel.rows() == [(k, e.name, e.mentions) for k, e in _listed(final)]
    assert bar.value() == top and window.selected == chosen.id
    assert window.entities_label.text() == f"{len([e for e in final.entities if e.kind != 'GROUP']):,} entities"


def strength_at(view: ArticleView, start: int) -> str | None:
    """How the highlight starting at code point ``start`` is drawn: "normal", "strong" or "dim"."""
    view.flush_highlighting()
    block = view.document().findBlock(view.offsets.to_utf16(start))
    at = view.offsets.to_utf16(start) - block.position()
    for fr in block.layout().formats():
        if fr.start == at:
            fmt = fr.format
            return next(strength for (_kind, strength), known in view.highlighter._formats.items() if known == fmt)
    return None


def _listed(analysis):
    """The panel's rows for ``analysis`` in first-appearance order, as (kind label, entity)."""
    from reader.ui.theme import KIND_LABELS

    order = ("PERSON", "PLACE", "ORG")
    return [
        (KIND_LABELS[kind], e)
        for kind in order
        for e in sorted((e for e in analysis.entities if e.kind == kind), key=lambda e: e.first)
    ]


def split_end(text: str, size: int, chunks: int) -> int:
    from reader.core.chunks import split_chunks

    return split_chunks(text, size)[chunks - 1][1]


def test_stale_figures_so_far_are_dropped_and_a_new_file_starts_unmarked(qtbot, fake_window, tmp_path) -> None:
    from .conftest import write_text
    from .fakes import ARTICLE, analyse

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=5)
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    first = max(service.texts)
    service.answer(first, chunks=5)
    assert dock_titles(window) == ("Entities (so far)", "Map (so far)")
    assert window.open_path(write_text(tmp_path, ARTICLE, "article.txt"))
    assert dock_titles(window) == ("Entities", "Map")
    service.partial.emit(first, analyse(BOOK[:4000], BOOK_NAMES))  # the book's, late
    assert window.partial_analysis is None and window.panel.rows() == []
    assert window.panel.placeholder.text() == "Finding names…"


def test_the_text_in_view_is_analysed_next_and_chunks_apply_in_any_order(qtbot, fake_window, tmp_path) -> None:
    from reader.core.chunks import split_chunks

    from .conftest import write_text

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400)
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    job = max(service.texts)
    service.answer(chunks=2)
    assert service.prioritised == []  # the reader is at the start: nothing to jump ahead of
    view = window.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    qtbot.waitUntil(lambda: bool(service.prioritised), timeout=5_000)
    wanted_job, start, end = service.prioritised[-1]
    top = view.offsets.to_code_point(view.firstVisibleBlock().position())
    assert wanted_job == job and start <= top < end
    assert start > len(BOOK) // 3  # the middle of the book, not its start

    # The chunks in view arrive first, out of order: they are highlighted at once.
    from .fakes import analyse

    analysis = analyse(BOOK, BOOK_NAMES)
    ranges = split_chunks(BOOK, 400)
    middle = [r for r in ranges if r[1] > start and r[0] < end]
    for lo, hi in reversed(middle):
        spans = [(m.start, m.end, m.kind) for m in analysis.mentions if lo <= m.start < hi]
        service.chunkReady.emit(job, ranges[1][1], spans)
    highlighted = view.highlighted_ranges()
    in_middle = [(m.start, m.end, m.kind) for m in analysis.mentions if middle[0][0] <= m.start < middle[-1][1]]
    assert in_middle and [r for r in highlighted if r[0] >= middle[0][0]] == in_middle
    assert [r for r in highlighted if ranges[2][0] <= r[0] < middle[0][0]] == []  # not reached yet
    # The rest arrives (the first chunks again included): the end result is the whole analysis.
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        service.answer(job)
    assert view.highlighted_ranges() == [(m.start, m.end, m.kind) for m in analysis.mentions]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(800, 600), (1600, 1000)], ids=["800x600", "1600x1000"])
def test_screenshots_of_a_book_during_and_after_its_analysis(qtbot, fake_window, tmp_path, theme, size) -> None:
    from .conftest import save_screenshot, write_text

    window, service = fake_window(
        theme=theme, size=size, auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=10
    )
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    service.answer(chunks=30)
    window.view.flush_highlighting()
    assert dock_titles(window) == ("Entities (so far)", "Map (so far)") and window.progress.isVisible()
    qtbot.waitUntil(lambda: window.map.note == "", timeout=5_000)  # the map follows the panel
    assert window.panel.rows()
    save_screenshot(window, f"long-document-during-{theme}-{size[0]}x{size[1]}")
    service.partial_every = 0
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        service.answer()
    window.view.flush_highlighting()
    assert dock_titles(window) == ("Entities", "Map") and not window.progress.isVisible()
    save_screenshot(window, f"long-document-after-{theme}-{size[0]}x{size[1]}")


# -- the figures so far, as the worker makes them ---------------------------------


def chunk_spans(text: str) -> list:
    """The text's chunks as the analysis processes would answer them, from the fake's names."""
    from reader.core.chunks import split_chunks
    from reader.core.entities import clean_chunk
    from reader.core.model import ChunkSpans
    from reader.core.places import default_gazetteer

    from .fakes import find_names

    raw = find_names(text, BOOK_NAMES)
    result = []
    for start, end in split_chunks(text):
        inside = tuple(r for r in raw if start <= r.start and r.end <= end)
        result.append(ChunkSpans(start, end, inside, clean_chunk(text[start:end], start, inside, default_gazetteer())))
    return result


def figures(analysis) -> tuple[list, list]:
    return (
        [(m.start, m.end, m.kind, m.entity) for m in analysis.mentions],
        sorted((e.id, e.name, e.mentions, e.country) for e in analysis.entities),
    )


def test_the_figures_so_far_are_those_of_the_text_analysed_so_far() -> None:
    from reader.nlp.analyse import analysis_of_chunks
    from reader.ui.worker import partial_analysis

    book = "LISBON\n" + BOOK  # a line that looks like the start of a dateline
    chunks = chunk_spans(book)
    every = {c.start: c for c in chunks}
    assert figures(partial_analysis(book, every)) == figures(analysis_of_chunks(book, chunks))
    # The first third in, and a stretch of the last third (its chunks were in view):
    cut = len(chunks) // 3
    later = chunks[2 * cut : 2 * cut + 3]
    so_far = partial_analysis(book, {c.start: c for c in [*chunks[:cut], *later]})
    mentions, entities = figures(so_far)
    inside = [(c.start, c.end) for c in [*chunks[:cut], *later]]
    assert mentions and all(any(lo <= m[0] and m[1] <= hi for lo, hi in inside) for m in mentions)
    assert all(book[m.start : m.end] == m.text for m in so_far.mentions)  # offsets into the whole text
    prefix = analysis_of_chunks(book[: chunks[cut - 1].end], chunks[:cut])
    assert [m for m in mentions if m[0] < chunks[cut].start] == figures(prefix)[0]
    assert [m for m in mentions if m[0] >= later[0].start]  # the later stretch counts too
    assert sum(e[2] for e in entities) == len(mentions)
    assert all(e.first == min(m.start for m in so_far.mentions_of(e.id)) for e in so_far.entities)


def test_a_stopped_analysis_keeps_its_figures_marked_as_so_far(qtbot, fake_window, tmp_path) -> None:
    from .conftest import write_text

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=10)
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    service.answer(chunks=10)
    rows = window.panel.rows()
    window.cancel_analysis()
    assert not window.progress.isVisible()
    assert dock_titles(window) == ("Entities (so far)", "Map (so far)") and window.panel.rows() == rows
    assert window.entities_label.text().endswith("entities so far")
    window.reload()  # analysing again starts unmarked, from nothing
    assert dock_titles(window) == ("Entities", "Map") and window.panel.rows() == []


def test_the_readers_corrections_apply_to_the_figures_so_far(qtbot, fake_window, tmp_path) -> None:
    from reader.core.corrections import Correction

    from .conftest import write_text

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=10)
    assert window.corrector.store is not None
    window.corrector.store.add(Correction("remove", f"Anna {SURNAMES[0]}"))
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    service.answer(chunks=10)
    names = [name for _kind, name, _n in window.panel.rows()]
    assert f"Anna {SURNAMES[1]}" in names and f"Anna {SURNAMES[0]}" not in names
    assert window.corrector.base is None  # the corrector still waits for the whole analysis


def test_a_name_the_book_breaks_over_two_lines_is_listed_on_one(qtbot, fake_window, tmp_path) -> None:
    from .conftest import write_text

    window, _service = fake_window(names={"Andrew\nBolkónski": "PERSON", "Anna Pávlovna": "PERSON"})
    # A hard-wrapped paragraph, as books are: every line about as long, broken at a space.
    text = (
        "The guests had waited an hour in the drawing room when at last Prince Andrew\n"
        "Bolkónski arrived late from the country. Anna Pávlovna greeted him at the door\n"
        "and led him at once to the little group gathered by the window overlooking it.\n"
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        assert window.open_path(write_text(tmp_path, text))
    model = window.panel.model
    shown = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert "Andrew Bolkónski" in shown and not [name for name in shown if "\n" in name]
    assert [name for name in shown if name.startswith("Andrew")] == ["Andrew Bolkónski"]


def test_a_name_clicked_while_the_book_is_analysed_selects_its_entity_so_far(qtbot, fake_window, tmp_path) -> None:
    from PySide6.QtCore import Qt

    from .conftest import write_text

    window, service = fake_window(auto=False, names=BOOK_NAMES, chunk_chars=400, partial_every=10)
    assert window.open_path(write_text(tmp_path, BOOK, "book.txt"))
    service.answer(chunks=10)
    view = window.view
    start = BOOK.index(f"Anna {SURNAMES[0]}")
    view.show_range(start, start)
    where = view.cursorRect(view.cursor_for_range(start + 2, start + 2)).center()
    assert f"Anna {SURNAMES[0]}" in (view.tooltip_at(where) or "")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.selection.entity is not None and window.selection.entity.name == f"Anna {SURNAMES[0]}"
    assert window.panel.current_name() == f"Anna {SURNAMES[0]}"
    assert window.panel.mention_rows() and window.analysis is None


def test_a_text_of_one_very_long_line_is_shown_highlighted_found_and_copied_whole(qtbot, fake_window, tmp_path) -> None:
    """A 2 MB text on one line: shown in pieces the view can lay out, exact everywhere else."""
    from .conftest import open_and_wait, save_screenshot, write_text

    prose = " ".join(EXCERPT.read_text(encoding="utf-8").split())
    text = (prose * (2_000_000 // len(prose) + 1))[:2_000_000] + "\n"
    window, _service = fake_window(names={"Pierre": "PERSON", "Anna Pavlovna": "PERSON"}, chunk_chars=100_000)
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text, "one-line.txt"))
    view = window.view
    # What Qt lays out at once is a piece of the line, never the whole 2 MB.
    doc = view.document()
    assert doc.blockCount() > 400
    block = doc.firstBlock()
    while block.isValid():
        assert block.length() <= 5_000
        block = block.next()
    # Every mention is highlighted, exactly.
    ranges = view.highlighted_ranges()
    shown = [(m.start, m.end) for m in analysis.mentions if m.kind != "GROUP"]  # groups are off by default
    assert [(start, end) for start, end, _kind in ranges] == shown and len(shown) > 500
    assert "Pierre" in {text[start:end] for start, end, _kind in ranges}
    # Copying gives the file's text: the view's pieces are not in it.
    view.selectAll()
    assert view.createMimeDataFromSelection().text() == text
    # Ctrl+F answers with every match.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "pierre")
    matches = f"{text.casefold().count('pierre')} matches"
    qtbot.waitUntil(lambda: window.find_bar.count.text() == matches, timeout=5_000)
    save_screenshot(window, "one-long-line")
