"""The details pane: the selected statement in every version, its similarities and changes,
and the user's notes on the statement and on its versions."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison
from storydiff.presentation import default_columns
from storydiff.storage.session_values import Note
from storydiff.ui.models.changes_model import ChangesModel
from storydiff.ui.palette import version_colour

_NOTE_SCHEME = "note"  # links in the text: note:<target kind>:<target id>


def row_target(comparison: Comparison, row: int) -> str | None:
    """The stable note target of ``comparison.rows[row]``: its first reference passage as
    ``"version_id:passage_index"``, or the first passage of the row (versions in comparison
    order) when the reference is empty there; None for a row without passages."""
    cells = comparison.rows[row].cells
    for vid in default_columns(comparison):
        if cells.get(vid):
            return f"{vid}:{cells[vid][0]}"
    return None


def find_note(notes: tuple[Note, ...], kind: str, target_id: str | None) -> Note | None:
    """The note on target ``(kind, target_id)``, or None."""
    return next((n for n in notes if n.target_kind == kind and n.target_id == target_id), None)


class DetailsPane(QWidget):
    """Shows one row: each version's passages (escaped) beside the list of changes, then the
    notes on the row and on its versions; asks for a note to be written through ``note_requested``."""

    note_requested = Signal(str, str)  # target kind ("row" or "version"), target id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._row: int | None = None
        self._show_trivial = True
        self._notes: tuple[Note, ...] = ()
        self.text_view = QTextBrowser(self)
        self.text_view.setOpenLinks(False)
        self.note_button = QPushButton("Add Note…", self)
        self.note_button.setToolTip("Write a note on the selected statement")
        self.changes_model = ChangesModel(self)
        self.changes_view = self._make_changes_view()
        self._lay_out()
        self.text_view.anchorClicked.connect(self._on_text_view_anchor_clicked)
        self.note_button.clicked.connect(self._on_note_button_clicked)
        self._render()

    def _make_changes_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.changes_model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return view

    def _lay_out(self) -> None:
        text_side = QWidget(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.note_button)
        column = QVBoxLayout(text_side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text_view, 1)
        column.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(text_side)
        splitter.addWidget(self.changes_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison, self._row = comparison, None
        self._render()

    def set_row(self, row: int | None) -> None:
        self._row = row
        self._render()

    def set_show_trivial(self, show: bool) -> None:
        self._show_trivial = show
        self._render()

    def set_text_font(self, font: QFont) -> None:
        """Show the statement and its changes in ``font`` (zoom)."""
        self.text_view.setFont(font)
        self.changes_view.setFont(font)
        self.changes_view.resizeRowsToContents()

    def set_notes(self, notes: tuple[Note, ...]) -> None:
        """Show these notes (those on the selected row and on the versions)."""
        self._notes = tuple(notes)
        self._render()

    def row_target(self) -> str | None:
        """The note target id of the selected row (see ``row_target``), or None."""
        if not self._has_row():
            return None
        return row_target(self._comparison, self._row)

    def _on_note_button_clicked(self) -> None:
        target = self.row_target()
        if target is not None:
            self.note_requested.emit("row", target)

    def _on_text_view_anchor_clicked(self, url: QUrl) -> None:
        scheme, _, rest = url.toString().partition(":")
        kind, _, target = rest.partition(":")
        if scheme == _NOTE_SCHEME and target:
            self.note_requested.emit(kind, target)

    def _has_row(self) -> bool:
        comparison, row = self._comparison, self._row
        return comparison is not None and row is not None and 0 <= row < len(comparison.rows)

    def _render(self) -> None:
        self.changes_model.set_row(self._comparison, self._row, show_trivial=self._show_trivial)
        self.changes_view.resizeRowsToContents()
        self.text_view.setHtml(self._row_html() + self._notes_html())
        target = self.row_target()
        self.note_button.setEnabled(target is not None)
        has_note = find_note(self._notes, "row", target) is not None
        self.note_button.setText("Edit Note…" if has_note else "Add Note…")

    def _row_html(self) -> str:
        if not self._has_row():
            return "<p><i>Select a statement to see it in every version.</i></p>"
        comparison, row = self._comparison, self._row
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

    def _notes_html(self) -> str:
        """The notes on the row and on each version, each with a link to edit it."""
        if not self._has_row():
            return ""
        comparison = self._comparison
        entries = [("row", self.row_target(), "this statement")]
        entries += [("version", v.id, v.label) for v in comparison.versions]
        parts = [_note_html(note, subject) for kind, target, subject in entries
                 if (note := find_note(self._notes, kind, target)) is not None]
        return "<hr><p><b>Notes</b></p>" + "".join(parts) if parts else ""


def _note_html(note: Note, subject: str) -> str:
    link = f"{_NOTE_SCHEME}:{note.target_kind}:{note.target_id}"
    text = html.escape(note.text).replace("\n", "<br>")
    head = f'<b>✎ On {html.escape(subject)}</b> <small><a href="{html.escape(link)}">edit</a></small>'
    return f"<p>{head}<br>{text}</p>"
