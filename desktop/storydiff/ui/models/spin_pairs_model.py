"""A version's ranked substitution pairs (before, after, count) as a Qt table model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
HEADERS = ("Before", "After", "Times")


class SpinPairsModel(QAbstractTableModel):
    """Narrative substitutions of one version, most frequent first (``VersionStats.spin_pairs``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pairs: tuple[tuple[str, str, int], ...] = ()

    def set_pairs(self, pairs: tuple[tuple[str, str, int], ...]) -> None:
        self.beginResetModel()
        self._pairs = tuple(pairs)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = _Role.DisplayRole):
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        if role in (_Role.DisplayRole, _Role.ToolTipRole):
            value = self._pairs[index.row()][index.column()]
            return str(value)
        if role == _Role.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None
