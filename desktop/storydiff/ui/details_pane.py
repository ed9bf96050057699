"""The details pane: the selected statement in every version, its similarities and changes."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget

from storydiff.core.model import Comparison
from storydiff.ui.models.changes_model import ChangesModel
from storydiff.ui.palette import version_colour


class DetailsPane(QWidget):
    """Shows one row: each version's passages (escaped) beside the list of changes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._row: int | None = None
        self._show_trivial = True
        self.text_view = QTextBrowser(self)
        self.text_view.setOpenLinks(False)
        self.changes_model = ChangesModel(self)
        self.changes_view = self._make_changes_view()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.text_view)
        splitter.addWidget(self.changes_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._render()

    def _make_changes_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.changes_model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return view

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison, self._row = comparison, None
        self._render()

    def set_row(self, row: int | None) -> None:
        self._row = row
        self._render()

    def set_show_trivial(self, show: bool) -> None:
        self._show_trivial = show
        self._render()

    def _render(self) -> None:
        self.changes_model.set_row(self._comparison, self._row, show_trivial=self._show_trivial)
        self.changes_view.resizeRowsToContents()
        self.text_view.setHtml(self._row_html())

    def _row_html(self) -> str:
        comparison, row = self._comparison, self._row
        if comparison is None or row is None or not 0 <= row < len(comparison.rows):
            return "<p><i>Select a statement to see it in every version.</i></p>"
        parts = [f"<p><b>Statement {row + 1}</b></p>"]
        for position, version in enumerate(comparison.versions):
            parts.append(self._version_html(comparison, row, position, version.id))
        return "".join(parts)

    def _version_html(self, comparison: Comparison, row: int, position: int, vid: str) -> str:
        the_row = comparison.rows[row]
        version = comparison.version(vid)
        cell = the_row.cells.get(vid, ())
        text = " ".join(comparison.passages[vid][p].text for p in cell)
        label = html.escape(version.label)
        notes = []
        if vid == comparison.reference:
            notes.append("reference")
        similarity = the_row.similarity.get(vid)
        if similarity is not None:
            notes.append(f"similarity {similarity:.2f}")
        if vid in the_row.moved:
            notes.append("moved")
        colour = version_colour(position).name()
        head = f'<span style="color:{colour}">■</span> <b>{label}</b> <small>{html.escape(" · ".join(notes))}</small>'
        body = html.escape(text) if text else "<i>omitted</i>"
        return f"<p>{head}<br>{body}</p>"
