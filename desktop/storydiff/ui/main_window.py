"""The main window: wires the versions panel, compare view and details pane to one
workspace and one background runner, and the session controller to the File menu.
It holds no pipeline or storage logic of its own."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QTabWidget

from storydiff.core.errors import StoryDiffError
from storydiff.core.model import Comparison
from storydiff.ingest import read_bytes, read_document
from storydiff.presentation.columns import ColumnSettings
from storydiff.resources import sample_files
from storydiff.storage.session import SUFFIX, Decision, Note
from storydiff.ui import accessibility
from storydiff.ui.actions import build_actions, build_toolbar
from storydiff.ui.corrections import CorrectionsController
from storydiff.ui.details_pane import DetailsPane
from storydiff.ui.dialogs.about_dialog import show_about
from storydiff.ui.dialogs.help_window import show_user_guide
from storydiff.ui.dialogs.paste_dialog import PasteDialog
from storydiff.ui.dialogs.shortcuts_dialog import show_shortcuts
from storydiff.ui.evidence_copy import EvidenceCopier
from storydiff.ui.find_bar import FindController
from storydiff.ui.preferences import PreferencesController, load_preferences
from storydiff.ui.session_controller import SessionController, ask_save_changes, ask_yes_no, comparison_matches
from storydiff.ui.session_recovery import RESTORE_QUESTION
from storydiff.ui.status import AlignmentStatus
from storydiff.ui.toolbar_controls import ToolbarControls
from storydiff.ui.versions_panel import VersionsPanel
from storydiff.ui.views.compare_view import CompareView
from storydiff.ui.views.coverage_view import CoverageView
from storydiff.ui.views.lineage_pane import LineagePane
from storydiff.ui.views.quotes_view import QuotesView
from storydiff.ui.window_settings import last_folder, remember_folder, restore_layout, save_layout, saved_show_trivial
from storydiff.ui.workers.embedding import EmbedderHolder, compare_task, warm_task
from storydiff.ui.workers.imports import ImportController, needs_import
from storydiff.ui.workers.runner import TaskRunner
from storydiff.ui.workers.session_embedder import SessionEmbedderHolder
from storydiff.ui.zoom import ZoomController
from storydiff.workspace import Workspace

log = logging.getLogger(__name__)

OPEN_FILTER = "Stories (*.txt *.md *.html *.htm *.pdf *.docx);;All files (*)"


class MainWindow(QMainWindow):
    """One story: its versions (left), the comparison (centre), details (bottom)."""

    comparison_shown = Signal(object)  # the Comparison now on screen (None when cleared)
    error_shown = Signal(str)
    document_changed = Signal()  # the workspace, decisions or notes changed, or another session was loaded
    document_loaded = Signal()  # New, Open, Revert or a restore replaced the whole document
    notes_changed = Signal()

    def __init__(self, *, holder: EmbedderHolder | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("StoryDiff")
        self.setAcceptDrops(True)
        preferences = load_preferences()  # read once: a bad stored value is warned about once
        self._workspace = Workspace(threshold=preferences.threshold)
        self._aligned: Comparison | None = None  # as the aligner made it
        self._comparison: Comparison | None = None  # as shown: the user's decisions applied
        self._quotes_stale = False  # the Quotes tab has not yet seen the comparison on screen
        self._holder = SessionEmbedderHolder(holder or EmbedderHolder())
        self._close_settled = False
        self._settling_close = False
        self.runner = TaskRunner(self)
        self.sessions = SessionController(self, self._holder)
        self._build_widgets()
        build_actions(self)
        self.toolbar = build_toolbar(self)
        self.controls = ToolbarControls(self.toolbar, self._workspace.threshold)
        self.status = AlignmentStatus(self.statusBar(), self.runner)
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_actions()
        self.corrections = CorrectionsController(self)
        self.importer = ImportController(self)
        self.finder = FindController(self)
        self.evidence = EvidenceCopier(self)
        self.zoom = ZoomController(self)
        self.preferences = PreferencesController(self, self._holder, preferences)  # after zoom: it sets the reading font
        self.focus_ring = accessibility.install(self)

    # Building and wiring

    def _build_widgets(self) -> None:
        self.versions_panel = VersionsPanel(self)
        self.compare_view = CompareView(self)
        self.quotes_view = QuotesView(self)
        self.coverage_view = CoverageView(self)
        self._coverage_stale = False
        self.centre_tabs = QTabWidget(self)
        self.centre_tabs.setObjectName("centre_tabs")
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.addTab(self.compare_view, "Comparison")
        self.centre_tabs.addTab(self.quotes_view, "Quotes")
        self.centre_tabs.addTab(self.coverage_view, "Coverage Map")
        self.details_pane = DetailsPane(self)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.centre_splitter.setObjectName("centre_splitter")
        self.centre_splitter.addWidget(self.centre_tabs)
        self.centre_splitter.addWidget(self.details_pane)
        self.centre_splitter.setStretchFactor(0, 4)
        self.centre_splitter.setStretchFactor(1, 1)
        self.centre_splitter.setSizes([560, 160])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("main_splitter")
        # Below the versions: which derives from which, and the selected version's spin figures.
        self.lineage_pane = LineagePane(self)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.left_splitter.setObjectName("left_splitter")
        self.left_splitter.addWidget(self.versions_panel)
        self.left_splitter.addWidget(self.lineage_pane)
        self.left_splitter.setSizes([380, 420])
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.centre_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([280, 1000])
        self.setCentralWidget(self.main_splitter)

    def _connect(self) -> None:
        self._connect_actions()
        panel = self.versions_panel
        panel.add_files_requested.connect(self.action_open.trigger)
        panel.paste_requested.connect(self.action_paste.trigger)
        panel.files_dropped.connect(self._on_versions_panel_files_dropped)
        panel.text_dropped.connect(self._on_versions_panel_text_dropped)
        panel.remove_requested.connect(lambda vid: self._edit(self._workspace.remove, vid))
        panel.rename_requested.connect(lambda vid, label: self._edit(self._workspace.rename, vid, label))
        panel.move_requested.connect(lambda vid, pos: self._edit(self._workspace.move, vid, pos))
        panel.reference_requested.connect(lambda vid: self._edit(self._workspace.with_reference, vid))
        self.compare_view.row_selected.connect(self.details_pane.set_row)
        self.compare_view.column_settings_changed.connect(self._on_compare_view_column_settings_changed)
        self.quotes_view.row_requested.connect(self._on_quotes_view_row_requested)
        self.coverage_view.cell_activated.connect(self._on_coverage_view_cell_activated)
        self.coverage_view.exported.connect(lambda path: self.statusBar().showMessage(f"Exported {path}", 5000))
        self.compare_view.focus_left.connect(lambda: self.action_focus.setChecked(False))
        panel.list_view().selectionModel().selectionChanged.connect(
            lambda *_: self.lineage_pane.show_version(panel.selected_version()))
        self.lineage_pane.version_clicked.connect(panel.select_version)
        self.centre_tabs.currentChanged.connect(self._on_centre_tabs_current_changed)
        self.controls.threshold_changed.connect(lambda t: self._edit(self._workspace.with_threshold, t))
        self.controls.focus_changed.connect(self._on_controls_focus_changed)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.sessions.state_changed.connect(self._on_sessions_state_changed)
        self.menu_open_recent.aboutToShow.connect(lambda: self.sessions.fill_recent_menu(self.menu_open_recent))

    def _connect_actions(self) -> None:
        view = self.compare_view
        self.action_new.triggered.connect(self.sessions.new)
        self.action_open_session.triggered.connect(self.sessions.choose_and_open)
        self.action_save.triggered.connect(self.sessions.save)
        self.action_save_as.triggered.connect(self.sessions.save_as)
        self.action_revert.triggered.connect(self.sessions.revert)
        self.action_open.triggered.connect(self._on_action_open_triggered)
        self.action_paste.triggered.connect(self._on_action_paste_triggered)
        self.action_open_sample.triggered.connect(self.open_sample)
        self.action_export.triggered.connect(lambda: self._export(None))
        for key, action in (("html", self.action_export_html), ("json", self.action_export_json),
                            ("pdf", self.action_export_pdf), ("csv-rows", self.action_export_csv_rows),
                            ("csv-quotes", self.action_export_csv_quotes)):
            action.triggered.connect(lambda _checked=False, key=key: self._export(key))
        self.action_quit.triggered.connect(self.close)
        # The panel's own actions know the selection and end in the same workspace edit.
        self.action_remove.triggered.connect(self.versions_panel.action_remove.trigger)
        self.action_set_reference.triggered.connect(self.versions_panel.action_set_reference.trigger)
        self.action_show_comparison.triggered.connect(lambda: self.centre_tabs.setCurrentWidget(view))
        self.action_show_quotes.triggered.connect(lambda: self.centre_tabs.setCurrentWidget(self.quotes_view))
        self.action_show_coverage.triggered.connect(lambda: self.centre_tabs.setCurrentWidget(self.coverage_view))
        self.action_show_trivial.toggled.connect(self._on_action_show_trivial_toggled)
        self.action_focus.toggled.connect(lambda on: self.controls.set_focus_enabled(on))
        self.action_next_change.triggered.connect(view.next_change)
        self.action_previous_change.triggered.connect(view.previous_change)
        self.action_next_omission.triggered.connect(view.next_omission)
        self.action_previous_omission.triggered.connect(view.previous_omission)
        self.action_realign.triggered.connect(self.realign)
        self.action_cancel.triggered.connect(self.runner.cancel)
        self.action_about.triggered.connect(
            lambda: show_about(self, self._holder.model_id, self._holder.loaded)
        )
        self.action_user_guide.triggered.connect(lambda: show_user_guide(self))
        self.action_shortcuts.triggered.connect(lambda: show_shortcuts(self))

    # Public API (used by app.py and tests)

    def workspace(self) -> Workspace:
        return self._workspace

    def comparison(self) -> Comparison | None:
        """The comparison on screen (the user's decisions applied)."""
        return self._comparison

    def aligned_comparison(self) -> Comparison | None:
        """The comparison as the aligner made it, before the user's decisions (what a session saves)."""
        return self._aligned

    def decisions(self) -> tuple[Decision, ...]:
        return self.sessions.decisions

    def set_decisions(self, decisions: tuple[Decision, ...]) -> None:
        """Pin the user's corrections: shown at once, kept across re-alignments, autosaved."""
        self.sessions.decisions = tuple(decisions)
        self._show_aligned(self._aligned)
        self._document_edited(autosave=True)

    def decision_conflicts(self) -> tuple:
        """The conflicts ``apply_decisions`` reported for the comparison on screen."""
        return self.sessions.conflicts

    def notes(self) -> tuple[Note, ...]:
        return self.sessions.notes

    def set_notes(self, notes: tuple[Note, ...]) -> None:
        """Replace the user's notes; autosaved."""
        self.sessions.notes = tuple(notes)
        self.notes_changed.emit()
        self._document_edited(autosave=True)

    def show_document(self, workspace: Workspace, comparison: Comparison | None) -> None:
        """Show a saved workspace and comparison as they are: nothing aligned or embedded.

        Only a comparison missing or made from other versions or settings is aligned again.
        """
        self.runner.cancel()
        self._workspace = workspace
        self.compare_view.set_column_settings(ColumnSettings.from_json(self.sessions.view.get("columns")))
        with QSignalBlocker(self.controls.threshold_box):
            self.controls.threshold_box.setValue(workspace.threshold)
        self._show_aligned(comparison)
        self.notes_changed.emit()
        self.document_changed.emit()
        self.document_loaded.emit()
        if not comparison_matches(workspace, comparison):
            self.realign()

    def open_files(self, paths: list[str]) -> None:
        """Add each readable file as a version; list the ones refused in one message. Web addresses,
        web pages, PDF and Word files are read in the background and checked first (issue 10)."""
        self.importer.start([p for p in paths if needs_import(p)])
        workspace, refused = self._workspace, []
        for path in (p for p in paths if not needs_import(p)):
            try:
                document = read_document(path)
                if not self.importer.hold_duplicate(document, Path(path).stem, workspace):
                    workspace = workspace.add(document, Path(path).stem)
            except StoryDiffError as exc:
                refused.append(str(exc))
        if paths:
            self._remember_folder(paths[-1])
        self.set_workspace(workspace)
        if refused:
            self.show_error("Some files were not added:\n" + "\n".join(refused))

    def add_text(self, text: str, label: str) -> None:
        """Add pasted or dropped text as a version."""
        try:
            self.set_workspace(self._workspace.add(read_bytes(text.encode("utf-8"), label, kind="auto"), label))
        except StoryDiffError as exc:
            self.show_error(str(exc))

    def open_sample(self) -> None:
        """A new untitled session holding the bundled sample story, its wire copy as reference."""
        self.sessions.settle_unsaved(self._open_sample_now)

    def _open_sample_now(self) -> None:
        self.sessions.start_untitled(Workspace(threshold=self._workspace.threshold))
        self.open_files([str(path) for path in sample_files()])
        if self._workspace.versions:
            self._edit(self._workspace.with_reference, self._workspace.versions[0].id)
        self.sessions.mark_clean()  # nothing of the user's yet

    def set_workspace(self, workspace: Workspace) -> None:
        changed = workspace != self._workspace
        self._workspace = workspace
        self.versions_panel.set_workspace(workspace, self._matching_comparison())
        self.controls.set_versions(workspace)
        self._update_actions()
        self.realign()
        if changed:
            self._document_edited()

    def realign(self) -> None:
        """Start (debounced) a new alignment of the workspace; cancels a running one."""
        if not self._workspace.versions:
            self.runner.cancel()
            self._show_aligned(None)
            return
        self.runner.request(compare_task, (self._workspace, self._holder))

    def show_error(self, message: str) -> None:
        """A non-blocking warning; nothing the user made is touched."""
        self.statusBar().showMessage(message.splitlines()[0], 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, "StoryDiff", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_shown.emit(message)

    # Slots

    def warm_model(self) -> None:
        """Load the model in the background so the first comparison starts at once."""
        if not self.runner.is_busy():
            self.runner.run_now(warm_task, self._holder)

    def _on_runner_finished(self, _job: int, result: object) -> None:
        if not isinstance(result, tuple):
            self.statusBar().showMessage(f"Model {result} ready", 5000)
            return
        workspace, comparison = result
        if workspace == self._workspace:
            self._show_aligned(comparison)

    def _on_runner_failed(self, _job: int, message: str, expected: bool) -> None:
        self.show_error(message if expected else f"Alignment failed (a bug, see the log): {message}")

    def _on_action_open_triggered(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open Versions", self._last_folder(), OPEN_FILTER)
        if paths:
            self.open_files(paths)

    def _on_action_paste_triggered(self) -> None:
        result = PasteDialog.get_text(self, f"Pasted text {self._workspace.next_id}")
        if result is not None:
            label, text = result
            self.add_text(text, label)

    def _on_versions_panel_files_dropped(self, paths: list[str]) -> None:
        sessions = [p for p in paths if p.lower().endswith(SUFFIX)]
        if sessions:
            self.sessions.open(sessions[0])  # a session replaces the document: files dropped with it are not added
        else:
            self.open_files(paths)

    def _on_versions_panel_text_dropped(self, text: str) -> None:
        self.add_text(text, f"Dropped text {self._workspace.next_id}")

    def _on_action_show_trivial_toggled(self, show: bool) -> None:
        self.compare_view.set_show_trivial(show)
        self.details_pane.set_show_trivial(show)

    def _on_compare_view_column_settings_changed(self, settings: ColumnSettings) -> None:
        self.sessions.view = {**self.sessions.view, "columns": settings.to_json()}
        self._document_edited()

    def _on_quotes_view_row_requested(self, row: int) -> None:
        # Switch tabs first: the compare view fits row heights when it is shown.
        self.centre_tabs.setCurrentWidget(self.compare_view)
        self.compare_view.select_row(row)

    def _on_coverage_view_cell_activated(self, row: int, version_id: str) -> None:
        self.centre_tabs.setCurrentWidget(self.compare_view)
        comparison = self.compare_view.comparison()
        if comparison is not None:
            self.compare_view.show_cell(row, version_id or comparison.reference)

    def _on_centre_tabs_current_changed(self, _index: int) -> None:
        # The Quotes view has its own details; the statement details belong to the comparison.
        self.details_pane.setVisible(self.centre_tabs.currentWidget() is self.compare_view)
        self._refresh_quotes_if_shown()
        self._refresh_coverage_if_shown()

    def _refresh_coverage_if_shown(self) -> None:
        if self._coverage_stale and self.centre_tabs.currentWidget() is self.coverage_view:
            self._coverage_stale = False
            self.coverage_view.set_start_folder(self._last_folder())
            self.coverage_view.set_comparison(self._comparison)

    def _refresh_quotes_if_shown(self) -> None:
        # Filling the quotes table costs tens of ms; a hidden tab waits until it is shown.
        if self._quotes_stale and self.centre_tabs.currentWidget() is self.quotes_view:
            self._quotes_stale = False
            self.quotes_view.set_comparison(self._comparison)

    def _on_controls_focus_changed(self, version_id: object) -> None:
        self.compare_view.set_focus(version_id if self.action_focus.isChecked() else None)

    def _on_sessions_state_changed(self) -> None:
        self._update_title()
        self._update_actions()

    # Questions (tests replace these)

    def _ask_save_changes(self, answered) -> None:
        """Save / Discard / Cancel, without blocking; calls ``answered("save" | "discard" | "cancel")``."""
        ask_save_changes(self, self.sessions.name(self._comparison) or "Untitled", answered)

    def _ask_restore(self, count: int) -> bool:
        """At start-up: restore the work of ``count`` windows that did not close cleanly?"""
        return ask_yes_no(self, RESTORE_QUESTION)

    def _confirm(self, question: str) -> bool:
        return ask_yes_no(self, question)

    # Helpers

    def _edit(self, method, *args) -> None:
        try:
            self.set_workspace(method(*args))
        except StoryDiffError as exc:
            self.show_error(str(exc))

    def _document_edited(self, *, autosave: bool = False) -> None:
        self.sessions.mark_changed()
        if autosave:
            self.sessions.autosave()
        self.document_changed.emit()

    def _show_aligned(self, comparison: Comparison | None) -> None:
        """Show a fresh alignment with the user's decisions applied on top."""
        self._aligned = comparison
        self._show_comparison(self.sessions.decide(comparison))

    def _matching_comparison(self) -> Comparison | None:
        ids = {v.id for v in self._workspace.versions}
        if self._comparison is not None and {v.id for v in self._comparison.versions} == ids:
            return self._comparison
        return None

    def _show_comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        row = self.compare_view.current_row()  # before set_comparison clears the selection
        self.compare_view.set_comparison(comparison)
        self._quotes_stale = self._coverage_stale = True
        self._refresh_quotes_if_shown()
        self._refresh_coverage_if_shown()
        self.details_pane.set_comparison(comparison)
        self.lineage_pane.set_comparison(comparison)
        self.lineage_pane.show_version(self.versions_panel.selected_version())
        count = len(comparison.quotes) if comparison is not None else 0
        self.centre_tabs.setTabText(1, f"Quotes ({count})" if count else "Quotes")
        if comparison is not None and comparison.rows:
            self.compare_view.select_row(0 if row is None else min(row, len(comparison.rows) - 1))
        self.versions_panel.set_workspace(self._workspace, comparison)
        self.controls.set_versions(self._workspace, comparison)
        self._update_title()
        self._update_actions()
        self.comparison_shown.emit(comparison)

    def _update_title(self) -> None:
        self.setWindowTitle(self.sessions.title(self._comparison))
        self.setWindowModified(self.sessions.modified)

    def _update_actions(self) -> None:
        has_versions = bool(self._workspace.versions)
        has_result = self._comparison is not None
        for action in (self.action_export_html, self.action_export_json, self.action_next_change,
                       self.action_previous_change, self.action_next_omission, self.action_previous_omission):
            action.setEnabled(has_result)
        self.menu_export.setEnabled(has_result)
        for action in (self.action_remove, self.action_set_reference, self.action_realign):
            action.setEnabled(has_versions)
        self.action_revert.setEnabled(self.sessions.path is not None and self.sessions.modified)

    def _export(self, kind: str | None) -> None:
        """File > Export: ``kind`` preselects a format ("html", "pdf"...; None: the last one used)."""
        from storydiff.ui.export_dialog import export_comparison

        if self._comparison is None:
            return
        try:
            path = export_comparison(self, self._comparison, kind, self._last_folder(),
                                     decisions=self.decisions(), notes=self.notes())
        except (StoryDiffError, OSError) as exc:
            self.show_error(f"cannot export ({exc})")
            return
        if path:
            self.statusBar().showMessage(f"Exported {path}", 5000)

    # Drag and drop anywhere on the window

    def dragEnterEvent(self, event) -> None:
        self.versions_panel.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        self.versions_panel.dropEvent(event)

    # Settings

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main_splitter": self.main_splitter, "centre_splitter": self.centre_splitter,
                "left_splitter": self.left_splitter}

    def _last_folder(self) -> str:
        return last_folder()

    def _remember_folder(self, path: str) -> None:
        remember_folder(path)

    def _restore_settings(self) -> None:
        restore_layout(self, self._splitters())
        show_trivial = saved_show_trivial()
        self.action_show_trivial.setChecked(show_trivial)
        self._on_action_show_trivial_toggled(show_trivial)

    def _save_settings(self) -> None:
        save_layout(self, self._splitters(), show_trivial=self.action_show_trivial.isChecked())

    def closeEvent(self, event) -> None:
        if self.sessions.modified and not self._close_settled:
            # The question does not block: an answer given later closes the window again.
            self._settling_close = True
            self.sessions.settle_unsaved(self._on_close_settled)
            self._settling_close = False
            if not self._close_settled:
                event.ignore()
                return
        self._close_settled = False
        self.sessions.close()
        self._save_settings()
        self.importer.shutdown()
        self.runner.shutdown()
        self._holder.close()
        super().closeEvent(event)

    def _on_close_settled(self) -> None:
        self._close_settled = True
        if not self._settling_close:
            self.close()
