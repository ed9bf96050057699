"""How Find's matches are drawn: an orange background of their own AND a line over the
text (so colour is not the only cue; the change kinds already use the underlines), the
current match in a stronger orange with a frame around it.

Matches are overlays like the change highlights: format ranges over the cell's
layout, or char formats merged over a QTextDocument; the text is never rebuilt.
Offsets come in code points and are converted to UTF-16 here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QTextCharFormat, QTextCursor, QTextDocument, QTextLayout

from storydiff.diffing import utf16_spans
from storydiff.ui.palette import is_dark

# (light theme, dark theme): a match, the current match, bright orange in both themes: no change
# kind uses it, and the dark theme's change colours are dim, so a bright mark stands out there too.
MATCH_BACKGROUNDS = {"match": ("#ffb259", "#ffb259"), "current": ("#ff7a00", "#ff7a00")}
MATCH_TEXT = "#111111"  # dark text on the orange in both themes (contrast >= 7:1)
OUTLINE_WIDTH = 2.0

Spans = Sequence[tuple[int, int]]


def match_colour(kind: str, palette: QPalette) -> QColor:
    """The background of a match (``kind`` "match") or of the current one ("current")."""
    light, dark = MATCH_BACKGROUNDS[kind]
    return QColor(dark if is_dark(palette) else light)


def match_format(kind: str, palette: QPalette) -> QTextCharFormat:
    """The char format laid over a match: its background, the text colour, an overline
    (the underline is left to the change under it)."""
    style = QTextCharFormat()
    style.setBackground(match_colour(kind, palette))
    style.setForeground(QColor(MATCH_TEXT))
    style.setFontOverline(True)
    return style


def find_formats(text: str, spans: Spans, current: int | None, palette: QPalette) -> list[QTextLayout.FormatRange]:
    """Format ranges (UTF-16) for ``spans`` (code points into ``text``); ``current``
    is the position in ``spans`` of the current match, if it is in this text."""
    ranges = []
    converted = utf16_spans(text, ((start, end, n) for n, (start, end) in enumerate(spans)))
    for start, end, number in converted:
        selection = QTextLayout.FormatRange()
        selection.start, selection.length = start, end - start
        selection.format = match_format("current" if number == current else "match", palette)
        ranges.append(selection)
    return ranges


def outline_current(painter: QPainter, layout: QTextLayout, origin: QPointF, text: str,
                    span: tuple[int, int], palette: QPalette) -> None:
    """Draw a frame around the current match ``span`` (code points into ``text``),
    one rectangle per line it runs over; ``origin`` is where the layout was drawn."""
    [(start, end, _)] = utf16_spans(text, [(span[0], span[1], None)])
    painter.save()
    pen = QPen(palette.color(QPalette.ColorRole.Text), OUTLINE_WIDTH)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    for rect in _line_rects(layout, start, end):
        painter.drawRect(rect.translated(origin).adjusted(-1, 0, 1, 0))
    painter.restore()


def _line_rects(layout: QTextLayout, start: int, end: int) -> list[QRectF]:
    """The rectangles (layout pixels) covering UTF-16 range ``[start, end)``, one per line."""
    rects = []
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        first, last = max(start, line.textStart()), min(end, line.textStart() + line.textLength())
        if first < last:
            left, right = line.cursorToX(first)[0], line.cursorToX(last)[0]
            rects.append(QRectF(min(left, right), line.y(), abs(right - left), line.height()))
    return rects


def highlight_document(document: QTextDocument, spans: Spans, palette: QPalette) -> None:
    """Merge the match format over ``spans`` (code points into ``document.toPlainText()``)."""
    text = document.toPlainText()
    cursor = QTextCursor(document)
    style = match_format("match", palette)
    for start, end, _ in utf16_spans(text, ((s, e, None) for s, e in spans)):
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(style)
