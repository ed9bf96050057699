"""The Quotes view's details: the selected quote in every version, written into a
QTextDocument with the differences laid over the wording."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from storydiff.core.model import Comparison, Quote
from storydiff.diffing import utf16_spans
from storydiff.presentation import deleted_line
from storydiff.presentation.quotes import (
    OccurrenceView,
    occurrence_views,
)
from storydiff.ui.accessibility import add_change_cue
from storydiff.ui.palette import change_background, comparison_colour
from storydiff.ui.views.cell_delegate import BREAKS
from storydiff.ui.views.status_badge import LOUD, status_colours



# The details: the selected quote in every version, written into a QTextDocument.



def write_details(document: QTextDocument, comparison: Comparison | None, quote: Quote | None,
                  palette: QPalette) -> None:
    """Replace ``document`` with ``quote`` as every version of ``comparison`` prints it."""
    document.clear()
    cursor = QTextCursor(document)
    if comparison is None or quote is None:
        return
    cursor.insertText("Canonical wording (the fullest any version prints)", _char(palette, grey=True, small=True))
    cursor.insertBlock(_block(2))
    cursor.insertText(f"“{quote.text}”".translate(BREAKS), _char(palette))
    for view in occurrence_views(comparison, quote):
        _write_heading(cursor, view, comparison_colour(comparison, view.version), palette)
        _write_wording(cursor, view, palette)


def _write_heading(cursor: QTextCursor, view: OccurrenceView, chip: QColor, palette: QPalette) -> None:
    """``■ Label (reference)  status  speaker: Name``; a wrong speaker wears the status colours."""
    cursor.insertBlock(_block(12))
    cursor.insertText("■ ", _char(palette, foreground=chip))
    cursor.insertText(view.label, _char(palette, bold=True))
    if view.is_reference:
        cursor.insertText(" (reference)", _char(palette, grey=True))
    cursor.insertText("   ", _char(palette))
    cursor.insertText(f"\u00a0{view.status}\u00a0", _badge(view.status, palette))
    if view.speaker:
        cursor.insertText("   speaker: ", _char(palette, grey=True))
        style = _badge(view.status, palette) if view.speaker_differs else _char(palette)
        cursor.insertText(view.speaker, style)


def _write_wording(cursor: QTextCursor, view: OccurrenceView, palette: QPalette) -> None:
    """The version's own wording with its differences laid over it, the words it
    cut, and the sentence(s) around it; a note where the quote is absent."""
    cursor.insertBlock(_block(2))
    if view.wording is None:
        cursor.insertText("not in this version", _char(palette, grey=True, italic=True))
        return
    quoted = view.status != "paraphrased"  # a paraphrase is the writer's own sentence
    cursor.insertText("“" if quoted else "", _char(palette))
    spans = ((s.start, s.end, _mark(s.kind_class, s.tooltip, palette)) for s in view.wording.spans)
    _insert_overlaid(cursor, view.wording.text, _char(palette), spans)
    cursor.insertText("”" if quoted else "", _char(palette))
    if view.wording.removed:
        text, words = deleted_line(view.wording.removed)
        struck = _char(palette, grey=True, small=True, strike=True)
        cursor.insertBlock(_block(2))
        _insert_overlaid(cursor, text, _char(palette, grey=True, small=True), ((s, e, struck) for s, e in words))
    _write_context(cursor, view, palette)


def _write_context(cursor: QTextCursor, view: OccurrenceView, palette: QPalette) -> None:
    """The sentence(s) around the wording, greyed but for the wording itself;
    nothing for a paraphrase, which is its own sentence."""
    context = view.context
    if context is None or view.wording is None or context.text == view.wording.text:
        return
    cursor.insertBlock(_block(2))
    cursor.insertText("in context: ", _char(palette, grey=True, small=True))
    here = _char(palette, small=True)
    _insert_overlaid(cursor, context.text, _char(palette, grey=True, small=True), [(context.start, context.end, here)])


def _insert_overlaid(cursor: QTextCursor, text: str, base: QTextCharFormat, spans) -> None:
    """Insert ``text`` as it is, then merge each ``(start, end, format)`` (code
    points into ``text``) over it: the text is never rebuilt to carry the marks."""
    origin = cursor.position()
    cursor.insertText(text.translate(BREAKS), base)
    end = cursor.position()
    for start, stop, style in utf16_spans(text, spans):
        cursor.setPosition(origin + start)
        cursor.setPosition(origin + stop, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(style)
    cursor.setPosition(end)


def _mark(kind_class: str, tooltip: str, palette: QPalette) -> QTextCharFormat:
    """A difference, coloured as the compare view colours a change of its class."""
    style = QTextCharFormat()
    style.setBackground(change_background(kind_class, palette))
    add_change_cue(style, kind_class)  # the kinds differ without colour too, as in the compare view
    style.setToolTip(tooltip)
    return style


def _badge(status: str, palette: QPalette) -> QTextCharFormat:
    background, text = status_colours(status, palette)
    return _char(palette, bold=status in LOUD, background=background, foreground=text)


def _char(palette: QPalette, *, grey: bool = False, bold: bool = False, italic: bool = False,
          small: bool = False, strike: bool = False, background: QColor | None = None,
          foreground: QColor | None = None) -> QTextCharFormat:
    style = QTextCharFormat()
    role = QPalette.ColorRole.PlaceholderText if grey else QPalette.ColorRole.Text
    style.setForeground(foreground or palette.color(role))
    if background is not None:
        style.setBackground(background)
    style.setFontWeight(700 if bold else 400)
    style.setFontItalic(italic)
    style.setFontStrikeOut(strike)
    if small:
        style.setProperty(QTextCharFormat.Property.FontSizeAdjustment, -1)
    return style


def _block(top_margin: int) -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(top_margin)
    return block
