"""The versions panel: the list of versions and the buttons that edit it.

The panel edits nothing itself. Every user action is emitted as a request signal
(``remove_requested``, ``move_requested``...) and the main window, which owns the
workspace, performs it and calls ``set_workspace`` with the result. Each row is
painted by ``VersionDelegate`` (``ui/views/version_delegate.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison
from storydiff.ingest.fetch import looks_like_url
from storydiff.ui.models.versions_model import IsReferenceRole, VersionsModel
from storydiff.ui.views.version_delegate import VersionDelegate
from storydiff.ui.views.version_delegate import details_text  # noqa: F401 (tests import it here)
from storydiff.workspace import Workspace


def dropped_paths(mime: QMimeData) -> list[str]:
    """Local file paths among the URLs of a drop (remote URLs are not imported here)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def dropped_web_urls(mime: QMimeData) -> list[str]:
    """The http(s) addresses of a drop: links dragged from a browser (as URLs or as text)."""
    if mime.hasUrls():
        urls = [url.toString() for url in mime.urls() if url.scheme() in ("http", "https")]
    else:
        urls = [line.strip() for line in mime.text().splitlines() if line.strip()] if mime.hasText() else []
    return urls if urls and all(looks_like_url(url) for url in urls) else []


def dropped_text(mime: QMimeData) -> str | None:
    """The plain text of a drop that carries no URLs (a file's URL is not its text)."""
    if mime.hasUrls() or not mime.hasText() or not mime.text().strip() or dropped_web_urls(mime):
        return None
    return mime.text()


