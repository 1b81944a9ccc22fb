"""Checked, atomic writes and bounded reads of regular files only (reader.core.files)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.files import (
    FileTooLargeError,
    NotAFileError,
    describe_os_error,
    read_regular_file,
    write_atomically,
)


def disk_full_after(monkeypatch: pytest.MonkeyPatch, folder: Path, room: int) -> None:
    """Writes into ``folder`` take ``room`` bytes in all, then fail as a full disk does (a short write, then ENOSPC)."""
    real_write = os.write
    left = [room]

    def write(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        try:
            where = str(Path(f"/proc/self/fd/{fd}").readlink())
        except OSError:
            where = ""
        if not where.startswith(str(folder)):
            return real_write(fd, data)
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken = real_write(fd, bytes(data[: left[0]]))
        left[0] -= taken
        return taken

    monkeypatch.setattr(os, "write", write)


def test_a_write_to_a_full_disk_fails_says_so_and_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-1.4 the old export %%EOF")
    disk_full_after(monkeypatch, tmp_path, 204_800)
    with pytest.raises(OSError, match="No space left") as failed:
        write_atomically(out, b"x" * 300_000)
    assert describe_os_error(failed.value) == "the disk is full"
    assert out.read_bytes() == b"%PDF-1.4 the old export %%EOF"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_write_that_fits_is_whole(tmp_path: Path, monkeypatch) -> None:
    disk_full_after(monkeypatch, tmp_path, 1_000_000)
    write_atomically(tmp_path / "out.csv", b"y" * 300_000)
    assert (tmp_path / "out.csv").read_bytes() == b"y" * 300_000
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_new_file_is_readable_by_others_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.json", "{}")
        private = tmp_path / "private.json"
        private.write_text("old")
        private.chmod(0o600)
        write_atomically(private, "new")
    finally:
        os.umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
    assert private.stat().st_mode & 0o777 == 0o600 and private.read_text() == "new"


def test_a_missing_folder_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        write_atomically(tmp_path / "none" / "out.html", b"x")
    assert describe_os_error(missing.value) == "no such file or folder"


KILLED_WRITER = """
import os, sys, time
from reader.core import files
real = os.write
def slow(fd, data):
    n = real(fd, bytes(data[:4096]))
    print("writing", flush=True)
    time.sleep(60)
    return n
os.write = slow
files.write_atomically(sys.argv[1], b"z" * 100_000)
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "settings.json"
    out.write_text('{"theme": "dark"}')
    with subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    assert out.read_text() == '{"theme": "dark"}'
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_only_regular_files_are_read_and_never_past_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result: list[BaseException | bytes] = []
    reader = threading.Thread(target=lambda: result.append(_try_read(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO waited for a writer"
    assert isinstance(result[0], NotAFileError)
    assert describe_os_error(result[0]) == "it is a named pipe (FIFO), not a file"
    for device in ("/dev/zero", "/dev/urandom", "/dev/null"):
        with pytest.raises(NotAFileError, match="a device"):
            read_regular_file(device, 1000)
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path, 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1001)
    with pytest.raises(FileTooLargeError):
        read_regular_file(big, 1000)
    assert read_regular_file(big, 1001) == b"a" * 1001
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotAFileError):
        read_regular_file(link, 1000)


def _try_read(path: Path) -> BaseException | bytes:
    try:
        return read_regular_file(path, 1000)
    except OSError as exc:
        return exc
