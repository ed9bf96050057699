"""The coverage map as a Qt table model: one row per statement line, one column per version.

A thin adapter over ``storydiff.presentation.coverage.coverage_map``: it holds the
comparison and the chosen filter and sort orders, and answers roles. The map
widget paints from ``coverage()`` directly (no role look-ups per cell); the roles
serve accessibility, tests and anything else that reads a model.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storydiff.core.model import Comparison
from storydiff.presentation.coverage import CoverageCell, CoverageLine, CoverageMap, coverage_map
from storydiff.presentation.accessible_text import coverage_cell_name
from storydiff.presentation.map_layout import cell_description

Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
CellRole = Qt.ItemDataRole.UserRole + 1  # the CoverageCell
RowRole = Qt.ItemDataRole.UserRole + 2  # the statement's row in Comparison.rows (int)
VersionIdRole = Qt.ItemDataRole.UserRole + 3  # the column's version id (str)

_EMPTY = CoverageMap((), ())


class CoverageModel(QAbstractTableModel):
    """Statement lines x versions of a comparison's coverage map."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._map = _EMPTY
        self._only: str | None = None
        self._statements = "reference"
        self._versions = "reference"

    def comparison(self) -> Comparison | None:
        return self._comparison

    def coverage(self) -> CoverageMap:
        """The map shown (filtered and sorted)."""
        return self._map

    def options(self) -> tuple[str | None, str, str]:
        """(filter, statement order, version order) as ``coverage_map`` takes them."""
        return self._only, self._statements, self._versions

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        self._rebuild()

    def set_options(self, *, only: str | None, statements: str, versions: str) -> None:
        """Filter (None, "unique", "kept-by-one", "dropped-by-one") and sort orders; raises
        ValueError for one ``coverage_map`` does not know (nothing changes then)."""
        # Built before anything is kept: an unknown option raises here, and the map is built once.
        built = self._build(only, statements, versions)
        self.beginResetModel()
        self._only, self._statements, self._versions = only, statements, versions
        self._map = built
        self.endResetModel()

    def line(self, row: int) -> CoverageLine:
        return self._map.lines[row]

    def cell(self, row: int, column: int) -> CoverageCell:
        line = self._map.lines[row]
        return line.cells[self._map.versions[column]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._map.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._map.versions)

    def data(self, index: Index, role: int = _Role.DisplayRole):
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        cell = self.cell(index.row(), index.column())
        if role == _Role.DisplayRole:
            return cell_description(cell.state, cell.amount)
        if role == _Role.ToolTipRole:
            return self.tooltip(index.row(), index.column())
        if role == _Role.AccessibleTextRole:
            return self.spoken_name(index.row(), index.column())
        if role == CellRole:
            return cell
        if role == RowRole:
            return self._map.lines[index.row()].row
        if role == VersionIdRole:
            return self._map.versions[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._map.lines) or role not in (_Role.DisplayRole, _Role.ToolTipRole):
                return None
            line = self._map.lines[section]
            return f"{line.row + 1}  {line.opening}"
        if not 0 <= section < len(self._map.versions) or self._comparison is None:
            return None
        version = self._comparison.version(self._map.versions[section])
        if role == _Role.DisplayRole:
            return version.label
        if role == _Role.ToolTipRole:
            return f"{version.label}\n{version.source}"
        return None

    def tooltip(self, row: int, column: int) -> str:
        """E.g. "Statement 12: Ms Ardern, holding back…\\n09-aljazeera: reworded (34% of its words)"."""
        line, cell = self._map.lines[row], self.cell(row, column)
        label = self._comparison.version(self._map.versions[column]).label if self._comparison else ""
        carried = f"carried by {len(line.carried_by)} of {len(self._map.versions)} versions"
        return f"Statement {line.row + 1}: {line.opening}\n{label}: {cell_description(cell.state, cell.amount)}" \
               f"\n{carried}"

    def spoken_name(self, row: int, column: int) -> str:
        """What a screen reader says for a cell: statement, opening words, version and state."""
        line, cell = self._map.lines[row], self.cell(row, column)
        label = self._comparison.version(self._map.versions[column]).label if self._comparison else ""
        return coverage_cell_name(line.row + 1, line.opening, label, cell_description(cell.state, cell.amount))

    def _rebuild(self) -> None:
        built = self._build(self._only, self._statements, self._versions)
        self.beginResetModel()
        self._map = built
        self.endResetModel()

    def _build(self, only: str | None, statements: str, versions: str) -> CoverageMap:
        if self._comparison is None:
            return _EMPTY
        return coverage_map(self._comparison, only=only, statements=statements, versions=versions)
