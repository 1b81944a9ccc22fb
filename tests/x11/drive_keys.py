"""Run a real window on an X server and drive it with real key presses (xdotool).

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.x11.drive_keys OUT.json

Escape with the find bar open and the focus in the article, then Escape again;
Alt+Right to a highlight and Enter to select it. Writes what the window showed
after each step to OUT.json; Qt's warnings go to standard error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from tests.ui.fakes import ARTICLE, FakeAnalysisService
from tests.x11.drive_window import open_window, wait_until, xdotool


def main(out: str) -> int:
    app = QApplication(sys.argv[:1])
    window, exposed = open_window(app, ARTICLE, FakeAnalysisService())
    results: dict[str, object] = {"exposed": exposed}
    wait_until(app, lambda: False, 0.5)
    view = window.view
    # Focus the window with a real click in the article.
    spot = view.viewport().mapToGlobal(QPoint(view.viewport().width() // 2, 20))
    xdotool("mousemove", spot.x(), spot.y())
    xdotool("click", "1")
    wait_until(app, view.hasFocus, 5)
    window.select_by_name("Maria Ortega")
    results["selected"] = window.selected

    # 1. Ctrl+F, type, put the focus back in the article, then Escape twice.
    xdotool("key", "ctrl+f")
    results["bar_opened"] = wait_until(app, lambda: window.find_bar.isVisible() and window.find_bar.field.hasFocus(), 5)
    xdotool("type", "Tangier")
    wait_until(app, lambda: window.find_bar.field.text() == "Tangier", 5)
    view.setFocus()
    wait_until(app, view.hasFocus, 5)
    xdotool("key", "Escape")
    results["bar_closed"] = wait_until(app, lambda: not window.find_bar.isVisible(), 5)
    results["selected_after_first_escape"] = window.selected
    xdotool("key", "Escape")
    results["cleared"] = wait_until(app, lambda: window.selected is None, 5)

    # 2. Alt+Right twice, then Enter.
    view.moveCursor(view.textCursor().MoveOperation.Start)
    xdotool("key", "alt+Right")
    wait_until(app, lambda: bool(view.selected_text()), 5)
    xdotool("key", "alt+Right")
    wait_until(app, lambda: False, 0.3)
    results["focused"] = view.selected_text()
    xdotool("key", "Return")
    results["chosen"] = wait_until(app, lambda: window.selected is not None, 5)
    entity = window.analysis.entity(window.selected) if window.selected else None
    results["chosen_name"] = entity.name if entity else None
    window.close()
    Path(out).write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
