"""The compare view's table, with the reference column frozen at the left.

Columns keep a readable minimum width; when they do not all fit, the table
scrolls sideways. The row numbers (the vertical header) never scroll sideways,
and the reference column is a second ``QTableView`` laid over the first
column, as in Qt's *frozencolumn* example: it shares the model, the selection
model and the delegate, shows only column 0, and follows the main table's
vertical scrolling and row heights.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from storydiff.presentation.columns import column_widths

MIN_COLUMN_CHARS = 26  # a column narrower than this many average characters reads as a word list
_ScrollHint = QAbstractItemView.ScrollHint


class CompareTable(QTableView):
    """A table whose columns share the width down to a minimum, column 0 frozen at the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozen_reference")
        self._syncing = False

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._on_model_model_reset)
        self._set_up_frozen()

    def set_frozen_delegate(self, delegate) -> None:
        self.setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)

    def minimum_column_width(self) -> int:
        """The narrowest a column may be, in pixels (from the font: about 26 characters)."""
        return QFontMetrics(self.font()).averageCharWidth() * MIN_COLUMN_CHARS + 12

    def fit_columns(self) -> bool:
        """Share the viewport's width among the columns (down to the minimum); True if any changed."""
        header = self.horizontalHeader()
        count = header.count()
        widths = column_widths(self.viewport().width(), count, self.minimum_column_width())
        changed = False
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
                changed = True
        self._place_frozen()
        return changed

    def row_height_hint(self, row: int) -> int:
        """The height ``row`` needs to show every column's cell whole, scrolled into view or not.

        ``QTableView.sizeHintForRow`` asks only the columns on screen, which would make a
        row's height depend on the horizontal scroll position.
        """
        # Straight from the rows model's cell views to the cell delegate's heights: no model
        # indexes or style options per cell (a 1,000-row fit asks for 5,000 heights).
        model, delegate, font = self.model(), self.itemDelegate(), self.font()
        heights = [delegate.height_for(model.cell(row, column), font, self.columnWidth(column))
                   for column in range(model.columnCount()) if not self.isColumnHidden(column)]
        return max(heights, default=0) + (1 if self.showGrid() else 0)

    def show_only_rows(self, rows: frozenset[int] | None) -> None:
        """Hide every row but ``rows`` in both the table and the frozen column; None shows all."""
        for row in range(self.model().rowCount() if self.model() is not None else 0):
            hide = rows is not None and row not in rows
            # The frozen column first: showing a row there must not miss the height the table sends.
            for table in (self.frozen, self) if not hide else (self, self.frozen):
                if table.isRowHidden(row) != hide:
                    table.setRowHidden(row, hide)

    def fit_row(self, row: int) -> None:
        self.setRowHeight(row, max(self.row_height_hint(row), 1))

    def scrollTo(self, index: QModelIndex, hint: _ScrollHint = _ScrollHint.EnsureVisible) -> None:
        """Scroll ``index`` into view beside the frozen column, never under it.

        Column 0 is always in view (frozen): only the vertical position changes for it.
        """
        bar = self.horizontalScrollBar()
        before = bar.value()
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        if index.column() == 0:
            bar.setValue(before)
            return
        hidden_by_frozen = self.columnWidth(0) - self.columnViewportPosition(index.column())
        if hidden_by_frozen > 0:
            bar.setValue(bar.value() - hidden_by_frozen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_frozen()

    def _set_up_frozen(self) -> None:
        frozen = self.frozen
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        frozen.verticalHeader().hide()
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollMode(self.verticalScrollMode())
        frozen.setSelectionBehavior(self.selectionBehavior())
        frozen.setSelectionMode(self.selectionMode())
        frozen.setEditTriggers(self.editTriggers())
        frozen.setWordWrap(self.wordWrap())
        frozen.setFrameShape(QFrame.Shape.NoFrame)
        frozen.setContextMenuPolicy(self.contextMenuPolicy())
        frozen.horizontalHeader().setHighlightSections(False)
        frozen.horizontalHeader().setTextElideMode(self.horizontalHeader().textElideMode())
        frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.setStyleSheet("QTableView#frozen_reference { border-right: 1px solid palette(mid); }")
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        self.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.verticalScrollBar().valueChanged.connect(self._on_main_scrolled)
        frozen.verticalScrollBar().valueChanged.connect(self._on_frozen_scrolled)
        self._hide_frozen_columns()
        self.viewport().stackUnder(frozen)
        frozen.show()

    def _on_model_model_reset(self) -> None:
        self._hide_frozen_columns()
        self._place_frozen()

    def _hide_frozen_columns(self) -> None:
        model = self.model()
        for column in range(model.columnCount() if model is not None else 0):
            self.frozen.setColumnHidden(column, column != 0)

    def sync_row_heights(self) -> None:
        """Give the frozen column every row's height (after a reset or a full fit)."""
        header, frozen = self.verticalHeader(), self.frozen
        for row in range(header.count()):
            if frozen.rowHeight(row) != header.sectionSize(row):
                frozen.setRowHeight(row, header.sectionSize(row))

    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._place_frozen()

    def _on_main_scrolled(self, value: int) -> None:
        if not self._syncing:
            self._syncing = True
            self.frozen.verticalScrollBar().setValue(value)
            self._syncing = False

    def _on_frozen_scrolled(self, value: int) -> None:
        # The frozen view scrolls itself to a cell clicked in it; the table follows.
        if not self._syncing:
            self._syncing = True
            self.verticalScrollBar().setValue(value)
            self._syncing = False

    def _place_frozen(self) -> None:
        model = self.model()
        if model is None or model.columnCount() == 0:
            self.frozen.hide()
            return
        self.frozen.show()
        width = self.columnWidth(0)
        self.frozen.setColumnWidth(0, width)
        header_height = self.horizontalHeader().height()
        self.frozen.horizontalHeader().setFixedHeight(header_height)
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                width, self.viewport().height() + header_height)
