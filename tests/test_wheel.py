"""The installable package: a wheel built from the repository works once installed, away from the checkout.

The wheel is built from a copy of the sources, installed without its
dependencies into a new virtual environment, which then sees the locked
dependencies of the project's own environment through a ``.pth`` file (no
download, and not the checkout: that environment's ``.pth`` files, the
editable install among them, are not read). ``gazette extract`` and
``gazette map`` then run from another working directory.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import struct
import subprocess
import sys
import sysconfig
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (so no stale build folder can leak into it)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("reader", "resources"):
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    _run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--no-build-isolation", "--no-index", "-w", out, src, cwd=src,
    )  # fmt: skip
    [built] = out.glob("gazette-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its ``bin`` folder."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--no-index", wheel, cwd=env_dir,
    )  # fmt: skip
    # Only now the locked dependencies: pip would otherwise take the checkout's own install for this one.
    where = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=env_dir)
    site = Path(where.stdout.strip())
    (site / "gazette-locked-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return env_dir / "bin"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"GAZETTE_RESOURCES", "PYTHONPATH", "VIRTUAL_ENV"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_the_wheel_holds_every_module_and_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reader").rglob("*.py")}
    resources = {"reader/" + p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert modules and resources
    assert modules - names == set(), "add the package to [tool.setuptools] packages in pyproject.toml"
    assert resources - names == set()
    assert "reader/resources/places/countries.json" in names
    assert not any(name.startswith(("tests/", "resources/", "benchmarks/")) for name in names)


def test_the_installed_package_reads_its_own_resources(installed: Path, tmp_path: Path) -> None:
    code = (
        "import reader, reader.core.resources as r; "
        "print(reader.__file__); print(r.resources_dir()); print(r.resource_path('places', 'countries.json').is_file())"
    )
    out = _run(installed / "python", "-c", code, cwd=tmp_path, env=_clean_env()).stdout.splitlines()
    prefix = str(installed.parent)
    assert out[0].startswith(prefix), f"reader came from {out[0]}, not the new environment"
    assert out[1].startswith(prefix) and out[1].endswith("reader/resources")
    assert out[2] == "True"


def test_installed_extract_lists_entities_and_countries(installed: Path, tmp_path: Path) -> None:
    sample = tmp_path / SAMPLE.name
    shutil.copy2(SAMPLE, sample)
    result = _run(installed / "gazette", "extract", sample.name, cwd=tmp_path, env=_clean_env())
    data = json.loads(result.stdout)
    raw = sample.read_bytes()
    text = raw.decode("utf-8")
    assert (data["file"], data["sha256"], data["encoding"]) == (sample.name, hashlib.sha256(raw).hexdigest(), "utf-8")
    people = {e["name"] for e in data["entities"] if e["kind"] == "PERSON"}
    assert {"Amélie Rousseau", "Nadia Benjelloun"} <= people
    places = {e["name"]: e["country"] for e in data["entities"] if e["kind"] == "PLACE"}
    assert places.get("Tangier") == "MA" and places.get("Algeciras") == "ES"  # the gazetteer was read
    countries = {c["code"]: c for c in data["countries"]}
    assert {"FR", "ES", "MA"} <= set(countries)
    assert (countries["MA"]["colour"], countries["MA"]["from_legend"]) == ("#008000", True)  # "Green = Morocco"
    assert (countries["ES"]["colour"], countries["ES"]["from_legend"]) == ("#e0a000", True)
    mentions = data["mentions"]
    ids = {e["id"] for e in data["entities"]}
    assert len(mentions) > 20
    for a, b in itertools.pairwise(mentions):
        assert a["end"] <= b["start"]
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"] and m["entity"] in ids


def test_installed_map_writes_a_png_and_an_svg(installed: Path, tmp_path: Path) -> None:
    shutil.copy2(SAMPLE, tmp_path / SAMPLE.name)
    for name in ("map.png", "map.svg"):
        _run(installed / "gazette", "map", SAMPLE.name, "-o", name, "--size", "640x360", cwd=tmp_path, env=_clean_env())
    png = (tmp_path / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (640, 360)
    assert len(png) > 5_000  # a drawn map, not an empty picture
    root = ET.parse(tmp_path / "map.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 20
