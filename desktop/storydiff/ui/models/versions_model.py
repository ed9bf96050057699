"""The versions of a workspace as a Qt list model: a thin adapter, no state of its own.

The model never edits the workspace: a rename or a drag-and-drop reorder is emitted
as a request (``rename_requested``, ``move_requested``) and the main window, which
owns the workspace, answers with ``set_workspace``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from storydiff.core.model import Comparison, Version
from storydiff.diffing import word_count
from storydiff.presentation.accessible_text import version_description, version_name
from storydiff.ui.palette import version_colour
from storydiff.workspace import Workspace

ItemDataRole = Qt.ItemDataRole
VersionIdRole = ItemDataRole.UserRole + 1  # str: the version id ("v3")
SourceRole = ItemDataRole.UserRole + 2  # str: path, URL or "pasted text"
WordsRole = ItemDataRole.UserRole + 3  # int: words in the version
ChangeShareRole = ItemDataRole.UserRole + 4  # float in [0, 1] against the reference, or None
IsReferenceRole = ItemDataRole.UserRole + 5  # bool
NoteRole = ItemDataRole.UserRole + 6  # str: the user's note on the version, or None
StatsRole = ItemDataRole.UserRole + 7  # VersionStats of the comparison shown, or None

# Drag-and-drop reorder inside the list carries only the version id.
VERSION_MIME_TYPE = "application/x-storydiff-version-id"

AnyIndex = QModelIndex | QPersistentModelIndex


class VersionsModel(QAbstractListModel):
    """One row per version of a ``Workspace``, in workspace order."""

    rename_requested = Signal(str, str)  # version id, new label
    move_requested = Signal(str, int)  # version id, new position

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._workspace = Workspace()
        self._comparison: Comparison | None = None
        self._words: dict[str, int] = {}  # sha256 -> word count, filled lazily
        self._notes: dict[str, str] = {}  # version id -> the user's note

    def set_workspace(self, workspace: Workspace, comparison: Comparison | None = None) -> None:
        """Show ``workspace``; ``comparison`` (possibly of an older workspace) supplies stats."""
        self.beginResetModel()
        self._workspace, self._comparison = workspace, comparison
        self.endResetModel()

    def set_notes(self, notes: dict[str, str]) -> None:
        """The user's notes by version id; noted versions are marked."""
        self._notes = dict(notes)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def version_at(self, row: int) -> Version:
        return self._workspace.versions[row]

    def row_of(self, version_id: str) -> int:
        """The row showing ``version_id``, or -1."""
        for row, version in enumerate(self._workspace.versions):
            if version.id == version_id:
                return row
        return -1

    def reference_id(self) -> str | None:
        """The comparison's reference when there is one, else the workspace's choice."""
        if self._comparison is not None:
            return self._comparison.reference
        return self._workspace.reference

    # -- reading -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._workspace.versions)

    def data(self, index: AnyIndex, role: int = ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._workspace.versions):
            return None
        version = self._workspace.versions[index.row()]
        if role in (ItemDataRole.DisplayRole, ItemDataRole.EditRole):
            return version.label
        if role == ItemDataRole.DecorationRole:
            return version_colour(index.row())
        if role == ItemDataRole.ToolTipRole:
            return self._tooltip(version)
        if role in (ItemDataRole.AccessibleTextRole, ItemDataRole.AccessibleDescriptionRole):
            return self._spoken(version, role)
        return self._custom_data(version, role)

    def _spoken(self, version: Version, role: int) -> str:
        """A screen reader's name (label, reference or verdict) or description (words, coverage, source)."""
        stats, reference = self._stats(version), version.id == self.reference_id()
        if role == ItemDataRole.AccessibleTextRole:
            return version_name(version.label, stats, reference=reference)
        source = self._label(stats.source) if stats is not None and stats.source else None
        return version_description(self._word_count(version), stats, reference=reference, source=source)

    def _tooltip(self, version: Version) -> str:
        """The source, the verdict and its evidence (when judged), and the user's note."""
        lines = [version.source]
        stats = self._stats(version)
        if stats is not None and stats.verdict and version.id != self.reference_id():
            lines.append(f"Verdict: {stats.verdict}" + (f", from {self._label(stats.source)}" if stats.source else ""))
            lines.extend(f"• {line}" for line in stats.evidence)
        note = self._notes.get(version.id)
        if note:
            lines.append(f"Note: {note}")
        return "\n".join(lines)

    def _label(self, version_id: str) -> str:
        row = self.row_of(version_id)
        return self._workspace.versions[row].label if row >= 0 else version_id

    def _custom_data(self, version: Version, role: int) -> Any:
        if role == VersionIdRole:
            return version.id
        if role == SourceRole:
            return version.source
        if role == WordsRole:
            return self._word_count(version)
        if role == ChangeShareRole:
            stats = self._stats(version)
            return None if stats is None else stats.change_share
        if role == IsReferenceRole:
            return version.id == self.reference_id()
        if role == NoteRole:
            return self._notes.get(version.id)
        if role == StatsRole:
            return self._stats(version)
        return None

    def _stats(self, version: Version):
        """The comparison's stats for ``version``, unless it changed since (new text, new id)."""
        if self._comparison is None:
            return None
        stats = self._comparison.stats.get(version.id)
        try:
            compared = self._comparison.version(version.id)
        except KeyError:
            return None
        return stats if compared.sha256 == version.sha256 else None

    def _word_count(self, version: Version) -> int:
        stats = self._stats(version)
        if stats is not None:
            return stats.words
        if version.sha256 not in self._words:
            self._words[version.sha256] = word_count(version.text)
        return self._words[version.sha256]

    # -- editing and drag and drop -----------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # dropping between rows
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    def setData(self, index: AnyIndex, value: Any, role: int = ItemDataRole.EditRole) -> bool:
        """Ask for a rename; returns False because the label changes only via ``set_workspace``."""
        if role != ItemDataRole.EditRole or not index.isValid():
            return False
        label = str(value).strip()
        version = self._workspace.versions[index.row()]
        if label and label != version.label:
            self.rename_requested.emit(version.id, label)
        return False

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [VERSION_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        if indexes:
            version_id = self._workspace.versions[indexes[0].row()].id
            data.setData(VERSION_MIME_TYPE, QByteArray(version_id.encode("utf-8")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex):
        """Turn a drop of a dragged row into ``move_requested``; never moves rows itself."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(VERSION_MIME_TYPE):
            return False
        version_id = bytes(data.data(VERSION_MIME_TYPE).data()).decode("utf-8")
        source = self.row_of(version_id)
        if source < 0:
            return False
        position = _drop_position(source, row, parent.row() if parent.isValid() else -1, self.rowCount())
        if position != source:
            self.move_requested.emit(version_id, position)
        return False  # the view must not remove the dragged row: the window will reset us


def _drop_position(source: int, row: int, on_row: int, count: int) -> int:
    """The ``Workspace.move`` position for a row dragged from ``source``.

    ``row`` is the row the drop lands before (-1: not between rows); ``on_row`` the
    row dropped onto (-1: none, i.e. the empty space below the last row).
    """
    if row >= 0:
        # Workspace.move takes the version out first, so rows after it shift up by one.
        return row - 1 if row > source else row
    if on_row >= 0:
        return on_row  # take the place of the row dropped onto
    return count - 1
