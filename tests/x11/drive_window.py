"""Run a real window on an X server and drive it with real pointer events (xdotool).

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.x11.drive_window OUT.json

What offscreen cannot show: a drag of one entity row onto another (Qt's drag
and drop runs its own loop on the X server's events), and a right click that
opens the article's context menu, whose entry is then chosen with the keyboard.
Prints nothing; writes what the window showed after each step to OUT.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.settings import Settings
from reader.ui.main_window import MainWindow
from tests.ui.fakes import FakeAnalysisService

TEXT = "The Atlantic Port Authority met in Lisbon. Later, the Harbour Board spoke to Lisbon.\n"
NAMES = {"Atlantic Port Authority": "ORG", "Harbour Board": "ORG", "Lisbon": "GPE"}


def xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True, timeout=30)


def wait_until(app: QApplication, done, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    """Run the event loop until ``done()`` or the time is up."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(int(seconds * 1000))
    while not done() and timer.isActive():
        app.processEvents()
        subprocess.run(["sleep", "0.02"], check=False)
    return bool(done())


def open_window(app: QApplication, text: str, service: FakeAnalysisService) -> tuple[MainWindow, bool]:
    """A window on ``service``, shown and raised, with ``text`` opened; and whether its analysis was shown."""
    path = Path(tempfile.mkdtemp()) / "article.txt"
    path.write_text(text, encoding="utf-8")
    window = MainWindow(Settings(), service=service, theme="light")
    window.resize(1200, 800)
    window.show()
    window.raise_()
    window.activateWindow()
    finished: list[object] = []
    window.analysisFinished.connect(finished.append)
    window.open_path(path)
    return window, wait_until(app, lambda: bool(finished) and window.isVisible())


def main(out: str) -> int:
    app = QApplication(sys.argv[:1])
    window, exposed = open_window(app, TEXT, FakeAnalysisService(NAMES))
    results: dict[str, object] = {"exposed": exposed}
    results["rows_before"] = window.panel.rows()
    wait_until(app, lambda: False, 0.5)  # let the window manager-less server map and paint it

    # 1. Drag "Harbour Board" onto "Atlantic Port Authority".
    panel = window.panel
    source = panel.list.visualRect(panel.model.index_of(window.analysis.find_entity("Harbour Board").id)).center()
    target = panel.list.visualRect(
        panel.model.index_of(window.analysis.find_entity("Atlantic Port Authority").id)
    ).center()
    start = panel.list.viewport().mapToGlobal(source)
    end = panel.list.viewport().mapToGlobal(target)
    # One xdotool run does the whole gesture: once the drag starts, Qt's own
    # loop waits for the pointer, so this process must not be the one moving it.
    steps: list[str] = ["mousemove", str(start.x()), str(start.y()), "sleep", "0.3", "mousedown", "1", "sleep", "0.2"]
    for step in range(1, 11):
        x = start.x() + (end.x() - start.x()) * step // 10
        y = start.y() + (end.y() - start.y()) * step // 10
        steps += ["mousemove", str(x), str(y), "sleep", "0.05"]
    steps += ["sleep", "0.3", "mouseup", "1"]
    gesture = subprocess.Popen(["xdotool", *steps])
    wait_until(app, lambda: gesture.poll() is not None, 20)
    results["merged"] = wait_until(app, lambda: ("Organisations", "Harbour Board", 1) not in panel.rows(), 5)
    results["rows_after_drag"] = panel.rows()

    # 2. Right click the second "Lisbon" and choose "Not a Name" with the keyboard.
    view = window.view
    second = TEXT.rindex("Lisbon")
    view.show_range(second, second + 1)
    wait_until(app, lambda: False, 0.3)
    rect = view.cursorRect(view.cursor_for_range(second + 2, second + 2))
    spot = view.viewport().mapToGlobal(QPoint(rect.center().x(), rect.center().y()))
    xdotool("mousemove", spot.x(), spot.y())
    wait_until(app, lambda: False, 0.2)
    xdotool("click", "3")
    results["menu_shown"] = wait_until(app, lambda: view.context_menu is not None and view.context_menu.isVisible(), 5)
    menu = view.context_menu
    entries = [a.text().replace("&", "") for a in menu.actions()] if menu else []
    results["menu_entries"] = entries
    if menu is not None:
        chosen = next(a for a in menu.actions() if a.text().replace("&", "") == "Not a Name")
        menu.setActiveAction(chosen)
        xdotool("key", "Return")
        wait_until(app, lambda: not menu.isVisible(), 5)
    results["removed"] = wait_until(app, lambda: window.analysis.find_entity("Lisbon") is None, 5)
    results["ranges_after_menu"] = [TEXT[s:e] for s, e, _k in view.highlighted_ranges()]
    window.close()
    Path(out).write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
