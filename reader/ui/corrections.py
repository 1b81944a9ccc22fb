"""Corrections in the window: the menus that make them, undo and redo, the list of them.

:class:`Corrector` keeps the model's own analysis of the open text and shows
it corrected: each correction goes to the store (:mod:`reader.core.corrections`)
through an undoable command, and the corrected analysis is made again from the
model's, without running the model. The article, the panel, the mention list
and the map all update at once, because the window shows the new analysis.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
    QUndoCommand,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.corrections import (
    BUSY_SECONDS,
    MAX_FILE_BYTES,
    Correction,
    CorrectionsError,
    CorrectionStore,
    apply_corrections,
    dump_corrections,
    parse_corrections,
    with_context,
)
from reader.core.files import describe_os_error, read_regular_file
from reader.core.model import Analysis, Entity, Mention
from reader.core.places import default_gazetteer
from reader.core.settings import write_atomically
from reader.ui.file_dialogs import get_open_path, get_save_path
from reader.ui.store_writer import StoreJob, StoreWriter, forget_overlay, keep_overlay
from reader.ui.theme import KIND_SINGULAR

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

KIND_ITEMS = (
    ("PERSON", "&Person", "Ctrl+1"),
    ("PLACE", "P&lace", "Ctrl+2"),
    ("ORG", "&Organisation", "Ctrl+3"),
    ("GROUP", "&Group", "Ctrl+4"),
)
MARK_ITEMS = (
    ("PERSON", "&Person", "Ctrl+Shift+1"),
    ("PLACE", "P&lace", "Ctrl+Shift+2"),
    ("ORG", "&Organisation", "Ctrl+Shift+3"),
)
#: How long a write waits for another program that holds the store (in the background), in seconds.
WRITE_BUSY_SECONDS = BUSY_SECONDS
#: How long a read on the window's thread may wait for another program, in seconds.
READ_BUSY_SECONDS = 0.2
SCOPES = (("document", "For This &Document"), ("all", "For &Every Document"))
JSON_FILTER = "Gazette corrections (*.json);;All files (*)"

#: Each action's name in the Corrections window.
ACTION_NAMES = {
    "remove": "Not a name",
    "kind": "Kind",
    "add": "Added",
    "merge": "Merge",
    "split": "Split off",
    "rename": "Rename",
    "country": "Country",
}


class Corrector(QObject):
    """One window's corrections: its Entity menu, context menus, undo stack and store."""

    changed = Signal()  # the corrections changed: the window shows the analysis again

    def __init__(self, window: MainWindow, store: CorrectionStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        # Each tab has its own undo stack (see activate); the group's actions act on the shown tab's.
        self.undo_group = QUndoGroup(self)
        self._loose = QUndoStack(self)  # before any tab is open
        self.undo_group.addStack(self._loose)
        self.undo_group.setActiveStack(self._loose)
        self.base: Analysis | None = None
        self.unplaced: tuple[Correction, ...] = ()
        self.error: str | None = None
        self.store: CorrectionStore | None = store
        if self.store is None:
            try:
                self.store = CorrectionStore()
            except (CorrectionsError, sqlite3.Error, OSError) as exc:
                self.error = f"Corrections cannot be kept: {exc}"
        if self.store is not None:
            # Reads stay on the window's thread (WAL: a writer elsewhere does not block them); should
            # another program lock even reading, the window goes on without the corrections rather than wait.
            self.store.wait_at_most(READ_BUSY_SECONDS)
        if self.store is not None and self.store.warning:
            self.error = self.store.warning
        elif self.store is not None and self.store.read_only:
            self.error = self.store.read_only_message
        self._error_shown = False
        #: Writes sent to the store and not yet answered: the window shows them already.
        self.pending: list[StoreJob] = []
        self.writer: StoreWriter | None = None
        if self.store is not None and not self.store.read_only:
            self.writer = StoreWriter(self.store.path, self, WRITE_BUSY_SECONDS)
            self.writer.finished.connect(self._written)
            self.writer.failed.connect(self._not_written)
        self.picker: EntityPicker | None = None
        self.dialog: CorrectionsDialog | None = None
        self.input: QInputDialog | None = None
        self._build_actions()

    # -- undo, one stack per tab ------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo stack of the tab shown: undo never reaches into a hidden tab."""
        return self.undo_group.activeStack() or self._loose

    def stack_for(self, owner: object | None) -> QUndoStack:
        """The undo stack of ``owner`` (a tab's entry), made on first use; the loose one for ``None``."""
        if owner is None:
            return self._loose
        stack = getattr(owner, "undo", None)
        if not isinstance(stack, QUndoStack):
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            owner.undo = stack  # type: ignore[attr-defined]
        return stack

    def activate(self, owner: object | None) -> None:
        """Undo and Redo act on ``owner``'s corrections from now on (its tab is shown)."""
        self.undo_group.setActiveStack(self.stack_for(owner))

    def forget(self, owner: object) -> None:
        """``owner``'s tab is closed: its undo steps go with it (the corrections stay kept)."""
        stack = getattr(owner, "undo", None)
        if isinstance(stack, QUndoStack):
            self.undo_group.removeStack(stack)
            stack.deleteLater()
            owner.undo = None  # type: ignore[attr-defined]

    # -- the corrected analysis ------------------------------------------

    def corrected(self, analysis: Analysis) -> Analysis:
        """Keep the model's ``analysis`` of the open text; return it with the corrections applied."""
        self.base = analysis
        corrected = self._apply()
        if self.error and not self._error_shown:
            # Said once, when the first text is shown (opening a text clears the banner).
            self._error_shown = True
            self.window.banner.show_message(self.error, "error")
        return corrected

    def _apply(self) -> Analysis:
        document = self.window.document
        if self.base is None or document is None:
            raise RuntimeError("no analysis to correct")
        if self.store is None:
            return self.base
        path = str(Path(document.path).resolve()) if document.path else None
        try:
            chosen = self.stored(document.sha256, path)
        except sqlite3.Error as exc:
            self.window.banner.show_message(f"The corrections could not be read: {exc}", "error")
            return self.base
        applied = apply_corrections(document.text, self.base, chosen, document.sha256, path, default_gazetteer())
        self.unplaced = applied.unplaced
        return applied.analysis

    def reapply(self) -> None:
        """Show the open text's analysis with the corrections as they are now."""
        if self.base is not None and self.window.document is not None:
            self.window.show_corrected(self._apply())
        self.changed.emit()

    # -- the store, written off the window's thread ---------------------------

    def stored(self, sha256: str | None = None, path: str | None = None) -> list[Correction]:
        """The kept corrections (every one, or the rules and those of one text), the writes on their way included.

        Reading never waits on a writer (the store is in WAL mode); writing goes
        through :meth:`send`.
        """
        if self.store is None:
            return []
        rows = self.store.all() if sha256 is None else self.store.for_document(sha256, path)

        def wanted(c: Correction) -> bool:
            if sha256 is None:
                return True
            return c.is_rule or c.document == sha256 or (path is not None and c.path == path)

        for job in self.pending:
            rows = job.overlay(rows, wanted)
        return rows

    def send(self, job: StoreJob) -> None:
        """Write to the store in the background; what it changes shows at once (see :meth:`stored`)."""
        assert self.writer is not None
        self.pending.append(job)
        self.writer.submit(job)

    def _written(self, job: StoreJob, result: object) -> None:
        if job in self.pending:
            self.pending.remove(job)
        if job.done is not None:
            job.done(result)

    def _not_written(self, job: StoreJob, message: str) -> None:
        if job in self.pending:
            self.pending.remove(job)
        if job.failed is not None:
            job.failed()
        self.reapply()  # what the window showed of it goes
        self.window.banner.show_message(f"{job.failure}: {message}.", "error")

    def drop_command(self, command: QUndoCommand) -> None:
        """Take a correction that could not be kept off the undo stack, if it is the last step."""
        index = self.undo_stack.index()
        if index > 0 and self.undo_stack.command(index - 1) is command:
            self.undo_stack.undo()  # the command, marked failed, makes itself obsolete and goes

    def shutdown(self) -> None:
        """Finish the writes on their way and stop the writer's thread."""
        if self.writer is not None:
            self.writer.shutdown()
            self.writer = None

    # -- making corrections ----------------------------------------------

    @property
    def scope(self) -> str:
        value = self.window.settings["correction_scope"]
        return value if value in ("document", "all") else "document"

    def _for_scope(self, correction: Correction, scope: str | None = None) -> Correction:
        """``correction`` for this document only, or as a rule for every document."""
        document = self.window.document
        if (scope or self.scope) == "all" or document is None:
            return correction
        path = str(Path(document.path).resolve()) if document.path else None
        return Correction(
            correction.action,
            correction.text,
            correction.kind,
            correction.into,
            correction.name,
            correction.country,
            document.sha256,
            path,
            correction.start,
        )

    def correct(self, correction: Correction, label: str, scope: str | None = None) -> bool:
        """Keep ``correction`` (in ``scope``, else the default one) as one undoable step."""
        if self.store is None or self.store.read_only:
            self.window.banner.show_message(self.error or "Corrections cannot be kept.", "error")
            return False
        if correction.start is None:
            correction = self._for_scope(correction, scope)
        elif self.window.document is not None:
            correction = with_context(correction, self.window.document.text)
        try:
            command = _Correct(self, correction, label)
        except sqlite3.Error as exc:
            self.window.banner.show_message(f"The correction could not be saved: {exc}.", "error")
            return False
        self.undo_stack.push(command)
        return command.done

    def _one_mention(self, action: str, mention: Mention, **values: str | None) -> Correction:
        document = self.window.document
        assert document is not None
        path = str(Path(document.path).resolve()) if document.path else None
        return Correction(action, mention.text, document=document.sha256, path=path, start=mention.start, **values)  # type: ignore[arg-type]

    def remove(self, entity: Entity, scope: str | None = None) -> bool:
        return self.correct(Correction("remove", entity.name), f"“{entity.name}” is not a name", scope)

    def remove_mention(self, mention: Mention) -> bool:
        return self.correct(self._one_mention("remove", mention), f"“{mention.text}” here is not a name")

    def set_kind(self, entity: Entity, kind: str, scope: str | None = None) -> bool:
        label = f"“{entity.name}” is {KIND_SINGULAR[kind]}"
        return self.correct(Correction("kind", entity.name, kind=kind), label, scope)

    def merge(self, entity: Entity, into: Entity, scope: str | None = None) -> bool:
        if entity.id == into.id:
            return False
        return self.correct(
            Correction("merge", entity.name, into=into.name), f"“{entity.name}” is “{into.name}”", scope
        )

    def split(self, entity: Entity, alias: str, scope: str | None = None) -> bool:
        if alias == entity.name or alias not in entity.aliases:
            return False
        return self.correct(Correction("split", alias), f"“{alias}” is not “{entity.name}”", scope)

    def split_mention(self, mention: Mention) -> bool:
        return self.correct(self._one_mention("split", mention), f"“{mention.text}” here is a name of its own")

    def rename(self, entity: Entity, name: str, scope: str | None = None) -> bool:
        name = " ".join(name.split())
        if not name or name == entity.name:
            return False
        return self.correct(Correction("rename", entity.name, name=name), f"“{entity.name}” is called “{name}”", scope)

    def set_country(self, entity: Entity, country: str | None, scope: str | None = None) -> bool:
        label = f"“{entity.name}” is in {country or 'no country'}"
        return self.correct(Correction("country", entity.name, country=country), label, scope)

    def mark(self, text: str, kind: str, scope: str | None = None) -> bool:
        text = text.strip()
        if not text or "\n" in text or "\u2029" in text:
            return False
        return self.correct(Correction("add", text, kind=kind), f"“{text}” is {KIND_SINGULAR[kind]}", scope)

    def delete(self, corrections: list[Correction]) -> bool:
        """Forget ``corrections`` (one undoable step)."""
        if not corrections or self.store is None:
            return False
        if self.store.read_only:
            self.window.banner.show_message(self.error or "Corrections cannot be kept.", "error")
            return False
        self.undo_stack.push(_Forget(self, corrections))
        return True

    # -- actions and menus -------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        self.undo = self.undo_group.createUndoAction(self, "&Undo")
        self.undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo = self.undo_group.createRedoAction(self, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.not_a_name = QAction("&Not a Name", self)
        self.not_a_name.setShortcut(QKeySequence("Ctrl+Shift+N"))  # Delete stays with the text fields
        self.not_a_name.triggered.connect(lambda: self._on_selected(self.remove))
        self.kind_actions: dict[str, QAction] = {}
        for kind, label, key in KIND_ITEMS:
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, k=kind: self._on_selected(lambda e: self.set_kind(e, k)))
            self.kind_actions[kind] = action
        self.merge_action = QAction("&Merge Into…", self)
        self.merge_action.setShortcut(QKeySequence("Ctrl+M"))
        self.merge_action.triggered.connect(lambda: self._on_selected(self.ask_merge))
        self.rename_action = QAction("&Rename…", self)
        self.rename_action.setShortcut(QKeySequence("F2"))
        self.rename_action.triggered.connect(lambda: self._on_selected(self.ask_rename))
        self.country_action = QAction("&Country…", self)
        self.country_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.country_action.triggered.connect(lambda: self._on_selected(self.ask_country))
        self.mark_actions: dict[str, QAction] = {}
        for kind, label, key in MARK_ITEMS:
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, k=kind: self.mark(self.window.view.selected_text(), k))
            self.mark_actions[kind] = action
        self.scope_group = QActionGroup(self)
        self.scope_actions: dict[str, QAction] = {}
        for key, label in SCOPES:
            action = QAction(label, self, checkable=True)
            action.setChecked(key == self.scope)
            action.triggered.connect(lambda _c=False, k=key: self._set_scope(k))
            self.scope_group.addAction(action)
            self.scope_actions[key] = action
        self.list_action = QAction("C&orrections…", self)
        self.list_action.triggered.connect(self.show_dialog)
        self.import_action = QAction("&Import Corrections…", self)
        self.import_action.triggered.connect(self.import_dialog)
        self.export_action = QAction("E&xport Corrections…", self)
        self.export_action.triggered.connect(self.export_dialog)
        for action in (
            self.not_a_name,
            *self.kind_actions.values(),
            self.merge_action,
            self.rename_action,
            self.country_action,
            *self.mark_actions.values(),
        ):
            window.addAction(action)
        self.update_actions()

    def _set_scope(self, scope: str) -> None:
        self.window.settings["correction_scope"] = scope
        self.scope_actions[scope].setChecked(True)
        self.window.save_settings()

    def _on_selected(self, then: Callable[[Entity], object]) -> None:
        entity = self.window.selection.entity
        if entity is not None:
            then(entity)

    def update_actions(self) -> None:
        """Entity actions need a selected entity; Mark as, a selected stretch of one line."""
        has_entity = self.window.selection.entity is not None
        for action in (self.not_a_name, *self.kind_actions.values(), self.merge_action, self.rename_action):
            action.setEnabled(has_entity)
        entity = self.window.selection.entity
        self.country_action.setEnabled(entity is not None and entity.kind in ("PLACE", "GROUP"))
        text = self.window.view.selected_text().strip()
        for action in self.mark_actions.values():
            action.setEnabled(bool(text) and "\n" not in text and "\u2029" not in text)

    def build_menu(self, menu: QMenu) -> None:
        """The Entity menu of the menu bar."""
        self.update_actions()
        menu.addAction(self.not_a_name)
        kinds = menu.addMenu("&Kind")
        for action in self.kind_actions.values():
            kinds.addAction(action)
        for action in (self.merge_action, self.rename_action, self.country_action):
            menu.addAction(action)
        menu.addSeparator()
        marks = menu.addMenu("Mark Selection &As")
        for action in self.mark_actions.values():
            marks.addAction(action)
        menu.addSeparator()
        for action in self.scope_actions.values():
            menu.addAction(action)

    def fill_context_menu(self, menu: QMenu, entity: Entity | None, mention: Mention | None = None) -> None:
        """Add the corrections of ``entity`` (and of one ``mention`` of it) to a context menu."""
        if entity is not None:
            menu.addSection(entity.name)
            self._scoped(menu, "&Not a Name", lambda s: self.remove(entity, s))
            if mention is not None:
                menu.addAction("Not a Name &Here").triggered.connect(lambda: self.remove_mention(mention))
            kinds = menu.addMenu("&Kind")
            for kind, label, _key in KIND_ITEMS:
                action = kinds.addAction(label.replace("&", ""))
                action.setCheckable(True)
                action.setChecked(kind == entity.kind)
                action.setEnabled(kind != entity.kind)
                action.triggered.connect(lambda _c=False, k=kind: self.set_kind(entity, k))
            menu.addAction("&Merge Into…").triggered.connect(lambda: self.ask_merge(entity))
            if (
                mention is not None
                and len(self.window.selection.analysis.mentions_of(entity.id) if self.window.selection.analysis else [])
                > 1
            ):
                menu.addAction("&Split Off This Mention").triggered.connect(lambda: self.split_mention(mention))
            if entity.aliases:
                split = menu.addMenu("Split &Off")
                for alias in entity.aliases:
                    split.addAction(f"“{alias}”").triggered.connect(lambda _c=False, a=alias: self.split(entity, a))
            menu.addAction("&Rename…").triggered.connect(lambda: self.ask_rename(entity))
            if entity.kind in ("PLACE", "GROUP"):
                menu.addAction("&Country…").triggered.connect(lambda: self.ask_country(entity))
        text = self.window.view.selected_text().strip()
        if text and "\n" not in text and "\u2029" not in text:
            marks = menu.addMenu(f"Mark “{text[:30]}” &As")
            for kind, label, _key in MARK_ITEMS:
                marks.addAction(label.replace("&", "")).triggered.connect(lambda _c=False, k=kind: self.mark(text, k))
        if entity is not None or text:
            scope = menu.addMenu("Correct &Where")
            for action in self.scope_actions.values():
                scope.addAction(action)

    def _scoped(self, menu: QMenu, label: str, do: Callable[[str | None], object]) -> None:
        """One action in the default scope."""
        menu.addAction(label).triggered.connect(lambda: do(None))

    # -- asking ------------------------------------------------------------

    def ask_merge(self, entity: Entity) -> None:
        """A searchable list of the other entities; the one chosen takes ``entity`` in."""
        analysis = self.window.analysis
        if analysis is None:
            return
        others = [e for e in analysis.entities if e.id != entity.id]
        others.sort(key=lambda e: (e.kind != entity.kind, -e.mentions, e.name))
        self.picker = EntityPicker(f"Merge “{entity.name}” into", others, self.window)
        self.picker.chosen.connect(lambda into: self.merge(entity, into))
        self.picker.open()

    def ask_rename(self, entity: Entity) -> None:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Rename")
        dialog.setLabelText(f"New name for “{entity.name}”:")
        dialog.setTextValue(entity.name)
        dialog.textValueSelected.connect(lambda name: self.rename(entity, name))
        self.input = dialog
        dialog.open()

    def ask_country(self, entity: Entity) -> None:
        countries = sorted(default_gazetteer().countries.values(), key=lambda c: c.name)
        items = ["No country (a region, or several)"] + [f"{c.name} ({c.code})" for c in countries]
        codes: list[str | None] = [None] + [c.code for c in countries]
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Country")
        dialog.setLabelText(f"Which country is “{entity.name}” in?")
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(True)
        if entity.country in codes:
            dialog.setTextValue(items[codes.index(entity.country)])
        dialog.textValueSelected.connect(
            lambda value: value in items and self.set_country(entity, codes[items.index(value)])
        )
        self.input = dialog
        dialog.open()

    def show_dialog(self) -> None:
        self.dialog = CorrectionsDialog(self, self.window)
        self.dialog.show()

    def import_dialog(self) -> None:
        path = get_open_path(self.window, self.window.settings, "Import Corrections", JSON_FILTER)
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        if self.store is None or self.store.read_only:
            self.window.banner.show_message(self.error or "Corrections cannot be kept.", "error")
            return False
        try:
            corrections = parse_corrections(read_regular_file(path, MAX_FILE_BYTES))
        except OSError as exc:
            self.window.banner.show_message(f"Could not read {Path(path).name}: {describe_os_error(exc)}", "error")
            return False
        except CorrectionsError as exc:
            self.window.banner.show_message(f"Could not import {Path(path).name}: {exc}", "error")
            return False
        name = Path(path).name

        def imported(result: object) -> None:
            added, same = cast("tuple[int, int]", result)
            self.window.statusBar().showMessage(f"{added} corrections imported, {same} already there", 5000)

        for stack in self.undo_group.stacks():
            stack.clear()  # an import is not undone step by step, in any tab
        self.send(
            StoreJob(
                lambda store: store.import_all(corrections),
                keep_overlay(corrections),
                done=imported,
                failure=f"Could not import {name}",
            )
        )
        self.reapply()
        return True

    def export_dialog(self) -> None:
        path, _ = get_save_path(
            self.window, self.window.settings, "Export Corrections", "corrections.json", JSON_FILTER
        )
        if path:
            self.export_file(path if path.lower().endswith(".json") else path + ".json")

    def export_file(self, path: str) -> bool:
        if self.store is None:
            return False
        try:
            write_atomically(Path(path), dump_corrections(self.stored()))
        except (OSError, sqlite3.Error) as exc:
            reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
            self.window.banner.show_message(f"The corrections could not be saved to {path}: {reason}", "error")
            return False
        self.window.statusBar().showMessage(f"Corrections saved to {path}", 5000)
        return True


