"""The entity panel: rows by kind, sort and filter, the selection it follows, mention rows, placeholders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reader.core.model import Mention
from reader.ui.entity_panel import COUNT_ROLE, EntityPanel, mention_context, mention_sentence, surname
from reader.ui.selection import Selection

from .fakes import ARTICLE, analyse

VISIBLE = {"PERSON", "PLACE", "ORG"}


@pytest.fixture
def panel(qtbot):
    panel = EntityPanel(selection=Selection())
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.show()
    # As the window does: a click on a row selects its entity.
    panel.entitySelected.connect(panel.selection.select)
    return panel


@pytest.fixture
def analysis():
    return analyse(ARTICLE)


def shown(panel: EntityPanel, analysis) -> None:
    panel.set_document(ARTICLE)
    panel.set_analysis(analysis)
    panel.selection.set_analysis(analysis)


def names(panel: EntityPanel, kind: str | None = None) -> list[str]:
    return [name for label, name, _n in panel.rows() if kind is None or label == kind]


def test_placeholders_say_what_is_going_on(panel, analysis) -> None:
    assert panel.placeholder.isVisible() and not panel.list.isVisible()
    assert panel.placeholder.text() == "Open a text file to see who and what it is about."
    panel.set_document(ARTICLE)
    assert panel.placeholder.text() == "Finding names…"
    panel.set_unavailable("Names cannot be found without a language model.")
    assert panel.placeholder.text() == "Names cannot be found without a language model."
    panel.set_analysis(analysis)
    assert panel.list.isVisible() and not panel.placeholder.isVisible()
    panel.set_analysis(analyse("Nothing here.\n"))
    assert panel.placeholder.text() == "No people, places or organisations found."
    assert panel.mention_title.text() == "Select an entity to list its mentions."


def test_rows_are_grouped_by_kind_under_counted_headings(panel, analysis) -> None:
    shown(panel, analysis)
    model = panel.list.model()
    headings = [
        (model.index(row, 0).data(), model.index(row, 0).data(COUNT_ROLE))
        for row in range(model.rowCount())
        if model.entity_at(model.index(row, 0)) is None
    ]
    assert headings == [("People", 2), ("Places", 4), ("Organisations", 1)]
    assert panel.rows()[:2] == [("People", "Maria Ortega", 3), ("People", "Karim Haddad", 2)]
    assert not names(panel, "Groups")
    panel.set_visible_kinds(VISIBLE | {"GROUP"})
    assert names(panel, "Groups") == ["Moroccan", "Portuguese"]
    panel.set_visible_kinds({"ORG"})
    assert panel.rows() == [("Organisations", "Atlantic Port Authority", 2)]


def test_rows_sort_by_mentions_name_or_first_appearance(panel, analysis) -> None:
    shown(panel, analysis)
    assert names(panel, "Places") == ["Lisbon", "Morocco", "Tangier", "Portugal"]
    panel.set_sort("name")
    assert panel.sort_box.currentText() == "Name"
    assert names(panel, "Places") == ["Lisbon", "Morocco", "Portugal", "Tangier"]
    assert names(panel, "People") == ["Karim Haddad", "Maria Ortega"]  # by surname
    panel.set_sort("first")
    assert names(panel, "People") == ["Maria Ortega", "Karim Haddad"]
    assert names(panel, "Places") == ["Lisbon", "Morocco", "Tangier", "Portugal"]


def test_the_filter_matches_names_and_aliases(qtbot, panel, analysis) -> None:
    shown(panel, analysis)
    qtbot.keyClicks(panel.filter, "lisb")
    qtbot.waitUntil(lambda: names(panel) == ["Lisbon"], timeout=5_000)
    panel.filter.setText("haddad")
    panel.rebuild()
    assert names(panel) == ["Karim Haddad"]
    panel.filter.setText("xyz")
    panel.rebuild()
    assert panel.placeholder.isVisible() and panel.placeholder.text() == "No entities match the filter."


def test_the_panel_follows_the_selection_with_its_mentions(panel, analysis) -> None:
    shown(panel, analysis)
    ortega = analysis.find_entity("Ortega")
    panel.selection.select(ortega.id)
    assert panel.current_name() == "Maria Ortega"
    assert panel.mention_title.text() == "Maria Ortega — 3 mentions"
    rows = panel.mention_rows()
    # Within the mention's paragraph (its line here), cut between words.
    assert rows[0] == "line 2: LISBON — Maria Ortega, the mayor of Lisbon, signed a ferry agreement with…"
    assert [row.split(":")[0] for row in rows] == ["line 2", "line 3", "line 4"]
    panel.selection.clear()
    assert panel.current_name() is None and panel.mention_rows() == []


def test_clicking_a_row_selects_and_a_heading_does_not(qtbot, panel, analysis) -> None:
    shown(panel, analysis)
    view = panel.list
    model = view.model()
    with qtbot.assertNotEmitted(panel.entitySelected):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(0, 0)).center())
    with qtbot.waitSignal(panel.entitySelected) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(1, 0)).center())
    assert blocker.args == ["PERSON:maria-ortega"]
    assert panel.selection.entity_id == "PERSON:maria-ortega"
    assert len(panel.mention_rows()) == 3


def test_activating_a_mention_row_tells_its_index(qtbot, panel, analysis) -> None:
    shown(panel, analysis)
    panel.selection.select("PLACE:tangier")
    item = panel.mentions.item(2)
    with qtbot.waitSignal(panel.mentionActivated) as blocker:
        qtbot.mouseClick(
            panel.mentions.viewport(), Qt.MouseButton.LeftButton, pos=panel.mentions.visualItemRect(item).center()
        )
    assert blocker.args == [2]


def test_a_selection_made_before_the_panel_has_the_analysis_shows_when_it_arrives(panel, analysis) -> None:
    panel.set_document(ARTICLE)
    panel.selection.set_analysis(analysis)
    panel.selection.select("PLACE:lisbon")  # the window shows a book's panel a turn later
    assert panel.mention_rows() == []
    panel.set_analysis(analysis)
    assert panel.current_name() == "Lisbon" and len(panel.mention_rows()) == 4


def test_row_tooltips_are_the_entity_tooltip(panel, analysis) -> None:
    shown(panel, analysis)
    model = panel.list.model()
    index = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Tangier")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Tangier\nPlace · 3 mentions\nCountry: Morocco"


def test_mention_context_stays_in_its_paragraph_and_is_cut_between_words() -> None:
    text = "First line ends here.\nThen Lisbon appears in the middle of a rather long second line of text."
    start = text.index("Lisbon")
    before, word, after = mention_context(text, Mention(start, start + 6, "Lisbon", "PLACE", "GPE", "PLACE:lisbon"), 40)
    assert (before, word) == ("Then ", "Lisbon")  # the paragraph's start: nothing cut, nothing from the line before
    assert after == " appears in the…"
    assert text.index(after[:-1]) == start + 6 and text[start + 6 + len(after) - 1] == " "  # ends on a whole word


def _mention(text: str, name: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, "PERSON", "PERSON", "PERSON:x")


HARD_WRAPPED = (
    "The ferry talks ended late on Monday after a long day of\n"
    "argument about timetables and fees.\n"
    "\n"
    "Maria Ortega, the mayor, said the crossings would start in the\n"
    "spring. Mr. Haddad agreed. The port of Tangier will build a new\n"
    "terminal for the larger boats, he said, and hire local crews.\n"
    "\n"
    "Nothing else was decided.\n"
)


def test_in_a_hard_wrapped_text_a_paragraph_runs_to_the_empty_line() -> None:
    before, word, after = mention_context(HARD_WRAPPED, _mention(HARD_WRAPPED, "Tangier"), 80, False)
    assert word == "Tangier"
    assert before.startswith("…") and after.endswith("…")
    assert "\n" not in before + after and "  " not in before and "  " not in after
    whole = " ".join(HARD_WRAPPED.split())
    assert before[1:] in whole and after[:-1] in whole  # whole words, line breaks read as spaces
    assert "decided" not in after and "fees" not in before  # never into the next or the previous paragraph
    first = mention_context(HARD_WRAPPED, _mention(HARD_WRAPPED, "Maria Ortega"), 80, False)
    assert first[0] == ""  # the paragraph starts with the name


def test_the_sentence_of_a_mention_is_whole_and_skips_abbreviations() -> None:
    assert mention_sentence(HARD_WRAPPED, _mention(HARD_WRAPPED, "Tangier"), False) == (
        "The port of Tangier will build a new terminal for the larger boats, he said, and hire local crews."
    )
    assert mention_sentence(HARD_WRAPPED, _mention(HARD_WRAPPED, "Haddad"), False) == "Mr. Haddad agreed."
    assert mention_sentence(ARTICLE, _mention(ARTICLE, "Ortega", 1)) == (
        "“This is a timetable, not a wish list,” Ortega told reporters."
    )
    dialogue = "He left. “Get over what?” inquired Pierre, looking displeased. Nobody answered."
    assert (
        mention_sentence(dialogue, _mention(dialogue, "Pierre"))
        == "“Get over what?” inquired Pierre, looking displeased."
    )


def test_hovering_a_mention_row_shows_its_whole_sentence_as_plain_text(panel) -> None:
    text = "Intro line.\nThe <b>bold</b> claim: Lisbon & Porto signed. Later talks failed.\n"
    analysis = analyse(text)
    panel.set_document(text)
    panel.set_analysis(analysis)
    panel.selection.set_analysis(analysis)
    panel.selection.select("PLACE:lisbon")
    tip = panel.mentions.item(0).toolTip()
    # What the tooltip shows, read as Qt reads it: the text as typed, tags and all.
    seen = QTextDocument()
    if Qt.mightBeRichText(tip):
        seen.setHtml(tip)
    else:
        seen.setPlainText(tip)
    assert seen.toPlainText() == "Line 2\nThe <b>bold</b> claim: Lisbon & Porto signed."


def test_a_long_sentence_on_hover_is_wrapped_into_short_lines(panel) -> None:
    sentence = "Lisbon " + " ".join(f"word{n}" for n in range(80)) + "."
    analysis = analyse(sentence + "\n")
    panel.set_document(sentence + "\n")
    panel.set_analysis(analysis)
    panel.selection.set_analysis(analysis)
    panel.selection.select("PLACE:lisbon")
    lines = panel.mentions.item(0).toolTip().split("\n")
    assert lines[0] == "Line 1" and all(len(line) <= 72 for line in lines)
    assert " ".join(lines[1:]) == sentence


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maria Ortega", "Ortega"),
        ("Martin Luther King Jr.", "King"),
        ("Martin Luther King, Jr.", "King"),
        ("John Smith III", "Smith"),
        ("Madonna", "Madonna"),
        ("Jean-Luc Marchand", "Marchand"),
    ],
)
def test_surname_is_the_last_word_that_is_not_a_suffix(name: str, expected: str) -> None:
    assert surname(name) == expected


def test_the_mention_list_gets_a_generous_share_of_the_panel_and_keeps_the_one_given(qtbot, panel, analysis) -> None:
    shown(panel, analysis)
    top, bottom = panel.splitter.sizes()
    assert bottom >= 0.4 * (top + bottom)
    panel.splitter.setSizes([150, 400])
    state = panel.split_state()
    other = EntityPanel(selection=Selection())
    qtbot.addWidget(other)
    other.resize(360, 600)
    other.show()
    other.restore_split(state)
    assert other.splitter.sizes() == panel.splitter.sizes()
    other.restore_split("not base64 at all")  # a damaged setting changes nothing
    assert other.splitter.sizes() == panel.splitter.sizes()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_mention_list_shows_many_rows_in_the_window(qtbot, fake_window, tmp_path, theme) -> None:
    from .conftest import open_and_wait, save_screenshot, write_text

    window, _service = fake_window(theme=theme)
    long_text = ARTICLE + "".join(f"Report {n}: Lisbon answered Tangier, and Ortega spoke again.\n" for n in range(20))
    open_and_wait(qtbot, window, write_text(tmp_path, long_text))
    window.select_by_name("Lisbon")
    mentions = window.panel.mentions
    row_height = mentions.visualItemRect(mentions.item(0)).height()
    assert mentions.viewport().height() // row_height >= 9, "about five rows is too few"
    window.panel.mentions.setFocus()
    save_screenshot(window, f"mentions-{theme}")
