"""The check step: an imported text beside its source's metadata, before it joins the comparison.

The user can fix the label, cut lines at the start or the end (shown struck out, grey), switch
to the page's whole text when the extraction cut too much, and skip a duplicate. The dialog
only edits its own copy; ``result()`` gives the document to add, its label and the edit.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.errors import InputError
from storydiff.ingest import Document
from storydiff.ingest.check import ImportEdit, apply_cuts, content_lines
from storydiff.ingest.duplicates import Duplicate
from storydiff.ingest.imports import Imported

_FORMATS = {"pdf": "PDF", "docx": "Word (.docx)"}


class ImportCheckDialog(QDialog):
    """Shows ``imported`` for a check; ``duplicate`` (if any) is named at the top."""

    def __init__(self, imported: Imported, duplicate: Duplicate | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_check_dialog")
        self.setWindowTitle("Check the imported text")
        self._imported = imported
        self._document = imported.document
        self._label = QLineEdit(imported.label, self)
        self._cut_start = self._spin_box("Lines to drop at the start (menus, bylines, teasers)")
        self._cut_end = self._spin_box("Lines to drop at the end (comments, related links, footers)")
        self._whole = QCheckBox("Use the page's whole text", self)
        self._whole.setToolTip("Extraction left something out? Take every text block of the page "
                               "(or, for a PDF, keep the running headers and footers), then cut.")
        self._whole.setEnabled(imported.whole_document is not None)
        self._text = QPlainTextEdit(self)
        self._text.setReadOnly(True)
        self._text.setObjectName("check_text")
        self._text.setMinimumSize(520, 420)
        self._text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
        self._summary = QLabel(self)
        self._problem = QLabel(self)
        self._problem.setStyleSheet("color: #b3261e;")
        self._buttons = self._make_buttons(duplicate)
        self._lay_out(self._warning(duplicate))
        self._connect()
        self._show_document()

    # -- public API ------------------------------------------------------------------

    def result(self) -> tuple[Document, str, ImportEdit]:
        """The document to add (cuts applied), its label and the edit made.

        Raises ``InputError`` if the cuts leave no text (the Add button is then disabled).
        """
        edit = self.edit()
        text = apply_cuts(self._document.text, edit.cut_start, edit.cut_end, self._document.source)
        return replace(self._document, text=text), edit.label, edit

    def edit(self) -> ImportEdit:
        return ImportEdit(
            proposed_label=self._imported.label,
            label=self._label.text().strip() or self._imported.label,
            cut_start=self._cut_start.value(),
            cut_end=self._cut_end.value(),
            whole_page=self._whole.isChecked(),
        )

    def set_label(self, label: str) -> None:
        self._label.setText(label)

    def set_cuts(self, start: int, end: int) -> None:
        self._cut_start.setValue(start)
        self._cut_end.setValue(end)

    def set_whole_page(self, whole: bool) -> None:
        self._whole.setChecked(whole)

    def shown_text(self) -> str:
        return self._text.toPlainText()

    def add_button_enabled(self) -> bool:
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    # -- construction ----------------------------------------------------------------

    def _spin_box(self, tip: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setToolTip(tip)
        box.setSuffix(" lines")
        return box

    def _make_buttons(self, duplicate: Duplicate | None) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add anyway" if duplicate else "Add version")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _warning(self, duplicate: Duplicate | None) -> QLabel | None:
        if duplicate is None:
            return None
        label = QLabel(f"<b>Possible duplicate:</b> {html.escape(duplicate.message(), quote=False)}. "
                       "Add it anyway, or skip it?", self)
        label.setObjectName("duplicate_warning")
        label.setWordWrap(True)
        label.setStyleSheet("background: #fff4ce; color: #4d3800; padding: 6px; border-radius: 4px;")
        return label

    def _metadata_form(self) -> QFormLayout:
        doc, form = self._document, QFormLayout()
        form.addRow("&Label:", self._label)
        for name, value in self._metadata_rows(doc):
            field = QLabel(value, self)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, field)
        form.addRow("Cut at the &start:", self._cut_start)
        form.addRow("Cut at the &end:", self._cut_end)
        form.addRow("", self._whole)
        form.addRow("", self._summary)
        return form

    def _metadata_rows(self, doc: Document) -> list[tuple[str, str]]:
        rows = [("Title:", doc.title), ("Author:", doc.author), ("Date:", doc.date), ("Source:", doc.source)]
        if doc.final_url and doc.final_url != doc.source:
            rows.append(("Final address:", doc.final_url))
        if doc.canonical_url and doc.canonical_url not in (doc.source, doc.final_url):
            rows.append(("Canonical:", doc.canonical_url))
        rows += [("Retrieved:", doc.retrieved), ("Format:", self._format(doc)),
                 ("Raw sha256:", doc.raw_sha256[:16] + "…" if doc.raw_sha256 else None)]
        return [(name, value) for name, value in rows if value]

    def _format(self, doc: Document) -> str:
        return _FORMATS.get(self._imported.kind) or _FORMATS.get(doc.encoding) or (
            f"{'web page' if self._imported.kind == 'html' else 'text'} ({doc.encoding})")

    def _lay_out(self, warning: QLabel | None) -> None:
        side = QVBoxLayout()
        side.addLayout(self._metadata_form())
        side.addWidget(self._problem)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addWidget(self._text, 3)
        layout = QVBoxLayout(self)
        if warning is not None:
            layout.addWidget(warning)
        layout.addLayout(body, 1)
        layout.addWidget(self._buttons)
        self.resize(980, 600)

    def _connect(self) -> None:
        self._cut_start.valueChanged.connect(self._on_cuts_changed)
        self._cut_end.valueChanged.connect(self._on_cuts_changed)
        self._whole.toggled.connect(self._on_whole_toggled)

    # -- behaviour -------------------------------------------------------------------

    def _on_whole_toggled(self, whole: bool) -> None:
        whole_document = self._imported.whole_document
        self._document = whole_document if whole and whole_document is not None else self._imported.document
        self._show_document()

    def _show_document(self) -> None:
        lines = content_lines(self._document.text)
        for box in (self._cut_start, self._cut_end):
            box.setRange(0, max(0, lines - 1))
        self._text.setPlainText(self._document.text)
        self._on_cuts_changed()

    def _on_cuts_changed(self) -> None:
        start, end = self._cut_start.value(), self._cut_end.value()
        self._mark_cut_lines(start, end)
        try:
            kept = apply_cuts(self._document.text, start, end, "text")
            self._problem.setText("")
            ok = True
        except InputError:
            kept, ok = "", False
            self._problem.setText("Nothing would be left: cut fewer lines.")
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self._summary.setText(f"{len(kept.split()):,} words in {content_lines(kept)} lines will be compared")

    def _mark_cut_lines(self, start: int, end: int) -> None:
        """Strike out the non-blank lines that the cuts drop (an overlay: the text is unchanged)."""
        cut = QTextCharFormat()
        cut.setForeground(QColor("#8a8a8a"))
        cut.setFontStrikeOut(True)
        blocks = self._content_blocks()
        dropped = blocks[:start] + (blocks[len(blocks) - end:] if end else [])
        selections = []
        for block in dropped:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(block)
            selection.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            selection.format = cut
            selections.append(selection)
        self._text.setExtraSelections(selections)

    def _content_blocks(self) -> list:
        blocks, block = [], self._text.document().firstBlock()
        while block.isValid():
            if block.text().strip():
                blocks.append(block)
            block = block.next()
        return blocks
