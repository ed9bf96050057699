"""The compare view: one column per version, one row per statement.

All columns live in one QTableView, so a single scrollbar moves them all:
scrolling is aligned by construction. Columns keep a readable minimum width and
scroll sideways beside the frozen row numbers and reference column
(``CompareTable``). Cells are painted by ``CellDelegate``; the ``OverviewStrip``
beside the scrollbar shows where changes and omissions are; the ``ColumnBar``
above orders, hides and shows versions (``ColumnSettings``, saved with the session).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison
from storydiff.presentation import change_marks, omission_rows, step
from storydiff.presentation.columns import (
    ColumnSettings,
    hidden_unless_differing,
    ordered_versions,
    shown_columns,
)
from storydiff.ui.models.rows_model import RowsModel, VersionIdRole
from storydiff.ui.views.cell_delegate import CellDelegate
from storydiff.ui.views.column_bar import ColumnBar
from storydiff.ui.views.compare_table import CompareTable
from storydiff.ui.views.overview_strip import OverviewStrip
from storydiff.ui.views.row_fitter import RowFitter

EMPTY_HINT = "Add versions to compare: File ▸ Open, paste, or drop files here"
_FIT_DELAY_MS = 120  # column widths change in bursts while the window is resized
_Rows = QItemSelectionModel.SelectionFlag.Rows
_ClearAndSelect = QItemSelectionModel.SelectionFlag.ClearAndSelect

Cell = tuple[int, str]  # (row position in Comparison.rows, version id)


class CompareView(QWidget):
    """Side-by-side rows of a comparison, with change and omission navigation."""

    row_selected = Signal(int)  # the current row changed (see ``current_row``)
    cells_selected = Signal()  # the selected cells changed (see ``selected_cells``)
    context_menu_requested = Signal(QPoint)  # global position; the cell under it is selected
    rows_fitted = Signal()  # every row has its wrapped height (they are fitted in chunks)
    column_settings_changed = Signal(object)  # the user chose another ColumnSettings
    focus_left = Signal()  # ``show_cell`` left focus mode to show a version it hid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = RowsModel(self)
        self._focus: str | None = None
        self._settings = ColumnSettings()
        self._changes: list[int] = []
        self._shown_row: int | None = None  # the row ``row_selected`` last announced
        self._omissions: list[int] = []
        self._row_filter: frozenset[int] | None = None  # Find's row filter: the rows shown, None all
        self._table = _make_table(self._model)
        self._delegate = CellDelegate(self._table)
        self._table.set_frozen_delegate(self._delegate)
        self._bar = ColumnBar(self)
        self._strip = OverviewStrip(self._table)
        self._fitter = RowFitter(self._table, self)
        self._fit_timer = QTimer(self, singleShot=True, interval=_FIT_DELAY_MS)
        self._stack = QStackedWidget(self)
        self._build_layout()
        self._connect()
        self.setFocusProxy(self._table)  # arrow keys move between rows once the view has focus
        self._bar.show_settings(None, [], self._settings)
        self._bar.set_row_chosen(False)

    @property
    def table(self) -> CompareTable:
        """The table of rows, for keyboard focus and tests; drive it through this view's methods."""
        return self._table

    @property
    def frozen_table(self) -> QTableView:
        """The reference column frozen over the table's left edge (for tests)."""
        return self._table.frozen

    @property
    def column_bar(self) -> ColumnBar:
        return self._bar

    def comparison(self) -> Comparison | None:
        return self._model.comparison()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison``, all columns, nothing selected; None shows the empty hint."""
        self._model.set_comparison(comparison)
        self._focus = None
        self._apply_columns()
        # The table page first, so that rows are fitted to its real width.
        self._stack.setCurrentIndex(0 if comparison is None else 1)
        self._refresh(keep_row=None, top_row=None)

    def set_show_trivial(self, show: bool) -> None:
        """Show or hide trivial changes; the selected row stays selected."""
        if show != self._model.show_trivial():
            self._reset_keeping_place(lambda: self._model.set_show_trivial(show))

    def set_text_font(self, font: QFont) -> None:
        """Show cells, column headers and row numbers in ``font`` (zoom). The rows refit; the
        row at the top of the viewport stays at the top."""
        if font == self._table.font():
            return
        top_row = self._table.rowAt(0)
        self._table.setFont(font)  # and so its headers
        # The frozen column's style sheet keeps it and its parts from inheriting the font.
        for widget in (self._table.frozen, *self._table.frozen.findChildren(QWidget)):
            widget.setFont(font)
        self._refresh(keep_row=None, top_row=top_row if top_row >= 0 else None)

    def set_focus(self, version_id: str | None) -> None:
        """Show the reference and ``version_id`` only; None shows every version.
        Raises KeyError for a version the comparison does not have."""
        comparison = self._model.comparison()
        if comparison is None:
            return
        self._focus = version_id
        self._reset_keeping_place(self._apply_columns)

    def focus(self) -> str | None:
        """The version shown beside the reference in focus mode, else None."""
        return self._focus

    def column_settings(self) -> ColumnSettings:
        """The column order and hidden versions chosen (kept while versions come and go)."""
        return self._settings

    def set_column_settings(self, settings: ColumnSettings) -> None:
        """Order and hide columns as ``settings`` say; nothing is aligned again."""
        if settings != self._settings:
            self._settings = settings
            self._reset_keeping_place(self._apply_columns)

    def shown_versions(self) -> list[str]:
        """The version ids shown as columns, in order."""
        return self._model.columns()

    def show_only_differing(self) -> None:
        """Hide the versions that say what the reference says in the selected row."""
        comparison, row = self._model.comparison(), self.current_row()
        if comparison is None or row is None:
            return
        hidden = hidden_unless_differing(comparison, row, show_trivial=self._model.show_trivial())
        self._choose(ColumnSettings(self._settings.order, hidden))

    def show_cell(self, row: int, version_id: str) -> None:
        """Select the cell of ``version_id`` in ``row`` and scroll it into view, showing the
        version first if it is hidden (or leaving focus mode if that hides it).
        Raises IndexError for a row out of range, KeyError for an unknown version."""
        comparison = self._model.comparison()
        if comparison is None:
            return
        comparison.version(version_id)
        if self._focus is not None and version_id not in (comparison.reference, self._focus):
            self._focus = None
            self.focus_left.emit()
        if version_id in self._settings.hidden:
            self._choose(ColumnSettings(self._settings.order, self._settings.hidden - {version_id}))
        else:
            self._reset_keeping_place(self._apply_columns)
        self.select_cells([(row, version_id)])
        index = self._index_of(row, version_id)
        if self._fitter.busy():
            self._fitter.fit_visible()
        self._table.scrollTo(index)
        self._scroll_to(row)

    def next_change(self) -> int | None:
        """Select the next row with a shown change; its index, or None past the last."""
        return self._go(step(self._shown(self._changes), self.current_row(), True))

    def previous_change(self) -> int | None:
        """Select the previous row with a shown change; its index, or None before the first."""
        return self._go(step(self._shown(self._changes), self.current_row(), False))

    def next_omission(self) -> int | None:
        """Select the next row where a shown version is empty; its index, or None."""
        return self._go(step(self._shown(self._omissions), self.current_row(), True))

    def previous_omission(self) -> int | None:
        """Select the previous row where a shown version is empty; its index, or None."""
        return self._go(step(self._shown(self._omissions), self.current_row(), False))

    def select_row(self, row: int) -> None:
        """Select row ``row`` (a position in ``Comparison.rows``) and scroll to it."""
        if not 0 <= row < self._model.rowCount():
            raise IndexError(row)
        self._table.selectionModel().setCurrentIndex(self._model.index(row, 0), _ClearAndSelect | _Rows)
        self._scroll_to(row)
        if self._fitter.busy():
            # Rows around it may not have their heights yet: fit them, then aim again.
            self._fitter.fit_visible()
            self._scroll_to(row)

    def select_cells(self, cells: list[Cell]) -> None:
        """Select exactly these cells, the first one current; cells of hidden versions are skipped.
        Raises IndexError for a row out of range."""
        indexes = [self._index_of(row, vid) for row, vid in cells]
        indexes = [index for index in indexes if index.isValid()]
        chosen = QItemSelection()
        for index in indexes:
            chosen.select(index, index)
        selection = self._table.selectionModel()
        if indexes:
            selection.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            self._scroll_to(indexes[0].row())
        selection.select(chosen, _ClearAndSelect)

    @property
    def cell_delegate(self) -> CellDelegate:
        """The cells' painter (Find lays its matches over the cells through ``find_marks``)."""
        return self._delegate

    def set_row_filter(self, rows: frozenset[int] | None) -> None:
        """Show only ``rows`` (positions in ``Comparison.rows``), kept across resets; None shows all."""
        self._row_filter = rows
        self._table.show_only_rows(rows)

    def set_found_rows(self, rows: frozenset[int]) -> None:
        """Mark these rows as holding a Find match on the overview strip."""
        self._strip.set_found(rows)

    def set_noted_rows(self, rows: set[int]) -> None:
        """Mark these rows (positions in ``Comparison.rows``) as having a note, in the row header."""
        header = self._table.verticalHeader()
        header.noted = frozenset(rows)
        header.viewport().update()

    def noted_rows(self) -> frozenset[int]:
        return self._table.verticalHeader().noted

    def current_row(self) -> int | None:
        """The row of the current cell if it is selected, else the first row with a selected
        cell; None when nothing is selected."""
        # Qt may set a current index with nothing selected (on focus, say): that is no choice.
        selection = self._table.selectionModel()
        current = selection.currentIndex()
        if current.isValid() and selection.isSelected(current):
            return current.row()
        rows = sorted({index.row() for index in selection.selectedIndexes()})
        return rows[0] if rows else None

    def current_cell(self) -> Cell | None:
        """The current cell as ``(row, version id)`` if it is selected, else None."""
        selection = self._table.selectionModel()
        current = selection.currentIndex()
        if not current.isValid() or not selection.isSelected(current):
            return None
        return current.row(), current.data(VersionIdRole)

    def selected_cells(self) -> list[Cell]:
        """Every selected cell as ``(row, version id)``, by row then column (shown order)."""
        indexes = sorted(self._table.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))
        return [(index.row(), index.data(VersionIdRole)) for index in indexes]

    def has_selected_cells(self) -> bool:
        """Whether any cell is selected, without listing them (asked on every selection change)."""
        return self._table.selectionModel().hasSelection()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._align_strip()

    def _build_layout(self) -> None:
        hint = QLabel(EMPTY_HINT, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._strip_column = QVBoxLayout()
        self._strip_column.addWidget(self._strip)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self._table, 1)
        row.addLayout(self._strip_column)
        self._stack.addWidget(hint)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._bar)
        outer.addWidget(self._stack)

    def _connect(self) -> None:
        self._table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._table.customContextMenuRequested.connect(
            lambda pos: self._on_table_custom_context_menu_requested(pos, self._table))
        self._table.frozen.customContextMenuRequested.connect(
            lambda pos: self._on_table_custom_context_menu_requested(pos, self._table.frozen))
        self._bar.order_chosen.connect(lambda order: self._choose(ColumnSettings(order, self._settings.hidden)))
        self._bar.hidden_chosen.connect(lambda hidden: self._choose(ColumnSettings(self._settings.order, hidden)))
        self._bar.differ_here_requested.connect(self.show_only_differing)
        self._bar.show_all_requested.connect(lambda: self._choose(ColumnSettings(self._settings.order)))
        self._model.modelReset.connect(self._on_model_model_reset)
        self._table.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        self._table.horizontalHeader().geometriesChanged.connect(self._align_strip)
        self._strip.row_requested.connect(self.select_row)
        self._fit_timer.timeout.connect(self._fit_rows)
        self._fitter.finished.connect(self._table.sync_row_heights)
        self._fitter.finished.connect(self.rows_fitted)

    def _on_selection_changed(self, *_) -> None:
        row = self.current_row()
        self._bar.set_row_chosen(row is not None)
        if row is not None and row != self._shown_row:
            self._shown_row = row
            self.row_selected.emit(row)
        self.cells_selected.emit()

    def _on_model_model_reset(self) -> None:
        # A reset drops the selection without a signal: the next row chosen is news.
        self._shown_row = None
        self._table.show_only_rows(self._row_filter)  # and shows every row again
        self.cells_selected.emit()

    def _on_table_custom_context_menu_requested(self, pos: QPoint, table: QTableView) -> None:
        """Right-click keeps a selection the cell under it belongs to, as file managers do; else
        it selects that cell alone. A whole row chosen by navigation counts as no choice of cells."""
        index = table.indexAt(pos)
        if not index.isValid():
            return
        selection = self._table.selectionModel()
        whole_row = len(selection.selectedIndexes()) == self._model.columnCount() > 1 and \
            selection.isRowSelected(index.row())
        if whole_row or not selection.isSelected(index):
            selection.setCurrentIndex(index, _ClearAndSelect)
        self.context_menu_requested.emit(table.viewport().mapToGlobal(pos))

    def _on_header_section_resized(self, *_) -> None:
        self._fit_timer.start()

    def _choose(self, settings: ColumnSettings) -> None:
        # A choice made on the bar: applied, and announced so that the session keeps it.
        self.set_column_settings(settings)
        self.column_settings_changed.emit(settings)

    def _apply_columns(self) -> None:
        """Give the model the columns of focus mode or of the settings; update the bar."""
        comparison = self._model.comparison()
        if comparison is None:
            self._bar.show_settings(None, [], self._settings)
            return
        if self._focus is not None:
            columns = [comparison.reference, self._focus]
        else:
            columns = shown_columns(comparison, self._settings)
        if columns != self._model.columns():
            self._model.set_columns(columns)
        self._bar.show_settings(comparison, ordered_versions(comparison, self._settings.order), self._settings)

    def _shown(self, rows):
        """``rows`` less those Find's row filter hides (navigation never lands on a hidden row)."""
        return rows if self._row_filter is None else [row for row in rows if row in self._row_filter]

    def _go(self, row: int | None) -> int | None:
        if row is not None:
            self.select_row(row)
        return row

    def _reset_keeping_place(self, reset) -> None:
        """Run a model reset, then bring back the selection and scroll position."""
        keep_row, top_row = self.current_row(), self._table.rowAt(0)
        reset()
        self._refresh(keep_row, top_row if top_row >= 0 else None)

    def _refresh(self, keep_row: int | None, top_row: int | None) -> None:
        self._refresh_marks()
        if keep_row is not None:
            self.select_row(keep_row)
        elif top_row is not None:
            self._table.scrollTo(self._model.index(top_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        self._fit_rows()
        if keep_row is not None:
            self._scroll_to(keep_row)  # again: the heights around it are exact now

    def _refresh_marks(self) -> None:
        comparison, columns = self._model.comparison(), self._model.columns()
        if comparison is None:
            marks, self._omissions = {}, []
        else:
            marks = change_marks(comparison, show_trivial=self._model.show_trivial(), versions=columns)
            self._omissions = omission_rows(comparison, columns)
        self._changes = sorted(marks)
        self._strip.set_marks(marks, dict.fromkeys(self._omissions, "omitted"))

    def _fit_rows(self) -> None:
        # Wrapped heights depend on the column width; the delegate caches layouts per width.
        # Hidden, the widths are not final yet: showing the view fits the rows.
        if not self.isVisible():
            self._fitter.cancel()
            return
        # Qt stretches the columns later, in a posted event; fitting to the widths
        # of now and again to those of then would double the work.
        self._table.doItemsLayout()
        self._table.fit_columns()
        self._fit_timer.stop()
        self._fitter.fit()

    def _index_of(self, row: int, version_id: str) -> QModelIndex:
        """The model index of a cell; invalid when the version is not shown."""
        if not 0 <= row < self._model.rowCount():
            raise IndexError(row)
        columns = self._model.columns()
        return self._model.index(row, columns.index(version_id)) if version_id in columns else QModelIndex()

    def _scroll_to(self, row: int) -> None:
        # Centre a row for context, unless it is too tall to fit: then show its start.
        hint = QAbstractItemView.ScrollHint.PositionAtCenter
        if self._table.rowHeight(row) >= self._table.viewport().height():
            hint = QAbstractItemView.ScrollHint.PositionAtTop
        self._table.scrollTo(self._model.index(row, 0), hint)

    def _align_strip(self) -> None:
        # The strip spans the same height as the rows, below the column headers.
        viewport = self._table.viewport().geometry()
        bottom = self._table.height() - viewport.bottom() - 1
        self._strip_column.setContentsMargins(0, viewport.top(), 0, max(bottom, 0))


class RowHeader(QHeaderView):
    """Row numbers, with a note mark (✎) beside those of rows that have a note."""

    MARK = "✎"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.noted: frozenset[int] = frozenset()
        self.setSectionsClickable(True)  # a click on a number selects the row
        self.setHighlightSections(True)

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:
        painter.save()
        super().paintSection(painter, rect, index)
        painter.restore()
        if index in self.noted:
            mark = rect.adjusted(3, 0, 0, 0)
            painter.drawText(mark, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self.MARK)

    def sectionSizeFromContents(self, index: int) -> QSize:
        # Room for the mark on every row, so that a new note does not change the column widths.
        size = super().sectionSizeFromContents(index)
        return QSize(size.width() + self.fontMetrics().horizontalAdvance(self.MARK) + 3, size.height())


def _make_table(model: RowsModel) -> CompareTable:
    table = CompareTable()
    table.setVerticalHeader(RowHeader(table))
    # Cells, so that single passages can be linked, unlinked or split off; Ctrl and Shift add
    # cells and rows; the navigation actions and the row header select whole rows.
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    # Sideways when the columns at their minimum width do not fit: it changes the height only.
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    # A scrollbar that came and went would change every column width, and so every row height.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # CompareTable shares out the width
    # Long file names lose their middle, not their distinguishing ends; the tooltip has it all.
    header.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    # A selected row would turn every column header bold; bold marks the reference.
    header.setHighlightSections(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    table.setModel(model)  # after the settings above: the frozen column copies them
    return table
