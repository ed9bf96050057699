"""Write or edit the user's note on a statement, a quote or a version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class NoteDialog(QDialog):
    """What the note is on (a line of context) above a plain-text editor.

    Editing an existing note adds a Remove button, which accepts with an empty text.
    """

    def __init__(self, parent: QWidget | None = None, subject: str = "", text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Note" if text else "Add Note")
        self._subject = QLabel(subject, self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self._text = QPlainTextEdit(text, self)
        self._text.setTabChangesFocus(True)  # Tab moves on: a keyboard user is never trapped in the editor
        self._text.setPlaceholderText("Why this matters, what to check, who said what…")
        self._text.setMinimumSize(420, 160)
        buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        self._buttons = QDialogButtonBox(buttons, self)
        self.remove_button = self._buttons.addButton("&Remove Note", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.setVisible(bool(text))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._lay_out()
        self._text.setFocus()

    @staticmethod
    def get_text(parent: QWidget | None, subject: str, text: str = "") -> str | None:
        """Ask for a note on ``subject``, starting from ``text``: the note's new text
        (stripped; "" means remove the note), or None if the user cancelled."""
        dialog = NoteDialog(parent, subject, text)
        try:
            return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def text(self) -> str:
        """The note as typed, without leading or trailing blank space."""
        return self._text.toPlainText().strip()

    def set_text(self, text: str) -> None:
        self._text.setPlainText(text)

    def subject(self) -> str:
        return self._subject.text()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._subject)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._buttons)

    def _on_remove_button_clicked(self) -> None:
        self._text.clear()
        self.accept()
