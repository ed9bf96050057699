"""Colours shared by the window: one chip colour per version, one per change kind.

Chip colours are chosen to stay distinct and readable on light and dark
backgrounds; change colours come in a light and a dark set.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication

VERSION_COLOURS = ("#3b7dd8", "#d8743b", "#3ba55d", "#b54bc8", "#c8a23b", "#3bb5c8", "#c83b5a", "#7a7a7a")

# kind class -> (light background, dark background)
CHANGE_BACKGROUNDS = {
    "insertion": ("#c9f0d2", "#1f5130"),
    "substitution": ("#fbe7a6", "#5c4a12"),
    "deletion": ("#f7c9c9", "#5e2323"),
    "serious": ("#f5b3b3", "#7a2626"),  # number, name, negation: facts changed
    "trivial": ("#e4e4e4", "#3a3a3a"),
    "omitted": ("#efefef", "#2b2b2b"),
    "moved": ("#d6e4fa", "#22385c"),
}


SELECTION_TINT = 0.28  # opacity of the highlight laid over a selected cell: change colours show through
SECONDARY_MIX = 0.7  # quieter text: this share of the text colour over the background


def paint_selection_tint(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """The highlight colour at ``SELECTION_TINT`` over ``rect``: a selected cell that keeps its
    change colours readable (the solid highlight would hide them)."""
    tint = QColor(palette.color(QPalette.ColorRole.Highlight))
    tint.setAlphaF(SELECTION_TINT)
    painter.fillRect(rect, tint)


def version_colour(position: int) -> QColor:
    """The chip colour of the version shown at ``position`` (0-based)."""
    return QColor(VERSION_COLOURS[position % len(VERSION_COLOURS)])


def comparison_colour(comparison, version_id: str) -> QColor:
    """The chip colour of a version by its place in ``comparison`` (a core Comparison)."""
    return version_colour([v.id for v in comparison.versions].index(version_id))


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (system dark theme)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def change_background(kind_class: str, palette: QPalette | None = None) -> QColor:
    """Background for a change class (see ``CHANGE_BACKGROUNDS``) in the current theme."""
    light, dark = CHANGE_BACKGROUNDS[kind_class]
    return QColor(dark if is_dark(palette) else light)
