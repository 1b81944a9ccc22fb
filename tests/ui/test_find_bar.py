"""The find bar: every match highlighted, Enter and Shift+Enter step, counts, Escape closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.ui.article import ArticleView, FindBar
from reader.ui.theme import LIGHT

from .fakes import ARTICLE


@pytest.fixture
def bar(qtbot):
    """A find bar under an article view showing :data:`ARTICLE`."""
    page = QWidget()
    qtbot.addWidget(page)
    view = ArticleView(page)
    bar = FindBar(view, page)
    layout = QVBoxLayout(page)
    layout.addWidget(view, 1)
    layout.addWidget(bar)
    page.resize(800, 600)
    page.show()
    view.set_text(ARTICLE)
    bar.hide()
    yield bar  # the page, and so the bar, live as long as the test
    page.close()


def starts(text: str, needle: str) -> list[int]:
    return [i for i in range(len(text)) if text.casefold().startswith(needle.casefold(), i)]


def test_every_match_is_found_whatever_its_case(bar) -> None:
    bar.open_bar()
    bar.field.setText("lisbon")
    bar.search()
    assert [m[0] for m in bar.matches] == starts(ARTICLE, "lisbon")
    assert len(bar.matches) == 4  # "LISBON" too
    assert bar.count.text() == "4 matches"
    selections = bar.view.extraSelections()
    assert len(selections) == 4
    assert {s.format.background().color().name() for s in selections} == {LIGHT.find_match.name()}


def test_enter_steps_forward_and_shift_enter_back_wrapping_round(qtbot, bar) -> None:
    bar.open_bar()
    qtbot.keyClicks(bar.field, "Tangier")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    expected = starts(ARTICLE, "Tangier")
    cursor = bar.view.textCursor()
    assert cursor.selectedText() == "Tangier"
    assert bar.view.offsets.to_code_point(cursor.selectionStart()) == expected[0]
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "3 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 3"  # round to the first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "3 of 3"
    bar.previous_button.click()
    assert bar.count.text() == "2 of 3"


def test_typing_searches_after_a_pause(qtbot, bar) -> None:
    bar.open_bar()
    qtbot.keyClicks(bar.field, "Ortega")
    assert bar.matches == []  # not at every key
    qtbot.waitUntil(lambda: bar.count.text() == "3 matches", timeout=5_000)


def test_no_match_and_an_empty_field_say_so(bar) -> None:
    bar.open_bar()
    bar.field.setText("Atlantis")
    bar.search()
    assert bar.count.text() == "No matches" and bar.view.extraSelections() == []
    bar.find_next()  # nothing to step to: nothing happens
    assert not bar.view.textCursor().hasSelection()
    bar.field.setText("")
    bar.search()
    assert bar.count.text() == ""


def test_a_selected_word_fills_the_field(bar) -> None:
    start = ARTICLE.index("ferry agreement")
    bar.view.setTextCursor(bar.view.cursor_for_range(start, start + len("ferry agreement")))
    bar.open_bar()
    assert bar.isVisible() and bar.field.text() == "ferry agreement"
    assert bar.count.text() == "1 match"


def test_case_folding_that_changes_lengths_searches_exactly(bar) -> None:
    text = "Die Straße nach Gießen. STRASSE und Straße."
    bar.view.set_text(text)
    bar.open_bar()
    bar.field.setText("Straße")
    bar.search()
    assert [m[0] for m in bar.matches] == [i for i in range(len(text)) if text.startswith("Straße", i)]


def test_escape_closes_the_bar_and_clears_the_matches(qtbot, bar) -> None:
    bar.open_bar()
    bar.field.setText("Morocco")
    bar.search()
    assert bar.view.extraSelections()
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.matches == [] and bar.view.extraSelections() == []
