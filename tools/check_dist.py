#!/usr/bin/env python3
"""Run the built bundle as a user would and check what it produces.

    python tools/check_dist.py dist/gazette/gazette

Checks `extract` on the bundled sample, a `--screenshot` offscreen and `map`,
and `extract` on a PDF, a Word file, an EPUB, a web page, an e-mail and an RTF
file made on the spot (each must give its format and the page or section of a
mention).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "harbour-summit.txt"


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)
    print(
        f"  {' '.join(Path(a).name if a.startswith('/') else a for a in args[1:])}: "
        f"exit {result.returncode} in {time.perf_counter() - start:.1f} s"
    )
    return result


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path} is not a PNG file")
    return struct.unpack(">II", data[16:24])


def make_documents(folder: Path) -> dict[str, tuple[Path, str, str, object]]:
    """Documents of every format, each with a name it holds and where: ``(path, name, key, value)``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtGui import QGuiApplication

    from tests.core.formats import makers

    _app = QGuiApplication.instance() or QGuiApplication([])
    html = folder / "page.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>Talks</title><script>alert(1)</script></head><body><article>"
        "<h1>Talks</h1><p>Jacinda Ardern met the Red Cross in Wellington on Monday to talk about the relief work "
        "that the Pacific Islands Forum had asked for after the storm.</p></article></body></html>",
        encoding="utf-8",
    )
    rtf = folder / "letter.rtf"
    rtf.write_bytes(rb"{\rtf1\ansi\pard Angela Merkel wrote from Berlin.\par}")
    return {
        "pdf": (makers.text_pdf(folder / "r.pdf", [["One."], ["Oslo is on page two."]]), "Oslo", "page", 2),
        "docx": (makers.docx(folder / "a.docx"), "Nairobi", "section", "Operations in Kenya"),
        "epub": (makers.epub(folder / "b.epub", [("One", "Ahab sailed from Boston.")]), "Boston", "chapter", "One"),
        "html": (html, "Wellington", "section", "Talks"),
        "email": (makers.eml(folder / "m.eml"), "Geneva", "section", "Message"),
        "rtf": (rtf, "Berlin", "section", "Document"),
    }


def main() -> int:
    program = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / "dist" / "gazette" / "gazette")
    if not Path(program).is_file():
        print(f"check_dist: no bundle at {program}; run `make dist` first", file=sys.stderr)
        return 1
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        result = run([program, "--version"])
        if result.returncode != 0 or not result.stdout.startswith("gazette "):
            failures.append(f"--version: {result.stdout!r} {result.stderr!r}")
        result = run([program, "extract", str(SAMPLE)])
        if result.returncode != 0:
            failures.append(f"extract failed: {result.stderr.strip()}")
        else:
            data = json.loads(result.stdout)
            names = {e["name"] for e in data["entities"]}
            codes = {c["code"]: c["colour"] for c in data["countries"]}
            if not {"Amélie Rousseau", "Morocco", "European Union"} <= names:
                failures.append(f"extract found {sorted(names)}")
            if codes.get("FR") != "#0000ff" or codes.get("MA") != "#008000":
                failures.append(f"extract countries {codes}")
        shot = out / "shot.png"
        result = run(
            [program, "--screenshot", str(shot), "--select", "Amélie Rousseau", "--size", "1200x800", str(SAMPLE)]
        )
        if result.returncode != 0 or not shot.exists() or png_size(shot) != (1200, 800):
            failures.append(f"--screenshot failed: {result.stderr.strip()}")
        for name in ("map.png", "map.svg"):
            target = out / name
            result = run([program, "map", str(SAMPLE), "-o", str(target), "--size", "800x450"])
            if result.returncode != 0 or not target.exists():
                failures.append(f"map {name} failed: {result.stderr.strip()}")
        if (out / "map.png").exists() and png_size(out / "map.png") != (800, 450):
            failures.append("map.png has the wrong size")
        if (out / "map.svg").exists() and b"<svg" not in (out / "map.svg").read_bytes()[:400]:
            failures.append("map.svg is not an SVG drawing")
        documents = make_documents(out)
        for kind, (path, name, key, value) in documents.items():
            result = run([program, "extract", str(path)])
            if result.returncode != 0:
                failures.append(f"extract of a {kind} file failed: {result.stderr.strip()}")
                continue
            data = json.loads(result.stdout)
            places = [m.get(key) for m in data["mentions"] if m["text"] == name]
            if data.get("format") != kind or value not in places:
                failures.append(f"extract of a {kind} file: format {data.get('format')}, {name} at {places}")
        result = run([program, "extract", str(out / "missing.txt")])
        if result.returncode != 1 or "does not exist" not in result.stderr:
            failures.append("extract of a missing file did not fail cleanly")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print("dist-check: all good" if not failures else f"dist-check: {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
