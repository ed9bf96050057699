"""Quote statuses as small coloured badges: the colours and the table delegate.

Each status has a background and a text colour for light and for dark themes,
chosen for contrast in both. Misattributed and altered are saturated and bold
so they stand out; absent is grey; the faithful ones stay quiet.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from storydiff.presentation.quotes import STATUSES
from storydiff.ui.accessibility import has_focus_frame, paint_focus_frame
from storydiff.ui.models.quotes_model import StatusRole
from storydiff.ui.palette import is_dark, paint_selection_tint

# status -> ((light background, light text), (dark background, dark text))
STATUS_COLOURS = {
    "verbatim": (("#dcefe0", "#1d5c2c"), ("#1f4229", "#bfe8c9")),
    "trimmed": (("#dbe7fb", "#1f4a8a"), ("#213a5e", "#c4d9fa")),
    "paraphrased": (("#ebe0f7", "#5b3589"), ("#3d2c58", "#dccbf3")),
    "altered": (("#f6a33a", "#2b1800"), ("#d9821c", "#1d1000")),
    "misattributed": (("#d92d3a", "#ffffff"), ("#cf3640", "#ffffff")),
    "absent": (("#e6e6e6", "#5a5a5a"), ("#363636", "#a8a8a8")),
}
# Statuses a reader must not miss: drawn bold as well as saturated.
LOUD = frozenset({"altered", "misattributed"})
_UNKNOWN = (("#e6e6e6", "#333333"), ("#363636", "#dddddd"))

PAD_X, PAD_Y = 7, 2  # inside the badge, around its word
MARGIN = 4  # between the badge and the cell's edges
RADIUS = 4.0


def status_colours(status: str, palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """``(background, text)`` of the badge for ``status`` in the current theme."""
    light, dark = STATUS_COLOURS.get(status, _UNKNOWN)
    background, text = dark if is_dark(palette) else light
    return QColor(background), QColor(text)


def badge_font(status: str, font: QFont) -> QFont:
    """``font`` a little smaller, bold for the statuses that must stand out."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * 0.9)
    small.setBold(status in LOUD)
    return small


def badge_size(status: str, font: QFont) -> QSize:
    """Pixel size of the badge showing ``status`` in (a badge version of) ``font``."""
    # Every paint asks; measuring means a font copy and new metrics each time.
    key = (status, font.key())
    if key not in _SIZES:
        metrics = QFontMetricsF(badge_font(status, font))
        width = metrics.horizontalAdvance(status) + 2 * PAD_X
        _SIZES[key] = QSize(int(width + 0.999), int(metrics.height() + 2 * PAD_Y + 0.999))
    return QSize(_SIZES[key])


_SIZES: dict[tuple[str, str], QSize] = {}


def widest_badge(font: QFont) -> QSize:
    """The size of the widest status badge, to size status columns by."""
    # Size hints ask for every cell; measuring six words each time cost tens of ms.
    key = font.key()
    if key not in _WIDEST:
        sizes = [badge_size(status, font) for status in STATUSES]
        _WIDEST[key] = QSize(max(s.width() for s in sizes), max(s.height() for s in sizes))
    return QSize(_WIDEST[key])


_WIDEST: dict[str, QSize] = {}


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints status cells (``StatusRole``) as a centred rounded badge, and every
    cell of a selected row with a tint rather than the solid highlight, so that
    the badge colours stay true and the row reads as one band."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if not isinstance(index.data(StatusRole), str):
            return super().sizeHint(option, index)
        size = widest_badge(option.font)
        return QSize(size.width() + 2 * MARGIN, size.height() + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        _paint_cell_background(painter, option)
        painter.restore()
        status = index.data(StatusRole)
        if not isinstance(status, str):
            plain = QStyleOptionViewItem(option)
            plain.state &= ~QStyle.StateFlag.State_Selected
            super().paint(painter, plain, index)
            return
        painter.save()
        painter.setClipRect(option.rect)
        _paint_badge(painter, option, status)
        if has_focus_frame(option):
            paint_focus_frame(painter, option.rect, option.palette)
        painter.restore()


def _paint_cell_background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    painter.fillRect(option.rect, option.palette.base())
    if option.state & QStyle.StateFlag.State_Selected:
        paint_selection_tint(painter, option.rect, option.palette)


def _paint_badge(painter: QPainter, option: QStyleOptionViewItem, status: str) -> None:
    background, text = status_colours(status, option.palette)
    rect = _badge_rect(option, status)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(rect, RADIUS, RADIUS)
    painter.setPen(text)
    painter.setFont(badge_font(status, option.font))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, status)


def _badge_rect(option: QStyleOptionViewItem, status: str) -> QRectF:
    """The badge centred in the cell, never wider than the cell less its margins."""
    size = badge_size(status, option.font)
    cell = QRectF(option.rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    width, height = min(size.width(), cell.width()), min(size.height(), cell.height())
    return QRectF(cell.center().x() - width / 2, cell.center().y() - height / 2, width, height)
