"""The entity panel: rows by kind, sort and filter, the selection it follows, mention rows, placeholders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.model import Mention
from reader.ui.entity_panel import COUNT_ROLE, EntityPanel, mention_context
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
    assert rows[0] == "line 2: …gned in Lisbon LISBON — Maria Ortega, the mayor of Lisbon, s…"
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


def test_mention_context_is_one_line_cut_at_the_edges() -> None:
    text = "First line ends here.\nThen Lisbon appears in the middle of a rather long second line of text."
    start = text.index("Lisbon")
    before, word, after = mention_context(text, Mention(start, start + 6, "Lisbon", "PLACE", "GPE", "PLACE:lisbon"), 40)
    assert word == "Lisbon"
    assert "\n" not in before and before.startswith("…")
    assert after.endswith("…") and after.startswith(" appears")
