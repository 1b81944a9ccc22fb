"""The shared selection: one entity at a time, its country, signals only on change."""

from __future__ import annotations

import pytest

from reader.ui.selection import Selection

from .fakes import ARTICLE, analyse


@pytest.fixture
def analysis():
    return analyse(ARTICLE)


@pytest.fixture
def selection(qapp):
    return Selection()


def test_nothing_is_selected_before_an_analysis(selection, analysis) -> None:
    assert selection.entity is None and selection.country is None and selection.mentions() == []
    assert not selection.select(analysis.find_entity("Lisbon").id)  # no analysis to select in yet
    assert selection.entity is None


def test_selecting_a_place_gives_its_mentions_and_country(selection, analysis) -> None:
    selection.set_analysis(analysis)
    tangier = analysis.find_entity("Tangier")
    heard: list[tuple[str, object]] = []
    selection.entityChanged.connect(lambda entity: heard.append(("entity", entity)))
    selection.countryChanged.connect(lambda code: heard.append(("country", code)))
    assert selection.select(tangier.id)
    assert heard == [("entity", tangier), ("country", "MA")]
    assert selection.entity_id == tangier.id and selection.country == "MA"
    assert [ARTICLE[m.start : m.end] for m in selection.mentions()] == ["Tangier"] * 3


def test_a_person_clears_the_country(qtbot, selection, analysis) -> None:
    selection.set_analysis(analysis)
    selection.select(analysis.find_entity("Lisbon").id)
    with qtbot.waitSignal(selection.countryChanged) as blocker:
        selection.select(analysis.find_entity("Maria Ortega").id)
    assert blocker.args == [None]
    assert [m.text for m in selection.mentions()] == ["Maria Ortega", "Ortega", "Ortega"]


def test_signals_come_only_when_something_changes(qtbot, selection, analysis) -> None:
    selection.set_analysis(analysis)
    lisbon, portugal = analysis.find_entity("Lisbon"), analysis.find_entity("Portugal")
    selection.select(lisbon.id)
    with qtbot.assertNotEmitted(selection.entityChanged), qtbot.assertNotEmitted(selection.countryChanged):
        selection.select(lisbon.id)
    # Another place in the same country: a new entity, the same country.
    with qtbot.waitSignal(selection.entityChanged), qtbot.assertNotEmitted(selection.countryChanged):
        selection.select(portugal.id)


def test_an_unknown_id_changes_nothing(qtbot, selection, analysis) -> None:
    selection.set_analysis(analysis)
    selection.select(analysis.find_entity("Lisbon").id)
    with qtbot.assertNotEmitted(selection.entityChanged):
        assert not selection.select("PERSON:nobody")
    assert selection.entity_id == "PLACE:lisbon"


def test_clear_and_a_new_text_end_the_selection(qtbot, selection, analysis) -> None:
    selection.set_analysis(analysis)
    selection.select(analysis.find_entity("Lisbon").id)
    with qtbot.waitSignals([selection.entityChanged, selection.countryChanged]):
        selection.clear()
    assert selection.entity is None and selection.country is None
    selection.select(analysis.find_entity("Lisbon").id)
    with qtbot.waitSignal(selection.entityChanged) as blocker:
        selection.set_analysis(None)
    assert blocker.args == [None] and selection.mentions() == []


def test_a_new_analysis_keeps_an_entity_it_still_has(qtbot, selection, analysis) -> None:
    selection.set_analysis(analysis)
    selection.select(analysis.find_entity("Karim Haddad").id)
    again = analyse(ARTICLE + "Karim Haddad left for Tangier.\n")
    with qtbot.waitSignal(selection.entityChanged) as blocker:  # the same entity, one more mention
        selection.set_analysis(again)
    assert blocker.args[0].mentions == 3 and len(selection.mentions()) == 3
    with qtbot.waitSignal(selection.entityChanged) as blocker:
        selection.set_analysis(analyse("Nothing to see here.\n"))
    assert blocker.args == [None]
