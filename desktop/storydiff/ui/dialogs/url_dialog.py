"""Ask for one or more web addresses to import, one per line."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from storydiff.ingest.fetch import looks_like_url


def parse_urls(text: str) -> tuple[list[str], list[str]]:
    """``(addresses, refused lines)`` of ``text``: one http(s) address per non-blank line."""
    urls, refused = [], []
    for line in text.splitlines():
        if line.strip():
            (urls if looks_like_url(line) else refused).append(line.strip())
    return list(dict.fromkeys(urls)), refused


class UrlDialog(QDialog):
    """A text box for addresses; OK is enabled while every non-blank line is an http(s) address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add from URL")
        self._text = QPlainTextEdit(self)
        self._text.setTabChangesFocus(True)  # Tab moves on: a keyboard user is never trapped in the editor
        self._text.setPlaceholderText("https://example.org/news/story\nhttps://another.example/article")
        self._text.setMinimumSize(520, 160)
        self._hint = QLabel("One web address (http or https) per line. Each page is downloaded, its "
                            "article extracted, and shown for a check before it is added.", self)
        self._hint.setWordWrap(True)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Download")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._text.textChanged.connect(self._on_text_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self._hint)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._buttons)
        self._on_text_text_changed()

    @staticmethod
    def get_urls(parent: QWidget | None) -> list[str] | None:
        """The addresses entered, or None if the user cancelled."""
        dialog = UrlDialog(parent)
        try:
            return dialog.urls() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def set_text(self, text: str) -> None:
        self._text.setPlainText(text)

    def urls(self) -> list[str]:
        return parse_urls(self._text.toPlainText())[0]

    def _on_text_text_changed(self) -> None:
        urls, refused = parse_urls(self._text.toPlainText())
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(urls) and not refused)
        ok.setToolTip(f"Not a web address: {refused[0]}" if refused else "")
