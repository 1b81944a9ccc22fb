"""Small operations on a text's spans that several passes share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from reader.core.model import Span


def put_names(spans: Sequence[Span], names: Iterable[tuple[int, int]], kind: str) -> list[Span]:
    """``spans`` with each name (start, end) of ``kind`` in place of the spans inside it.

    A name that crosses one of ``spans`` is left out; so is one that a span of
    that kind already covers exactly. The result is in text order.
    """
    found: list[Span] = []
    dropped: set[Span] = set()
    for s, e in names:
        touching = [sp for sp in spans if sp.start < e and s < sp.end]
        if any(sp.start < s or sp.end > e for sp in touching):
            continue
        if len(touching) == 1 and (touching[0].start, touching[0].end, touching[0].kind) == (s, e, kind):
            continue
        dropped.update(touching)
        found.append(Span(s, e, kind, kind))
    if not found:
        return list(spans)
    return sorted([sp for sp in spans if sp not in dropped] + found, key=lambda sp: sp.start)


def joined_with_next(spans: Sequence[Span], join: Callable[[Span, Span], Span | None]) -> list[Span]:
    """The spans in text order, each one and the next that ``join`` joins replaced by the span it gives."""
    ordered = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    i = 0
    while i < len(ordered):
        joined = join(ordered[i], ordered[i + 1]) if i + 1 < len(ordered) else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(ordered[i])
            i += 1
    return out
