"""Start the window, or render a screenshot of it, from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME, __version__

SCREENSHOT_TIMEOUT_MS = 600_000


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1400x900, not {value!r}") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000 pixels")
    return width, height


SUBCOMMANDS = """commands (each has its own --help):
  gazette extract FILE...              print the entities and mentions as JSON or CSV
  gazette map FILE -o OUT.png|OUT.svg  draw the map of the countries a text is about
  gazette export FILE -o OUT.html|OUT.csv|OUT.json|OUT.pdf
                                       the annotated article, the entities or the analysis
  gazette corrections list|export|import
                                       your corrections, kept for every text
"""


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette",
        description="Read a text and see who it is about, where it happens and which organisations act in it.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=SUBCOMMANDS,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files to open")
    parser.add_argument("--version", action="version", version=f"gazette {__version__}")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="colour scheme")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the window once analysed, then exit")
    parser.add_argument("--select", metavar="NAME", help="with --screenshot: select this entity first")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1400x900")
    return parser


def _fail(message: str, status: int = 1) -> int:
    print(f"gazette: {message}", file=sys.stderr)
    return status


def use_offscreen_without_a_display() -> None:
    """Draw offscreen when there is no display to show a window on (and no platform was chosen).

    Qt's default platform aborts the program without a display; a picture or
    an export needs none.
    """
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"


def make_application() -> QApplication:
    """The QApplication, created once, named for the desktop."""
    from PySide6.QtWidgets import QApplication

    from reader.core.heap import keep_heap_small

    keep_heap_small()  # a book's analysis frees large blocks: give them back, not keep them
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "gazette"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from PySide6.QtGui import QIcon

    from reader.core.resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "gazette.svg"))))
    return app


def gui_main(argv: Sequence[str]) -> int:
    """Run ``gazette [FILE...]``: open the window (or take a screenshot)."""
    args = _gui_parser().parse_args(list(argv))
    if args.select and not args.screenshot:
        return _fail("--select needs --screenshot", 2)
    from reader.core.settings import Settings
    from reader.nlp.process import shared_pool

    # The language model starts loading in its own process now, while Qt starts here.
    shared_pool(Settings(persist=False)["model"] or None).launch()
    if args.screenshot:
        use_offscreen_without_a_display()
    app = make_application()
    from reader.ui.main_window import MainWindow

    if args.screenshot:
        if len(args.files) != 1:
            return _fail("--screenshot needs exactly one FILE", 2)
        return screenshot(app, args.files[0], args.screenshot, args.select, args.theme, args.size)

    # One window; several files open as its tabs, the first shown.
    window = MainWindow(Settings(), theme=args.theme)
    if args.size:
        window.resize(*args.size)
    for path in args.files:
        window.open_in_background(path)
    window.show()
    return int(app.exec())


def screenshot(
    app: QApplication,
    path: str,
    out: str,
    select: str | None = None,
    theme: str | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    """Open ``path``, wait for the analysis, select ``select``, save the window to ``out``."""
    from PySide6.QtCore import QEventLoop, QTimer

    from reader.core.settings import Settings
    from reader.ui.main_window import MainWindow

    if Path(out).suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return _fail(f"the screenshot must be a .png or .jpg file, not {out!r}", 2)
    from reader.core.document import DocumentError
    from reader.core.formats import load_document

    try:
        load_document(path)  # an unreadable file is refused before any window shows
    except DocumentError as exc:
        return _fail(f"Could not open the file. {' '.join(str(exc).split())}")
    window = MainWindow(Settings(persist=False), theme=theme or "light")
    window.resize(*(size or (1400, 900)))
    window.show()
    outcome: dict[str, str] = {}
    loop = QEventLoop()

    def stop(error: str | None = None) -> None:
        if error is not None:
            outcome.setdefault("error", error)
        loop.quit()

    window.analysisFinished.connect(lambda _analysis: stop())
    window.analysisFailed.connect(stop)
    window.service.modelFailed.connect(stop)
    try:
        if not window.open_path(path):
            return _fail(" ".join(window.banner.label.text().split()))
        if window.service.model_error:
            return _fail(window.service.model_error)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop, lambda: stop("timed out"))
        loop.exec()
        if "error" in outcome or window.analysis is None:
            return _fail(f"the analysis did not finish: {outcome.get('error', 'unknown error')}")
        if select and not window.select_by_name(select):
            return _fail(f"no entity called “{select}” in {Path(path).absolute()}")
        window.view.flush_highlighting()
        app.processEvents()
        return _save_picture(window.grab(), out)
        return 0
    finally:
        window.close()
        window.deleteLater()


def _save_picture(picture, out: str) -> int:  # type: ignore[no-untyped-def]
    """Write a QPixmap as PNG or JPEG, atomically; the exit status."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from reader.core.files import describe_os_error, write_atomically

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG" if Path(out).suffix.lower() == ".png" else "JPEG"):
        return _fail(f"could not write {Path(out).absolute()}: the picture could not be encoded")
    buffer.close()
    try:
        write_atomically(out, bytes(data.data()))
    except OSError as exc:
        return _fail(f"could not write {Path(out).absolute()}: {describe_os_error(exc)}")
    return 0


