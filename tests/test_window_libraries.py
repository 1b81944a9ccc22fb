"""`make run` checks the system libraries of Qt's X11 plugin first and names the Debian packages that add them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "check_window_libraries.py"

# What ldd says of Qt 6.11's libqxcb.so on a Debian 12 without two of the xcb libraries (abridged).
LDD_REPORT = """\
\tlinux-vdso.so.1 (0x00007ffd5a1f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f2c9e400000)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f03bf272000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f03bf21f000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f03bf218000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f03bf210000)
\tlibxcb-keysyms.so.1 => not found
\tlibglib-2.0.so.0 => /lib/x86_64-linux-gnu/libglib-2.0.so.0 (0x00007f03bd2e6000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f03bf3d2000)
"""

# Packages every Debian system has, or that the listed packages bring along: not named in the README.
BROUGHT_ALONG = {
    "libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1", "liblzma5", "liblz4-1", "libgcrypt20",
    "libgpg-error0", "libsystemd0", "libcap2", "libpcre2-8-0", "libmd0", "libbsd0", "libexpat1", "libpng16-16",
    "libbrotli1", "libxau6", "libxdmcp6", "libglvnd0", "libglx0", "libffi8", "libmount1", "libselinux1",
    "libblkid1", "libudev1",
}  # fmt: skip


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_window_libraries", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libX11.so.6", "libx11-6"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libfreetype.so.6.18.3", "libfreetype6"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libGLdispatch.so.0", "libglvnd0"),
        ("libz.so.1", "zlib1g"),
    ],
)
def test_libraries_map_to_their_debian_packages(checker: ModuleType, soname: str, package: str) -> None:
    assert checker.package_for(soname) == package


def test_ldd_report_gives_each_missing_library_once_in_order(checker: ModuleType) -> None:
    assert checker.missing_from_ldd(LDD_REPORT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert checker.missing_from_ldd(LDD_REPORT.replace(" => not found", " => /lib/x.so")) == []
    assert "libQt6XcbQpa.so.6" in checker.libraries_from_ldd(LDD_REPORT)


def test_the_printed_line_is_one_apt_get_command_of_what_is_missing(
    checker: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(checker, "run_ldd", lambda path: LDD_REPORT if path == plugin else "")
    present = {"libxcb-cursor.so.0"}
    monkeypatch.setattr(checker, "library_present", lambda name: name in present)
    for name in ("QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(checker.sys, "platform", "linux")

    assert checker.main(["--plugin", str(plugin)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "Gazette's window needs system libraries that are missing; install them with: "
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    ]
    # A library Qt loads at run time is checked too, though ldd does not list it.
    present.clear()
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert checker.main(["--plugin", str(plugin)]) == 1
    assert capsys.readouterr().err.strip().endswith("install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0")
    # Nothing missing: silent success, when there is a display to show the window on.
    present.add("libxcb-cursor.so.0")
    monkeypatch.setattr(checker, "run_ldd", lambda path: LDD_REPORT.replace(" => not found", " => /lib/x.so"))
    monkeypatch.setenv("DISPLAY", ":0")
    assert checker.main(["--plugin", str(plugin)]) == 0
    assert capsys.readouterr() == ("", "")
    monkeypatch.delenv("DISPLAY")
    assert checker.main(["--plugin", str(plugin)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "Gazette's window needs a display, and DISPLAY is not set: run it in a desktop session"
    ]


def test_xcb_is_checked_when_qt_will_use_it(checker: ModuleType) -> None:
    wayland = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert checker.xcb_wanted("linux", {})
    assert checker.xcb_wanted("linux", {"QT_QPA_PLATFORM": "xcb"})
    assert checker.xcb_wanted("linux", {"QT_QPA_PLATFORM": "xcb;wayland"})
    assert checker.xcb_wanted("linux", {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"})
    assert checker.xcb_wanted("linux", {**wayland, "QT_QPA_PLATFORM": "xcb"})
    assert not checker.xcb_wanted("linux", wayland)
    assert not checker.xcb_wanted("linux", {"QT_QPA_PLATFORM": "wayland;xcb"})
    assert not checker.xcb_wanted("linux", {"QT_QPA_PLATFORM": "offscreen"})
    assert not checker.xcb_wanted("darwin", {})
    assert not checker.xcb_wanted("win32", {})


@pytest.mark.parametrize(("platform", "qpa"), [("linux", "offscreen"), ("linux", "wayland"), ("darwin", None)])
def test_no_check_when_qt_will_not_use_xcb(
    checker: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], platform, qpa
) -> None:
    monkeypatch.setattr(checker.sys, "platform", platform)
    if qpa is None:
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    else:
        monkeypatch.setenv("QT_QPA_PLATFORM", qpa)
    monkeypatch.setattr(checker, "missing_libraries", lambda *_a: pytest.fail("checked although xcb is not used"))
    assert checker.main([]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs Linux's ldd")
def test_the_script_reports_a_library_the_system_lacks(tmp_path: Path) -> None:
    # Python's own executable stands in for the plugin: ldd resolves all it needs.
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--plugin", sys.executable, "--require", "libgazette-absent.so.3"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb"}, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "sudo apt-get install " in line and line.endswith(" libgazette-absent3")
    missing = subprocess.run(
        [sys.executable, str(SCRIPT), "--plugin", str(tmp_path / "nowhere.so")],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb"}, check=False,
    )  # fmt: skip
    assert missing.returncode == 2 and "no such plugin" in missing.stderr


def test_readme_lists_every_package_the_window_needs(checker: ModuleType) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sudo apt-get install " + " ".join(checker.WINDOW_PACKAGES) in readme
    assert "check_window_libraries.py" in (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs Linux's ldd")
def test_the_package_list_covers_every_library_of_qts_xcb_plugin(checker: ModuleType) -> None:
    plugin = checker.xcb_plugin()
    assert plugin is not None, "PySide6 ships no libqxcb.so"
    report = checker.run_ldd(plugin)
    qt_folder = plugin.parents[2]
    system = [
        name
        for line in report.splitlines()
        if "=>" in line and str(qt_folder) not in line and "/../../lib/" not in line
        for name in [line.split("=>")[0].strip()]
    ]
    assert "libxcb-icccm.so.4" in system and "libxcb.so.1" in system
    packages = {checker.package_for(name) for name in system}
    assert packages - BROUGHT_ALONG <= set(checker.WINDOW_PACKAGES), packages - BROUGHT_ALONG
