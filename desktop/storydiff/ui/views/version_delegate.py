"""Paints one row of the versions list: a colour chip, the bold label with its badge, a line of details."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from storydiff.ui.models.versions_model import (
    ChangeShareRole,
    IsReferenceRole,
    NoteRole,
    SourceRole,
    StatsRole,
    WordsRole,
)
from storydiff.ui.palette import SECONDARY_MIX

PADDING = 6  # around the two lines of a row, in pixels
LINE_GAP = 2  # between the label line and the details line
CHIP = 12  # side of the colour chip
GAP = 8  # between the chip and the text, and between the label and its badge
BADGE_PADDING = 4  # left and right of the badge's text
REFERENCE_BADGE = "reference"

Option = QStyleOptionViewItem


def source_name(source: str) -> str:
    """What to show of a source: a file's name, a URL without its scheme."""
    if "://" in source:
        return source.split("://", 1)[1].rstrip("/")
    return Path(source).name or source


def details_text(
    source: str, words: int | None, change_share: float | None, is_reference: bool, noted: bool = False,
    *, coverage: float | None = None,
) -> str:
    """The second line of a row: ``wire.txt · 412 words · covers 80% · 12% changed`` (``✎``
    first if noted). ``coverage`` (share of the reference's statements carried; None when not
    judged) is told apart from the change share: a version sharing nothing says so rather
    than "0% changed"."""
    parts = [("\u270e " if noted else "") + source_name(source)]
    if words is not None:
        parts.append("1 word" if words == 1 else f"{words:,} words")
    # The reference is what the others are measured against: its figures mean nothing.
    if is_reference:
        return " · ".join(parts)
    if coverage is not None and coverage <= 0:
        parts.append("shares nothing")
        return " · ".join(parts)
    if coverage is not None:
        parts.append(f"covers {_percent(coverage)}")
    if change_share is not None:
        parts.append(f"{_percent(change_share)} changed")
    return " · ".join(parts)


def verdict_badge(stats, is_reference: bool) -> str | None:
    """The pill after a version's label: "reference", else its verdict ("spun"...) if judged."""
    if is_reference:
        return REFERENCE_BADGE
    verdict = getattr(stats, "verdict", "") if stats is not None else ""
    return verdict if verdict and verdict != REFERENCE_BADGE else None


def _percent(share: float) -> str:
    return "<1%" if 0 < share < 0.01 else f"{share:.0%}"


class RowLayout(NamedTuple):
    """Where the parts of one row go, in view coordinates."""

    chip: QRect
    label: QRect
    details: QRect
    label_font: QFont
    details_font: QFont


