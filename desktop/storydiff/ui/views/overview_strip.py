"""A narrow strip beside the compare table: where the changes and omissions are.

It paints one mark per marked row at the row's relative position in the
whole table and a frame around the part on screen; a click or drag asks for
the row under the pointer. The maths is in ``storydiff.presentation.overview``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTableView, QWidget

from storydiff.presentation import overview_marks, row_at_fraction, visible_band
from storydiff.presentation.accessible_text import strip_description
from storydiff.ui.palette import change_background, is_dark
from storydiff.ui.views.find_highlight import match_colour

STRIP_WIDTH = 14
_TIP = "Changes (left) and omissions (right); click to go there"
_TIP_FINDING = "Changes (left), omissions (middle) and Find matches (right); click to go there"
_MIN_MARK = 2.0  # pixels: a short row in a long story must still show


class OverviewStrip(QWidget):
    """Marks of ``table``'s rows: changes in the left lane, omissions in the right."""

    row_requested = Signal(int)

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._changes: dict[int, str] = {}
        self._omissions: dict[int, str] = {}
        self._found: dict[int, str] = {}  # rows holding a Find match: a third lane while finding
        self._tops: tuple[list[int], int] | None = None
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_TIP)
        self.setAccessibleName("Overview of changes and omissions")
        table.verticalScrollBar().valueChanged.connect(self._on_scroll_bar_changed)
        table.verticalScrollBar().rangeChanged.connect(self._on_scroll_bar_changed)
        # Row heights arrive one row at a time; the positions are summed again lazily.
        table.verticalHeader().sectionResized.connect(self._on_header_changed)
        table.verticalHeader().sectionCountChanged.connect(self._on_header_changed)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def set_marks(self, changes: dict[int, str], omissions: dict[int, str]) -> None:
        """Rows to mark: row -> kind class (see ``presentation.kind_class``), and omitted rows."""
        self._changes, self._omissions = dict(changes), dict(omissions)
        self._describe()
        self.update()

    def set_found(self, rows) -> None:
        """Rows holding a Find match, marked in a lane of their own (at the right); empty: none."""
        self._found = dict.fromkeys(rows, "found")
        self.setToolTip(_TIP_FINDING if self._found else _TIP)
        self._describe()
        self.update()

    def _describe(self) -> None:
        # Painted marks say nothing to a screen reader; the rows are listed in words instead.
        self.setAccessibleDescription(strip_description(self._changes, self._omissions, self._found))

    def found_rows(self) -> frozenset[int]:
        return frozenset(self._found)

    def row_tops(self) -> tuple[list[int], int]:
        """The rows' top edges and the table's full height, in content pixels."""
        if self._tops is None:
            header = self._table.verticalHeader()
            self._tops = [header.sectionPosition(row) for row in range(header.count())], header.length()
        return self._tops

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.AlternateBase))
        tops, total = self.row_tops()
        lanes = 3 if self._found else 2
        lane = (self.width() - lanes - 1) / lanes
        self._paint_lane(painter, overview_marks(tops, total, self._changes), 1.0, lane)
        self._paint_lane(painter, overview_marks(tops, total, self._omissions), 2.0 + lane, lane)
        if self._found:
            self._paint_lane(painter, overview_marks(tops, total, self._found), 3.0 + 2 * lane, lane)
        self._paint_band(painter, total)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._request_at(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._request_at(event.position().y())

    def _on_scroll_bar_changed(self, *_) -> None:
        self.update()

    def _on_header_changed(self, *_) -> None:
        self._tops = None
        self.update()

    def _request_at(self, y: float) -> None:
        tops, total = self.row_tops()
        if tops and self.height() > 0:
            self.row_requested.emit(row_at_fraction(tops, total, y / self.height()))

    def _paint_lane(
        self, painter: QPainter, marks: list[tuple[float, float, str]], x: float, width: float
    ) -> None:
        height = self.height()
        for top, bottom, kind in marks:
            span = (bottom - top) * height
            # A hairline gap keeps neighbouring rows apart when there is room for it.
            span = span - 1.0 if span > 2 * _MIN_MARK else max(span, _MIN_MARK)
            painter.fillRect(QRectF(x, top * height, width, span), self._mark_colour(kind))

    def _paint_band(self, painter: QPainter, total: int) -> None:
        bar = self._table.verticalScrollBar()
        top, bottom = visible_band(bar.value(), self._table.viewport().height(), total)
        height = self.height()
        band = QRectF(0.5, top * height + 0.5, self.width() - 1.0, (bottom - top) * height - 1.0)
        colour = QColor(self.palette().color(QPalette.ColorRole.Text))
        colour.setAlphaF(0.12)
        painter.fillRect(band, colour)
        colour.setAlphaF(0.6)
        painter.setPen(colour)
        painter.drawRect(band)

    def _mark_colour(self, kind: str) -> QColor:
        if kind == "found":
            return match_colour("current", self.palette())
        # The cell colours are pale (or dim, in a dark theme); a thin mark needs the same hue, vivid.
        hue, saturation, value, _ = change_background(kind, self.palette()).getHsvF()
        if saturation < 0.1:  # grey classes: trivial, omitted
            return QColor.fromHsvF(hue, 0.0, 0.65 if is_dark(self.palette()) else 0.5)
        return QColor.fromHsvF(hue, 0.75, 0.95 if is_dark(self.palette()) else 0.85)
