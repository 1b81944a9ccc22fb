"""Corrections: the file format, the store, and what a corrected analysis holds (no model needed)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sqlite3
import time
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
    "Jean-Luc Marchand of Atlas Voyages sailed from Tarifa to Tbilisi in Georgia. "
    "Marchand told Acme Weekly that MapChart and Atlas Voyages would sail again. "
    "In Tarifa, Marchand thanked the crew."
)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()

#: The shape other tools write; every action of the format.
EXAMPLE = {
    "format": "gazette-corrections",
    "version": 1,
    "corrections": [
        {"action": "remove", "text": "Acme Weekly"},
        {"action": "kind", "text": "Atlas Voyages", "kind": "ORG"},
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
    """What a model might have found: Atlas Voyages as a person, Marchand apart, Georgia the country."""
    raw = spans(
        text,
        ("Jean-Luc Marchand", "PERSON"),
        ("Atlas Voyages", "PERSON"),
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
    assert ("Atlas Voyages", "PERSON", 2) in rows(before)
    assert any(e.name == "Acme Weekly" for e in before.entities)
    corrected = apply_corrections(TEXT, before, parse_corrections(json.dumps(EXAMPLE)), SHA).analysis
    names = {e.name: e for e in corrected.entities}
    assert "Acme Weekly" not in names and "Tarifa" not in names
    assert not [m for m in corrected.mentions if m.text in ("Acme Weekly", "Tarifa")]
    assert names["Atlas Voyages"].kind == "ORG" and names["Atlas Voyages"].id.startswith("ORG:")
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
    assert corrected.corrected_entities[names["Atlas Voyages"].id] == ("kind",)
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
    rule = Correction("kind", "Atlas Voyages", kind="PLACE")
    mine = Correction("kind", "Atlas Voyages", kind="ORG", document=SHA)
    corrected = apply_corrections(TEXT, model_analysis(), [mine, rule], SHA).analysis
    assert ("Atlas Voyages", "ORG", 2) in rows(corrected)


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
    text = "Atlas Voyages and Atlas Voyages Group: Atlas Voyagesque is not it."
    analysis = build_analysis(text, spans(text, ("Ferries Group", "ORG")))
    added = apply_corrections(text, analysis, [Correction("add", "Atlas Voyages", kind="ORG")]).analysis
    assert [(m.start, m.text) for m in added.mentions] == [(0, "Atlas Voyages"), (18, "Atlas Voyages")]


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
    store.add(Correction("kind", "Atlas Voyages", kind="PLACE"))  # the later word replaces the earlier
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


def _create_at_once(path: str, start: float, out) -> None:  # type: ignore[no-untyped-def]
    # Every process starts creating the store at the same moment: a blocking wait would wake them one
    # by one, so they sleep until just before it and then watch the clock.
    time.sleep(max(0.0, start - time.time() - 0.02))
    while time.time() < start:
        pass
    try:
        store = CorrectionStore(Path(path))
        store.import_all([Correction("remove", f"Name {os.getpid()}-{i}") for i in range(20)])
        store.close()
        out.put("ok")
    except Exception as exc:
        out.put(f"{type(exc).__name__}: {exc}")


def test_imports_at_once_into_a_new_store_wait_for_each_other(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    for trial in range(12):  # on the old code, most runs of this test failed with "database is locked"
        path = tmp_path / f"store-{trial}" / "corrections.sqlite3"
        start = time.time() + 0.3
        workers = [context.Process(target=_create_at_once, args=(str(path), start, results)) for _ in range(4)]
        for p in workers:
            p.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for p in workers:
            p.join(60)
        assert outcomes == ["ok"] * 4
        assert len(CorrectionStore(path).all()) == 80


def _as_a_reader_only(folder: Path, work):  # type: ignore[no-untyped-def]
    """Run ``work()`` where the store in ``folder`` can be read but not written; return what it returns.

    As root, permissions do not stop writes: ``work`` then runs in a child
    process that has become the unprivileged user "nobody".
    """
    store_file = folder / "corrections.sqlite3"
    if os.geteuid() != 0:
        store_file.chmod(0o444)
        folder.chmod(0o555)
        try:
            return work()
        finally:
            folder.chmod(0o755)
            store_file.chmod(0o644)
    folder.chmod(0o755)
    store_file.chmod(0o644)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, never return into pytest
        try:
            os.close(reader)
            os.setgid(65534)
            os.setuid(65534)
            answer = repr(work())
        except BaseException as exc:
            answer = repr(f"{type(exc).__name__}: {exc}")
        finally:
            os.write(writer, answer.encode() if "answer" in locals() else b"'no answer'")
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    import ast

    return ast.literal_eval(data.decode())


def test_a_read_only_store_is_read_and_says_changes_cannot_be_kept() -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gazette-read-only-"))
    try:
        store = CorrectionStore(folder / "corrections.sqlite3")
        store.add(Correction("remove", "Acme Weekly"))
        store.add(Correction("kind", "Atlas Voyages", kind="ORG"))
        store.close()

        def work():  # type: ignore[no-untyped-def]
            store = CorrectionStore(folder / "corrections.sqlite3")
            texts = [c.text for c in store.all()]
            try:
                store.add(Correction("remove", "Tarifa"))
                refused = ""
            except CorrectionsError as exc:
                refused = str(exc)
            return store.read_only, texts, refused, store.read_only_message

        read_only, texts, refused, message = _as_a_reader_only(folder, work)
        assert read_only is True
        assert texts == ["Acme Weekly", "Atlas Voyages"]
        assert refused == f"the corrections store {folder / 'corrections.sqlite3'} is read-only: changes cannot be kept"
        assert "its corrections are used, but changes cannot be kept" in message
        assert [c.text for c in CorrectionStore(folder / "corrections.sqlite3").all()] == texts  # nothing changed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_gazette_corrections_list_reads_a_read_only_store_and_an_import_says_why_not() -> None:
    import contextlib
    import io
    import tempfile

    from reader.cli import main

    folder = Path(tempfile.mkdtemp(prefix="gazette-read-only-"))
    theirs = folder / "theirs.json"
    theirs.write_text(
        json.dumps({"format": "gazette-corrections", "version": 1, "corrections": [{"action": "remove", "text": "B"}]})
    )
    theirs.chmod(0o644)
    try:
        store = CorrectionStore(folder / "corrections.sqlite3")
        store.add(Correction("remove", "Acme Weekly"))
        store.close()

        def work():  # type: ignore[no-untyped-def]
            os.environ["GAZETTE_DATA_DIR"] = str(folder)
            answers = []
            for argv in (["corrections", "list"], ["corrections", "import", str(theirs)]):
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    status = main(argv)
                answers.append((status, out.getvalue(), err.getvalue()))
            return answers

        (list_status, listed, list_err), (import_status, _out, import_err) = _as_a_reader_only(folder, work)
        assert (list_status, list_err) == (0, "")
        assert [line.split("\t")[1:] for line in listed.splitlines()] == [["remove", "“Acme Weekly” is not a name"]]
        assert import_status == 1
        assert import_err == (
            f"gazette: the corrections store {folder / 'corrections.sqlite3'} is read-only: changes cannot be kept\n"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
