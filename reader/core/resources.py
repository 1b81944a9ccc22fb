"""Locate the data files Gazette ships in ``resources/``: every read of them goes through here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_ENV = "GAZETTE_RESOURCES"
_PACKAGE = Path(__file__).resolve().parents[1]  # the reader package


def resources_dir() -> Path:
    """Return the folder that holds the shipped resources.

    ``GAZETTE_RESOURCES`` overrides it; a frozen bundle keeps it beside the
    program; an installed wheel has it inside the package (``reader/resources``);
    a checkout or editable install finds it at the repository root.
    """
    override = os.environ.get(_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    packaged = _PACKAGE / "resources"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, refusing paths that leave the folder."""
    base = resources_dir().resolve()
    path = base.joinpath(*parts).resolve()
    if base != path and base not in path.parents:
        raise ValueError(f"resource path escapes the resources folder: {'/'.join(parts)}")
    return path