def _map_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette map", description="Render the map of the countries a text is about, with its legend."
    )
    parser.add_argument("file", metavar="FILE", help="the document (text, PDF, DOCX, EPUB, web page, e-mail...)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.png|OUT.svg", help="the image to write")
    parser.add_argument("--size", type=_size, default=(1600, 900), metavar="WxH", help="image size (1600x900)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="colour scheme")
    parser.add_argument("--no-corrections", action="store_true", help="leave your corrections out")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--ocr", action="store_true", help="recognise a PDF without a text layer with OCR")
    return parser


def _analyse_file(path: str, no_corrections: bool, password: str | None = None, ocr: bool = False):  # type: ignore[no-untyped-def]
    """``(document, analysis, package)`` of a file for a command, or the exit status after a one-line error."""
    from reader.core.document import DocumentError
    from reader.core.formats import NoTextLayerError, PasswordError, load_document
    from reader.core.sources import blank_furniture
    from reader.nlp.analyse import analyse_text
    from reader.nlp.pipeline import ModelNotFoundError, load_pipeline

    try:
        document = load_document(path, password=password, ocr=ocr)
    except NoTextLayerError as exc:
        return _fail(f"{' '.join(str(exc).split())} Run with --ocr to recognise it.")
    except PasswordError as exc:
        return _fail(" ".join(str(exc).split()) + ("" if exc.wrong else " Give it with --password."))
    except DocumentError as exc:
        return _fail(" ".join(str(exc).split()))
    if document.notice:
        _fail(f"{path}: {document.notice}", 0)
    try:
        pipeline = load_pipeline(without_cli=True)
    except ModelNotFoundError as exc:
        return _fail(" ".join(str(exc).split()), 2)
    furniture = document.sources.furniture if document.sources else ()
    analysis = analyse_text(blank_furniture(document.text, furniture), pipeline)
    if not no_corrections:
        from reader.core.corrections import with_stored_corrections

        def warn(message: str) -> None:
            _fail(message, 0)

        analysis = with_stored_corrections(document, analysis, warn)
    return document, analysis, pipeline.package


def export_main(argv: Sequence[str]) -> int:
    """Run ``gazette export FILE -o OUT``: the format comes from OUT's extension."""
    parser = argparse.ArgumentParser(
        prog="gazette export",
        description="Export a text's annotated article (HTML, PDF), its entities (CSV) or its analysis (JSON).",
    )
    parser.add_argument("file", metavar="FILE", help="the document (text, PDF, DOCX, EPUB, web page, e-mail...)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.html, OUT.csv, OUT.json or OUT.pdf")
    parser.add_argument("--no-corrections", action="store_true", help="leave your corrections out")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--ocr", action="store_true", help="recognise a PDF without a text layer with OCR")
    args = parser.parse_args(list(argv))
    from reader.ui.exporting import ExportError, export_bytes, format_of, write_export

    try:
        fmt = format_of(args.output)
    except ValueError as exc:
        return _fail(str(exc), 2)
    analysed = _analyse_file(args.file, args.no_corrections, args.password, args.ocr)
    if isinstance(analysed, int):
        return analysed
    document, analysis, package = analysed
    use_offscreen_without_a_display()
    app = make_application()
    try:
        write_export(args.output, export_bytes(fmt, document, analysis, package, app.font()))
    except ExportError as exc:
        return _fail(str(exc))
    return 0


def map_main(argv: Sequence[str]) -> int:
    """Run ``gazette map FILE -o OUT``: analyse the file and write its map (PNG or SVG)."""
    args = _map_parser().parse_args(list(argv))
    if Path(args.output).suffix.lower() not in (".png", ".svg"):
        return _fail(f"the map must be a .png or .svg file, not {args.output!r}", 2)
    analysed = _analyse_file(args.file, args.no_corrections, args.password, args.ocr)
    if isinstance(analysed, int):
        return analysed
    _document, analysis, _package = analysed
    use_offscreen_without_a_display()
    app = make_application()
    from PySide6.QtCore import QSize

    from reader.ui.mini_map import MapRenderer
    from reader.ui.theme import resolve_theme

    renderer = MapRenderer(resolve_theme(args.theme))
    renderer.set_countries(analysis.countries)
    from reader.core.files import describe_os_error

    try:
        renderer.export(args.output, QSize(*args.size), app.font())
    except OSError as exc:
        return _fail(f"could not write {Path(args.output).absolute()}: {describe_os_error(exc)}")
    return 0
