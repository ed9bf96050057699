"""What a window remembers between runs (in ``QSettings``): its geometry, toolbars and
splitters, whether trivial changes are shown, and the last folder files came from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def last_folder() -> str:
    return str(QSettings().value("last_folder", str(Path.home())))


def remember_folder(path: str) -> None:
    QSettings().setValue("last_folder", str(Path(path).resolve().parent))


def restore_layout(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """The saved geometry (else a default size), toolbar state and splitter positions."""
    settings = QSettings()
    if settings.value("geometry") is not None:
        window.restoreGeometry(settings.value("geometry"))
    else:
        default_size(window)
    for key, widget in (("window_state", window), *splitters.items()):
        value = settings.value(key)
        if value is not None:
            widget.restoreState(value)


def default_size(window: QMainWindow) -> None:
    """Most of the screen on first start, so five columns have room."""
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is None:
        window.resize(1280, 800)
        return
    window.resize(min(1600, int(screen.width() * 0.92)), min(1000, int(screen.height() * 0.92)))


def saved_show_trivial() -> bool:
    return QSettings().value("show_trivial", True, type=bool)


def save_layout(window: QMainWindow, splitters: dict[str, QSplitter], *, show_trivial: bool) -> None:
    settings = QSettings()
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("window_state", window.saveState())
    for key, splitter in splitters.items():
        settings.setValue(key, splitter.saveState())
    settings.setValue("show_trivial", show_trivial)
