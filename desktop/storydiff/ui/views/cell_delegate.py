"""Paints one compare-view cell: the version's own text with its changes laid over it.

The text is laid out once per (cell, width) as plain text; change highlights
are format ranges drawn over that layout (converted to UTF-16 with
``utf16_spans``), so the text shown is always exactly the version's text.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from storydiff.diffing import utf16_spans
from storydiff.presentation import CellView, deleted_line
from storydiff.ui.accessibility import add_change_cue, has_focus_frame, paint_focus_frame
from storydiff.ui.models.rows_model import CellViewRole
from storydiff.ui.palette import change_background, paint_selection_tint
from storydiff.ui.views.find_highlight import find_formats, outline_current

PAD_X, PAD_Y = 6, 5
_GAP = 3  # between the text and the line of deleted words
_BADGE_PAD = 3
_MIN_WIDTH = 80
_FALLBACK_WIDTH = 240  # when a view asks before it knows the column width
_CACHE_SIZE = 8192
_SMALL = 0.85  # size of the deleted-words line and the badge, relative to the text
# Qt lays out line and paragraph separators only; these swaps keep every UTF-16 offset.
BREAKS = str.maketrans({"\n": "\u2028", "\r": "\u2028", "\v": "\u2028", "\f": "\u2028"})


@dataclass(frozen=True)
class _CellLayout:
    """A cell laid out for one width; heights in pixels, padding excluded."""

    text: QTextLayout
    text_height: float
    deleted: QTextLayout | None
    deleted_height: float

    @property
    def height(self) -> float:
        return self.text_height + (_GAP + self.deleted_height if self.deleted else 0.0)


class CellDelegate(QStyledItemDelegate):
    """Draws ``CellView`` cells (``CellViewRole``) with wrapped text and overlays."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layouts: OrderedDict[tuple, _CellLayout] = OrderedDict()
        # Find's matches (set by the find bar): index -> (code-point spans, position of the current one or None).
        self.find_marks = None

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """The cell's wrapped height at the column width given in ``option.rect``."""
        view = index.data(CellViewRole)
        if not isinstance(view, CellView):
            return super().sizeHint(option, index)
        width = option.rect.width() if option.rect.width() > 2 * PAD_X else _FALLBACK_WIDTH
        return QSize(_MIN_WIDTH, self.height_for(view, option.font, width))

    def height_for(self, view: CellView, font: QFont, width: int) -> int:
        """The height in pixels ``view`` needs in a cell ``width`` pixels wide."""
        return math.ceil(self.cell_layout(view, font, width).height) + 2 * PAD_Y

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        view = index.data(CellViewRole)
        if not isinstance(view, CellView):
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setClipRect(option.rect)
        self._paint_background(painter, option, view)
        layout = self.cell_layout(view, option.font, option.rect.width())
        found = self.find_marks(index) if self.find_marks is not None else ((), None)
        self._paint_text(painter, option, view, layout, found)
        self._paint_badges(painter, option, view)
        if has_focus_frame(option):
            paint_focus_frame(painter, option.rect, option.palette)
        painter.restore()

    def helpEvent(self, event, item_view, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        """Over a change, the tooltip tells it (``said → mentioned (reporting-verb)``)."""
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(index, option, QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, item_view)
                return True
        return super().helpEvent(event, item_view, option, index)

    def cell_layout(self, view: CellView, font: QFont, width: int) -> _CellLayout:
        """The (cached) layout of ``view`` in a cell ``width`` pixels wide."""
        # Keyed by what is laid out rather than by (row, column): an entry stays right through
        # model resets, focus mode and the trivial switch, whose highlights are painted on top.
        key = (view.text, view.deleted, view.moved, view.omitted, view.kind, width, font.key())
        layout = self._layouts.get(key)
        if layout is None:
            layout = _build_layout(view, font, max(width - 2 * PAD_X, 1))
            self._layouts[key] = layout
            if len(self._layouts) > _CACHE_SIZE:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return layout

    def tooltip_at(self, index: QModelIndex, option: QStyleOptionViewItem, pos: QPointF) -> str | None:
        """The tooltip of the change under ``pos`` (viewport pixels), if any."""
        view = index.data(CellViewRole)
        if not isinstance(view, CellView) or not view.spans:
            return None
        layout = self.cell_layout(view, option.font, option.rect.width())
        offset = _utf16_at(layout.text, pos - _origin(option))
        if offset is None:
            return None
        ranges = utf16_spans(view.text, ((s.start, s.end, s.tooltip) for s in view.spans))
        return next((tip for start, end, tip in ranges if start <= offset < end), None)

    def _paint_background(self, painter: QPainter, option: QStyleOptionViewItem, view: CellView) -> None:
        # Covers the view's solid selection panel, which would hide the change colours.
        base = change_background("omitted", option.palette) if view.omitted else option.palette.base()
        painter.fillRect(option.rect, base)
        if option.state & QStyle.StateFlag.State_Selected:
            paint_selection_tint(painter, option.rect, option.palette)

    def _paint_text(
        self, painter: QPainter, option: QStyleOptionViewItem, view: CellView, layout: _CellLayout,
        found: tuple = ((), None),
    ) -> None:
        origin = _origin(option)
        palette = option.palette
        grey = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(grey if view.omitted or view.dimmed else palette.color(QPalette.ColorRole.Text))
        painter.setClipRect(option.rect.adjusted(PAD_X, 0, -PAD_X, 0))
        spans, current = found
        layout.text.draw(painter, origin, span_formats(view, palette) + find_formats(view.text, spans, current, palette))
        if current is not None:
            outline_current(painter, layout.text, origin, view.text, spans[current], palette)
        _paint_elisions(painter, option, layout.text, origin)
        if layout.deleted is not None:
            painter.setPen(grey)
            below = origin + QPointF(0, layout.text_height + _GAP)
            layout.deleted.draw(painter, below, _strike_formats(view, grey))
            _paint_elisions(painter, option, layout.deleted, below)
        painter.setClipRect(option.rect)

    def _paint_badges(self, painter: QPainter, option: QStyleOptionViewItem, view: CellView) -> None:
        """The "moved" badge at the top right, the kind tag ("headline"...) left of it."""
        labels = _badges(view)
        if not labels:
            return
        font = _small_font(option.font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        right = option.rect.right() - PAD_X + 1
        for label in labels:
            rect = _badge_rect(option, font, label, right)
            role = "moved" if label == _MOVED else "tag"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(change_background(role, option.palette) if role == "moved"
                             else option.palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(rect, 3, 3)
            colour = QPalette.ColorRole.Text if role == "moved" else QPalette.ColorRole.PlaceholderText
            painter.setPen(option.palette.color(colour))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            right = rect.left() - _BADGE_PAD


def overflowing_lines(layout: QTextLayout) -> list[int]:
    """Numbers of the lines holding a word wider than the line (word wrap cannot break it)."""
    return [n for n in range(layout.lineCount())
            if layout.lineAt(n).naturalTextWidth() > layout.lineAt(n).width() + 0.5]


def _paint_elisions(painter: QPainter, option: QStyleOptionViewItem, layout: QTextLayout, origin: QPointF) -> None:
    """An ellipsis over the cut end of each overflowing line: a long word (a URL) is elided,
    never split; its whole text stays in the layout, so offsets and tooltips are unchanged."""
    lines = overflowing_lines(layout)
    if not lines:
        return
    metrics = QFontMetricsF(option.font)
    mark = "…"
    mark_width = metrics.horizontalAdvance(mark) + 2
    for number in lines:
        line = layout.lineAt(number)
        right = origin.x() + line.width()
        box = QRectF(right - mark_width, origin.y() + line.y(), mark_width + PAD_X, line.height())
        painter.fillRect(box, option.palette.base())
        painter.drawText(box.adjusted(1, 0, -PAD_X, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), mark)


def span_formats(view: CellView, palette: QPalette) -> list[QTextLayout.FormatRange]:
    """The change highlights of ``view`` as UTF-16 format ranges over its text."""
    ranges = []
    for start, end, kind in utf16_spans(view.text, ((s.start, s.end, s.kind_class) for s in view.spans)):
        style = QTextCharFormat()
        style.setBackground(change_background(kind, palette))
        style.setForeground(palette.color(QPalette.ColorRole.Text))
        add_change_cue(style, kind)  # the kinds differ by underline and weight too, not by colour alone
        ranges.append(_format_range(start, end, style))
    return ranges


def _strike_formats(view: CellView, colour: QColor) -> list[QTextLayout.FormatRange]:
    text, words = deleted_line(view.deleted)
    style = QTextCharFormat()
    style.setFontStrikeOut(True)
    style.setForeground(colour)
    return [_format_range(s, e, style) for s, e, _ in utf16_spans(text, ((s, e, None) for s, e in words))]


def _format_range(start: int, end: int, style: QTextCharFormat) -> QTextLayout.FormatRange:
    selection = QTextLayout.FormatRange()
    selection.start, selection.length, selection.format = start, end - start, style
    return selection


def _build_layout(view: CellView, font: QFont, width: float) -> _CellLayout:
    if view.omitted:
        italic = QFont(font)
        italic.setItalic(True)
        text, text_height = _wrapped("omitted", italic, width)
    else:
        text_font = _dimmed_font(font) if view.dimmed else font
        small = _small_font(font)
        labels = _badges(view)
        inset = sum(_badge_width(small, label) + _BADGE_PAD for label in labels) + PAD_X if labels else 0.0
        text, text_height = _wrapped(view.text, text_font, width, inset)
    deleted, deleted_height = None, 0.0
    if view.deleted:
        deleted, deleted_height = _wrapped(deleted_line(view.deleted)[0], _small_font(font), width)
    return _CellLayout(text, text_height, deleted, deleted_height)


def _wrapped(
    text: str, font: QFont, width: float, first_line_inset: float = 0.0
) -> tuple[QTextLayout, float]:
    """``text`` laid out in lines of ``width`` pixels (the first shortened by
    ``first_line_inset``, to leave room for a badge); returns the layout and its height."""
    layout = QTextLayout(text.translate(BREAKS), font)
    option = QTextOption()
    # Lines break at spaces only: a word never splits. A word wider than the column
    # overflows its line and is elided when painted (``_paint_elisions``).
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while (line := layout.createLine()).isValid():
        inset = first_line_inset if line.lineNumber() == 0 else 0.0
        line.setLineWidth(max(width - inset, 1.0))
        line.setPosition(QPointF(0.0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def _utf16_at(layout: QTextLayout, local: QPointF) -> int | None:
    """The UTF-16 offset of the character under ``local`` (layout pixels), if any."""
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        if line.y() <= local.y() < line.y() + line.height() and 0 <= local.x() <= line.naturalTextWidth():
            return line.xToCursor(local.x(), line.CursorPosition.CursorOnCharacter)
    return None


def _origin(option: QStyleOptionViewItem) -> QPointF:
    return QPointF(option.rect.left() + PAD_X, option.rect.top() + PAD_Y)


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        small.setPointSizeF(size * _SMALL)
    else:
        small.setPixelSize(max(int(font.pixelSize() * _SMALL), 8))
    return small


def _dimmed_font(font: QFont) -> QFont:
    """Page chrome: smaller and italic, so it reads as not part of the story."""
    dimmed = _small_font(font)
    dimmed.setItalic(True)
    return dimmed


_MOVED = "moved"


def _badges(view: CellView) -> tuple[str, ...]:
    """The labels painted on the cell, right to left: "moved", then its kind tag."""
    return tuple(label for label in (_MOVED if view.moved else None, view.tag) if label)


def _badge_width(font: QFont, label: str = _MOVED) -> float:
    return QFontMetricsF(font).horizontalAdvance(label) + 2 * _BADGE_PAD


def _badge_rect(option: QStyleOptionViewItem, font: QFont, label: str, right: float) -> QRectF:
    """The rectangle of ``label``'s badge whose right edge is at ``right`` (viewport pixels)."""
    width, height = _badge_width(font, label), QFontMetricsF(font).height() + 2
    return QRectF(right - width, option.rect.top() + PAD_Y, width, height)
