"""The About box: version, model in use, where data is kept."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from storydiff import __version__
from storydiff.storage.database import data_dir


def show_about(parent: QWidget, model_id: str, model_loaded: bool) -> None:
    state = "loaded" if model_loaded else "not loaded yet"
    QMessageBox.about(
        parent,
        "About StoryDiff",
        f"<h3>StoryDiff {html.escape(__version__)}</h3>"
        "<p>See how several outlets cover the same statements.</p>"
        f"<p>Embedding model: <b>{html.escape(model_id)}</b> ({state})<br>"
        f"Data folder: {html.escape(str(data_dir()))}</p>",
    )
