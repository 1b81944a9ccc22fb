"""The analysis processes: the message protocol, and stopping cleanly."""

from __future__ import annotations

import pickle
import queue
import subprocess
from pathlib import Path

from reader.nlp.process import AnalysisPool, AnalysisProcess, receive, send, worker_command

ROOT = Path(__file__).resolve().parents[2]


def start_child() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
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


def test_child_stops_quietly_when_the_window_is_gone() -> None:
    with start_child() as child:
        assert child.stdout and child.stderr
        child.stdout.close()  # as when the window's process dies: "ready" cannot be sent
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""


def test_pool_reports_chunks_in_document_order(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8") * 6
    pool = AnalysisPool(size=2)
    try:
        pool.start()
        ends: list[int] = []
        chunks = pool.run(text, 1, lambda: True, lambda chunk: ends.append(chunk.end))
    finally:
        pool.close()
    assert ends == sorted(ends) and ends[-1] == len(text)
    assert [c.end for c in chunks] == ends and chunks[0].start == 0
    spans = [s for c in chunks for s in c.raw]
    assert [(s.start, s.end) for s in spans] == sorted((s.start, s.end) for s in spans)
    rousseau = text.index("Amélie Rousseau")
    assert any(s.start == rousseau and s.label == "PERSON" for s in spans)


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
