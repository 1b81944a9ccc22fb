"""Start the window, or render a screenshot of it, from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

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


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette",
        description="Read a text and see who it is about, where it happens and which organisations act in it.",
        epilog="Also: `gazette extract FILE...` prints the entities as JSON or CSV without a window.",
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


def make_application():  # type: ignore[no-untyped-def]
    """The QApplication, created once, named for the desktop."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "gazette"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    # The worker thread's Python code yields the interpreter lock more often,
    # so the window keeps answering while spaCy runs.
    sys.setswitchinterval(0.002)
    return app


def gui_main(argv: Sequence[str]) -> int:
    """Run ``gazette [FILE...]``: open the window (or take a screenshot)."""
    args = _gui_parser().parse_args(list(argv))
    if args.select and not args.screenshot:
        return _fail("--select needs --screenshot", 2)
    app = make_application()
    from reader.core.settings import Settings
    from reader.ui.main_window import MainWindow

    if args.screenshot:
        if len(args.files) != 1:
            return _fail("--screenshot needs exactly one FILE", 2)
        return screenshot(app, args.files[0], args.screenshot, args.select, args.theme, args.size)

    windows = []
    for path in args.files or [None]:
        window = MainWindow(Settings(), theme=args.theme)
        if args.size:
            window.resize(*args.size)
        if path is not None:
            window.open_path(path)
        window.show()
        windows.append(window)
    return int(app.exec())


def screenshot(
    app,  # type: ignore[no-untyped-def]
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
    window = MainWindow(Settings(persist=False), theme=theme or "light")
    window.resize(*(size or (1400, 900)))
    window.show()
    outcome: dict[str, str] = {}
    loop = QEventLoop()
    window.analysisFinished.connect(lambda _analysis: loop.quit())
    window.analysisFailed.connect(lambda message: (outcome.setdefault("error", message), loop.quit()))
    window.service.modelFailed.connect(lambda message: (outcome.setdefault("error", message), loop.quit()))
    try:
        if not window.open_path(path):
            return _fail(" ".join(window.banner.label.text().split()))
        if window.service.model_error:
            return _fail(window.service.model_error)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop, lambda: (outcome.setdefault("error", "timed out"), loop.quit()))
        loop.exec()
        if "error" in outcome or window.analysis is None:
            return _fail(f"the analysis did not finish: {outcome.get('error', 'unknown error')}")
        if select and not window.select_by_name(select):
            return _fail(f"no entity called “{select}” in {Path(path).name}")
        window.view.flush_highlighting()
        app.processEvents()
        if not window.grab().save(out):
            return _fail(f"could not write {out}")
        return 0
    finally:
        window.close()
        window.deleteLater()


def map_main(argv: Sequence[str]) -> int:
    """``gazette map FILE -o OUT``: not available yet."""
    return _fail("the map command is not available in this version", 2)
