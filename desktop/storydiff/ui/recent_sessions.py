"""Open Recent: the last sessions opened or saved, and the menu that lists them."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

RECENT_KEY = "recent_sessions"
RECENT_LIMIT = 8


def same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


class RecentSessions:
    """The last sessions opened or saved, newest first, kept in ``QSettings``."""

    def paths(self) -> list[Path]:
        return [Path(p) for p in QSettings().value(RECENT_KEY, [], type=list)]

    def add(self, path: Path) -> None:
        path = Path(os.path.abspath(path))
        paths = [path, *(p for p in self.paths() if not same_file(p, path))][:RECENT_LIMIT]
        QSettings().setValue(RECENT_KEY, [str(p) for p in paths])

    def clear(self) -> None:
        QSettings().remove(RECENT_KEY)


def fill_recent_menu(menu: QMenu, paths: Sequence[Path], open_path: Callable[[Path], None],
                     clear: Callable[[], None]) -> None:
    """One entry per session (greyed when the file is gone), then Clear Menu."""
    menu.clear()
    for number, path in enumerate(paths, start=1):
        action = menu.addAction(f"&{number} {path.name}")
        action.setData(str(path))
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setEnabled(path.is_file())
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction("No Recent Sessions").setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction("&Clear Menu").triggered.connect(clear)
