"""The main window: article, entity panel, menus, status bar and background analysis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.document import Document, DocumentError, load_document
from reader.core.model import Analysis
from reader.core.settings import Settings
from reader.nlp.pipeline import INSTALL_HINT
from reader.ui.article_view import ArticleView, FindBar, HighlightSpan
from reader.ui.entity_panel import EntityPanel, entity_tooltip, swatch
from reader.ui.icons import icon
from reader.ui.mini_map import MiniMap
from reader.ui.theme import KIND_LABELS, Theme, apply_theme, resolve_theme
from reader.ui.worker import AnalysisService

#: Pause between the steps that show a finished analysis, so input and
#: repaints get their turn in between.
STEP_MS = 12
#: Analyses with more entities than this are shown in steps.
STAGE_ABOVE = 300
NO_TEXT_ON_MAP = "The countries a text names are coloured here."
#: Characters of text whose words are counted in one turn of the event loop.
WORDS_PIECE = 1 << 17
TEXT_FILTER = "Text files (*.txt *.text *.md *.csv *.log);;All files (*)"


class Banner(QFrame):
    """A message strip above the article: errors and notices, never modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.level = "info"
        self.hide()

    def show_message(self, message: str, level: str = "error") -> None:
        self.level = level
        self.label.setText(message)
        self.refresh_style()
        self.show()

    def refresh_style(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if self.level == "error":
            bg, fg, edge, name = ("#4a2326", "#ffdada", "#8c3a40", "mdi6.alert-circle") if dark else (
                "#fdecea", "#5f1d1d", "#e6b3ae", "mdi6.alert-circle")  # fmt: skip
        else:
            bg, fg, edge, name = ("#233447", "#dbe9ff", "#3d5a80", "mdi6.information") if dark else (
                "#e8f1fb", "#173a63", "#b5cde8", "mdi6.information")  # fmt: skip
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border-bottom: 1px solid {edge}; }}"
            f"QFrame#banner QLabel {{ color: {fg}; }}"
        )
        self.icon.setPixmap(icon(name, fg).pixmap(18, 18))
        self.close_button.setIcon(icon("mdi6.close", fg))


