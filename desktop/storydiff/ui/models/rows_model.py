"""The compare view's table: one row per statement, one column per shown version.

A thin adapter over a core ``Comparison``: cell contents come from
``storydiff.presentation.cell_view`` and are cached until the comparison,
the trivial switch or the columns change.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storydiff.core.model import Comparison
from storydiff.presentation import CellView, cell_view, default_columns
from storydiff.presentation.accessible_text import cell_changes, cell_description, cell_name
from storydiff.ui.models.version_headers import VersionHeaders

CellViewRole = Qt.ItemDataRole.UserRole + 1
VersionIdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole


class RowsModel(QAbstractTableModel):
    """Rows of a comparison; columns are version ids, the reference first by default."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._show_trivial = True
        self._columns: list[str] = []
        self._cells: dict[tuple[int, str], CellView] = {}
        self._headers = VersionHeaders()

    def comparison(self) -> Comparison | None:
        return self._comparison

    def columns(self) -> list[str]:
        """The version ids shown, in column order."""
        return list(self._columns)

    def show_trivial(self) -> bool:
        return self._show_trivial

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison`` (nothing when None) with the default columns."""
        self.beginResetModel()
        self._comparison = comparison
        self._columns = default_columns(comparison) if comparison else []
        self._cells.clear()
        self._headers.reset()
        self.endResetModel()

    def set_show_trivial(self, show: bool) -> None:
        """Show or hide trivial changes (punctuation, case, quote style, whitespace)."""
        if show == self._show_trivial:
            return
        self.beginResetModel()
        self._show_trivial = show
        self._cells.clear()
        self.endResetModel()

    def set_columns(self, version_ids: list[str]) -> None:
        """Show these versions, in this order. Raises KeyError for an unknown id."""
        known = {v.id for v in self._comparison.versions} if self._comparison else set()
        unknown = [v for v in version_ids if v not in known]
        if unknown:
            raise KeyError(unknown[0])
        self.beginResetModel()
        self._columns = list(dict.fromkeys(version_ids))  # cells stay valid: keyed by version
        self.endResetModel()

    def cell(self, row: int, column: int) -> CellView:
        """The (cached) view of one cell; both arguments must be in range."""
        key = (row, self._columns[column])
        view = self._cells.get(key)
        if view is None:
            assert self._comparison is not None
            view = cell_view(self._comparison, row, key[1], show_trivial=self._show_trivial)
            self._cells[key] = view
        return view

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._comparison is None:
            return 0
        return len(self._comparison.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _Role.DisplayRole):
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        if role == VersionIdRole:
            return self._columns[index.column()]
        if role in (_Role.AccessibleTextRole, _Role.AccessibleDescriptionRole):
            return self._spoken(index.row(), index.column(), role)
        if role not in (_Role.DisplayRole, _Role.ToolTipRole, CellViewRole):
            return None
        view = self.cell(index.row(), index.column())
        if role == CellViewRole:
            return view
        if role == _Role.DisplayRole:
            return view.text
        return self._tooltip(view, self._columns[index.column()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            valid = 0 <= section < self.rowCount()
            return str(section + 1) if valid and role == _Role.DisplayRole else None
        if not 0 <= section < len(self._columns):
            return None
        return self._headers.data(self._comparison, self._columns[section], role)

    def _spoken(self, row: int, column: int, role: int) -> str:
        """What a screen reader says for a cell: its name (version, statement, text) or its changes."""
        assert self._comparison is not None
        view, vid = self.cell(row, column), self._columns[column]
        reference = vid == self._comparison.reference
        if role == _Role.AccessibleTextRole:
            return cell_name(self._comparison.version(vid).label, row + 1, view, reference=reference)
        changes = cell_changes(self._comparison, row, vid, show_trivial=self._show_trivial)
        return cell_description(view, changes, reference=reference)

    def _tooltip(self, view: CellView, version_id: str) -> str:
        assert self._comparison is not None
        if view.omitted:
            return f"omitted in {self._comparison.version(version_id).label}"
        lines = []
        if version_id == self._comparison.reference:
            lines.append("reference")
        elif view.similarity is not None:
            lines.append(f"similarity to the reference: {view.similarity:.2f}")
        else:
            lines.append("not in the reference")
        if view.moved:
            lines.append("moved")
        return "\n".join(lines)
