"""Reading and writing files safely: only regular files are read, and never without a bound;
every write is checked and atomic.

A FIFO, a device or a socket is refused before a byte is read (``/dev/zero``
would fill the memory, a FIFO would wait for a writer for ever). A write goes
to an unnamed temporary file in the target's folder (Linux's ``O_TMPFILE``;
elsewhere a ``.NAME-XXXX.tmp`` file), is checked to the last byte and synced,
and only then takes the target's name: a full disk, a kill or a crash leaves
the old file as it was, or no file, and never a half-written one. An unnamed
file leaves nothing behind even after a kill.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_CHUNK = 1 << 20

#: How the common reasons a file cannot be written or read are said to a person.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this disk",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "the disk reported an input/output error",
}


class NotAFileError(OSError):
    """The path names something other than a regular file (a FIFO, a device, a socket)."""


class FileTooLargeError(OSError):
    """A file holds more bytes than the reader would take."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it is larger than {limit} bytes")
        self.size = size
        self.limit = limit


def describe_os_error(exc: BaseException) -> str:
    """A short reason for a failed read or write, e.g. "the disk is full" (not "[Errno 28] …")."""
    if isinstance(exc, NotAFileError | FileTooLargeError):
        return str(exc.strerror)
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_regular(mode: int, path: str | os.PathLike[str]) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise NotAFileError(errno.EINVAL, f"it is {_kind_of(mode)}, not a file", str(path))


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`NotAFileError` for a FIFO, a device or a socket (without
    waiting on it), :class:`IsADirectoryError` for a folder,
    :class:`FileTooLargeError` beyond ``limit`` bytes (also for a file that
    grows while it is read), and the usual :class:`OSError` otherwise.
    """
    _check_regular(Path(path).stat().st_mode, path)  # before opening: opening a device can have effects
    # O_NONBLOCK: should the path become a FIFO in between, opening it does not wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb", buffering=0) as raw:
        info = os.fstat(fd)
        _check_regular(info.st_mode, path)
        if info.st_size > limit:
            raise FileTooLargeError(info.st_size, limit)
        # One read of the size the file says it has (one buffer, as Path.read_bytes makes), then on to the end,
        # never past the limit: a file that grows while it is read is cut off there.
        chunks = [raw.read(info.st_size + 1) or b""]
        total = len(chunks[0])
        while total <= limit:
            chunk = raw.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLargeError(total, limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _open_temporary(folder: Path, name: str) -> tuple[int, Path | None]:
    """A new file for writing in ``folder``: unnamed where the system allows (None), else ``.NAME-XXXX.tmp``."""
    flags = os.O_WRONLY | os.O_CLOEXEC
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile and Path("/proc/self/fd").is_dir():
        try:
            return os.open(folder, flags | tmpfile, 0o666), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    while True:
        temporary = folder / f".{name}-{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, flags | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue


def _name_unnamed(fd: int, name: Path) -> None:
    """Give the unnamed file open as ``fd`` the name ``name`` (linkat through /proc, following the link)."""
    # With a directory descriptor given, os.link calls linkat(AT_SYMLINK_FOLLOW) rather than link().
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (``str`` as UTF-8) to ``path``, atomically.

    Every byte is checked as written and synced before the file takes its
    name, so a failure (a full disk, no permission, a missing folder) raises
    :class:`OSError` and leaves the old file as it was and no temporary file.
    A new file gets the usual permissions (0666 less the umask, so 0644 as a
    rule); a replaced one keeps its own.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = target.parent
    try:
        keep_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        keep_mode = None
    fd, temporary = _open_temporary(folder, target.name)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                if written <= 0:  # a short write that does not say why: the disk took nothing more
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
                view = view[written:]
            if keep_mode is not None:
                os.fchmod(fd, keep_mode)
            os.fsync(fd)
            if temporary is None:
                temporary = folder / f".{target.name}-{secrets.token_hex(4)}.tmp"
                _name_unnamed(fd, temporary)
        finally:
            os.close(fd)
        temporary.replace(target)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    with contextlib.suppress(OSError):  # the new name survives a power cut
        folder_fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
