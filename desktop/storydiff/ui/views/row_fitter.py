"""Fits a table's row heights to their wrapped text without freezing the window.

Measuring every cell of a long comparison takes about half a second, and it
must be redone whenever the column widths change. The rows on screen are
fitted at once; the rest follow a chunk per turn of the event loop, while the
row at the top of the viewport is held in place so that nothing visible jumps.
"""

from __future__ import annotations

import time

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from storydiff.ui.views.compare_table import CompareTable

CHUNK_MS = 15.0  # layout time per turn of the event loop; with ten columns a row can cost 2 ms
_SCREENFULS = 3  # fitting the visible rows can bring more into view; a few passes settle it


class RowFitter(QObject):
    """Fits the rows of ``table`` with ``fit()``; ``finished`` when all are done.

    Each row is fitted by ``CompareTable.fit_row``, which measures every column, not just
    those scrolled into view."""

    finished = Signal()

    def __init__(self, table: CompareTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._pending: dict[int, None] = {}  # an ordered set
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def busy(self) -> bool:
        """True while some rows still wait for their height."""
        return bool(self._pending)

    def fit(self) -> None:
        """Fit the visible rows now and schedule the others (cancelling an earlier run)."""
        model = self._table.model()
        self._pending = dict.fromkeys(range(model.rowCount() if model else 0))
        self.fit_visible()
        self._schedule()

    def cancel(self) -> None:
        """Forget the rows still pending (the model changed while hidden, say)."""
        self._pending = {}
        self._timer.stop()

    def fit_visible(self) -> None:
        """Fit the pending rows now on screen (after a jump to a row, say)."""
        for _ in range(_SCREENFULS):
            visible = [row for row in self._visible_rows() if row in self._pending]
            if not visible:
                break
            for row in visible:
                self._table.fit_row(row)
                del self._pending[row]
            self._table.doItemsLayout()  # the scroll range follows at once, for a scrollTo after this

    def _visible_rows(self) -> range:
        count = self._table.model().rowCount() if self._table.model() else 0
        if count == 0:
            return range(0)
        first = max(self._table.rowAt(0), 0)
        last = self._table.rowAt(self._table.viewport().height() - 1)
        return range(first, (count - 1 if last < 0 else last) + 1)

    def _schedule(self) -> None:
        if self._pending:
            self._timer.start()
        else:
            self._timer.stop()
            self._table.doItemsLayout()  # the scroll range follows the heights before anyone asks
            self.finished.emit()

    def _on_timer_timeout(self) -> None:
        anchor = self._table.rowAt(0)
        offset = self._table.rowViewportPosition(anchor) if anchor >= 0 else 0
        chunk = self._fit_for(CHUNK_MS / 1000)
        if anchor >= 0 and chunk and chunk[0] < anchor:
            self._keep_in_place(anchor, offset)
        self._schedule()

    def _fit_for(self, seconds: float) -> list[int]:
        """Fit pending rows until ``seconds`` have passed; returns the rows fitted."""
        deadline, fitted = time.perf_counter() + seconds, []
        count = self._table.model().rowCount()
        while self._pending and time.perf_counter() < deadline:
            row = next(iter(self._pending))
            del self._pending[row]
            if row < count:
                self._table.fit_row(row)
                fitted.append(row)
        return fitted

    def _keep_in_place(self, anchor: int, offset: int) -> None:
        # Rows above the viewport changed height: scroll by as much, so the view stays still.
        self._table.doItemsLayout()  # the scroll range catches up with the new heights
        position = self._table.verticalHeader().sectionPosition(anchor)
        self._table.verticalScrollBar().setValue(position - offset)
