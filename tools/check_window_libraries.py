#!/usr/bin/env python3
"""Check, before the window opens, that the system libraries Qt's X11 (xcb) platform plugin needs are there.

    python tools/check_window_libraries.py [--plugin PATH] [--require SONAME ...]

Qt aborts with a misleading message when one of them is missing (it names
``libxcb-cursor0`` even when that one is installed and ``libxcb-icccm4`` is
not). This script asks the dynamic linker (``ldd``) which libraries the plugin
cannot find, maps each to its Debian package and prints one line to add them:

    Gazette's window needs system libraries that are missing; install them with: sudo apt-get install ...

It exits 1 then, and also (saying so) when no display is set. It exits 0,
silently, when nothing is missing, and checks nothing when Qt will not use xcb:
not on Linux, ``QT_QPA_PLATFORM`` naming another platform (``offscreen``,
``wayland``...), or, with it unset, in a Wayland session. Only the standard
library is used, and Qt is not loaded.
"""

from __future__ import annotations

import argparse
import ctypes.util
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# Every Debian package the window needs (the README lists the same): the xcb
# family Qt's plugin links to, X11, keyboard maps, OpenGL/EGL, fonts, D-Bus, GLib.
WINDOW_PACKAGES = (
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "fonts-dejavu-core",
    "fonts-noto-color-emoji",
)

# Libraries whose Debian package is not named after the library by Debian's
# rule (``libfoo.so.1`` -> ``libfoo1``, ``libfoo-2.so.0`` -> ``libfoo-2-0``).
PACKAGE_OF = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
}

# Loaded by Qt at run time (dlopen), so ldd does not list it: Qt 6.5 and later
# refuse to start the xcb plugin without it.
LOADED_AT_RUN_TIME = ("libxcb-cursor.so.0",)

_SONAME = re.compile(r"^(?P<name>lib[^/]+?)\.so\.(?P<major>\d+)(?:\.\d+)*$")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def package_for(soname: str) -> str:
    """The Debian package that ships the library ``soname`` (``libxcb-icccm.so.4`` -> ``libxcb-icccm4``)."""
    if soname in PACKAGE_OF:
        return PACKAGE_OF[soname]
    match = _SONAME.match(soname)
    if not match:
        return soname
    name = match["name"].lower().replace("_", "-")
    joiner = "-" if name[-1].isdigit() else ""
    return f"{name}{joiner}{match['major']}"


def missing_from_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, once each, in its order."""
    found = (m.group(1) for m in map(_NOT_FOUND.match, output.splitlines()) if m)
    return list(dict.fromkeys(found))


def libraries_from_ldd(output: str) -> list[str]:
    """Every library ``ldd`` lists by name (found or not), once each."""
    names = (line.split("=>")[0].strip() for line in output.splitlines() if "=>" in line)
    return list(dict.fromkeys(names))


def install_line(packages: Iterable[str]) -> str:
    """The one line printed when packages are missing."""
    wanted = " ".join(dict.fromkeys(packages))
    return f"Gazette's window needs system libraries that are missing; install them with: sudo apt-get install {wanted}"


def xcb_plugin() -> Path | None:
    """Qt's xcb platform plugin inside the installed PySide6, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def run_ldd(plugin: Path) -> str | None:
    """``ldd``'s report on ``plugin``, or None when there is no ``ldd``."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    return result.stdout


def library_present(soname: str) -> bool:
    """Whether the dynamic linker can find ``soname`` (``libxcb-cursor.so.0``)."""
    match = _SONAME.match(soname)
    if match is None:
        return False
    return ctypes.util.find_library(match["name"].removeprefix("lib")) is not None


def missing_libraries(plugin: Path | None, required: Sequence[str]) -> list[str]:
    """The libraries the plugin, or Qt at run time (``required``), needs and the system lacks."""
    missing: list[str] = []
    report = run_ldd(plugin) if plugin is not None else None
    if report is not None:
        missing += missing_from_ldd(report)
    missing += [name for name in required if name not in missing and not library_present(name)]
    return missing


def xcb_wanted(platform: str, environ: dict[str, str]) -> bool:
    """Whether Qt will use its xcb plugin: on Linux, with QT_QPA_PLATFORM unset or naming xcb first.

    Unset, in a Wayland session Qt takes its Wayland plugin, and xcb is not needed.
    """
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not (environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugin", type=Path, help="the plugin to check (default: PySide6's libqxcb.so)")
    parser.add_argument("--require", action="append", default=[], metavar="SONAME", help="a further library to require")
    args = parser.parse_args(argv)
    if not xcb_wanted(sys.platform, dict(os.environ)):
        return 0
    plugin = args.plugin or xcb_plugin()
    if plugin is not None and not plugin.is_file():
        print(f"check_window_libraries: no such plugin: {plugin}", file=sys.stderr)
        return 2
    missing = missing_libraries(plugin, [*LOADED_AT_RUN_TIME, *args.require])
    if missing:
        print(install_line(package_for(name) for name in missing), file=sys.stderr)
        return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        # Qt's message here is the same misleading one.
        print("Gazette's window needs a display, and DISPLAY is not set: run it in a desktop session", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