class _Correct(QUndoCommand):
    """Keep one correction; undo puts back what was there before it.

    The store is written in the background: a correction that cannot be kept
    is taken back in the window and off the undo stack, and the banner says why.
    """

    def __init__(self, corrector: Corrector, correction: Correction, label: str) -> None:
        super().__init__(label)
        self.corrector = corrector
        self.correction = correction
        # What it replaces, as the window knows the store now.
        self.previous = next((c for c in corrector.stored() if c.target == correction.target), None)
        self.done = False
        self.failed = False

    def redo(self) -> None:
        if self.failed:
            self.setObsolete(True)
            return
        correction = self.correction
        self.corrector.send(
            StoreJob(lambda store: store.add(correction), keep_overlay([correction]), failed=self._not_kept)
        )
        self.done = True
        self.corrector.reapply()

    def undo(self) -> None:
        if self.failed:
            self.setObsolete(True)  # it was never kept: nothing to take back
            return
        correction, previous = self.correction, self.previous

        def work(store: CorrectionStore) -> None:
            store.forget([correction])
            if previous is not None:
                store.add(previous)

        then = [previous] if previous is not None else []
        self.corrector.send(StoreJob(work, forget_overlay([correction], then)))
        self.corrector.reapply()

    def _not_kept(self) -> None:
        self.failed = True
        self.done = False
        self.corrector.drop_command(self)


