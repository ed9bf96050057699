"""Imports in the background, then the check step, then into the workspace.

``ImportController`` runs ``ingest.imports.import_sources`` on its own ``TaskRunner`` (so an
alignment never cancels a download, nor the reverse), shows progress and a Cancel button in the
status bar, lists the sources refused in one message, and then shows each imported text in an
``ImportCheckDialog`` (non-blocking, one after another). A duplicate of a loaded version is
named in its dialog. An accepted text is added to the window's workspace with its check-step
edit. The window never waits: downloads run off the UI thread and dialogs are opened, not exec'd.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from storydiff.ingest import Document
from storydiff.ingest.check import ImportEdit
from storydiff.ingest.duplicates import Duplicate, find_duplicate
from storydiff.ingest.fetch import looks_like_url
from storydiff.ingest.imports import Imported, import_sources
from storydiff.ui.dialogs.check_dialog import ImportCheckDialog
from storydiff.ui.dialogs.url_dialog import UrlDialog
from storydiff.ui.status import PROGRESS_STEPS, status_progress_bar
from storydiff.ui.workers.runner import TaskRunner

# Files whose text is extracted (and so checked) rather than read as it is.
CHECKED_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".pdf", ".docx"})


def needs_import(source: str) -> bool:
    """Whether ``source`` goes through the background import and the check step."""
    return looks_like_url(source) or Path(source).suffix.lower() in CHECKED_SUFFIXES


class ImportController(QObject):
    """Background imports and the check step for ``window`` (a ``MainWindow``)."""

    batch_finished = Signal(object)  # the ImportBatch, on the UI thread
    check_shown = Signal(object)  # the ImportCheckDialog just opened
    version_added = Signal(str)  # the new version's id
    import_cancelled = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self._runner = TaskRunner(self, debounce_ms=0)
        self._waiting: deque[tuple[str, ...]] = deque()
        self._reviews: deque[Imported] = deque()
        self._dialog: ImportCheckDialog | None = None
        self._make_status(window.statusBar())
        self._runner.progressed.connect(self._on_runner_progressed)
        self._runner.finished.connect(self._on_runner_finished)
        self._runner.failed.connect(self._on_runner_failed)
        self._runner.cancelled.connect(self._on_runner_cancelled)
        panel = window.versions_panel
        panel.add_url_requested.connect(self.ask_for_urls)
        panel.urls_dropped.connect(self.start)

    # -- public API ------------------------------------------------------------------

    def ask_for_urls(self) -> None:
        """Ask for addresses (one per line) and download them."""
        urls = UrlDialog.get_urls(self._window)
        if urls:
            self.start(urls)

    def start(self, sources: list[str]) -> None:
        """Import ``sources`` (paths or http(s) addresses) in the background, after any running batch."""
        if sources:
            self._waiting.append(tuple(sources))
            self._next_batch()

    def review(self, imported: Imported) -> None:
        """Show ``imported`` in the check step (after those already waiting)."""
        self._reviews.append(imported)
        self._next_review()

    def hold_duplicate(self, document: Document, label: str, workspace) -> bool:
        """Whether ``document`` repeats a version of ``workspace``; if so it goes to the check
        step (which names the other version) instead of straight into the workspace."""
        if find_duplicate(document.text, document.raw_sha256, workspace.versions) is None:
            return False
        self.review(Imported(document, label, "text", b""))
        return True

    def cancel(self) -> None:
        """Stop the running download and drop the batches waiting."""
        self._waiting.clear()
        self._runner.cancel()

    def is_busy(self) -> bool:
        return self._runner.is_busy() or bool(self._waiting)

    def dialog(self) -> ImportCheckDialog | None:
        """The check dialog on screen, if any."""
        return self._dialog

    def shutdown(self) -> None:
        self.cancel()
        self._runner.shutdown()

    # -- downloads -------------------------------------------------------------------

    def _make_status(self, bar) -> None:
        self.status_message = QLabel(bar)
        self.progress = status_progress_bar(bar, 160)
        self.cancel_button = QPushButton("Cancel import", bar)
        self.cancel_button.setToolTip("Stop the download and skip the addresses still waiting")
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.status_message, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
        self._set_busy(False)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        for widget in (self.status_message, self.progress, self.cancel_button):
            widget.setVisible(busy)
        self.status_message.setText(message)
        if busy:
            self.progress.setValue(0)

    def _next_batch(self) -> None:
        if self._runner.is_busy() or not self._waiting:
            return
        sources = self._waiting.popleft()
        self._set_busy(True, f"Importing {len(sources)} source{'s' if len(sources) > 1 else ''}…")
        self._runner.run_now(import_sources, sources)

    def _on_runner_progressed(self, _job: int, fraction: float, message: str) -> None:
        self.progress.setValue(round(PROGRESS_STEPS * fraction))
        if message:
            self.status_message.setText(_short(message))

    def _on_runner_finished(self, _job: int, batch) -> None:
        self._set_busy(False)
        if batch.failures:
            self._window.show_error("Some sources were not added:\n" + "\n".join(batch.failures))
        for imported in batch.imported:
            self.review(imported)
        self.batch_finished.emit(batch)
        self._next_batch()

    def _on_runner_failed(self, _job: int, message: str, expected: bool) -> None:
        self._set_busy(False)
        self._window.show_error(message if expected else f"Import failed (a bug, see the log): {message}")
        self._next_batch()

    def _on_runner_cancelled(self, _job: int) -> None:
        self._set_busy(False)
        self._window.statusBar().showMessage("Import cancelled", 5000)
        self.import_cancelled.emit()
        self._next_batch()

    # -- the check step ----------------------------------------------------------------

    def _next_review(self) -> None:
        if self._dialog is not None or not self._reviews:
            return
        imported = self._reviews.popleft()
        self._dialog = ImportCheckDialog(imported, self._duplicate_of(imported), self._window)
        self._dialog.finished.connect(self._on_dialog_finished)
        self._dialog.open()
        self.check_shown.emit(self._dialog)

    def _duplicate_of(self, imported: Imported) -> Duplicate | None:
        document = imported.document
        return find_duplicate(document.text, document.raw_sha256, self._window.workspace().versions)

    def _on_dialog_finished(self, code: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            if code == QDialog.DialogCode.Accepted:
                self._add(*dialog.result())
            dialog.deleteLater()
        self._next_review()

    def _add(self, document: Document, label: str, edit: ImportEdit) -> None:
        workspace = self._window.workspace().add(document, label)
        if edit.changes_anything():
            versions = workspace.versions[:-1] + (replace(workspace.versions[-1], edit=edit.to_json()),)
            workspace = replace(workspace, versions=versions)
        self._window.set_workspace(workspace)
        self.version_added.emit(workspace.versions[-1].id)


def _short(message: str, limit: int = 70) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
