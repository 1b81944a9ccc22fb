"""Zip containers (DOCX, ODT, EPUB) opened with a cap on what they unpack to: a zip bomb is refused."""

from __future__ import annotations

import zipfile
from io import BytesIO

from reader.core.document import DocumentError

#: The most a document's zip may unpack to, all members together.
MAX_UNPACKED = 256 * 1024 * 1024
#: A member that unpacks to more than this many times its packed size is a bomb, not a document.
MAX_RATIO = 200
_SMALL = 1024 * 1024  # below this, any ratio is harmless


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip, checked against :data:`MAX_UNPACKED` and :data:`MAX_RATIO`.

    Raises :class:`DocumentError` for a damaged zip or one that would unpack to too much.
    Members are read with :func:`read_member`, which stops at the size the zip declares.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise DocumentError(f"This {what} is damaged: its zip container cannot be read.") from None
    total = sum(info.file_size for info in infos)
    bomb = total > MAX_UNPACKED or any(
        info.file_size > _SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1) for info in infos
    )
    if bomb:
        archive.close()
        raise DocumentError(
            f"This {what} would unpack to {total / 2**20:,.0f} MB, far more than a document holds "
            f"(the limit is {MAX_UNPACKED // 2**20} MB): it is refused as a zip bomb."
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, what: str) -> bytes:
    """One member's bytes; a damaged member or a missing one raises :class:`DocumentError`."""
    try:
        with archive.open(name) as member:
            # zipfile stops at the declared size and checks the CRC: a member cannot grow past open_zip's check.
            return member.read(MAX_UNPACKED + 1)[:MAX_UNPACKED]
    except KeyError:
        raise DocumentError(f"This {what} is damaged: it has no {name}.") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise DocumentError(f"This {what} is damaged: {name} cannot be unpacked ({exc}).") from None
