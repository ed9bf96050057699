"""Helpers for tests that drive the real window."""

from __future__ import annotations


def answer_save_dialog(monkeypatch, path) -> list:
    """QFileDialog.getSaveFileName answers ``path``; returns the list of calls."""
    from PySide6.QtWidgets import QFileDialog

    calls = []

    def fake(*args, **kwargs):
        calls.append(args)
        return str(path), "StoryDiff sessions (*.storydiff)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def shown(qtbot, widget, width: int, height: int):
    """``widget`` closed by pytest-qt after the test, ``width`` x ``height`` pixels, shown and exposed."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
