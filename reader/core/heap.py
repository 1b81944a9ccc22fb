"""Keep the C library's heap from holding on to memory the program has freed.

glibc's ``malloc`` serves a large block (a list of a book's spans, spaCy's
arrays for one batch) from its own mapping, and when that block is freed it
raises the size above which it does so, up to 32 MB. From then on large
blocks come from the heap, and the holes they leave stay in the process:
the window's process grew by 24 MB over a book this way. A fixed threshold
keeps large blocks in mappings of their own, returned to the system as soon
as they are freed.

Not in the analysis processes: there it saved 12 MB a process, but spaCy's
arrays for each batch then had to be mapped and faulted in afresh, and the
model ran 10-15 % slower. They give their free memory back only when they
wait for work (:func:`return_free_memory`).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache
from typing import cast

#: ``mallopt`` parameters (glibc's ``malloc.h``).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: Blocks of this many bytes or more get a mapping of their own (glibc's starting value).
MMAP_THRESHOLD = 128 * 1024
#: Free memory at the top of the heap beyond this is given back at once.
TRIM_THRESHOLD = 128 * 1024


def keep_heap_small() -> bool:
    """Fix glibc's thresholds for this process (see the module's docstring).

    Returns whether they were set: False on other systems and C libraries,
    where nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return cast("Callable[[int], int]", ctypes.CDLL(None).malloc_trim)
    except (OSError, AttributeError):
        return None


def return_free_memory() -> bool:
    """Give the memory this process has freed back to the system, where the C library allows it.

    glibc keeps freed memory for reuse rather than returning it, so the
    transient lists and strings of a book's analysis stay in the window's
    resident size long after they are gone (about a fifth of what the
    analysis added), and an analysis process keeps the arrays of its
    largest batch (about 15 MB). ctypes lets the interpreter go meanwhile.
    Returns whether the C library could be asked.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
