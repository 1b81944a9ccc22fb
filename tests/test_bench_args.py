"""`make bench` and `benchmarks/bench_open.py` without a book: one line that says what to do, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_bench_start_without_an_article_says_how_to_name_one(tmp_path: Path) -> None:
    missing = tmp_path / "article.txt"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "bench-start", f"ARTICLE={missing}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    message = result.stderr.splitlines()[0]
    assert str(missing) in message and "ARTICLE=resources/samples/harbour-summit.txt" in message
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_bench_without_a_book_says_where_to_get_it(tmp_path: Path) -> None:
    missing = tmp_path / "war-and-peace.txt"
    # -o install: this checks the message, not the set-up.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "bench", f"BOOK={missing}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stdout == ""
    message = result.stderr.splitlines()[0]
    assert str(missing) in message and "eBook #2600" in message
    assert "https://www.gutenberg.org/ebooks/2600" in message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("make", "message"), [(None, "does not exist"), ("folder", "is a folder")])
def test_bench_open_with_a_file_it_cannot_read_gives_one_line(tmp_path: Path, make: str | None, message: str) -> None:
    path = tmp_path / "book.txt"
    if make == "folder":
        path.mkdir()
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_open.py"), "--skip-naive", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("bench_open: ") and message in line
