"""Small file-system rules shared by every writer of user files."""

from __future__ import annotations

import stat
from pathlib import Path

NEW_FILE_MODE = 0o644


def mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; new files get 0644."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return NEW_FILE_MODE
