"""The one plan for cutting a text into the pieces the model analyses.

Every caller (the window's analysis processes, ``gazette extract``, ``gazette
map``, the accuracy script, the tests) cuts a text the same way, so the same
text always gives the same spans.
"""

from __future__ import annotations

#: Chunks of about this many code points keep the first results quick and
#: each stretch of model work short.
CHUNK_CHARS = 1500
#: The first chunks go to the model alone, so the first screen is highlighted at once.
FIRST_ALONE = 2
#: Later chunks go in batches of this many.
BATCH_CHUNKS = 4


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` ranges of about ``size`` code points.

    Cuts fall after a blank line where possible, else after a line, a sentence
    or a space; the ranges cover the whole text in order.
    """
    ranges: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        if n - pos <= size:
            ranges.append((pos, n))
            break
        limit = pos + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            i = text.rfind(sep, pos + size // 4, limit)
            if i != -1:
                cut = i + len(sep)
                break
        if cut <= pos:
            cut = limit
        ranges.append((pos, cut))
        pos = cut
    return ranges


def plan_batches(text: str) -> list[list[tuple[int, int]]]:
    """The chunks of ``text`` (see :func:`split_chunks`) grouped into model batches, in order."""
    ranges = split_chunks(text)
    batches = [[r] for r in ranges[:FIRST_ALONE]]
    rest = ranges[FIRST_ALONE:]
    batches += [rest[i : i + BATCH_CHUNKS] for i in range(0, len(rest), BATCH_CHUNKS)]
    return batches
