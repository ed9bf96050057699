"""File > Export: one save dialog for every format, remembering the last folder and format.

The dialog lists all formats (HTML report, JSON, PDF, CSV of statements, CSV of quotations);
the menu entry chosen preselects one, and "Export…" preselects the format used last time.
The folder and the format are kept in ``QSettings`` (``export/folder``, ``export/format``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from storydiff.core.model import Comparison
from storydiff.report._common import story_title
from storydiff.report.provenance import build_provenance

FOLDER_KEY = "export/folder"
FORMAT_KEY = "export/format"


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    suffix: str

    @property
    def filter(self) -> str:
        """The save dialog's filter line, e.g. ``"PDF report (*.pdf)"``."""
        return f"{self.label} (*{self.suffix})"


FORMATS = (
    ExportFormat("html", "HTML report", ".html"),
    ExportFormat("json", "JSON, storydiff.comparison/1", ".json"),
    ExportFormat("pdf", "PDF report", ".pdf"),
    ExportFormat("csv-rows", "CSV of statements", ".csv"),
    ExportFormat("csv-quotes", "CSV of quotations", ".csv"),
)
_BY_KEY = {f.key: f for f in FORMATS}


def format_for(key: str | None) -> ExportFormat:
    """The format named ``key``; HTML for None or an unknown key (an old setting)."""
    return _BY_KEY.get(key or "", FORMATS[0])


def format_for_filter(name_filter: str, fallback: ExportFormat) -> ExportFormat:
    """The format whose filter line the user picked (``fallback`` if none matches)."""
    return next((f for f in FORMATS if f.filter == name_filter), fallback)


def with_suffix(path: str, chosen: ExportFormat) -> str:
    """``path`` ending in the format's suffix (added when the user typed a bare name)."""
    return path if path.lower().endswith(chosen.suffix) else path + chosen.suffix


def suggested_name(comparison: Comparison, chosen: ExportFormat) -> str:
    """A file name from the story's title: lower case, words joined by hyphens, 60 characters at most;
    CSV files say which table they hold."""
    slug = re.sub(r"[^\w]+", "-", story_title(comparison).lower()).strip("-")[:60].rstrip("-") or "comparison"
    extra = {"csv-rows": "-statements", "csv-quotes": "-quotations"}.get(chosen.key, "")
    return f"{slug}{extra}{chosen.suffix}"


def last_format() -> ExportFormat:
    return format_for(QSettings().value(FORMAT_KEY, None))


def start_folder(fallback: str) -> str:
    """The folder of the last export, else ``fallback`` (the last folder files came from)."""
    folder = QSettings().value(FOLDER_KEY, None)
    return str(folder) if folder and Path(str(folder)).is_dir() else fallback


def remember(path: str, chosen: ExportFormat) -> None:
    settings = QSettings()
    settings.setValue(FOLDER_KEY, str(Path(path).resolve().parent))
    settings.setValue(FORMAT_KEY, chosen.key)


def writer_for(chosen: ExportFormat) -> Callable[..., None]:
    """The function that writes ``chosen`` (each raises ``StoryDiffError`` when it cannot)."""
    if chosen.key == "pdf":
        from storydiff.ui.pdf_export import write_pdf

        return write_pdf
    if chosen.key in ("csv-rows", "csv-quotes"):
        from storydiff.report.csv_export import write_csv_quotes, write_csv_rows

        return write_csv_rows if chosen.key == "csv-rows" else write_csv_quotes
    from storydiff.report import write_html, write_json

    return write_html if chosen.key == "html" else write_json


def export_comparison(
    parent: QWidget, comparison: Comparison, key: str | None, fallback_folder: str, *,
    decisions: Sequence = (), notes: Sequence = (),
) -> str | None:
    """Ask where to export (``key`` preselects a format; None: the last one used), write the
    file with its provenance (the session's ``decisions`` and ``notes`` listed as the user's)
    and remember folder and format. Returns the path written, or None if cancelled.
    Raises ``StoryDiffError`` when the file cannot be written."""
    preselected = format_for(key) if key else last_format()
    start = str(Path(start_folder(fallback_folder)) / suggested_name(comparison, preselected))
    filters = ";;".join(f.filter for f in FORMATS)
    path, picked = QFileDialog.getSaveFileName(parent, "Export", start, filters, preselected.filter)
    if not path:
        return None
    chosen = format_for_filter(picked, preselected)
    path = with_suffix(path, chosen)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        provenance = build_provenance(comparison, decisions=decisions, notes=notes)
        writer_for(chosen)(comparison, path, provenance=provenance)
    finally:
        QApplication.restoreOverrideCursor()
    remember(path, chosen)
    return path
