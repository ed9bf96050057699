"""The coverage map widget: statements down, versions across, one painted cell each.

One ``QAbstractScrollArea`` paints only the cells in view (a 40 x 300 map is
12,000 cells; widgets per cell would cost seconds). The statement labels at the
left and the version labels at the top stay put while the grid scrolls; the
legend sits in the corner between them. The same painting routine draws the
PNG and SVG exports, whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygon,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from storydiff.presentation.map_layout import LEGEND, MapGeometry, cell_colour, cell_mark, mark_colour
from storydiff.ui.accessibility import paint_focus_frame
from storydiff.ui.models.coverage_model import CoverageModel
from storydiff.ui.palette import comparison_colour

_LABEL_CHARS = 40  # the statement band holds about this many characters of opening words
_HEADER_CHARS = 28  # the version band holds about this many characters of a version's label
_PAD = 4


class CoverageMapView(QAbstractScrollArea):
    """Paints a ``CoverageModel``; a click on a cell emits ``cell_activated(row, version id)``."""

    cell_activated = Signal(int, str)  # row in Comparison.rows, version id ("" for a statement label)

    def __init__(self, model: CoverageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._hover: tuple[int, int] | None = None
        self._current: tuple[int, int] | None = None  # the keyboard's cell: (line, column)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        model.modelReset.connect(self._on_model_model_reset)
        self._on_model_model_reset()

    def geometry_of_map(self) -> MapGeometry:
        """The map's geometry at the current font."""
        metrics = QFontMetrics(self.font())
        cell = max(18, metrics.height() + 4)
        coverage = self._model.coverage()
        return MapGeometry(
            lines=len(coverage.lines), columns=len(coverage.versions),
            label_width=metrics.averageCharWidth() * _LABEL_CHARS + 2 * _PAD,
            header_height=max(metrics.averageCharWidth() * _HEADER_CHARS, 6 * cell + 2 * _PAD),
            cell_width=cell, cell_height=cell,
        )

    def cell_viewport_rect(self, line: int, column: int) -> QRect:
        """Where a cell is painted now, in viewport pixels (for tests and tooltips)."""
        return QRect(*self.geometry_of_map().cell_rect(line, column, *self._scroll()))

    def scroll_to_line(self, line: int) -> None:
        self.verticalScrollBar().setValue(line * self.geometry_of_map().cell_height)

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    def current_cell(self) -> tuple[int, int] | None:
        """The cell the keyboard is on, as (line, column) of the map shown, or None."""
        return self._current

    def set_current_cell(self, line: int, column: int) -> None:
        """Put the keyboard on a cell (clamped to the map), scroll it into view and say it."""
        coverage = self._model.coverage()
        if not coverage.lines or not coverage.versions:
            self._current = None
            return
        self._current = (min(max(line, 0), len(coverage.lines) - 1), min(max(column, 0), len(coverage.versions) - 1))
        self._scroll_into_view(*self._current)
        self.setAccessibleDescription(self._model.spoken_name(*self._current))
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        self.viewport().update()

    # Export

    def export_png(self, path: str) -> bool:
        """The whole map (every line and version, legend included) as a PNG; True when written."""
        geometry = self.geometry_of_map()
        image = QImage(max(geometry.width, 1), max(geometry.height, 1), QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        self._paint_all(painter, geometry)
        painter.end()
        return image.save(path, "PNG")

    def export_svg(self, path: str) -> bool:
        """The whole map as an SVG drawing; True when written."""
        geometry = self.geometry_of_map()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(QSize(geometry.width, geometry.height))
        generator.setViewBox(QRect(0, 0, geometry.width, geometry.height))
        generator.setTitle("StoryDiff coverage map")
        generator.setDescription("Statements (lines) carried by each version (columns)")
        painter = QPainter()
        if not painter.begin(generator):
            return False
        painter.fillRect(QRect(0, 0, geometry.width, geometry.height), self.palette().color(QPalette.ColorRole.Base))
        self._paint_all(painter, geometry)
        return painter.end()

    # Events

    def paintEvent(self, _event) -> None:
        painter = QPainter(self.viewport())
        geometry = self.geometry_of_map()
        size = self.viewport().size()
        painter.fillRect(QRect(QPoint(0, 0), size), self.palette().color(QPalette.ColorRole.Base))
        scroll_x, scroll_y = self._scroll()
        self._paint(painter, geometry, scroll_x, scroll_y, size.width(), size.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, _dx: int, _dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        geometry, point = self.geometry_of_map(), event.position()
        scroll_x, scroll_y = self._scroll()
        line = geometry.line_at(point.y(), scroll_y)
        if line is None:
            return None
        column = geometry.column_at(point.x(), scroll_x)
        row = self._model.line(line).row
        if column is not None:
            self.cell_activated.emit(row, self._model.coverage().versions[column])
        elif point.x() < geometry.label_width:
            self.cell_activated.emit(row, "")
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows, Home/End and Page Up/Down move between cells; Enter or Space shows the cell."""
        line, column = self._current or (0, 0)
        page = max(self.viewport().height() // self.geometry_of_map().cell_height - 1, 1)
        moves = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1),
                 Qt.Key.Key_Right: (0, 1), Qt.Key.Key_PageUp: (-page, 0), Qt.Key.Key_PageDown: (page, 0)}
        key = event.key()
        if key in moves and self._current is not None:
            self.set_current_cell(line + moves[key][0], column + moves[key][1])
        elif key in moves or key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.set_current_cell(0 if key != Qt.Key.Key_End else len(self._model.coverage().lines) - 1, column)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current is not None:
            self.cell_activated.emit(self._model.line(line).row, self._model.coverage().versions[column])
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self._current is None:
            self.set_current_cell(0, 0)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.geometry_of_map().cell_at(event.position().x(), event.position().y(), *self._scroll())
        if hover != self._hover:
            self._hover = hover
            self.viewport().update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.viewport().update()
        super().leaveEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self._tooltip_at(event.pos()) or "", self.viewport())
            return True
        return super().viewportEvent(event)

    # Painting

    def _paint_all(self, painter: QPainter, geometry: MapGeometry) -> None:
        self._paint(painter, geometry, 0, 0, geometry.width, geometry.height, hover=False)

    def _paint(self, painter: QPainter, geometry: MapGeometry, scroll_x: int, scroll_y: int,
               width: int, height: int, *, hover: bool = True) -> None:
        lines = geometry.visible_lines(scroll_y, height)
        columns = geometry.visible_columns(scroll_x, width)
        painter.setFont(self.font())
        self._paint_stripes(painter, geometry, lines, scroll_y, width)
        self._paint_cells(painter, geometry, lines, columns, scroll_x, scroll_y)
        if hover and self._hover is not None:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRect(*geometry.cell_rect(*self._hover, scroll_x, scroll_y)))
        if hover and self._current is not None and self.hasFocus():
            paint_focus_frame(painter, QRect(*geometry.cell_rect(*self._current, scroll_x, scroll_y)), self.palette())
        self._paint_labels(painter, geometry, lines, scroll_y, height)
        self._paint_headers(painter, geometry, columns, scroll_x, width)
        self._paint_legend(painter, geometry)

    def _paint_stripes(self, painter: QPainter, geometry: MapGeometry, lines: range, scroll_y: int,
                       width: int) -> None:
        # Every other line shaded, so that a statement reads across forty columns.
        shade = self.palette().color(QPalette.ColorRole.AlternateBase)
        for line in lines:
            if line % 2:
                _, y, _, h = geometry.cell_rect(line, 0, 0, scroll_y)
                painter.fillRect(QRect(0, y, width, h), shade)

    def _paint_cells(self, painter: QPainter, geometry: MapGeometry, lines: range, columns: range,
                     scroll_x: int, scroll_y: int) -> None:
        coverage = self._model.coverage()
        empty = QPen(self.palette().color(QPalette.ColorRole.Mid), 1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for line in lines:
            cells = coverage.lines[line].cells
            for column in columns:
                cell = cells[coverage.versions[column]]
                x, y, w, h = geometry.cell_rect(line, column, scroll_x, scroll_y)
                box = QRect(x + 2, y + 2, w - 4, h - 4)
                colour = cell_colour(cell.state, cell.amount)
                if colour is None:
                    painter.setPen(empty)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(box.adjusted(0, 0, -1, -1))
                else:
                    painter.fillRect(box, QColor(*colour))
                    _paint_mark(painter, box, cell.state, cell.amount, colour)

    def _paint_labels(self, painter: QPainter, geometry: MapGeometry, lines: range, scroll_y: int,
                      height: int) -> None:
        palette = self.palette()
        painter.fillRect(QRect(0, geometry.header_height, geometry.label_width, height), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetrics(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        hover_line = self._hover[0] if self._hover else None
        for line in lines:
            _, y, _, h = geometry.cell_rect(line, 0, 0, scroll_y)
            if line % 2:
                painter.fillRect(QRect(0, y, geometry.label_width, h), palette.color(QPalette.ColorRole.AlternateBase))
            model_line = self._model.line(line)
            text = metrics.elidedText(f"{model_line.row + 1}  {model_line.opening}", Qt.TextElideMode.ElideRight,
                                      geometry.label_width - 2 * _PAD)
            painter.setFont(_bold(self.font()) if line == hover_line else self.font())
            painter.drawText(QRect(_PAD, y, geometry.label_width - 2 * _PAD, h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.setFont(self.font())

    def _paint_headers(self, painter: QPainter, geometry: MapGeometry, columns: range, scroll_x: int,
                       width: int) -> None:
        palette, comparison = self.palette(), self._model.comparison()
        painter.fillRect(QRect(geometry.label_width, 0, width, geometry.header_height), palette.color(QPalette.ColorRole.Base))
        if comparison is None:
            return
        versions = self._model.coverage().versions
        hover_column = self._hover[1] if self._hover else None
        chip = geometry.cell_width - 8
        length = geometry.header_height - chip - 3 * _PAD
        for column in columns:
            x, _, w, _ = geometry.cell_rect(0, column, scroll_x, 0)
            vid = versions[column]
            painter.fillRect(QRect(x + 4, geometry.header_height - chip - _PAD, chip, chip),
                             comparison_colour(comparison, vid))
            bold = vid == comparison.reference or column == hover_column
            font = _bold(self.font()) if bold else self.font()
            text = QFontMetrics(font).elidedText(comparison.version(vid).label, Qt.TextElideMode.ElideMiddle, length)
            painter.save()
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.translate(x + w / 2, geometry.header_height - chip - 2 * _PAD)
            painter.rotate(-90)
            painter.drawText(QRectF(0, -w / 2, length, w), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            painter.restore()

    def _paint_legend(self, painter: QPainter, geometry: MapGeometry) -> None:
        palette = self.palette()
        painter.fillRect(QRect(0, 0, geometry.label_width, geometry.header_height), palette.color(QPalette.ColorRole.Base))
        size = geometry.cell_height - 6
        row_height = max((geometry.header_height - 2 * _PAD) // len(LEGEND), size + 2)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for number, (state, amount, name) in enumerate(LEGEND):
            y = _PAD + number * row_height
            box = QRect(_PAD, y + (row_height - size) // 2, size, size)
            colour = cell_colour(state, amount)
            if colour is None:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
                painter.drawRect(box.adjusted(0, 0, -1, -1))
                painter.setPen(palette.color(QPalette.ColorRole.Text))
            else:
                painter.fillRect(box, QColor(*colour))
                _paint_mark(painter, box, state, amount, colour)
                painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRect(2 * _PAD + size, y, geometry.label_width - 3 * _PAD - size, row_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)

    # Helpers

    def _scroll(self) -> tuple[int, int]:
        return self.horizontalScrollBar().value(), self.verticalScrollBar().value()

    def _tooltip_at(self, pos: QPoint) -> str | None:
        geometry = self.geometry_of_map()
        scroll_x, scroll_y = self._scroll()
        cell = geometry.cell_at(pos.x(), pos.y(), scroll_x, scroll_y)
        if cell is not None:
            return self._model.tooltip(*cell)
        line, column = geometry.line_at(pos.y(), scroll_y), geometry.column_at(pos.x(), scroll_x)
        if line is not None:
            return self._model.headerData(line, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        if column is not None:
            return self._model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        return None

    def _scroll_into_view(self, line: int, column: int) -> None:
        geometry, size = self.geometry_of_map(), self.viewport().size()
        x, y, w, h = geometry.cell_rect(line, column, 0, 0)
        # Cell rectangles include the fixed label band and header: scroll only the grid part.
        for bar, start, length, fixed, room in (
            (self.verticalScrollBar(), y, h, geometry.header_height, size.height()),
            (self.horizontalScrollBar(), x, w, geometry.label_width, size.width()),
        ):
            if start - bar.value() < fixed:
                bar.setValue(start - fixed)
            elif start + length - bar.value() > room:
                bar.setValue(start + length - room)

    def _update_scrollbars(self) -> None:
        geometry = self.geometry_of_map()
        size = self.viewport().size()
        most_x, most_y = geometry.scroll_ranges(size.width(), size.height())
        self.horizontalScrollBar().setRange(0, most_x)
        self.horizontalScrollBar().setPageStep(max(size.width() - geometry.label_width, geometry.cell_width))
        self.horizontalScrollBar().setSingleStep(geometry.cell_width)
        self.verticalScrollBar().setRange(0, most_y)
        self.verticalScrollBar().setPageStep(max(size.height() - geometry.header_height, geometry.cell_height))
        self.verticalScrollBar().setSingleStep(geometry.cell_height)

    def _on_model_model_reset(self) -> None:
        self._hover = None
        self._current = None
        self._update_scrollbars()
        self.viewport().update()


def _paint_mark(painter: QPainter, box: QRect, state: str, amount: float, fill: tuple[int, int, int]) -> None:
    """The cell's mark (``map_layout.cell_mark``) in black or white over its ``fill``."""
    mark = cell_mark(state, amount)
    if mark is None:
        return
    shape, share = mark
    colour = QColor(*mark_colour(fill))
    side = max(4, min(box.width(), box.height()) // 3)
    if shape == "bar":
        painter.fillRect(QRect(box.left(), box.bottom() - 2, max(2, round(box.width() * share)), 3), colour)
    elif shape == "corner":
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        right, top = box.right() + 1, box.top()
        painter.drawPolygon(QPolygon([QPoint(right - side, top), QPoint(right, top), QPoint(right, top + side)]))
        painter.restore()
    else:  # plus, in the top-left quarter
        arm = max(5, min(box.width(), box.height()) // 2 - 1)
        x, y = box.left() + 1, box.top() + 1
        painter.fillRect(QRect(x, y + arm // 2 - 1, arm, 2), colour)
        painter.fillRect(QRect(x + arm // 2 - 1, y, 2, arm), colour)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold

