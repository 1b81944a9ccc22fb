"""The word count: as ``wc -w`` counts, a piece per turn of the event loop, the last text only."""

from __future__ import annotations

import pytest

from reader.ui import word_count
from reader.ui.word_count import WordCounter


@pytest.fixture
def counter(qapp):
    return WordCounter()


def test_a_short_text_is_counted_at_once(qtbot, counter) -> None:
    with qtbot.waitSignal(counter.counted, timeout=1_000) as blocker:
        counter.count("One two  three\nfour — five\t six")
    assert blocker.args == [7]  # as `wc -w`: the dash is a word


def test_a_long_text_is_counted_in_pieces_never_cutting_a_word(qtbot, counter, monkeypatch) -> None:
    monkeypatch.setattr(word_count, "WORDS_PIECE", 10)
    text = "alpha beta gamma delta " * 50 + "\n".join(["epsilon zeta"] * 40)
    counts: list[int] = []
    counter.counted.connect(counts.append)
    counter.count(text)
    assert counts == []  # not yet: the rest follows in later turns
    qtbot.waitUntil(lambda: counts == [len(text.split())], timeout=5_000)


def test_a_new_text_or_stop_ends_the_last_count(qtbot, counter, monkeypatch) -> None:
    monkeypatch.setattr(word_count, "WORDS_PIECE", 10)
    counts: list[int] = []
    counter.counted.connect(counts.append)
    counter.count("word " * 500)
    counter.count("just three words")
    qtbot.waitUntil(lambda: counts == [3], timeout=5_000)
    # A stopped count tells nothing, though it would have ended before the next one.
    counter.count("word " * 5)
    counter.stop()
    counter.count("a b c d e f g h i j k l m n o")
    qtbot.waitUntil(lambda: len(counts) > 1, timeout=5_000)
    assert counts == [3, 15]
