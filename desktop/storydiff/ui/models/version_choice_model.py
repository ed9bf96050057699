"""A checkable list of a comparison's versions: which ones the compare view shows.

A thin adapter: it holds the comparison and the hidden ids, and emits
``hidden_changed`` when the user ticks or unticks a version. The reference is
listed first, checked and disabled (it is always shown).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from storydiff.core.model import Comparison
from storydiff.ui.palette import comparison_colour

Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
VersionIdRole = Qt.ItemDataRole.UserRole + 1


class VersionChoiceModel(QAbstractListModel):
    """One checkable line per version, in the given order."""

    hidden_changed = Signal(frozenset)  # the version ids now hidden

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._order: list[str] = []
        self._hidden: frozenset[str] = frozenset()

    def set_versions(self, comparison: Comparison | None, order: list[str], hidden: frozenset[str]) -> None:
        """List ``order`` (version ids of ``comparison``), unticking the ``hidden`` ones."""
        self.beginResetModel()
        self._comparison, self._order, self._hidden = comparison, list(order), frozenset(hidden)
        self.endResetModel()

    def hidden(self) -> frozenset[str]:
        return self._hidden

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def data(self, index: Index, role: int = _Role.DisplayRole):
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return None
        vid = self._order[index.row()]
        version = self._comparison.version(vid)
        if role == _Role.DisplayRole:
            return f"{version.label} (reference)" if self._is_reference(vid) else version.label
        if role == _Role.ToolTipRole:
            return f"{version.label}\n{version.source}"
        if role == _Role.CheckStateRole:
            return Qt.CheckState.Unchecked if vid in self._hidden else Qt.CheckState.Checked
        if role == _Role.DecorationRole:
            return comparison_colour(self._comparison, vid)
        if role == VersionIdRole:
            return vid
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return Qt.ItemFlag.NoItemFlags
        if self._is_reference(self._order[index.row()]):
            return Qt.ItemFlag.ItemNeverHasChildren  # shown, and not to be unticked
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren

    def setData(self, index: Index, value, role: int = _Role.EditRole) -> bool:
        if role != _Role.CheckStateRole or not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        vid = self._order[index.row()]
        shown = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        hidden = self._hidden - {vid} if shown else self._hidden | {vid}
        if hidden == self._hidden:
            return False
        self._hidden = hidden
        self.dataChanged.emit(index, index, [_Role.CheckStateRole])
        self.hidden_changed.emit(hidden)
        return True

    def _is_reference(self, vid: str) -> bool:
        return self._comparison is not None and vid == self._comparison.reference
