"""The main window: article, entity panel, map, status bar and background analysis.

The actions and menus (:mod:`reader.ui.actions`), the recent files
(:mod:`reader.ui.recent`), the word count (:mod:`reader.ui.word_count`) and
the message strip (:mod:`reader.ui.banner`) live in their own modules; the
selected entity is one :class:`~reader.ui.selection.Selection` that the
article, the panel and the map follow.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QPoint, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.document import Document, DocumentError
from reader.core.files import describe_os_error
from reader.core.formats import FILE_PATTERNS, format_of, load_document
from reader.core.formats.sniff import NAMES as FORMAT_NAMES
from reader.core.model import Analysis, Entity, Mention
from reader.core.offsets import count_bidi_controls
from reader.core.settings import Settings
from reader.core.sources import blank_furniture
from reader.nlp.pipeline import INSTALL_HINT
from reader.ui.actions import WindowActions
from reader.ui.article import ArticleView, FindBar, Highlight, HighlightSpan
from reader.ui.banner import Banner
from reader.ui.corrections import Corrector
from reader.ui.entity_panel import EntityPanel
from reader.ui.exporting import FILTERS as EXPORT_FILTERS
from reader.ui.exporting import FORMATS as EXPORT_FORMATS
from reader.ui.exporting import ExportError, export_bytes, print_article, write_export
from reader.ui.exporting import format_of as export_format_of
from reader.ui.file_dialogs import get_open_path, get_save_path, size_columns, start_folder
from reader.ui.icons import icon
from reader.ui.mini_map import MapExportDialog, MapRenderer, MiniMap
from reader.ui.opening import Opening, ask_password
from reader.ui.recent import RecentFiles
from reader.ui.selection import MAPPED_KINDS, Selection
from reader.ui.tabs import DocumentTabs
from reader.ui.theme import LIGHT, Theme, apply_theme, resolve_theme
from reader.ui.word_count import WordCounter
from reader.ui.worker import AnalysisService, collect_between_texts, forget_module_sources, keep_out_of_collections

#: Pause between the steps that show a finished analysis, so input and
#: repaints get their turn in between.
STEP_MS = 12
#: Analyses with more entities than this are shown in steps.
STAGE_ABOVE = 300
#: After the view stops moving for this long, the text in view is analysed next.
PRIORITY_MS = 150
#: Besides the lines in view, this many code points after them are analysed next.
PRIORITY_AHEAD = 6000
ENTITIES_TITLE, MAP_TITLE = "Entities", "Map"
PARTIAL_SUFFIX = " (so far)"
NO_TEXT_ON_MAP = "The countries a text names are coloured here."
TEXT_FILTER = ";;".join(
    [
        f"Documents ({' '.join(p for _, patterns in FILE_PATTERNS for p in patterns.split())})",
        *(f"{name} ({patterns})" for name, patterns in FILE_PATTERNS),
        "All files (*)",
    ]
)


class MainWindow(QMainWindow):
    """One document: its text, its entities, and the analysis that finds them.

    ``service`` is the analysis seam (:class:`~reader.ui.worker.AnalysisService`
    by default); anything with its signals and methods will do.
    """

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
        self._mention_index = -1
        self._job = 0
        self._analysed_upto = 0
        #: The figures of the chunks analysed so far, while a long text is analysed.
        self.partial_analysis: Analysis | None = None
        self.theme_choice = theme or self.settings["theme"]
        self.theme: Theme = resolve_theme(self.theme_choice)
        self.selection = Selection(self)

        self._build_article()
        self._build_docks()
        self._build_status_bar()
        self.corrector = Corrector(self)
        self.commands = WindowActions(self)
        self.recent_menu, self.view_menu = self.commands.build_menus()
        self.toolbar = self.commands.build_toolbar()
        self.recent = RecentFiles(self.settings, self.recent_menu, self.save_settings)
        self.words = WordCounter(self)
        self.opening = Opening(self)
        self.watcher = QFileSystemWatcher(self)
        self._connect()
        self._use_service(service or AnalysisService(self.settings["model"] or None, self))
        self._restore_settings()
        QWidget.setTabOrder(self.view, self.map)  # Tab: the article, the map and its legend, then the panel
        self._update_actions()
        #: Said until the first text is shown (opening a text clears the banner, so it is said again then).
        self._pending_notice = self.settings.warning
        if self._pending_notice:
            self.banner.show_message(self._pending_notice, "info")

    # -- building --------------------------------------------------------

    def _build_article(self) -> None:
        """The banner, the article and the find bar, one above the other."""
        self.tabs = DocumentTabs(self)
        self.view = ArticleView(self, self.selection)
        self.find_bar = FindBar(self.view, self)
        self.find_bar.hide()
        self.banner = Banner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tabs)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        """The map above the entity panel, on the right."""
        self.panel = EntityPanel(self, self.selection)
        self.panel_dock = QDockWidget("Entities", self)
        self.panel_dock.setObjectName("entities")
        self.panel_dock.setWidget(self.panel)
        self.panel_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)
        self.map = MiniMap(self, self.selection)
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
        self.map_export_dialog: MapExportDialog | None = None
        self.context_menu: QMenu | None = None

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

    def _connect(self) -> None:
        """What the widgets ask of the window: clicks select, toggles change the view."""
        self.view.entityClicked.connect(self.select_entity)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.panel.entitySelected.connect(self.select_entity)
        self.panel.mentionActivated.connect(self.go_to_mention)
        self.panel.sort_box.currentIndexChanged.connect(self._remember_sort)
        self.map.countryClicked.connect(self.select_country)
        self.commands.spacing.toggled.connect(self._spacing_changed)
        for action in self.commands.kinds.values():
            action.toggled.connect(self._kinds_changed)
        self.recent.openRequested.connect(self.open_path)
        self.words.counted.connect(lambda words: self._set_status(self.words_label, f"{words:,} words"))
        self.view.contextMenuOpening.connect(self._article_menu)
        self.tabs.switchRequested.connect(self.switch_tab)
        self.tabs.closeRequested.connect(self.close_tab)
        self.analysisFinished.connect(lambda _analysis: self._remember_analysis())
        self.panel.entityMenuRequested.connect(self._entity_menu)
        self.panel.mentionMenuRequested.connect(self._mention_menu)
        self.panel.model.entityDropped.connect(self._entity_dropped)
        self.selection.entityChanged.connect(lambda _entity: self.corrector.update_actions())
        self.view.selectionChanged.connect(self.corrector.update_actions)
        self.watcher.fileChanged.connect(self._file_changed)
        self._priority_timer = QTimer(self)
        self._priority_timer.setSingleShot(True)
        self._priority_timer.setInterval(PRIORITY_MS)
        self._priority_timer.timeout.connect(self._prioritise_view)
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self._priority_timer.start())

    def _use_service(self, service: AnalysisService) -> None:
        self.service = service
        service.modelReady.connect(self._model_ready)
        service.modelFailed.connect(self._model_failed)
        service.chunkReady.connect(self._chunk_ready)
        service.progress.connect(self._progress)
        service.partial.connect(self._partial)
        service.finished.connect(self._finished)
        service.failed.connect(self._failed)
        if service.model_ready:
            self._model_ready(*service.model_name.split(" ", 1))
        elif service.model_error:
            self._model_failed(service.model_error)
        else:
            self._set_status(self.model_label, "Loading language model…")

    def _restore_settings(self) -> None:
        """The kinds shown, sort order, zoom, spacing, geometry and theme of last time."""
        shown = self.settings["show_kinds"]
        for kind, action in self.commands.kinds.items():
            action.setChecked(bool(shown.get(kind, kind != "GROUP")))
        self._kinds_changed()
        self.panel.set_sort(self.settings["sort"])
        if self.settings["zoom"]:
            self.view.set_zoom(int(self.settings["zoom"]))
        self.commands.spacing.setChecked(bool(self.settings["paragraph_spacing"]))
        self._spacing_changed(self.commands.spacing.isChecked())
        self._restore_geometry()
        self.apply_theme(self.theme_choice)

    @staticmethod
    def _set_status(label: QLabel, text: str, tooltip: str = "") -> None:
        """Set a status-bar field; it keeps the width its text needs."""
        label.setText(text)
        label.setToolTip(tooltip)
        label.setMinimumWidth(label.sizeHint().width() if text else 0)
        label.setVisible(bool(text))

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
        self.commands.refresh_icons(self.theme)
        self.cancel_button.setIcon(icon("mdi6.close-circle-outline"))
        self.find_bar.refresh_icons()
        self.view.set_theme(self.theme)
        self.panel.set_theme(self.theme)
        self.map.set_theme(self.theme)
        self.banner.set_theme(self.theme)

    # -- documents -------------------------------------------------------

    def _document_folder(self) -> str:
        return str(Path(self.document.path).parent) if self.document and self.document.path else ""

    def open_dialog(self) -> None:
        """Qt's own Open dialog, in the theme, starting in the last folder used."""
        path = get_open_path(self, self.settings, "Open", TEXT_FILTER, self._document_folder())
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path, password: str | None = None, ocr: bool = False) -> bool:
        """Open a file; on failure keep the current document and show why.

        A PDF, a Word file, an e-book... is read in the background (see
        :mod:`reader.ui.opening`): it opens in a tab when its first pages are read.
        """
        if format_of(path) != "text":
            self.opening.open(Path(path), password, ocr)
            return True
        try:
            document = load_document(path)
        except DocumentError as exc:
            self.banner.show_message(f"Could not open the file. {exc}", "error")
            return False
        self._open_in_tab(document)
        self.recent.add(path)
        self.settings["last_folder"] = str(Path(path).resolve().parent)
        return True

    def show_document(self, document: Document, known: Analysis | None = None) -> None:
        """Show the text at once and start its analysis (or show ``known``, the model's analysis of it)."""
        self._unwatch()
        if self.document is not None:
            collect_between_texts()
        forget_module_sources()
        self.document = document
        self.corrector.activate(self.tabs.current)
        self.analysis = None
        self._mention_index = -1
        self.selection.set_analysis(None)
        self.banner.hide()
        notices = [n for n in (document.notice, self._pending_notice) if n]
        if notices:
            self.banner.show_message(" ".join(notices), "info")
            self._pending_notice = None
        self.view.set_text(document.text)
        if document.sources:
            self.view.set_pages(document.sources.page_starts, document.sources.furniture)
        self.panel.set_document(document.text, document.sources)
        self.map.set_countries([], waiting="Finding places…")
        if self.find_bar.isVisible():
            self.find_bar.search()
        self.setWindowTitle(f"{document.name} — {APP_NAME}")
        self.setWindowFilePath(str(document.path) if document.path else "")
        if document.path:
            self.watcher.addPath(str(document.path))
        if document.encoding:
            self._set_status(self.encoding_label, document.encoding, "The file's text encoding")
        else:
            label = FORMAT_NAMES.get(document.format, document.format)
            self._set_status(self.encoding_label, label[:1].upper() + label[1:], "The file's format")
        self.opening.update_page_label()
        self._set_status(self.words_label, "")
        self.words.count(document.text)
        self._set_status(self.entities_label, "")
        if known is None:
            self._start_analysis()
        else:
            self._show_known(known)
        self._note_bidi_controls(document)
        self._update_actions()
        self.documentOpened.emit(document)

    def ask_password(self, path: Path, wrong: bool) -> str | None:
        """Ask for an encrypted PDF's password (``None``: not given). Tests replace it."""
        return ask_password(self, path, wrong)

    def _note_bidi_controls(self, document: Document) -> None:
        """Say that the text holds direction overrides, shown as marks rather than obeyed."""
        count = count_bidi_controls(document.text)
        if count and not self.banner.isVisible():
            self.banner.show_message(
                f"This text holds {count} direction control{'s' if count != 1 else ''} (such as a right-to-left "
                "override), which would show the words after them in another order: each is shown as a mark "
                "(◀ ▶ ◂ ▸ ◃ ▹ ◇, ending ▪ ▫) and the text in the order it is stored.",
                "info",
            )

    def reload(self) -> None:
        if self.document and self.document.path:
            self.open_path(self.document.path)

    # -- tabs ----------------------------------------------------------------

    def _open_in_tab(self, document: Document) -> None:
        """Show ``document`` in a new tab, in its own tab if it is open, or again in it (a reload)."""
        key = str(Path(document.path).resolve()) if document.path else None
        index = self.tabs.index_of(key) if key else -1
        if index >= 0 and index == self.tabs.currentIndex():
            self.tabs.replace(index, document)
        elif index >= 0:
            self.switch_tab(index)
            return
        else:
            self._keep_place()
            self.tabs.add(document)
        self.show_document(document)

    def open_in_background(self, path: str | Path) -> bool:
        """Open a file in a tab behind the current one; it is analysed when first shown."""
        if format_of(path) != "text":
            self.opening.enqueue(Path(path))  # read one after another, not one instead of another
            return True
        if not self.tabs.count():
            return self.open_path(path)
        try:
            document = load_document(path)
        except DocumentError as exc:
            self.banner.show_message(f"Could not open the file. {exc}", "error")
            return False
        if self.tabs.index_of(str(Path(document.path).resolve()) if document.path else "") < 0:
            self.tabs.add(document, current=False)
            self.recent.add(path)
        return True

    def _keep_place(self) -> None:
        """Remember where the reader is in the current tab's document."""
        entry = self.tabs.current
        if entry is not None and entry.document is self.document:
            entry.scroll = self.view.verticalScrollBar().value()
            entry.selected = self.selection.entity_id

    def _remember_analysis(self) -> None:
        entry = self.tabs.current
        if entry is not None and entry.document is self.document:
            entry.analysis = self.corrector.base

    def switch_tab(self, index: int) -> None:
        """Show the document of tab ``index``, as the reader left it."""
        if not 0 <= index < self.tabs.count():
            return
        self._keep_place()
        self.tabs.select(index)
        entry = self.tabs.open[index]
        self.show_document(entry.document, entry.analysis)
        if entry.analysis is not None:
            if entry.selected:
                self.selection.select(entry.selected)
            self.view.verticalScrollBar().setValue(entry.scroll)

    def next_tab(self, step: int = 1) -> None:
        if self.tabs.count() > 1:
            self.switch_tab((self.tabs.currentIndex() + step) % self.tabs.count())

    def close_tab(self, index: int) -> None:
        """Close tab ``index``; the window stays, empty, when it was the last."""
        if not 0 <= index < self.tabs.count():
            return
        current = index == self.tabs.currentIndex()
        self.corrector.forget(self.tabs.open[index])
        self.tabs.remove(index)
        if not current:
            return
        if self.tabs.count():
            self.switch_tab(min(index, self.tabs.count() - 1))
        else:
            self._clear_document()

    def _show_known(self, base: Analysis) -> None:
        """Show an analysis made before (a tab shown again): no model work."""
        self.service.cancel()
        self._job = -1
        self.progress.hide()
        self.cancel_button.hide()
        analysis = self.corrector.corrected(base)
        self.show_corrected(analysis)
        self.analysisFinished.emit(analysis)

    def close_document(self) -> None:
        """Close the current document's tab (File › Close)."""
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())
        else:
            self._clear_document()

    def _clear_document(self) -> None:
        self._unwatch()
        self.corrector.activate(None)
        self.service.cancel()
        self.words.stop()
        self.document = None
        self.analysis = None
        self._show_partial(None)
        self.selection.set_analysis(None)
        self.view.set_text("")
        self.panel.set_document("")
        self.map.set_countries([], waiting=NO_TEXT_ON_MAP)
        self.setWindowTitle(APP_NAME)
        for label in (self.encoding_label, self.words_label, self.entities_label):
            self._set_status(label, "")
        self.opening.update_page_label()
        self.progress.hide()
        self.cancel_button.hide()
        self._update_actions()

    def _unwatch(self) -> None:
        """Stop watching the open document's file."""
        if self.document and self.document.path and str(self.document.path) in self.watcher.files():
            self.watcher.removePath(str(self.document.path))

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
        self.commands.update_for_document(self.document is not None, bool(self.document and self.document.path))

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
        sources = self.document.sources
        # Running headers, footers and page numbers are shown, not analysed: they would glue into sentences.
        self._job = self.service.start(blank_furniture(self.document.text, sources.furniture if sources else ()))
        self._analysed_upto = 0
        self._show_partial(None)
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
        if job == self._job and percent != self.progress.value():
            # QProgressBar.setValue repaints at once when its text changes (10-20 ms
            # of the window's thread); with updates off it is painted in the next turn.
            self.progress.setUpdatesEnabled(False)
            self.progress.setValue(percent)
            self.progress.setUpdatesEnabled(True)

    def _partial(self, job: int, analysis: Analysis) -> None:
        """The figures of a long text's chunks analysed so far: fill the panel and the map with them."""
        if job != self._job or self.analysis is not None:
            return
        if self._has_corrections():
            # The corrections apply to the figures so far as well, but the
            # corrector keeps the model's final analysis as its base.
            base = self.corrector.base
            analysis = self.corrector.corrected(analysis)
            self.corrector.base = base
        self._show_partial(analysis)

    def _has_corrections(self) -> bool:
        """Whether any correction may apply to the open text (most often none: nothing to redo)."""
        store, document = self.corrector.store, self.document
        if store is None or document is None:
            return False
        try:
            path = str(Path(document.path).resolve()) if document.path else None
            return bool(self.corrector.stored(document.sha256, path))
        except sqlite3.Error:
            return False

    def _show_partial(self, analysis: Analysis | None) -> None:
        """Show ``analysis`` as the figures so far, or (None) say that no figures are partial."""
        self.partial_analysis = analysis
        suffix = PARTIAL_SUFFIX if analysis is not None else ""
        self.panel_dock.setWindowTitle(ENTITIES_TITLE + suffix)
        self.map_dock.setWindowTitle(MAP_TITLE + suffix)
        if analysis is None:
            return
        self.selection.set_analysis(analysis)
        self.panel.set_analysis(analysis, partial=True)
        # The map (and its repaint) in a later turn of the event loop, so
        # that one turn does not hold both.
        QTimer.singleShot(STEP_MS, self, lambda: self._show_partial_countries(analysis))
        keep_out_of_collections()
        shown = sum(1 for e in analysis.entities if e.kind != "GROUP")
        self._set_status(self.entities_label, f"{shown:,} entities so far", "Counted in the text analysed so far")

    def _show_partial_countries(self, analysis: Analysis) -> None:
        if analysis is self.partial_analysis:  # still the figures shown (no newer ones, nor the final analysis)
            self.map.set_countries(analysis.countries, waiting="Finding places…")

    def _prioritise_view(self) -> None:
        """While a text is analysed, have the part in view (and a little after it) analysed next."""
        if self.document is None or self.analysis is not None or self._job <= 0:
            return
        view = self.view
        first = view.firstVisibleBlock()
        if not first.isValid():
            return
        start = view.offsets.to_code_point(first.position())
        bottom = view.cursorForPosition(QPoint(0, view.viewport().height() - 1)).block()
        end = view.offsets.to_code_point(bottom.position() + bottom.length() - 1)
        if end > self._analysed_upto:
            self.service.prioritise(self._job, start, min(len(self.document.text), end + PRIORITY_AHEAD))

    def _finished(self, job: int, result: tuple[Analysis, Sequence[Highlight]]) -> None:
        if job != self._job:
            return
        base, spans = result
        analysis = self.corrector.corrected(base)
        if analysis is not base:
            spans = analysis.mentions
        self.analysis = analysis
        self._show_partial(None)
        self.selection.set_analysis(analysis)
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

    def show_corrected(self, analysis: Analysis) -> None:
        """Show ``analysis`` (the same text's, corrected) everywhere at once, keeping the selection."""
        selected = self.selection.mentions()
        self.analysis = analysis
        self.selection.set_analysis(analysis)
        if selected and self.selection.entity is None:
            # Its kind or name changed, or it joined another: select what its first mention is now.
            now = next((m for m in analysis.mentions if m.start == selected[0].start), None)
            if now is not None:
                self.selection.select(now.entity)
        self.view.set_spans(analysis.mentions, True)
        self.panel.set_analysis(analysis)
        self.map.set_countries(analysis.countries)
        shown = [e for e in analysis.entities if e.kind != "GROUP"]
        self._set_status(self.entities_label, f"{len(shown):,} entities")
        self._mention_index = -1

    def _mention_at(self, start: int) -> Mention | None:
        if self.analysis is None:
            return None
        return next((m for m in self.analysis.mentions if m.start == start), None)

    def _article_menu(self, menu: QMenu, span: Highlight | None) -> None:
        """What a right click on the article offers besides Copy: the corrections of the highlight under it."""
        entity = self.analysis.entity(span.entity) if self.analysis and span and span.entity else None
        mention = self._mention_at(span.start) if span else None
        menu.addSeparator()
        self.corrector.fill_context_menu(menu, entity, mention)

    def _entity_menu(self, entity_id: str, where: QPoint) -> None:
        entity = self.analysis.entity(entity_id) if self.analysis else None
        if entity is not None:
            self._popup(entity, None, where)

    def _mention_menu(self, index: int, where: QPoint) -> None:
        mentions = self.selection.mentions()
        if 0 <= index < len(mentions) and self.selection.entity is not None:
            self._popup(self.selection.entity, mentions[index], where)

    def _entity_dropped(self, dragged: str, target: str) -> None:
        """A row dragged onto another: the dragged entity joins the other."""
        if self.analysis is None:
            return
        entity, into = self.analysis.entity(dragged), self.analysis.entity(target)
        if entity is not None and into is not None:
            self.corrector.merge(entity, into)

    def _popup(self, entity: Entity, mention: Mention | None, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.corrector.fill_context_menu(menu, entity, mention)
        self.context_menu = menu
        menu.popup(where)

    def _show_analysis(self, job: int) -> None:
        if job != self._job or self.analysis is None:
            return
        self.panel.set_analysis(self.analysis)
        self._step(lambda: self._show_countries(job))

    def _step(self, then: Callable[[], None]) -> None:
        if self._staged:
            QTimer.singleShot(STEP_MS, self, then)
        else:
            then()

    def _show_countries(self, job: int) -> None:
        if job == self._job and self.analysis is not None:
            self.map.set_countries(self.analysis.countries)
            keep_out_of_collections()  # the highlights, rows and map of a shown text live as long as it
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

    @property
    def selected(self) -> str | None:
        """The selected entity's id, or None."""
        return self.selection.entity_id

    def select_entity(self, entity_id: object) -> None:
        """Select an entity everywhere: emphasis in the text, panel row, mention list, map outline."""
        analysis = self.analysis or self.partial_analysis
        if not isinstance(entity_id, str) or analysis is None:
            return
        entity = analysis.entity(entity_id)
        if entity is None:
            return
        shown = self.commands.kinds[entity.kind]
        if not shown.isChecked():
            shown.setChecked(True)
        self.selection.select(entity_id)
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
        self._mention_index = -1
        self.selection.clear()

    def select_country(self, code: str) -> None:
        """A click on the map: select the country, or offer the places in it."""
        if self.analysis is None:
            return
        in_country = [e for e in self.analysis.entities if e.country == code and e.kind in MAPPED_KINDS]
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
            action = menu.addAction(f"{entity.name.replace('&', '&&')}  ({entity.mentions})")
            action.triggered.connect(lambda _checked=False, eid=entity.id: self.select_entity(eid))
        self.country_menu = menu
        menu.popup(self.cursor().pos())

    def export_dialog(self, fmt: str) -> None:
        """Ask where to save an export of the open text in ``fmt`` (an extension), then save it."""
        if self.document is None:
            return
        stem = Path(self.document.path).stem if self.document.path else "article"
        title = f"Export {EXPORT_FORMATS[fmt]}"
        near = self._document_folder()
        path, _ = get_save_path(self, self.settings, title, f"{stem}{fmt}", EXPORT_FILTERS[fmt], near)
        if path:
            self.export_to(path if Path(path).suffix.lower() in EXPORT_FORMATS else path + fmt)

    def export_to(self, path: str) -> bool:
        """Write an export of the open text (as corrected) to ``path``; its extension says the format."""
        if self.document is None or self.analysis is None:
            self.banner.show_message("Nothing to export yet: the analysis has not finished.", "info")
            return False
        try:
            fmt = export_format_of(path)
            write_export(path, export_bytes(fmt, self.document, self.analysis, None, self.font()))
        except (ValueError, ExportError) as exc:
            self.banner.show_message(f"The export could not be saved: {exc}", "error")
            return False
        self.settings["last_folder"] = str(Path(path).resolve().parent)
        self.statusBar().showMessage(f"Exported to {path}", 5000)
        return True

    def print_dialog(self) -> None:
        if self.document is None or self.analysis is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_article(printer, self.document, self.analysis, self.font())

    def export_map_dialog(self) -> None:
        """Ask where to save the map, and whether in the window's theme and with the selection."""
        name = (
            Path(self.document.path).with_suffix("").name + "-map.png"
            if self.document and self.document.path
            else "map.png"
        )
        folder = start_folder(self.settings, self._document_folder())
        dialog = MapExportDialog(self, str(Path(folder) / name) if folder else name)
        size_columns(dialog)
        dialog.fileSelected.connect(
            lambda path: self.export_map(
                dialog.chosen_path(path),
                window_theme=dialog.window_theme.isChecked(),
                selection=dialog.show_selection.isChecked(),
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.map_export_dialog = dialog
        dialog.open()

    def export_map(
        self, path: str, size: QSize | None = None, *, window_theme: bool = False, selection: bool = False
    ) -> bool:
        """Write the map and its legend as PNG or SVG; say so in the window if it fails.

        The map is clean unless asked otherwise: the light theme and no outline,
        fitted to the text's countries as ``gazette map`` draws it.
        """
        renderer = MapRenderer(self.theme if window_theme else LIGHT)
        renderer.set_countries(self.map.renderer.countries)
        renderer.waiting = self.map.renderer.waiting
        renderer.outlined = self.map.renderer.outlined if selection else None
        try:
            renderer.export(path, size or QSize(1600, 900), self.font())
        except OSError as exc:
            self.banner.show_message(f"The map could not be saved to {path}: {describe_os_error(exc)}", "error")
            return False
        self.settings["last_folder"] = str(Path(path).resolve().parent)
        self.statusBar().showMessage(f"Map saved to {path}", 5000)
        return True

    def go_to_mention(self, index: int) -> None:
        mentions = self.selection.mentions()
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
        kinds = self.commands.shown_kinds()
        self.view.set_visible_kinds(kinds)
        self.panel.set_visible_kinds(kinds)
        self.settings["show_kinds"] = {k: k in kinds for k in self.commands.kinds}

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isMaximized():
            # Once the maximised size is laid out, the docks take what the article leaves.
            QTimer.singleShot(0, self, self.give_room_to_docks)

    def give_room_to_docks(self) -> None:
        """The article keeps the width its column needs; the map and the panel take the rest."""
        docks = [d for d in (self.map_dock, self.panel_dock) if d.isVisible() and not d.isFloating()]
        if not docks:
            return
        spare = self.width() - self.view.needed_width()
        if spare > max(d.width() for d in docks):
            self.resizeDocks(docks, [spare] * len(docks), Qt.Orientation.Horizontal)

    def _restore_geometry(self) -> None:
        geometry = self.settings["window_geometry"]
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        state = self.settings["window_state"]
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        self.panel.restore_split(self.settings["panel_split"])

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(f"Settings could not be saved: {exc}", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings["window_geometry"] = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings["window_state"] = bytes(self.saveState().toBase64().data()).decode()
        self.settings["panel_split"] = self.panel.split_state()
        self.save_settings()
        self.corrector.shutdown()  # the corrections on their way to the store are kept first
        self.opening.shutdown()
        self.service.shutdown()
        super().closeEvent(event)