def row_layout(rect: QRect, font: QFont) -> RowLayout:
    """The chip, the label line and the details line inside a row's ``rect``."""
    label_font, details_font = _fonts(font)
    left = rect.x() + PADDING + CHIP + GAP
    width = max(0, rect.right() - PADDING - left + 1)
    label = QRect(left, rect.y() + PADDING, width, QFontMetrics(label_font).height())
    details = QRect(left, label.bottom() + 1 + LINE_GAP, width, QFontMetrics(details_font).height())
    # +1: a chip centred on the line box looks high next to capitals without descenders.
    chip = QRect(rect.x() + PADDING, label.center().y() - CHIP // 2 + 1, CHIP, CHIP)
    return RowLayout(chip, label, details, label_font, details_font)


def _fonts(font: QFont) -> tuple[QFont, QFont]:
    """The label font (bold) and the details font (a little smaller)."""
    label = QFont(font)
    label.setBold(True)
    details = QFont(font)
    if font.pointSizeF() > 0:
        details.setPointSizeF(font.pointSizeF() * 0.9)
    else:
        details.setPixelSize(max(8, round(font.pixelSize() * 0.9)))
    return label, details


class VersionDelegate(QStyledItemDelegate):
    """Paints a version as a chip, a bold label with a badge, and a line of details."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        parts = row_layout(QRect(0, 0, 200, 0), option.font)
        return QSize(parts.label.right() + PADDING, parts.details.bottom() + 1 + PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        # The style draws only the background (selection, hover); the rest is ours.
        opt.text = ""
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        parts = row_layout(opt.rect, opt.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(index.data(Qt.ItemDataRole.DecorationRole)))
        painter.drawRoundedRect(parts.chip, 3, 3)
        self._paint_label(painter, opt, index, parts)
        self._paint_details(painter, opt, index, parts)
        painter.restore()

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """Rename in place: the line editor covers the label line only."""
        label = row_layout(option.rect, option.font).label
        height = max(label.height(), editor.sizeHint().height())
        editor.setGeometry(label.x() - 2, label.center().y() - height // 2, label.width() + 2, height)

    def _paint_label(self, painter: QPainter, opt: Option, index: QModelIndex, parts: RowLayout) -> None:
        """The bold label, elided so that the badge ("reference" or the verdict) always fits after it."""
        badge_width = 0
        badge_text = verdict_badge(index.data(StatsRole), bool(index.data(IsReferenceRole)))
        if badge_text:
            text_width = QFontMetrics(parts.details_font).horizontalAdvance(badge_text)
            badge_width = text_width + 2 * BADGE_PADDING
        metrics = QFontMetrics(parts.label_font)
        room = max(0, parts.label.width() - (badge_width + GAP if badge_width else 0))
        label = metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, room)
        painter.setFont(parts.label_font)
        painter.setPen(_text_colour(opt))
        painter.drawText(parts.label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        if badge_width:
            left = parts.label.x() + metrics.horizontalAdvance(label) + GAP
            badge = QRect(left, parts.label.y(), badge_width, parts.label.height())
            self._paint_badge(painter, opt, badge, parts.details_font, badge_text)

    def _paint_badge(self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, font: QFont,
                     text: str) -> None:
        """A pill ("reference", "spun"...), vertically centred in ``rect``."""
        height = QFontMetrics(font).height()
        pill = QRect(rect.x(), rect.center().y() - height // 2, rect.width(), height)
        painter.setFont(font)
        painter.setPen(_secondary_colour(opt))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill.adjusted(0, 0, -1, -1), height / 2, height / 2)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_details(self, painter: QPainter, opt: Option, index: QModelIndex, parts: RowLayout) -> None:
        text = details_text(
            index.data(SourceRole),
            index.data(WordsRole),
            index.data(ChangeShareRole),
            bool(index.data(IsReferenceRole)),
            bool(index.data(NoteRole)),
            coverage=_judged_coverage(index.data(StatsRole)),
        )
        # The figures stay whole; the file name gives way (in its middle) when the line is short.
        metrics = QFontMetrics(parts.details_font)
        source, sep, figures = text.partition(" · ")
        rest = sep + figures
        room = parts.details.width() - metrics.horizontalAdvance(rest)
        if room >= metrics.horizontalAdvance("…") * 4:
            elided = metrics.elidedText(source, Qt.TextElideMode.ElideMiddle, room) + rest
        else:  # no room for a useful piece of the name ("…t"): the figures alone (the tooltip has it)
            elided = metrics.elidedText(figures or text, Qt.TextElideMode.ElideRight, parts.details.width())
        painter.setFont(parts.details_font)
        painter.setPen(_secondary_colour(opt))
        painter.drawText(parts.details, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)


def _judged_coverage(stats) -> float | None:
    # A hand-built VersionStats (no verdict) was never judged: its coverage default means nothing.
    return stats.coverage if stats is not None and getattr(stats, "verdict", "") else None


def _is_selected(opt: QStyleOptionViewItem) -> bool:
    return bool(opt.state & QStyle.StateFlag.State_Selected)


def _text_colour(opt: QStyleOptionViewItem) -> QColor:
    role = QPalette.ColorRole.HighlightedText if _is_selected(opt) else QPalette.ColorRole.Text
    return opt.palette.color(role)


def _secondary_colour(opt: QStyleOptionViewItem) -> QColor:
    """Text colour two thirds of the way from the background: readable, but quieter."""
    text = _text_colour(opt)
    base = opt.palette.color(QPalette.ColorRole.Highlight if _is_selected(opt) else QPalette.ColorRole.Base)
    mix = SECONDARY_MIX
    return QColor.fromRgbF(
        text.redF() * mix + base.redF() * (1 - mix),
        text.greenF() * mix + base.greenF() * (1 - mix),
        text.blueF() * mix + base.blueF() * (1 - mix),
    )
