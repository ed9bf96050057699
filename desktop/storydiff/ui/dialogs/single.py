"""One non-modal window of a kind per parent: shown again and raised instead of made twice."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def show_one(parent: QWidget, kind: type[W], name: str) -> W:
    """Show ``parent``'s child of ``kind`` named ``name`` (made with ``kind(parent)`` when
    there is none yet), restored if minimised and activated, which raises it."""
    window = parent.findChild(kind, name)
    if window is None:
        window = kind(parent)
    window.showNormal() if window.isMinimized() else window.show()
    window.activateWindow()  # window managers raise the window they activate
    return window
