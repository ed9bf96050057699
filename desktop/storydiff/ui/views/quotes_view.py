"""The quotes view: one line per quote with a status badge per version, a filter
bar above it, and below it the selected quote as each version prints it.

The table shows ``QuotesModel`` through ``QuotesFilterModel``; the details are
written into a QTextDocument from Qt-free ``OccurrenceView`` values, each
version's wording inserted as plain text with its differences laid over it as
formats. Asking to see a quote in the comparison emits ``row_requested``; the
context menu of a version's status badge marks that status by hand
(``status_marked``), and the note button asks for a note on the quote
(``note_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison, Quote
from storydiff.presentation.quotes import (
    ALL_QUOTES,
    DIFFERING,
    STATUSES,
    occurrence_row,
    quote_row,
    version_column_widths,
)
from storydiff.ui.models.quotes_model import (
    FIRST_VERSION_COLUMN,
    QUOTE_COLUMN,
    SPEAKER_COLUMN,
    QuoteRole,
    QuotesFilterModel,
    QuotesModel,
    StatusRole,
    VersionIdRole,
)
from storydiff.ui.views.quote_details import write_details
from storydiff.ui.views.status_badge import MARGIN, StatusBadgeDelegate, widest_badge

EMPTY_HINT = "No quotations in these versions"
NO_COMPARISON_HINT = "Add versions to see their quotations"
STATUS_CHOICES = [("All quotes", ALL_QUOTES), ("Quotes that differ", DIFFERING)] + [
    (f"Any version {status}", status) for status in STATUSES
]
_SPEAKER_WIDTH = (90, 200)  # bounds of the Speaker column's fitted width
_MAX_VERSION_WIDTH = 130  # a long outlet name is elided (its header tooltip has it whole)
_MIN_QUOTE_WIDTH = 320  # the version columns shrink (down to a badge) to leave this
_SPEAKER_EDIT_WIDTH = 240
_HINT_PAGE, _TABLE_PAGE = 0, 1


class QuotesView(QWidget):
    """Every quote of a comparison, filterable, with each version's wording below."""

    row_requested = Signal(int)  # a position in Comparison.rows, to show in the compare view
    quote_selected = Signal(object)  # the selected Quote, or None
    status_marked = Signal(str, str, str)  # quote text (canonical wording), version id, status
    note_requested = Signal(object)  # the Quote to write a note on
    copy_requested = Signal()  # "Copy Quote as Evidence" chosen in the context menu
    details_rendered = Signal()  # the details were written again (Find lays its matches over them)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QuotesModel(self)
        self._proxy = QuotesFilterModel(self)
        self._proxy.setSourceModel(self._model)
        self._speaker_edit = QLineEdit(placeholderText="Filter by speaker", clearButtonEnabled=True)
        self._speaker_edit.setMinimumWidth(_SPEAKER_EDIT_WIDTH)
        self._status_combo = _make_status_combo()
        self._count_label = QLabel()
        self._table = _make_table(self._proxy)
        self._table.setItemDelegate(StatusBadgeDelegate(self._table))
        self._details = QTextBrowser(openLinks=False)
        self._title = _bold_label()
        self._show_button = QPushButton("Show in comparison", enabled=False)
        self._note_button = QPushButton("Add Note…", enabled=False, toolTip="Write a note on this quote")
        self._note_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText, visible=False)
        self._context_menu: QMenu | None = None
        self._hint = QLabel(NO_COMPARISON_HINT, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self._stack = QStackedWidget(self)
        self._build_layout()
        self._connect()
        self.setFocusProxy(self._table)
        self._render_details()

    # Public API

    @property
    def table(self) -> QTableView:
        """The quotes table, for keyboard focus and tests."""
        return self._table

    @property
    def details(self) -> QTextBrowser:
        """The selected quote in every version (read-only), for tests."""
        return self._details

    @property
    def speaker_edit(self) -> QLineEdit:
        return self._speaker_edit

    @property
    def status_combo(self) -> QComboBox:
        return self._status_combo

    @property
    def show_button(self) -> QPushButton:
        return self._show_button

    @property
    def note_button(self) -> QPushButton:
        return self._note_button

    @property
    def note_label(self) -> QLabel:
        """The note on the selected quote (hidden when it has none)."""
        return self._note_label

    @property
    def context_menu(self) -> QMenu | None:
        """The context menu last shown over the table, for tests."""
        return self._context_menu

    def set_note(self, text: str | None) -> None:
        """Show ``text`` as the note on the selected quote; None or "": no note."""
        self._note_label.setText(f"✎ {text}" if text else "")
        self._note_label.setVisible(bool(text))
        self._note_button.setText("Edit Note…" if text else "Add Note…")

    def set_text_font(self, font: QFont) -> None:
        """Show the table and the details in ``font`` (zoom); the columns refit to it."""
        self._table.setFont(font)
        self._details.setFont(font)
        self._fit_columns()

    def refresh_details(self) -> None:
        """Write the selected quote's details again (Find's marks go with the old ones)."""
        self._render_details()

    def comparison(self) -> Comparison | None:
        return self._model.comparison()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show the quotes of ``comparison`` (None: nothing). The filters stay; the
        quote selected before stays selected if the new comparison has it (same id
        and wording), else the first quote shown is selected."""
        previous = self.selected_quote()
        self._model.set_comparison(comparison)
        has_quotes = comparison is not None and bool(comparison.quotes)
        self._hint.setText(NO_COMPARISON_HINT if comparison is None else EMPTY_HINT)
        self._stack.setCurrentIndex(_TABLE_PAGE if has_quotes else _HINT_PAGE)
        self._fit_columns()
        # The same quote, its statuses perhaps changed (by hand, say); ids alone are renumbered.
        kept = previous is not None and any((q.id, q.text) == (previous.id, previous.text)
                                            for q in (comparison.quotes if comparison else ()))
        if kept:
            self.select_quote(previous.id)
        else:
            self._select_first()
        self._update_count()

    def selected_quote(self) -> Quote | None:
        """The quote selected in the table, or None."""
        rows = self._table.selectionModel().selectedRows()
        return rows[0].data(QuoteRole) if rows else None

    def select_quote(self, quote_id: str) -> None:
        """Select and show the quote with id ``quote_id``, clearing the filters if
        they hide it. Raises KeyError if the comparison has no such quote."""
        source_row = self._model.row_of(quote_id)
        if source_row < 0:
            raise KeyError(quote_id)
        index = self._proxy.mapFromSource(self._model.index(source_row, 0))
        if not index.isValid():
            self._speaker_edit.clear()
            self._status_combo.setCurrentIndex(0)
            index = self._proxy.mapFromSource(self._model.index(source_row, 0))
        self._select_index(index)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render_details()  # the marks' colours follow the theme

    # Building

    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._table)
        splitter.addWidget(self._details_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._filter_bar())
        column.addWidget(splitter, 1)
        self._hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._stack.addWidget(self._hint)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self._speaker_edit)
        bar.addWidget(self._status_combo)
        bar.addStretch(1)
        bar.addWidget(self._count_label)
        return bar

    def _details_panel(self) -> QWidget:
        panel = QWidget()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self._title, 1)
        head.addWidget(self._note_button)
        head.addWidget(self._show_button)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(head)
        column.addWidget(self._note_label)
        column.addWidget(self._details, 1)
        return panel

    def _connect(self) -> None:
        self._speaker_edit.textChanged.connect(self._on_speaker_edit_text_changed)
        self._status_combo.currentIndexChanged.connect(self._on_status_combo_current_index_changed)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._table.doubleClicked.connect(self._on_table_double_clicked)
        self._show_button.clicked.connect(self._on_show_button_clicked)
        self._note_button.clicked.connect(self._on_note_button_clicked)
        self._table.customContextMenuRequested.connect(self._on_table_custom_context_menu_requested)

    # Slots

    def _on_speaker_edit_text_changed(self, text: str) -> None:
        self._proxy.set_speaker_text(text)
        self._after_filter()

    def _on_status_combo_current_index_changed(self, position: int) -> None:
        self._proxy.set_status_filter(self._status_combo.itemData(position) or ALL_QUOTES)
        self._after_filter()

    def _on_table_selection_changed(self, *_) -> None:
        self._render_details()
        self.quote_selected.emit(self.selected_quote())

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        """The row of the version double-clicked, or of the quote as a whole."""
        comparison, quote = self._model.comparison(), index.data(QuoteRole)
        if comparison is None or quote is None:
            return
        version_id = index.data(VersionIdRole)
        occurrence = quote.occurrences.get(version_id) if version_id else None
        row = occurrence_row(comparison, version_id, occurrence) if occurrence else None
        self._request_row(quote_row(comparison, quote) if row is None else row)

    def _on_show_button_clicked(self) -> None:
        comparison, quote = self._model.comparison(), self.selected_quote()
        if comparison is not None and quote is not None:
            self._request_row(quote_row(comparison, quote))

    def _on_note_button_clicked(self) -> None:
        quote = self.selected_quote()
        if quote is not None:
            self.note_requested.emit(quote)

    def _on_table_custom_context_menu_requested(self, pos: QPoint) -> None:
        """Select the quote under ``pos`` and pop up its menu: statuses over a version's badge,
        and a note on the quote."""
        index = self._table.indexAt(pos)
        if not index.isValid():
            return
        if not self._table.selectionModel().isRowSelected(index.row()):
            self._select_index(index)
        if self._context_menu is not None:
            self._context_menu.deleteLater()
        self._context_menu = self._make_context_menu(index)
        self._context_menu.popup(self._table.viewport().mapToGlobal(pos))

    # Helpers

    def _make_context_menu(self, index: QModelIndex) -> QMenu:
        quote, version_id = index.data(QuoteRole), index.data(VersionIdRole)
        menu = QMenu(self)
        if version_id:
            current = index.data(StatusRole)
            for status in STATUSES:
                action = menu.addAction(f"Mark as {status}")
                action.setCheckable(True)
                action.setChecked(status == current)
                action.triggered.connect(
                    lambda _=False, s=status: self.status_marked.emit(quote.text, version_id, s))
            menu.addSeparator()
        menu.addAction("Note on Quote…", lambda: self.note_requested.emit(quote))
        menu.addSeparator()
        menu.addAction("Copy Quote as Evidence", self.copy_requested.emit)
        return menu

    def _request_row(self, row: int | None) -> None:
        if row is not None:
            self.row_requested.emit(row)

    def _after_filter(self) -> None:
        # A quote the filter hid is no choice any more: show the first one left instead.
        if self.selected_quote() is None:
            self._select_first()
        self._render_details()
        self._update_count()

    def _select_first(self) -> None:
        if self._proxy.rowCount() > 0:
            self._select_index(self._proxy.index(0, 0))
        else:
            self._table.selectionModel().clear()
            self._render_details()

    def _select_index(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self._table.selectionModel().setCurrentIndex(index, flags)
        self._table.scrollTo(index)

    def _update_count(self) -> None:
        total, shown = self._model.rowCount(), self._proxy.rowCount()
        noun = "quote" if total == 1 else "quotes"
        self._count_label.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    def _render_details(self) -> None:
        comparison, quote = self._model.comparison(), self.selected_quote()
        row = quote_row(comparison, quote) if comparison and quote else None
        self._show_button.setEnabled(row is not None)
        self._note_button.setEnabled(quote is not None)
        hidden = self._proxy.rowCount() == 0 < self._model.rowCount()
        self._title.setText(_title(quote, hidden))
        write_details(self._details.document(), comparison, quote, self._details.palette())
        self._details.verticalScrollBar().setValue(0)  # a new quote is read from its top
        self.details_rendered.emit()

    def _fit_columns(self) -> None:
        """Speaker fitted to its names, versions as wide as their labels while the
        Quote column keeps ``_MIN_QUOTE_WIDTH``, Quote given the rest (at least its minimum)."""
        header, count = self._table.horizontalHeader(), self._model.columnCount()
        if count == 0:
            return
        # Not Stretch: when five badges leave too little room, the Quote column keeps
        # its minimum and the table scrolls sideways instead of squeezing the quote.
        header.setSectionResizeMode(QUOTE_COLUMN, QHeaderView.ResizeMode.Interactive)
        self._table.resizeColumnToContents(SPEAKER_COLUMN)
        low, high = _SPEAKER_WIDTH
        header.resizeSection(SPEAKER_COLUMN, min(max(header.sectionSize(SPEAKER_COLUMN), low), high))
        columns = range(FIRST_VERSION_COLUMN, count)
        available = self._table.viewport().width() - header.sectionSize(SPEAKER_COLUMN) - _MIN_QUOTE_WIDTH
        widths = version_column_widths(available, [header.sectionSizeHint(c) for c in columns],
                                       badge=widest_badge(self._table.font()).width() + 2 * MARGIN,
                                       cap=_MAX_VERSION_WIDTH)
        for column, width in zip(columns, widths):
            header.resizeSection(column, width)
        rest = self._table.viewport().width() - header.sectionSize(SPEAKER_COLUMN) - sum(widths)
        header.resizeSection(QUOTE_COLUMN, max(_MIN_QUOTE_WIDTH, rest))


def _title(quote: Quote | None, hidden_by_filters: bool) -> str:
    if quote is not None:
        return f"{quote.id} · {quote.speaker or 'speaker not named'}"
    return "No quote matches the filters" if hidden_by_filters else "Select a quote to see it in every version"


def _bold_label() -> QLabel:
    label = QLabel(textFormat=Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _make_status_combo() -> QComboBox:
    combo = QComboBox()
    for text, key in STATUS_CHOICES:
        combo.addItem(text, key)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _make_table(model: QuotesFilterModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setHighlightSections(False)  # every column of the selected row would turn bold
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # long outlet names; the tooltip has them whole
    header.setSectionsMovable(False)
    header.setSortIndicatorClearable(True)  # a third click restores the reading order
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table
