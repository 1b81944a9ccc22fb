"""The analysis as an ordered list of named passes (see :mod:`reader.core.passes.chain`)."""

from reader.core.passes.registry import Pass, enabled, switched_off

__all__ = ["Pass", "enabled", "switched_off"]
