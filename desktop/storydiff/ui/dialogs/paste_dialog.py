"""Paste the text of one version, with a label for it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PasteDialog(QDialog):
    """A label field and a large plain-text editor; OK stays disabled while the text is blank."""

    def __init__(self, parent: QWidget | None = None, default_label: str = "Pasted text") -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste a version")
        self._default_label = default_label
        self._label = QLineEdit(default_label, self)
        self._label.setPlaceholderText(default_label)
        self._text = QPlainTextEdit(self)
        self._text.setTabChangesFocus(True)  # Tab moves on: a keyboard user is never trapped in the editor
        self._text.setPlaceholderText("Paste the text of one version of the story here.")
        self._text.setMinimumSize(480, 320)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._text.textChanged.connect(self._on_text_text_changed)
        self._lay_out()
        self._on_text_text_changed()
        self._text.setFocus()  # the text is what the user came to paste

    @staticmethod
    def get_text(parent: QWidget | None, default_label: str) -> tuple[str, str] | None:
        """Ask for a version's text: ``(label, text)``, or None if the user cancelled."""
        dialog = PasteDialog(parent, default_label)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.label(), dialog.text()
            return None
        finally:
            dialog.deleteLater()

    def label(self) -> str:
        """The label typed, stripped; the default label if left blank."""
        return self._label.text().strip() or self._default_label

    def text(self) -> str:
        """The pasted text exactly as entered (ingest normalises it)."""
        return self._text.toPlainText()

    def set_label(self, label: str) -> None:
        self._label.setText(label)

    def set_text(self, text: str) -> None:
        self._text.setPlainText(text)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Label:", self._label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._buttons)

    def _on_text_text_changed(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text().strip()))
