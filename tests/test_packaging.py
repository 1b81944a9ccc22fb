"""Desktop integration files validate; the About text credits every data source."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader import APP_ID, __version__

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run must install it")
        pytest.skip(f"{name} is not installed here (Debian: desktop-file-utils, appstream)")
    return path


def test_desktop_file_validates_and_declares_text_files() -> None:
    desktop = PACKAGING / f"{APP_ID}.desktop"
    result = subprocess.run([_tool("desktop-file-validate"), str(desktop)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = desktop.read_text(encoding="utf-8")
    from reader.core.formats import MIME_TYPES

    declared = re.search(r"^MimeType=(.*)$", text, re.M)
    assert declared is not None
    assert declared.group(1).split(";")[:-1] == list(MIME_TYPES)  # the formats Gazette opens, text first
    assert "Exec=gazette %F" in text
    assert f"Icon={APP_ID}" in text
    assert re.search(r"^Categories=.*Office;.*Viewer;", text, re.M)


def test_metainfo_validates_with_current_version() -> None:
    metainfo = PACKAGING / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = metainfo.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<release version="{__version__}"' in text
    assert "<content_rating" in text and "<screenshots>" in text


def test_icons_exist_in_the_usual_sizes() -> None:
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png


def test_about_credits_every_data_source() -> None:
    from reader.ui.about import about_text

    text = about_text("en_core_web_sm 3.8.0")
    assert __version__ in text and "en_core_web_sm 3.8.0" in text
    for source, licence in (
        ("Natural Earth", "public domain"),
        ("GeoNames", "CC BY 4.0"),
        ("world-countries", "ODbL"),
        ("spaCy", "MIT"),
    ):
        assert source in text and licence in text
