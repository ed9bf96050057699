"""The quotes of a comparison as a Qt table, and the proxy that sorts and filters it.

``QuotesModel`` is a thin adapter over ``Comparison.quotes``: one row per quote;
columns Speaker, Quote (the canonical wording), then one per version (the
reference first) whose display text is that version's status. The filters and
sort keys themselves are Qt-free, in ``storydiff.presentation.quotes``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from storydiff.core.model import Comparison, Quote
from storydiff.presentation import default_columns
from storydiff.presentation.quotes import (
    ALL_QUOTES,
    DIFFERING,
    STATUSES,
    occurrence_tooltip,
    quote_matches,
    speaker_key,
    status_rank,
)
from storydiff.presentation.accessible_text import quote_status_description, quote_status_name, quote_text_name
from storydiff.ui.models.version_headers import VersionHeaders

_Role = Qt.ItemDataRole
StatusRole = _Role.UserRole + 1  # str: the version's status (version columns only)
QuoteRole = _Role.UserRole + 2  # Quote: the row's quote (every column)
VersionIdRole = _Role.UserRole + 3  # str: the column's version id (version columns only)
SortRole = _Role.UserRole + 4  # a key the proxy compares: speaker, wording or status rank

SPEAKER_COLUMN, QUOTE_COLUMN, FIRST_VERSION_COLUMN = 0, 1, 2
NO_SPEAKER = "—"

Index = QModelIndex | QPersistentModelIndex


class QuotesModel(QAbstractTableModel):
    """One row per quote of a comparison, in the engine's order (reference reading order)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._versions: list[str] = []
        self._headers = VersionHeaders()
        self._found: frozenset[str] = frozenset()  # ids of quotes holding a Find match
        self._found_colours = (None, None)  # their Speaker and Quote cells' background and text (QColors)

    def set_found(self, quote_ids: frozenset[str], background=None, foreground=None) -> None:
        """Give the Speaker and Quote cells of these quotes ``background`` and ``foreground`` (Find's matches)."""
        self._found, self._found_colours = frozenset(quote_ids), (background, foreground)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, SPEAKER_COLUMN), self.index(self.rowCount() - 1, QUOTE_COLUMN),
                                  [_Role.BackgroundRole, _Role.ForegroundRole])

    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show the quotes of ``comparison`` (nothing when None)."""
        self.beginResetModel()
        self._comparison = comparison
        self._versions = default_columns(comparison) if comparison else []
        self._headers.reset()
        self.endResetModel()

    def quote_at(self, row: int) -> Quote:
        """The quote shown in ``row`` (which must be in range)."""
        assert self._comparison is not None
        return self._comparison.quotes[row]

    def row_of(self, quote_id: str) -> int:
        """The row of the quote with id ``quote_id``, or -1."""
        quotes = self._comparison.quotes if self._comparison else ()
        return next((row for row, quote in enumerate(quotes) if quote.id == quote_id), -1)

    def version_at(self, column: int) -> str | None:
        """The version id shown in ``column``; None for Speaker and Quote."""
        position = column - FIRST_VERSION_COLUMN
        return self._versions[position] if 0 <= position < len(self._versions) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._comparison is None:
            return 0
        return len(self._comparison.quotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._comparison is None:
            return 0
        return FIRST_VERSION_COLUMN + len(self._versions)

    def data(self, index: Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        quote, version_id = self.quote_at(index.row()), self.version_at(index.column())
        if role == QuoteRole:
            return quote
        if role == VersionIdRole:
            return version_id
        if role in (_Role.AccessibleTextRole, _Role.AccessibleDescriptionRole):
            return self._spoken(quote, version_id, role)
        if role in (_Role.BackgroundRole, _Role.ForegroundRole) and version_id is None:
            return self._found_colours[role == _Role.ForegroundRole] if quote.id in self._found else None
        if version_id is None:
            return _text_data(quote, index.column(), role)
        return self._status_data(quote, version_id, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            valid = 0 <= section < self.rowCount()
            return self.quote_at(section).id if valid and role == _Role.DisplayRole else None
        if section in (SPEAKER_COLUMN, QUOTE_COLUMN) and self._comparison is not None:
            return ("Speaker", "Quote")[section] if role == _Role.DisplayRole else None
        version_id = self.version_at(section)
        return None if version_id is None else self._headers.data(self._comparison, version_id, role)

    def _spoken(self, quote: Quote, version_id: str | None, role: int) -> str:
        """A screen reader's name and description: the speaker and wording; a badge's status in words."""
        if version_id is None:
            return quote_text_name(quote.speaker, quote.text) if role == _Role.AccessibleTextRole else "quotation"
        occurrence = quote.occurrences.get(version_id)
        if role == _Role.AccessibleDescriptionRole:
            return quote_status_description(occurrence)
        assert self._comparison is not None
        return quote_status_name(self._comparison.version(version_id).label, occurrence)

    def _status_data(self, quote: Quote, version_id: str, role: int) -> Any:
        occurrence = quote.occurrences.get(version_id)
        if occurrence is None:
            return None
        if role in (_Role.DisplayRole, StatusRole):
            return occurrence.status
        if role == SortRole:
            return status_rank(occurrence.status)
        if role == _Role.ToolTipRole:
            assert self._comparison is not None
            return occurrence_tooltip(self._comparison.version(version_id).label, occurrence)
        if role == _Role.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

def _text_data(quote: Quote, column: int, role: int) -> Any:
    """Speaker and Quote cells."""
    if column == SPEAKER_COLUMN:
        if role == _Role.DisplayRole:
            return quote.speaker or NO_SPEAKER
        if role == _Role.ToolTipRole:
            return quote.speaker or "no version names the speaker"
        return speaker_key(quote) if role == SortRole else None
    if role == _Role.DisplayRole:
        return quote.text
    if role == _Role.ToolTipRole:
        return f"“{quote.text}”\n(the fullest wording across the versions)"
    return quote.text.casefold() if role == SortRole else None


class QuotesFilterModel(QSortFilterProxyModel):
    """Sorts ``QuotesModel`` by any column and filters it by speaker and status."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._speaker_text = ""
        self._status_filter = ALL_QUOTES
        self.setSortRole(SortRole)

    def set_speaker_text(self, text: str) -> None:
        """Keep the quotes whose canonical speaker contains ``text`` (any case; "" keeps all)."""
        if text != self._speaker_text:
            self.beginFilterChange()
            self._speaker_text = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status_filter(self, status_filter: str) -> None:
        """Keep all quotes (``ALL_QUOTES``), those that differ somewhere (``DIFFERING``),
        or those with ``status_filter`` (one of ``STATUSES``) in some version."""
        if status_filter not in (ALL_QUOTES, DIFFERING, *STATUSES):
            raise ValueError(f"unknown status filter: {status_filter!r}")
        if status_filter != self._status_filter:
            self.beginFilterChange()
            self._status_filter = status_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        quote = self.sourceModel().index(source_row, 0, source_parent).data(QuoteRole)
        return quote is not None and quote_matches(quote, self._speaker_text, self._status_filter)

    def lessThan(self, left: Index, right: Index) -> bool:
        # The keys are Python values (tuples for speakers), which QVariant cannot order.
        mine, theirs = left.data(SortRole), right.data(SortRole)
        if mine is None or theirs is None:
            return mine is None and theirs is not None
        return mine < theirs