class _Forget(QUndoCommand):
    """Forget corrections; undo keeps them again."""

    def __init__(self, corrector: Corrector, corrections: list[Correction]) -> None:
        super().__init__(f"Delete {len(corrections)} correction{'s' if len(corrections) != 1 else ''}")
        self.corrector = corrector
        self.corrections = corrections

    def redo(self) -> None:
        corrections = self.corrections
        self.corrector.send(
            StoreJob(
                lambda store: store.forget(corrections),
                forget_overlay(corrections),
                failure="The corrections could not be deleted",
            )
        )
        self.corrector.reapply()

    def undo(self) -> None:
        corrections = self.corrections
        self.corrector.send(StoreJob(lambda store: store.import_all(corrections), keep_overlay(corrections)))
        self.corrector.reapply()


class EntityPicker(QDialog):
    """A searchable list of entities: type to filter, Enter or a double click to choose."""

    chosen = Signal(object)  # Entity

    def __init__(self, title: str, entities: list[Entity], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.entities = entities
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type a name")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for entity in entities:
            item = QListWidgetItem(f"{entity.name}  —  {KIND_SINGULAR[entity.kind]}, {entity.mentions}")
            item.setData(Qt.ItemDataRole.UserRole, entity.id)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(420, 460)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.search.returnPressed.connect(self.accept)
        self.list.setCurrentRow(0)

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            entity = self.entities[row]
            hidden = (
                bool(needle)
                and needle not in entity.name.casefold()
                and not any(needle in a.casefold() for a in entity.aliases)
            )
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def visible_names(self) -> list[str]:
        return [self.entities[r].name for r in range(self.list.count()) if not self.list.item(r).isHidden()]

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(self.entities[self.list.row(item)])
        super().accept()


class CorrectionsDialog(QDialog):
    """Every rule and this text's corrections, with a filter; the chosen ones can be deleted."""

    COLUMNS = ("Correction", "Applies to", "Action")

    def __init__(self, corrector: Corrector, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corrector = corrector
        self.setWindowTitle("Corrections")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter corrections")
        self.filter.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.summary = QLabel(self)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        corrector.changed.connect(self.refresh)
        self.corrections: list[Correction] = []
        self.refresh()

    def refresh(self) -> None:
        store = self.corrector.store
        document = self.corrector.window.document
        self.model.setRowCount(0)
        self.corrections = []
        if store is None:
            self.summary.setText(self.corrector.error or "")
            return
        path = str(Path(document.path).resolve()) if document and document.path else None
        unplaced = {(c.action, c.text, c.document, c.start) for c in self.corrector.unplaced}
        try:
            kept = self.corrector.stored()
        except sqlite3.Error as exc:
            self.summary.setText(f"The corrections could not be read: {exc}")
            return
        for c in kept:
            mine = document is not None and (c.document == document.sha256 or (path is not None and c.path == path))
            if not c.is_rule and not mine:
                continue
            where = "every document" if c.is_rule else "this document"
            if (c.action, c.text, c.document, c.start) in unplaced:
                where += " (not placed: its words are gone from the text)"
            cells = [QStandardItem(c.describe()), QStandardItem(where), QStandardItem(ACTION_NAMES[c.action])]
            cells[0].setData(len(self.corrections), Qt.ItemDataRole.UserRole)
            self.model.appendRow(cells)
            self.corrections.append(c)
        self.summary.setText(f"{len(self.corrections)} corrections")
        self._update_buttons()

    def rows(self) -> list[tuple[str, str]]:
        """What the table shows, filtered, as (correction, applies to)."""
        return [(self.proxy.index(r, 0).data(), self.proxy.index(r, 1).data()) for r in range(self.proxy.rowCount())]

    def select_rows(self, rows: list[int]) -> None:
        self.table.clearSelection()
        for r in rows:
            self.table.selectRow(r) if len(rows) == 1 else self.table.selectionModel().select(
                self.proxy.index(r, 0),
                self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows,
            )

    def chosen(self) -> list[Correction]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.corrections[self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)] for r in sorted(rows)]

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def delete_selected(self) -> None:
        self.corrector.delete(self.chosen())
