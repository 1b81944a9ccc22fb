"""What a pass is, and the switch that turns passes off for an ablation.

A pass is one named step of the analysis that fixes one class of the model's
errors. The passes run in the order :func:`reader.core.passes.chain.all_passes`
gives (span steps, then chunk passes, then document passes);
:func:`switched_off` turns some of them off for the duration of a ``with``
block, so that the accuracy script can show what each one earns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal

_OFF: ContextVar[frozenset[str]] = ContextVar("gazette_passes_off", default=frozenset())


@dataclass(frozen=True)
class Pass:
    """One named step: ``stage`` "span" runs on each model span, "chunk" on each chunk's
    spans, "document" on the whole text's."""

    name: str
    stage: Literal["span", "chunk", "document"]
    run: Callable[..., Any]

    @property
    def summary(self) -> str:
        """The first line of the pass's docstring: the error class it fixes."""
        return (self.run.__doc__ or "").strip().splitlines()[0] if self.run.__doc__ else ""


def enabled(name: str) -> bool:
    """False while the pass ``name`` is switched off."""
    return name not in _OFF.get()


def passes_off() -> frozenset[str]:
    """The names of the passes switched off now."""
    return _OFF.get()


@contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run the body with the passes ``names`` switched off (an ablation)."""
    token = _OFF.set(_OFF.get() | frozenset(names))
    try:
        yield
    finally:
        _OFF.reset(token)
