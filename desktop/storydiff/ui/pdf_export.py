"""The report as a PDF, drawn by Qt: QTextDocument laid out on QPdfWriter pages.

The layout (side by side, landscape, per statement) and the HTML come from the Qt-free
``storydiff.report.print_layout``; this module only paginates, numbers the pages and writes
the file. The command line calls ``write_pdf`` through ``storydiff.app`` (the CLI may not import
Qt); without a running Qt application one is started on the offscreen platform, so no display
is needed.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from storydiff.core.model import Comparison
from storydiff.report import ExportError
from storydiff.report._files import replace_atomic
from storydiff.report._common import story_title
from storydiff.report.print_layout import PrintLayout, choose_layout, print_html
from storydiff.report.provenance import Provenance

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # dots per inch of the PDF's drawing space; text stays vector
_SCREEN_DPI = 96  # QTextDocument lays out in 96-dpi pixels
_MARGINS_MM = QMarginsF(12, 12, 12, 14)
_FOOTER_MM = 6
_BODY_POINTS = 8.5
_keep_alive: list[QGuiApplication] = []


def default_page_size() -> str:
    """"letter" where the locale measures in US units, else "a4"."""
    from PySide6.QtCore import QLocale

    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def write_pdf(
    comparison: Comparison, path: str | os.PathLike[str], *, page_size: str | None = None,
    provenance: Provenance | None = None,
) -> None:
    """Write the report as a PDF to ``path`` (atomic): A4 or Letter (``page_size``, default by
    locale), landscape when the statements table is wide, every page numbered "n / N"; it ends
    with the ``provenance`` (default: built from the comparison alone).
    Raises ``ExportError`` when the file cannot be written."""
    _ensure_application()
    size = (page_size or default_page_size()).lower()
    if size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}: use A4 or Letter")
    layout = choose_layout(len(comparison.versions))
    replace_atomic(path, lambda temp: _render(comparison, temp, PAGE_SIZES[size], layout, provenance))


def _ensure_application() -> None:
    """Fonts and text layout need a Qt GUI application; start an offscreen one if none runs."""
    if QGuiApplication.instance() is None:
        _keep_alive.append(QGuiApplication([sys.argv[0] if sys.argv else "storydiff", "-platform", "offscreen"]))


def _render(
    comparison: Comparison, file_name: str, size_id: QPageSize.PageSizeId, layout: PrintLayout,
    provenance: Provenance | None,
) -> None:
    writer = QPdfWriter(file_name)
    writer.setResolution(RESOLUTION)
    orientation = QPageLayout.Orientation.Landscape if layout.landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(size_id), orientation, _MARGINS_MM, QPageLayout.Unit.Millimeter))
    title = story_title(comparison)
    writer.setTitle(f"StoryDiff: {title}")
    writer.setCreator("StoryDiff")
    document = _document(comparison, layout, provenance)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot start a PDF in {file_name}")
    try:
        _paint_pages(painter, writer, document, title)
    finally:
        painter.end()


def _document(comparison: Comparison, layout: PrintLayout, provenance: Provenance | None) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(_plain_font(_BODY_POINTS))
    document.setDocumentMargin(0)
    document.setHtml(print_html(comparison, layout, provenance))
    return document


def _plain_font(points: float) -> QFont:
    """The default font without ligatures, so that text copied or searched in the PDF reads
    "fi" and "ff" as two letters, as typed."""
    font = QFont()
    font.setPointSizeF(points)
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _paint_pages(painter: QPainter, writer: QPdfWriter, document: QTextDocument, title: str) -> None:
    """Lay the document out in page-sized slices and draw each with its footer."""
    scale = RESOLUTION / _SCREEN_DPI
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = _FOOTER_MM / 25.4 * RESOLUTION
    body = QSizeF(page.width() / scale, (page.height() - footer) / scale)
    document.setPageSize(body)
    count = document.pageCount()
    for number in range(count):
        if number:
            writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.translate(0, -number * body.height())
        document.drawContents(painter, QRectF(QPointF(0, number * body.height()), body))
        painter.restore()
        _footer(painter, page.width(), page.height(), f"StoryDiff: {title}", f"{number + 1} / {count}")


def _footer(painter: QPainter, width: float, height: float, left: str, right: str) -> None:
    painter.setFont(_plain_font(7))
    line = QRectF(0, height - painter.fontMetrics().height() * 1.2, width, painter.fontMetrics().height() * 1.2)
    elided = painter.fontMetrics().elidedText(left, Qt.TextElideMode.ElideRight, int(width * 0.8))
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)
    painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, right)