class MainWindow(QMainWindow):
    """One document: its text, its entities, and the analysis that finds them."""

    analysisFinished = Signal(object)  # Analysis: highlighted, listed and mapped
    analysisFailed = Signal(str)
    documentOpened = Signal(object)  # Document

    def __init__(
        self,
        settings: Settings | None = None,
        service: AnalysisService | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._staged = False
        self.selected: str | None = None
        self._mention_index = -1
        self._job = 0
        self._analysed_upto = 0
        self.theme_choice = theme or self.settings["theme"]
        self.theme: Theme = resolve_theme(self.theme_choice)

        self.view = ArticleView(self)
        self.view.describe_entity = self._describe_entity
        self.find_bar = FindBar(self.view, self)
        self.find_bar.hide()
        self.banner = Banner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.panel = EntityPanel(self)
        self.panel_dock = QDockWidget("Entities", self)
        self.panel_dock.setObjectName("entities")
        self.panel_dock.setWidget(self.panel)
        self.panel_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)
        self.map = MiniMap(self)
        self.map.set_countries([], waiting=NO_TEXT_ON_MAP)
        self.map_dock = QDockWidget("Map", self)
        self.map_dock.setObjectName("map")
        self.map_dock.setWidget(self.map)
        self.map_dock.setFeatures(self.panel_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.map_dock)
        self.splitDockWidget(self.map_dock, self.panel_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.map_dock, self.panel_dock], [360, 360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.map_dock, self.panel_dock], [290, 500], Qt.Orientation.Vertical)
        self.country_menu: QMenu | None = None

        self._build_status_bar()
        self._build_actions()
        self._build_menus_and_toolbar()

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)

        self.service = service or AnalysisService(self.settings["model"] or None, self)
        self.service.modelReady.connect(self._model_ready)
        self.service.modelFailed.connect(self._model_failed)
        self.service.chunkReady.connect(self._chunk_ready)
        self.service.progress.connect(self._progress)
        self.service.finished.connect(self._finished)
        self.service.failed.connect(self._failed)
        if self.service.model_ready:
            self._model_ready(*self.service.model_name.split(" ", 1))
        elif self.service.model_error:
            self._model_failed(self.service.model_error)
        else:
            self._set_status(self.model_label, "Loading language model…")

        self.view.entityClicked.connect(self.select_entity)
        self.panel.entitySelected.connect(self.select_entity)
        self.panel.mentionActivated.connect(self.go_to_mention)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.map.countryClicked.connect(self.select_country)

        shown = self.settings["show_kinds"]
        for kind, action in self.kind_actions.items():
            action.setChecked(bool(shown.get(kind, kind != "GROUP")))
        self._kinds_changed()
        self.panel.set_sort(self.settings["sort"])
        self.panel.sort_box.currentIndexChanged.connect(self._remember_sort)
        if self.settings["zoom"]:
            self.view.set_zoom(int(self.settings["zoom"]))
        self.spacing_action.setChecked(bool(self.settings["paragraph_spacing"]))
        self._spacing_changed(self.spacing_action.isChecked())
        self._restore_geometry()
        self.apply_theme(self.theme_choice)
        self._update_recent_menu()
        self._update_actions()

    # -- building --------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.encoding_label = QLabel(self)
        self.words_label = QLabel(self)
        self.entities_label = QLabel(self)
        self.model_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(True)
        self.progress.setFormat("Analysing %p%")
        self.cancel_button = QToolButton(self)
        self.cancel_button.setToolTip("Stop the analysis")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        for widget in (self.encoding_label, self.words_label, self.entities_label, self.model_label):
            widget.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(widget)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    @staticmethod
    def _set_status(label: QLabel, text: str, tooltip: str = "") -> None:
        """Set a status-bar field; it keeps the width its text needs."""
        label.setText(text)
        label.setToolTip(tooltip)
        label.setMinimumWidth(label.sizeHint().width() if text else 0)
        label.setVisible(bool(text))

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, icon_name: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setData(icon_name)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence(keys.Open), "mdi6.folder-open-outline")
        self.reload_action = self._action("&Reload", self.reload, "F5", "mdi6.refresh")
        self.close_action = self._action("&Close", self.close_document, QKeySequence(keys.Close))
        self.export_map_action = self._action("Export &Map…", self.export_map_dialog, None, "mdi6.map-outline")
        self.quit_action = self._action("&Quit", self.close, QKeySequence(keys.Quit))
        self.find_action = self._action("&Find…", self.find_bar.open_bar, QKeySequence(keys.Find), "mdi6.magnify")
        self.copy_action = self._action("&Copy", self.view.copy, QKeySequence(keys.Copy))
        self.next_mention_action = self._action("Next Mention", self.next_mention, "F3", "mdi6.arrow-down")
        self.previous_mention_action = self._action(
            "Previous Mention", self.previous_mention, "Shift+F3", "mdi6.arrow-up"
        )
        self.clear_selection_action = self._action("Clear Selection", self.clear_selection, "Escape")
        self.zoom_in_action = self._action("Zoom &In", self.view.zoom_in, QKeySequence(keys.ZoomIn))
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("Zoom &Out", self.view.zoom_out, QKeySequence("Ctrl+-"))
        self.zoom_reset_action = self._action("&Actual Size", self.view.zoom_reset, QKeySequence("Ctrl+0"))
        self.spacing_action = QAction("Space Between &Paragraphs", self, checkable=True)
        self.spacing_action.setToolTip(
            "Show an empty line after each paragraph when the text puts one paragraph on each line"
        )
        self.spacing_action.toggled.connect(self._spacing_changed)
        self.kind_actions: dict[str, QAction] = {}
        for kind in ("PERSON", "PLACE", "ORG", "GROUP"):
            action = QAction(KIND_LABELS[kind], self)
            action.setCheckable(True)
            action.setToolTip(f"Highlight {KIND_LABELS[kind].lower()}")
            action.toggled.connect(self._kinds_changed)
            self.kind_actions[kind] = action
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self.theme_group.addAction(action)
            self.theme_actions[key] = action
        self.about_action = self._action("&About Gazette", self.show_about)
        for action in (self.next_mention_action, self.previous_mention_action, self.clear_selection_action):
            self.addAction(action)

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction(self.reload_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_map_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.next_mention_action)
        edit_menu.addAction(self.previous_mention_action)
        edit_menu.addAction(self.clear_selection_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        view_menu.addSeparator()
        view_menu.addAction(self.spacing_action)
        view_menu.addSeparator()
        for action in self.kind_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addAction(self.panel_dock.toggleViewAction())
        view_menu.addAction(self.map_dock.toggleViewAction())
        self.view_menu = view_menu
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)

        self.toolbar = self.addToolBar("Main")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.reload_action)
        self.toolbar.addAction(self.find_action)
        self.toolbar.addSeparator()
        legend = QLabel("Highlight:", self)
        legend.setContentsMargins(8, 0, 4, 0)
        self.toolbar.addWidget(legend)
        for action in self.kind_actions.values():
            self.toolbar.addAction(action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)

    # -- theme -----------------------------------------------------------

    def set_theme(self, choice: str) -> None:
        self.settings["theme"] = choice
        self.apply_theme(choice)

    def apply_theme(self, choice: str) -> None:
        self.theme_choice = choice
        self.theme = resolve_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme)
        self.theme_actions[choice].setChecked(True)
        for action in self.findChildren(QAction):
            name = action.data()
            if isinstance(name, str) and name.startswith("mdi"):
                action.setIcon(icon(name))
        for kind, action in self.kind_actions.items():
            action.setIcon(QIcon(swatch(self.theme.kind_colour(kind), 14)))
        self.cancel_button.setIcon(icon("mdi6.close-circle-outline"))
        self.find_bar.refresh_icons()
        self.view.set_theme(self.theme)
        self.panel.set_theme(self.theme)
        self.map.set_theme(self.theme)
        if self.banner.isVisible():
            self.banner.refresh_style()
        self.view.setStyleSheet(f"QPlainTextEdit {{ background: {self.theme.base.name()}; }}")

    # -- documents -------------------------------------------------------

    def open_dialog(self) -> None:
        start = str(Path(self.document.path).parent) if self.document and self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Text File", start, TEXT_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a file; on failure keep the current document and show why."""
        try:
            document = load_document(path)
        except DocumentError as exc:
            self.banner.show_message(f"Could not open the file. {exc}", "error")
            return False
        self.show_document(document)
        resolved = str(Path(path).resolve())
        self.settings.add_recent(resolved)
        self._save_settings()
        self._update_recent_menu()
        return True

    def show_document(self, document: Document) -> None:
        """Show the text at once and start its analysis."""
        if self.document and self.document.path and str(self.document.path) in self.watcher.files():
            self.watcher.removePath(str(self.document.path))
        self.document = document
        self.analysis = None
        self.selected = None
        self._mention_index = -1
        self.banner.hide()
        self.view.set_text(document.text)
        self.panel.set_document(document.text)
        self.map.set_outline(None)
        self.map.set_countries([], waiting="Finding places…")
        if self.find_bar.isVisible():
            self.find_bar.search()
        self.setWindowTitle(f"{document.name} — {APP_NAME}")
        self.setWindowFilePath(str(document.path) if document.path else "")
        if document.path:
            self.watcher.addPath(str(document.path))
        self._set_status(self.encoding_label, document.encoding, "The file's text encoding")
        self._set_status(self.words_label, "")
        self._count_words(document)
        self._set_status(self.entities_label, "")
        self._start_analysis()
        self._update_actions()
        self.documentOpened.emit(document)

    def _count_words(self, document: Document, start: int = 0, words: int = 0) -> None:
        """Count words as ``wc -w`` does, a piece per turn of the event loop."""
        if document is not self.document:
            return
        text = document.text
        # Cut at a line break, else a space: never inside a word.
        end = text.find("\n", start + WORDS_PIECE)
        if end == -1:
            end = text.find(" ", start + WORDS_PIECE)
        end = len(text) if end == -1 else end
        words += len(text[start:end].split())
        if end < len(text):
            QTimer.singleShot(0, self, lambda: self._count_words(document, end, words))
        else:
            self._set_status(self.words_label, f"{words:,} words")

    def reload(self) -> None:
        if self.document and self.document.path:
            self.open_path(self.document.path)

    def close_document(self) -> None:
        if self.document and self.document.path and str(self.document.path) in self.watcher.files():
            self.watcher.removePath(str(self.document.path))
        self.service.cancel()
        self.document = None
        self.analysis = None
        self.selected = None
        self.view.set_text("")
        self.panel.set_document("")
        self.map.set_outline(None)
        self.map.set_countries([], waiting=NO_TEXT_ON_MAP)
        self.setWindowTitle(APP_NAME)
        for label in (self.encoding_label, self.words_label, self.entities_label):
            self._set_status(label, "")
        self.progress.hide()
        self.cancel_button.hide()
        self._update_actions()

    def _file_changed(self, path: str) -> None:
        if not self.document or str(self.document.path) != path:
            return
        if not Path(path).exists():
            self.banner.show_message(
                f"“{Path(path).name}” was moved or deleted. Its text stays open here until you close it.",
                "info",
            )
        else:
            self.banner.show_message(f"“{Path(path).name}” changed on disk. Press F5 to reload it.", "info")
            if path not in self.watcher.files():
                self.watcher.addPath(path)

    def _update_actions(self) -> None:
        has_doc = self.document is not None
        self.reload_action.setEnabled(has_doc and bool(self.document and self.document.path))
        self.close_action.setEnabled(has_doc)
        self.find_action.setEnabled(has_doc)

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = list(self.settings["recent_files"])
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear List")
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings["recent_files"] = []
        self._save_settings()
        self._update_recent_menu()

    # -- drag and drop -----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if isinstance(url, QUrl) and url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    # -- analysis ----------------------------------------------------------

    def _start_analysis(self) -> None:
        if self.document is None:
            return
        if self.service.model_error:
            self._show_model_missing(self.service.model_error)
            return
        self._job = self.service.start(self.document.text)
        self._analysed_upto = 0
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        if not self.service.model_ready:
            self.statusBar().showMessage("Loading the language model; the names will follow…")

    def cancel_analysis(self) -> None:
        self.service.cancel()
        self._job = -1
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().showMessage("Analysis stopped.", 4000)

    def _model_ready(self, name: str, version: str = "") -> None:
        self._set_status(self.model_label, f"{name} {version}".strip(), "The spaCy language model that finds the names")
        self.statusBar().clearMessage()

    def _model_failed(self, message: str) -> None:
        self._set_status(self.model_label, "No language model", message)
        self.panel.set_unavailable("Names cannot be found without a language model.")
        self._show_model_missing(message)

    def _show_model_missing(self, message: str) -> None:
        self.map.set_countries([], waiting="No language model: places cannot be found.")
        self.progress.hide()
        self.cancel_button.hide()
        text = message if INSTALL_HINT in message else f"{message} {INSTALL_HINT}"
        self.banner.show_message(f"Names cannot be highlighted. {text}", "error")

    def _chunk_ready(self, job: int, upto: int, spans: list[tuple[int, int, str]]) -> None:
        if job != self._job:
            return  # a stale job: never paint another document's names
        self._analysed_upto = upto
        self.view.add_spans([HighlightSpan(s, e, k) for s, e, k in spans])

    def _progress(self, job: int, percent: int) -> None:
        if job == self._job:
            self.progress.setValue(percent)

    def _finished(self, job: int, result: tuple[Analysis, list[HighlightSpan]]) -> None:
        if job != self._job:
            return
        analysis, spans = result
        self.analysis = analysis
        self.view.set_spans(spans, presorted=True)
        # A book's panel and map follow in later turns of the event loop, so
        # no single turn keeps the window from answering for long; an
        # article's are shown at once.
        self._staged = len(analysis.entities) > STAGE_ABOVE
        self._step(lambda: self._show_analysis(job))
        self.progress.hide()
        self.cancel_button.hide()
        shown = [e for e in analysis.entities if e.kind != "GROUP"]
        self._set_status(self.entities_label, f"{len(shown):,} entities")

    def _show_analysis(self, job: int) -> None:
        if job != self._job or self.analysis is None:
            return
        self.panel.set_analysis(self.analysis)
        if self.selected:
            self.panel.show_selection(self.selected)
        self._step(lambda: self._show_countries(job))

    def _step(self, then: Callable[[], None]) -> None:
        if self._staged:
            QTimer.singleShot(STEP_MS, self, then)
        else:
            then()

    def _show_countries(self, job: int) -> None:
        if job == self._job and self.analysis is not None:
            self.map.set_countries(self.analysis.countries)
            self.analysisFinished.emit(self.analysis)

    def _failed(self, job: int, message: str) -> None:
        if job != self._job:
            return
        self.progress.hide()
        self.cancel_button.hide()
        if self.service.model_error:
            self._show_model_missing(self.service.model_error)
        else:
            self.banner.show_message(message, "error")
        self.analysisFailed.emit(message)

    # -- selection ---------------------------------------------------------

    def _describe_entity(self, entity_id: str) -> str | None:
        entity = self.analysis.entity(entity_id) if self.analysis else None
        return entity_tooltip(entity) if entity else None

    def select_entity(self, entity_id: object) -> None:
        """Select an entity everywhere: emphasis in the text, panel row, mention list."""
        if not isinstance(entity_id, str) or self.analysis is None:
            return
        entity = self.analysis.entity(entity_id)
        if entity is None:
            return
        if entity.kind not in self.view.highlighter.visible_kinds:
            self.kind_actions[entity.kind].setChecked(True)
        self.selected = entity_id
        mentions = self.analysis.mentions_of(entity_id)
        self.view.select_entity(entity_id, [(m.start, m.end) for m in mentions], entity.kind)
        self.panel.show_selection(entity_id)
        self.map.set_outline(entity.country if entity.kind in ("PLACE", "GROUP") else None)
        self.go_to_mention(0)

    def select_by_name(self, name: str) -> bool:
        entity = self.analysis.find_entity(name) if self.analysis else None
        if entity is None:
            return False
        self.select_entity(entity.id)
        return True

    def clear_selection(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.field.hasFocus():
            self.find_bar.close_bar()
            return
        self.selected = None
        self._mention_index = -1
        self.view.select_entity(None, [], None)
        self.panel.show_selection(None)
        self.map.set_outline(None)

    def select_country(self, code: str) -> None:
        """A click on the map: select the country, or offer the places in it."""
        if self.analysis is None:
            return
        in_country = [e for e in self.analysis.entities if e.country == code and e.kind in ("PLACE", "GROUP")]
        use = next((c for c in self.analysis.countries if c.code == code), None)
        country = next((e for e in in_country if e.kind == "PLACE" and use and e.name == use.name), None)
        if country is not None:
            self.select_entity(country.id)
            return
        if not in_country:
            return
        menu = QMenu(self)
        title = menu.addAction(f"{use.name if use else code}: mentioned as")
        title.setEnabled(False)
        for entity in sorted(in_country, key=lambda e: (e.kind != "PLACE", -e.mentions)):
            action = menu.addAction(f"{entity.name}  ({entity.mentions})")
            action.triggered.connect(lambda _checked=False, eid=entity.id: self.select_entity(eid))
        self.country_menu = menu
        menu.popup(self.cursor().pos())

    def export_map_dialog(self) -> None:
        base = (
            Path(self.document.path).with_suffix("").name + "-map.png"
            if self.document and self.document.path
            else "map.png"
        )
        path, chosen = QFileDialog.getSaveFileName(self, "Export Map", base, "PNG image (*.png);;SVG drawing (*.svg)")
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        self.export_map(path)

    def export_map(self, path: str, size: QSize | None = None) -> bool:
        """Write the map and its legend as PNG or SVG; say so in the window if it fails."""
        try:
            self.map.renderer.export(path, size or QSize(1600, 900), self.font())
        except OSError as exc:
            self.banner.show_message(f"The map could not be saved to {path}: {exc}", "error")
            return False
        self.statusBar().showMessage(f"Map saved to {path}", 5000)
        return True

    def go_to_mention(self, index: int) -> None:
        if self.analysis is None or self.selected is None:
            return
        mentions = self.analysis.mentions_of(self.selected)
        if not mentions:
            return
        index %= len(mentions)
        self._mention_index = index
        self.view.show_range(mentions[index].start, mentions[index].end)
        self.panel.set_current_mention(index)
        self.statusBar().showMessage(f"Mention {index + 1} of {len(mentions)}", 3000)

    def next_mention(self) -> None:
        self.go_to_mention(self._mention_index + 1)

    def previous_mention(self) -> None:
        self.go_to_mention(self._mention_index - 1)

    # -- view options ------------------------------------------------------

    def _kinds_changed(self) -> None:
        kinds = {k for k, a in self.kind_actions.items() if a.isChecked()}
        self.view.set_visible_kinds(kinds)
        self.panel.set_visible_kinds(kinds)
        self.settings["show_kinds"] = {k: k in kinds for k in self.kind_actions}

    def _remember_sort(self) -> None:
        self.settings["sort"] = self.panel.sort

    def _zoom_changed(self, steps: int) -> None:
        self.settings["zoom"] = steps

    def _spacing_changed(self, on: bool) -> None:
        self.view.set_paragraph_spacing(on)
        self.settings["paragraph_spacing"] = on

    def show_about(self) -> None:
        from reader.ui.about import AboutDialog

        AboutDialog(self.service.model_name, self).exec()

    # -- lifetime ------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings["window_geometry"]
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        state = self.settings["window_state"]
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(f"Settings could not be saved: {exc}", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings["window_geometry"] = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings["window_state"] = bytes(self.saveState().toBase64().data()).decode()
        self._save_settings()
        self.service.shutdown()
        super().closeEvent(event)
