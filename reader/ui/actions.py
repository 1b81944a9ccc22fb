"""The window's actions, and the menus and toolbar that offer them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QSizePolicy, QToolBar, QWidget

from reader.ui.article.keyboard import HighlightNavigator
from reader.ui.entity_panel import swatch
from reader.ui.exporting import FORMATS as EXPORT_FORMATS
from reader.ui.icons import icon
from reader.ui.theme import KIND_LABELS, KIND_SINGULAR, Theme

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

KINDS = ("PERSON", "PLACE", "ORG", "GROUP")
THEMES = (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark"))


class WindowActions:
    """Every action of one window, connected to its slots.

    Icons are qtawesome names kept in each action's data, so that
    :meth:`refresh_icons` can draw them again in a new theme's colours.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        keys = QKeySequence.StandardKey
        view = window.view
        self.open = self._action("&Open…", window.open_dialog, QKeySequence(keys.Open), "mdi6.folder-open-outline")
        self.reload = self._action("&Reload", window.reload, "F5", "mdi6.refresh")
        self.close = self._action("&Close", window.close_document, QKeySequence(keys.Close))
        self.export_map = self._action("&Map (PNG, SVG)…", window.export_map_dialog, None, "mdi6.map-outline")
        self.exports = {fmt: self._action(f"{label}…", self._exporter(fmt)) for fmt, label in EXPORT_FORMATS.items()}
        self.print = self._action("&Print…", window.print_dialog, QKeySequence(keys.Print), "mdi6.printer-outline")
        self.quit = self._action("&Quit", QApplication.closeAllWindows, QKeySequence(keys.Quit))
        self.next_tab = self._action("Next Tab", lambda: window.next_tab(1), QKeySequence("Ctrl+Tab"))
        self.next_tab.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.previous_tab = self._action("Previous Tab", lambda: window.next_tab(-1), QKeySequence("Ctrl+Shift+Tab"))
        self.previous_tab.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")])
        self.find = self._action("&Find…", window.find_bar.open_bar, QKeySequence(keys.Find), "mdi6.magnify")
        self.copy = self._action("&Copy", view.copy, QKeySequence(keys.Copy))
        self.next_mention = self._action("Next Mention", window.next_mention, "F3", "mdi6.arrow-down")
        self.previous_mention = self._action("Previous Mention", window.previous_mention, "Shift+F3", "mdi6.arrow-up")
        # One Escape closes the find bar, wherever the focus is; the next clears the selection.
        self.clear_selection = self._action("Clear Selection", self.escape, "Escape")
        self.navigator = HighlightNavigator(view)
        self.navigator.entityChosen.connect(self._choose_entity)
        self.next_highlight = self._action("Next &Highlight", lambda: self._step(True), "Alt+Right")
        self.previous_highlight = self._action("Previous Highlight", lambda: self._step(False), "Alt+Left")
        self.zoom_in = self._action("Zoom &In", view.zoom_in, QKeySequence(keys.ZoomIn))
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = self._action("Zoom &Out", view.zoom_out, QKeySequence("Ctrl+-"))
        self.zoom_reset = self._action("&Actual Size", view.zoom_reset, QKeySequence("Ctrl+0"))
        self.spacing = QAction("Space Between &Paragraphs", window, checkable=True)
        self.spacing.setToolTip("Show an empty line after each paragraph when the text puts one paragraph on each line")
        self.kinds: dict[str, QAction] = {}
        for kind in KINDS:
            action = QAction(KIND_LABELS[kind], window)
            action.setCheckable(True)
            action.setToolTip(f"Highlight {KIND_LABELS[kind].lower()}")
            self.kinds[kind] = action
        self.theme_group = QActionGroup(window)
        self.themes: dict[str, QAction] = {}
        for key, label in THEMES:
            action = QAction(label, window, checkable=True)
            action.triggered.connect(lambda _checked=False, k=key: window.set_theme(k))
            self.theme_group.addAction(action)
            self.themes[key] = action
        self.about = self._action("&About Gazette", window.show_about)
        # Shortcuts that work wherever the focus is, menu or not.
        for action in (
            self.next_mention,
            self.previous_mention,
            self.clear_selection,
            self.next_tab,
            self.previous_tab,
            self.next_highlight,
            self.previous_highlight,
        ):
            window.addAction(action)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None, icon_name: str = ""
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setData(icon_name)
        return action

    def _exporter(self, fmt: str) -> Callable[[], None]:
        return lambda: self.window.export_dialog(fmt)

    def escape(self) -> None:
        """Escape: close the find bar if it is open, else clear the selected entity."""
        if self.window.find_bar.isVisible():
            self.window.find_bar.close_bar()
        else:
            self.window.clear_selection()

    def _step(self, forward: bool) -> None:
        """Alt+Right, Alt+Left: focus the next or previous highlight and say in the status bar what it is."""
        span = self.navigator.step(forward)
        bar = self.window.statusBar()
        if span is None:
            bar.showMessage("No highlighted names to move to.", 3000)
            return
        name = " ".join(self.window.view.text[span.start : span.end].split())
        bar.showMessage(f"{name}: {KIND_SINGULAR[span.kind]}. Enter selects it.", 5000)

    def _choose_entity(self, entity_id: str, start: int) -> None:
        """Enter on a focused highlight: select its entity, with that mention as the current one."""
        window = self.window
        window.select_entity(entity_id)
        starts = [m.start for m in window.selection.mentions()]
        if start in starts:
            window.go_to_mention(starts.index(start))

    def shown_kinds(self) -> set[str]:
        """The kinds whose highlight toggle is on."""
        return {kind for kind, action in self.kinds.items() if action.isChecked()}

    def update_for_document(self, has_document: bool, has_file: bool) -> None:
        """Enable what needs an open document (and Reload, a file on disk)."""
        self.reload.setEnabled(has_document and has_file)
        self.close.setEnabled(has_document)
        self.find.setEnabled(has_document)
        for action in (*self.exports.values(), self.print):
            action.setEnabled(has_document)

    def refresh_icons(self, theme: Theme) -> None:
        """Draw the icons again in the palette's colours, the kind toggles in their kinds' colours."""
        for action in self.window.findChildren(QAction):
            name = action.data()
            if isinstance(name, str) and name.startswith("mdi"):
                action.setIcon(icon(name))
        for kind, action in self.kinds.items():
            action.setIcon(QIcon(swatch(theme.kind_colour(kind), 14)))
        self.themes[self.window.theme_choice].setChecked(True)

    def build_menus(self) -> tuple[QMenu, QMenu]:
        """The menu bar's menus; returns the Open Recent and View menus."""
        window = self.window
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open)
        recent_menu = file_menu.addMenu("Open &Recent")
        corrector = window.corrector
        export_menu = QMenu("&Export", file_menu)
        for action in self.exports.values():
            export_menu.addAction(action)
        export_menu.addAction(self.export_map)
        self.export_menu = export_menu
        for item in (
            self.reload,
            self.close,
            None,
            export_menu.menuAction(),
            self.print,
            None,
            corrector.import_action,
            corrector.export_action,
            None,
            self.quit,
        ):
            _add(file_menu, item)
        edit_menu = bar.addMenu("&Edit")
        for item in (
            corrector.undo,
            corrector.redo,
            None,
            self.copy,
            self.find,
            None,
            self.next_mention,
            self.previous_mention,
            self.next_highlight,
            self.previous_highlight,
            self.clear_selection,
            None,
            corrector.list_action,
        ):
            _add(edit_menu, item)
        entity_menu = bar.addMenu("E&ntity")
        corrector.build_menu(entity_menu)
        entity_menu.aboutToShow.connect(corrector.update_actions)
        view_menu = bar.addMenu("&View")
        for item in (self.zoom_in, self.zoom_out, self.zoom_reset, None, self.spacing, None):
            _add(view_menu, item)
        for action in self.kinds.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.themes.values():
            theme_menu.addAction(action)
        view_menu.addAction(window.panel_dock.toggleViewAction())
        view_menu.addAction(window.map_dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.next_tab)
        view_menu.addAction(self.previous_tab)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)
        return recent_menu, view_menu

    def build_toolbar(self) -> QToolBar:
        """Open, Reload, Find, then the highlight toggle of each kind."""
        window = self.window
        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.open, self.reload, self.find):
            toolbar.addAction(action)
        toolbar.addSeparator()
        legend = QLabel("Highlight:", window)
        legend.setContentsMargins(8, 0, 4, 0)
        toolbar.addWidget(legend)
        for action in self.kinds.values():
            toolbar.addAction(action)
        spacer = QWidget(window)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        return toolbar


def _add(menu: QMenu, action: QAction | None) -> None:
    """Add ``action`` to ``menu``, or a separator for None."""
    if action is None:
        menu.addSeparator()
    else:
        menu.addAction(action)
