"""Corrections: the file format, the store, and what a corrected analysis holds (no model needed)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from reader.core.analysis import build_analysis
from reader.core.corrections import (
    Correction,
    CorrectionsError,
    CorrectionStore,
    apply_corrections,
    dump_corrections,
    parse_corrections,
    with_context,
)
from reader.core.export import analysis_to_dict
from reader.core.model import RawSpan

TEXT = (
    "Jean-Luc Marchand of Atlas Ferries sailed from Tarifa to Tbilisi in Georgia. "
    "Marchand told Acme Weekly that MapChart and Atlas Ferries would sail again. "
    "In Tarifa, Marchand thanked the crew."
)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()

#: The shape other tools write; every action of the format.
EXAMPLE = {
    "format": "gazette-corrections",
    "version": 1,
    "corrections": [
        {"action": "remove", "text": "Acme Weekly"},
        {"action": "kind", "text": "Atlas Ferries", "kind": "ORG"},
        {"action": "add", "text": "MapChart", "kind": "ORG"},
        {"action": "merge", "text": "Marchand", "into": "Jean-Luc Marchand"},
        {"action": "rename", "text": "Jean-Luc Marchand", "name": "J.-L. Marchand"},
        {"action": "country", "text": "Georgia", "country": "US"},
        {"action": "remove", "text": "Tarifa", "document": SHA},
    ],
}


def spans(text: str, *items: tuple[str, str]) -> list[RawSpan]:
    """A raw span for every occurrence of each ``(surface, label)``."""
    out = []
    for surface, label in items:
        at = text.find(surface)
        while at != -1:
            out.append(RawSpan(at, at + len(surface), label))
            at = text.find(surface, at + 1)
    return sorted(out, key=lambda r: r.start)


def model_analysis(text: str = TEXT):
    """What a model might have found: Atlas Ferries as a person, Marchand apart, Georgia the country."""
    raw = spans(
        text,
        ("Jean-Luc Marchand", "PERSON"),
        ("Atlas Ferries", "PERSON"),
        ("Tarifa", "GPE"),
        ("Tbilisi", "GPE"),
        ("Georgia", "GPE"),
        ("Acme Weekly", "ORG"),
    )
    raw += [RawSpan(m, m + 8, "ORG") for m in _all(text, "Marchand told")]
    return build_analysis(text, sorted(raw, key=lambda r: r.start))


def _all(text: str, needle: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(needle, i)]


def rows(analysis) -> set[tuple[str, str, int]]:
    return {(e.name, e.kind, e.mentions) for e in analysis.entities}


def test_the_documented_example_reads_and_writes_back_the_same() -> None:
    corrections = parse_corrections(json.dumps(EXAMPLE))
    assert [c.action for c in corrections] == ["remove", "kind", "add", "merge", "rename", "country", "remove"]
    assert corrections[6].document == SHA and corrections[0].is_rule
    assert json.loads(dump_corrections(corrections)) == EXAMPLE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("{", "not a JSON document"),
        ('{"format": "other", "version": 1, "corrections": []}', "not a corrections file"),
        ('{"format": "gazette-corrections", "version": 9, "corrections": []}', "version 9"),
        (
            '{"format": "gazette-corrections", "version": 1, "corrections": [{"action": "zap", "text": "A"}]}',
            "correction 1: unknown action 'zap'",
        ),
        (
            '{"format": "gazette-corrections", "version": 1, "corrections": [{"action": "kind", "text": "A"}]}',
            "correction 1: “kind” is missing",
        ),
        (
            '{"format": "gazette-corrections", "version": 1, "corrections": '
            '[{"action": "kind", "text": "A", "kind": "THING"}]}',
            "kind 'THING' is not one of",
        ),
        (
            '{"format": "gazette-corrections", "version": 1, "corrections": '
            '[{"action": "country", "text": "A", "country": "usa"}]}',
            "is not an ISO 3166-1 alpha-2 code",
        ),
        (
            '{"format": "gazette-corrections", "version": 1, "corrections": '
            '[{"action": "remove", "text": "A", "document": "abc"}]}',
            "is not a sha256",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(data: str, reason: str) -> None:
    with pytest.raises(CorrectionsError, match=reason) as caught:
        parse_corrections(data)
    assert "\n" not in str(caught.value)


def test_every_action_of_the_example_changes_the_analysis_as_a_reader_asked() -> None:
    before = model_analysis()
    assert ("Atlas Ferries", "PERSON", 2) in rows(before)
    assert any(e.name == "Acme Weekly" for e in before.entities)
    corrected = apply_corrections(TEXT, before, parse_corrections(json.dumps(EXAMPLE)), SHA).analysis
    names = {e.name: e for e in corrected.entities}
    assert "Acme Weekly" not in names and "Tarifa" not in names
    assert not [m for m in corrected.mentions if m.text in ("Acme Weekly", "Tarifa")]
    assert names["Atlas Ferries"].kind == "ORG" and names["Atlas Ferries"].id.startswith("ORG:")
    assert names["MapChart"].kind == "ORG" and names["MapChart"].mentions == 1
    marchand = names["J.-L. Marchand"]
    assert marchand.kind == "PERSON" and marchand.mentions == 3  # the full name and two surnames
    assert "Marchand" in marchand.aliases and "Jean-Luc Marchand" in marchand.aliases
    assert names["Georgia"].country == "US"
    counts = {c.code: (c.mentions, c.entities) for c in corrected.countries}
    assert counts["US"] == (1, (names["Georgia"].id,))
    assert counts["GE"] == (1, (names["Tbilisi"].id,))  # Georgia no longer counts for the country
    assert {c.code: c.mentions for c in before.countries}["GE"] == 2
    # What changed is marked, for the panel, the tooltip and the JSON.
    assert corrected.corrected_entities[names["Atlas Ferries"].id] == ("kind",)
    exported = analysis_to_dict(_document(), corrected)
    mapchart = next(m for m in exported["mentions"] if m["text"] == "MapChart")
    assert mapchart["corrected"] == ["add"] and mapchart["kind"] == "ORG"
    assert not any("corrected" in e for e in exported["entities"] if e["name"] == "Tbilisi")


def _document():
    from reader.core.document import document_from_bytes

    return document_from_bytes(TEXT.encode())


def test_a_documents_own_correction_holds_for_that_text_only() -> None:
    other = TEXT.replace("Tbilisi", "Batumi")
    remove = Correction("remove", "Tarifa", document=SHA)
    analysis = model_analysis(other)
    kept = apply_corrections(other, analysis, [remove], hashlib.sha256(other.encode()).hexdigest()).analysis
    assert any(e.name == "Tarifa" for e in kept.entities)


def test_a_later_correction_wins_and_one_for_this_document_ranks_above_a_rule() -> None:
    rule = Correction("kind", "Atlas Ferries", kind="PLACE")
    mine = Correction("kind", "Atlas Ferries", kind="ORG", document=SHA)
    corrected = apply_corrections(TEXT, model_analysis(), [mine, rule], SHA).analysis
    assert ("Atlas Ferries", "ORG", 2) in rows(corrected)


def test_merge_joins_two_entities_and_keeps_every_name() -> None:
    text = "Atlas Ferries sails today. Ferrymen said Atlas would not wait. Atlas left at noon."
    analysis = build_analysis(
        text, [RawSpan(0, 13, "ORG"), RawSpan(text.index("Atlas would"), text.index(" would"), "PERSON")]
    )
    assert ("Atlas", "PERSON", 2) in rows(analysis) and ("Atlas Ferries", "ORG", 1) in rows(analysis)
    merged = apply_corrections(text, analysis, [Correction("merge", "Atlas", into="Atlas Ferries")]).analysis
    assert rows(merged) == {("Atlas Ferries", "ORG", 3)}
    assert merged.entities[0].aliases == ("Atlas",)
    assert {m.kind for m in merged.mentions} == {"ORG"}
    assert merged.corrected_entities == {merged.entities[0].id: ("merge",)}


def test_split_takes_a_name_out_of_its_entity() -> None:
    joined = model_analysis()
    assert ("Jean-Luc Marchand", "PERSON", 3) in rows(joined)  # the surname joined the full name
    split = apply_corrections(TEXT, joined, [Correction("split", "Marchand")]).analysis
    assert ("Jean-Luc Marchand", "PERSON", 1) in rows(split)
    assert ("Marchand", "PERSON", 2) in rows(split)
    assert [m.text for m in split.mentions if m.entity == split.find_entity("Marchand").id] == ["Marchand"] * 2


def test_an_added_name_is_found_at_every_whole_word_and_replaces_what_overlaps() -> None:
    text = "Atlas Ferries and Atlas Ferries Group: Atlas Ferriesque is not it."
    analysis = build_analysis(text, spans(text, ("Ferries Group", "ORG")))
    added = apply_corrections(text, analysis, [Correction("add", "Atlas Ferries", kind="ORG")]).analysis
    assert [(m.start, m.text) for m in added.mentions] == [(0, "Atlas Ferries"), (18, "Atlas Ferries")]


def test_a_one_mention_correction_is_placed_again_in_an_edited_file_or_listed_as_unplaced(tmp_path: Path) -> None:
    second = TEXT.index("In Tarifa") + 3
    one = with_context(Correction("remove", "Tarifa", document=SHA, path="/a/story.txt", start=second), TEXT)
    edited = "A new first line.\n" + TEXT
    sha = hashlib.sha256(edited.encode()).hexdigest()
    done = apply_corrections(edited, model_analysis(edited), [one], sha, "/a/story.txt")
    assert not done.unplaced
    tarifa = [m.start for m in done.analysis.mentions if m.text == "Tarifa"]
    assert tarifa == [edited.index("Tarifa")]  # the first stays; the one corrected went
    # When the words around it are gone too, it is not guessed: it is listed.
    rewritten = TEXT.replace("In Tarifa, Marchand thanked the crew.", "Tarifa again.")
    sha = hashlib.sha256(rewritten.encode()).hexdigest()
    lost = apply_corrections(rewritten, model_analysis(rewritten), [one], sha, "/a/story.txt")
    assert lost.unplaced == (one,)
    assert len([m for m in lost.analysis.mentions if m.text == "Tarifa"]) == 2


def test_the_store_keeps_corrections_across_openings_and_drops_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "corrections.sqlite3"
    store = CorrectionStore(path)
    assert store.import_all(parse_corrections(json.dumps(EXAMPLE))) == (7, 0)
    assert store.import_all(parse_corrections(json.dumps(EXAMPLE))) == (0, 7)
    store.add(Correction("kind", "Atlas Ferries", kind="PLACE"))  # the later word replaces the earlier
    store.close()
    again = CorrectionStore(path)
    kinds = [c.kind for c in again.all() if c.action == "kind"]
    assert kinds == ["PLACE"] and len(again.all()) == 7
    assert [c.text for c in again.for_document("0" * 64)] == [c.text for c in again.all() if c.is_rule]
    assert len(again.for_document(SHA)) == 7
    ids = [c.id for c in again.all() if c.action == "remove"]
    assert again.delete(ids) == 2 and len(again.all()) == 5
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _write_many(path: str, worker: int) -> None:
    store = CorrectionStore(Path(path))
    for i in range(40):
        store.add(Correction("remove", f"Name {worker}-{i}"))
    store.close()


def test_two_processes_correcting_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corrections.sqlite3"
    CorrectionStore(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(path), w)) for w in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    assert len(CorrectionStore(path).all()) == 80


def test_a_damaged_store_is_kept_aside_and_gazette_goes_on_with_an_empty_one(tmp_path: Path) -> None:
    path = tmp_path / "corrections.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = CorrectionStore(path)
    assert store.warning and "damaged" in store.warning
    aside = list(tmp_path.glob("corrections.sqlite3.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"this is not a database" * 100
    assert store.all() == []
    store.add(Correction("remove", "Acme Weekly"))
    assert [c.text for c in CorrectionStore(path).all()] == ["Acme Weekly"]