class VersionsPanel(QWidget):
    """The versions of the workspace with buttons to add, remove, reorder and pick the reference."""

    add_files_requested = Signal()
    paste_requested = Signal()
    add_url_requested = Signal()
    files_dropped = Signal(list)  # local paths (str)
    urls_dropped = Signal(list)  # http(s) addresses (str)
    text_dropped = Signal(str)
    remove_requested = Signal(str)  # version id
    rename_requested = Signal(str, str)  # version id, label
    move_requested = Signal(str, int)  # version id, new position
    reference_requested = Signal(str)  # version id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = VersionsModel(self)
        self._list = self._make_list()
        self._make_actions()
        self._lay_out()
        self.setAcceptDrops(True)
        # Queued: the window answers with set_workspace (a model reset), which must
        # not happen while the line editor is committing or a drag is being dropped.
        self._model.rename_requested.connect(self.rename_requested, Qt.ConnectionType.QueuedConnection)
        self._model.move_requested.connect(self.move_requested, Qt.ConnectionType.QueuedConnection)
        self._model.modelReset.connect(self._on_model_model_reset)
        self._list.selectionModel().selectionChanged.connect(self._on_selection_model_selection_changed)
        self._update_actions()

    # -- public API ------------------------------------------------------------------

    def set_version_notes(self, notes: dict[str, str]) -> None:
        """Mark the versions that carry a note (version id -> text)."""
        self._model.set_notes(notes)

    def set_workspace(self, workspace: Workspace, comparison: Comparison | None = None) -> None:
        """Show ``workspace``, keeping the selected version selected (or its row, if removed)."""
        selected, row = self.selected_version(), self._selected_row()
        self._model.set_workspace(workspace, comparison)
        if selected is not None and self._model.row_of(selected) >= 0:
            self.select_version(selected)
        elif row >= 0 and self._model.rowCount() > 0:
            self._select_row(min(row, self._model.rowCount() - 1))

    def selected_version(self) -> str | None:
        row = self._selected_row()
        return None if row < 0 else self._model.version_at(row).id

    def select_version(self, version_id: str) -> None:
        """Select ``version_id`` (clear the selection if it is not shown)."""
        self._select_row(self._model.row_of(version_id))

    def model(self) -> VersionsModel:
        return self._model

    def list_view(self) -> QListView:
        return self._list

    # -- construction ----------------------------------------------------------------

    def _make_list(self) -> QListView:
        view = QListView(self)
        view.setModel(self._model)
        view.setItemDelegate(VersionDelegate(view))
        view.setUniformItemSizes(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # Internal moves only: drops from outside fall through to the panel's dropEvent.
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setAccessibleName("Versions")
        return view

    def _make_actions(self) -> None:
        self.action_add_files = self._action("Add files…", "Add versions from files")
        self.action_paste = self._action("Paste…", "Add a version from pasted text")
        self.action_add_url = self._action("From URL…", "Add versions from web addresses (one per line)")
        self.action_remove = self._action("Remove", "Remove the selected version")
        self.action_move_up = self._action("Up", "Move the selected version up")
        self.action_move_down = self._action("Down", "Move the selected version down")
        self.action_set_reference = self._action("Set as reference", "Compare the others with this version")
        self.action_add_files.triggered.connect(self.add_files_requested)
        self.action_paste.triggered.connect(self.paste_requested)
        self.action_add_url.triggered.connect(self.add_url_requested)
        self.action_remove.triggered.connect(self._on_action_remove_triggered)
        self.action_move_up.triggered.connect(self._on_action_move_up_triggered)
        self.action_move_down.triggered.connect(self._on_action_move_down_triggered)
        self.action_set_reference.triggered.connect(self._on_action_set_reference_triggered)
        self._bind_keys()

    def _bind_keys(self) -> None:
        """Shortcuts live on the list itself, so Delete in the rename editor still edits text."""
        for action, keys in (
            (self.action_remove, QKeySequence.keyBindings(QKeySequence.StandardKey.Delete)),
            (self.action_move_up, [QKeySequence("Ctrl+Up")]),
            (self.action_move_down, [QKeySequence("Ctrl+Down")]),
        ):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self._list.addAction(action)

    def _action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # a tool button shows the icon text, which would drop the "…"
        action.setToolTip(tip)
        return action

    def _lay_out(self) -> None:
        buttons = QGridLayout()
        buttons.setSpacing(4)
        rows = (
            (self.action_add_files, self.action_add_url, self.action_paste),
            (self.action_remove, self.action_move_up, self.action_move_down),
            (self.action_set_reference,),
        )
        for row, actions in enumerate(rows):
            for column, action in enumerate(actions):
                span = 3 if len(actions) == 1 else 1
                buttons.addWidget(self._button(action), row, column, 1, span)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._list, 1)
        layout.addLayout(buttons)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    # -- selection ---------------------------------------------------------------------

    def _selected_row(self) -> int:
        rows = self._list.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _select_row(self, row: int) -> None:
        if row < 0:
            self._list.clearSelection()
            return
        index = self._model.index(row, 0)
        self._list.setCurrentIndex(index)  # SingleSelection: the current row is the selection
        self._list.scrollTo(index)

    def _on_selection_model_selection_changed(self, *_) -> None:
        self._update_actions()

    def _on_model_model_reset(self) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        row, count = self._selected_row(), self._model.rowCount()
        selected = row >= 0
        self.action_remove.setEnabled(selected)
        self.action_move_up.setEnabled(selected and row > 0)
        self.action_move_down.setEnabled(selected and row < count - 1)
        is_reference = selected and bool(self._model.index(row, 0).data(IsReferenceRole))
        self.action_set_reference.setEnabled(selected and not is_reference)

    # -- actions -------------------------------------------------------------------

    def _on_action_remove_triggered(self) -> None:
        if (version_id := self.selected_version()) is not None:
            self.remove_requested.emit(version_id)

    def _on_action_move_up_triggered(self) -> None:
        self._request_move(-1)

    def _on_action_move_down_triggered(self) -> None:
        self._request_move(+1)

    def _request_move(self, step: int) -> None:
        row = self._selected_row()
        if row >= 0 and 0 <= row + step < self._model.rowCount():
            self.move_requested.emit(self._model.version_at(row).id, row + step)

    def _on_action_set_reference_triggered(self) -> None:
        if (version_id := self.selected_version()) is not None:
            self.reference_requested.emit(version_id)

    # -- drops from outside ------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        self._accept_if_usable(event)

    def dragMoveEvent(self, event) -> None:
        self._accept_if_usable(event)

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        paths, text, urls = dropped_paths(mime), dropped_text(mime), dropped_web_urls(mime)
        if not paths and text is None and not urls:
            event.ignore()
            return
        event.acceptProposedAction()
        # Emitted after the drop returns: the window may read files or show a message,
        # which must not block the application the drag came from.
        if urls and not paths:
            QTimer.singleShot(0, self, lambda: self.urls_dropped.emit(urls))
        elif paths:
            QTimer.singleShot(0, self, lambda: self.files_dropped.emit(paths))
        else:
            QTimer.singleShot(0, self, lambda: self.text_dropped.emit(text))

    def _accept_if_usable(self, event) -> None:
        mime = event.mimeData()
        if dropped_paths(mime) or dropped_text(mime) is not None or dropped_web_urls(mime):
            event.acceptProposedAction()
        else:
            event.ignore()
