"""The change list of one row: a thin table adapter over core ``Change`` values."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storydiff.core.model import Change, Comparison

HEADERS = ("Version", "Kind", "Before", "After")
ChangeRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class ChangesModel(QAbstractTableModel):
    """Rows are the changes of the selected statement, in version order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._changes: tuple[Change, ...] = ()
        self._labels: dict[str, str] = {}

    def set_row(self, comparison: Comparison | None, row: int | None, *, show_trivial: bool = True) -> None:
        """Show the changes of ``row`` of ``comparison`` (nothing when either is None)."""
        self.beginResetModel()
        if comparison is None or row is None:
            self._changes, self._labels = (), {}
        else:
            order = {v.id: n for n, v in enumerate(comparison.versions)}
            picked = [c for c in comparison.changes if c.row == row and (show_trivial or not c.trivial)]
            self._changes = tuple(sorted(picked, key=lambda c: (order[c.version], c.start or 0)))
            self._labels = {v.id: v.label for v in comparison.versions}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        if role == ChangeRole:
            return change
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(change, index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def _cell(self, change: Change, column: int) -> str:
        values = (self._labels.get(change.version, change.version), change.kind.value, change.before, change.after)
        return values[column] if 0 <= column < len(values) else ""
