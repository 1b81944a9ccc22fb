"""The article view on its own: highlights, offsets, the selection it follows, tooltips, clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument

from reader.ui.article import ArticleView, HighlightSpan
from reader.ui.article.tooltip import tooltip_markup
from reader.ui.selection import Selection
from reader.ui.theme import DARK, LIGHT

from .fakes import ARTICLE, analyse

VISIBLE = {"PERSON", "PLACE", "ORG"}


@pytest.fixture
def view(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return view


@pytest.fixture
def analysed(view):
    """The view showing :data:`ARTICLE` with its analysis, as the window leaves it."""
    analysis = analyse(ARTICLE)
    view.set_text(ARTICLE)
    view.set_spans([HighlightSpan(m.start, m.end, m.kind, m.entity) for m in analysis.mentions])
    view.selection.set_analysis(analysis)
    return analysis


def point_in(view: ArticleView, code_point: int) -> QPoint:
    """A viewport point over the character at ``code_point``."""
    view.show_range(code_point, code_point)
    return view.cursorRect(view.cursor_for_range(code_point + 1, code_point + 1)).center()


def background(view: ArticleView, start: int) -> str:
    view.flush_highlighting()
    block = view.document().findBlock(view.offsets.to_utf16(start))
    at = view.offsets.to_utf16(start) - block.position()
    return next(r.format.background().color().name() for r in block.layout().formats() if r.start == at)


def test_chunks_highlight_first_and_the_final_spans_replace_them(view) -> None:
    text = "Anna met Boris in Kyiv.\nLater Anna flew to Oslo."
    view.set_text(text)
    view.add_spans([HighlightSpan(0, 4, "PERSON"), HighlightSpan(9, 14, "PERSON")])
    assert view.highlighted_ranges() == [(0, 4, "PERSON"), (9, 14, "PERSON")]
    view.add_spans([HighlightSpan(text.index("Oslo"), len(text) - 1, "PLACE")])
    assert [text[s:e] for s, e, _k in view.highlighted_ranges()] == ["Anna", "Boris", "Oslo"]
    final = [HighlightSpan(0, 4, "PERSON", "PERSON:anna"), HighlightSpan(18, 22, "PLACE", "PLACE:kyiv")]
    view.set_spans(final)
    assert view.highlighted_ranges() == [(0, 4, "PERSON"), (18, 22, "PLACE")]
    view.set_text("Another text.")
    assert view.highlighted_ranges() == []


def test_a_span_with_an_astral_character_covers_exactly_its_characters(view) -> None:
    text = "😀🎉 Angela Merkel met 🇫🇷 Macron. Later 𝄞 Merkel flew to Berlin."
    view.set_text(text)
    spans = [(text.index("𝄞 Merkel"), text.index("𝄞 Merkel") + 8), (text.index("Berlin"), len(text) - 1)]
    view.set_spans([HighlightSpan(s, e, "PERSON") for s, e in spans])
    assert view.highlighted_ranges() == [(s, e, "PERSON") for s, e in spans]
    assert [view.cursor_for_range(s, e).selectedText() for s, e in spans] == ["𝄞 Merkel", "Berlin"]


def test_hidden_kinds_are_neither_highlighted_nor_clickable(qtbot, view, analysed) -> None:
    view.set_visible_kinds({"PERSON"})
    assert {k for _s, _e, k in view.highlighted_ranges()} == {"PERSON"}
    tangier = ARTICLE.index("Tangier")
    assert view.tooltip_at(point_in(view, tangier)) is None
    with qtbot.assertNotEmitted(view.entityClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, tangier))
    view.set_visible_kinds(VISIBLE | {"GROUP"})
    assert [m for m in view.highlighted_ranges() if m[2] == "GROUP"]


def test_the_view_follows_the_selection(view, analysed) -> None:
    ortega = analysed.find_entity("Maria Ortega")
    lisbon = analysed.mentions_of(analysed.find_entity("Lisbon").id)[0]
    first = analysed.mentions_of(ortega.id)[0]
    assert background(view, first.start) == LIGHT.highlight_background("PERSON").name()
    view.selection.select(ortega.id)
    assert view.highlighter.selected == ortega.id
    assert background(view, first.start) == LIGHT.highlight_background("PERSON", "strong").name()
    assert background(view, lisbon.start) == LIGHT.highlight_background("PLACE", "dim").name()
    assert len(view.marker_bar.markers) == 3
    assert view.marker_bar.colour == LIGHT.kind_colour("PERSON")
    view.selection.clear()
    assert background(view, lisbon.start) == LIGHT.highlight_background("PLACE").name()
    assert view.marker_bar.markers == []


def test_widgets_share_one_selection(qtbot, analysed) -> None:
    selection = Selection()
    other = ArticleView(selection=selection)
    qtbot.addWidget(other)
    other.set_text(ARTICLE)
    selection.set_analysis(analysed)
    selection.select(analysed.find_entity("Tangier").id)
    assert other.highlighter.selected == "PLACE:tangier"
    assert len(other.marker_bar.markers) == 3


def test_tooltips_say_what_a_highlight_is_in_plain_text(view, analysed) -> None:
    assert view.tooltip_at(point_in(view, ARTICLE.index("Tangier"))) == "Tangier\nPlace · 3 mentions\nCountry: Morocco"
    lisbon = ARTICLE.index("LISBON")
    assert view.tooltip_at(point_in(view, lisbon)) == "Lisbon\nPlace · 4 mentions\nAlso: LISBON\nCountry: Portugal"
    assert view.tooltip_at(point_in(view, ARTICLE.index("signed a ferry"))) is None
    # While the analysis runs, a highlight knows only its text and kind.
    view.selection.set_analysis(None)
    view.set_spans([HighlightSpan(m.start, m.end, m.kind) for m in analysed.mentions])
    assert view.tooltip_at(point_in(view, ARTICLE.index("Tangier"))) == "Tangier — place"


def test_a_click_on_a_name_asks_for_its_entity_and_a_drag_does_not(qtbot, view, analysed) -> None:
    haddad = ARTICLE.index("Haddad and Ortega")
    with qtbot.waitSignal(view.entityClicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, haddad))
    assert blocker.args == ["PERSON:karim-haddad"]
    start, end = point_in(view, haddad), point_in(view, haddad + 12)
    with qtbot.assertNotEmitted(view.entityClicked):
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), end)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_a_tooltip_that_looks_like_markup_is_shown_as_text(view) -> None:
    text = "Officials met <b>Ada</b> & friends in Paris."
    view.set_text(text)
    start = text.index("<b>Ada</b>")
    view.set_spans([HighlightSpan(start, start + 10, "PERSON")])
    tooltip = view.tooltip_at(point_in(view, start + 4))
    assert tooltip == "<b>Ada</b> — person"
    document = QTextDocument()
    document.setHtml(tooltip_markup(tooltip))
    assert document.toPlainText().replace("\xa0", " ") == tooltip  # escaped, not bold
    assert tooltip_markup("Tangier\nPlace · 3 mentions") == "Tangier\nPlace · 3 mentions"  # plain stays as it is


def test_markup_is_shown_as_text(view) -> None:
    text = "<h1>Title</h1> <b>Bold</b> &amp; <a href='x'>link</a>"
    view.set_text(text)
    assert view.toPlainText() == text
    assert not view.document().toHtml().count("<h1>")


def test_dark_theme_recolours_the_highlights_and_background(view, analysed) -> None:
    view.set_theme(DARK)
    place = analysed.mentions_of(analysed.find_entity("Tangier").id)[0]
    assert background(view, place.start) == DARK.highlight_background("PLACE").name()
    assert DARK.base.name() in view.styleSheet()


def test_zoom_steps_are_bounded_and_told(qtbot, view) -> None:
    size = view.font().pointSizeF()
    with qtbot.waitSignal(view.zoomChanged) as blocker:
        view.zoom_in()
    assert blocker.args == [1] and view.font().pointSizeF() > size
    view.set_zoom(40)
    assert view.zoom == 12
    view.set_zoom(-40)
    assert view.zoom == -6
    view.zoom_reset()
    assert view.font().pointSizeF() == pytest.approx(size)


def test_turning_paragraph_spacing_keeps_the_reading_place_and_spans_across_breaks(qtbot) -> None:
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


def test_emoji_are_drawn_in_colour_from_an_emoji_font(qtbot) -> None:
    """Debian: fonts-noto-color-emoji (CI installs it); without any emoji font, skipped."""
    import os

    from PySide6.QtGui import QFontDatabase

    from reader.ui.article.view import EMOJI_FAMILIES

    if not set(EMOJI_FAMILIES) & set(QFontDatabase.families()) and not os.environ.get("CI"):
        pytest.skip("no colour emoji font here (Debian: fonts-noto-color-emoji)")
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(300, 120)
    view.set_text("\U0001f600 \U0001f6a2\n")
    view.show()
    assert any(family in EMOJI_FAMILIES for family in view.font().families())
    image = view.grab().toImage()
    coloured = 0
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            coloured += max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 60
    assert coloured > 50  # a face and a ship in colour, not two empty boxes
