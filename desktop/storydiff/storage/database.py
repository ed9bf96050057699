"""A small typed wrapper over sqlite-utils: schema version, ordered migrations, WAL.

Each database kind passes its own ordered list of migrations; ``PRAGMA user_version``
counts how many have run. A database written by a newer StoryDiff is refused.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs
import sqlite_utils

from storydiff.core.errors import StorageError

Migration = Callable[[sqlite_utils.Database], None]

APP_NAME = "StoryDiff"


def data_dir() -> Path:
    """The per-user data folder (``STORYDIFF_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("STORYDIFF_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return path


def open_database(path: Path, migrations: Sequence[Migration], *, what: str) -> sqlite_utils.Database:
    """Open (creating if needed) the SQLite file at ``path`` and bring it up to date.

    ``what`` names the database in error messages ("embedding cache", "session").
    Raises ``StorageError`` for a corrupt, locked, unwritable or newer database.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One background executor uses a connection at a time, but not always from the
        # thread that opened it.
        db = sqlite_utils.Database(sqlite3.connect(path, timeout=5.0, check_same_thread=False))
        _check_and_migrate(db, migrations, path, what)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: the {what} cannot be used ({_reason(exc)})") from exc
    except OSError as exc:
        raise StorageError(f"{path}: the {what} cannot be opened ({exc.strerror or exc})") from exc
    return db


def _check_and_migrate(db: sqlite_utils.Database, migrations: Sequence[Migration], path: Path, what: str) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise StorageError(
            f"{path}: this {what} was written by a newer StoryDiff (schema {version}, "
            f"this one knows {len(migrations)}); update StoryDiff to open it"
        )
    if version < len(migrations) or db.journal_mode != "wal":
        db.enable_wal()
    for number in range(version, len(migrations)):
        with db.conn:
            migrations[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")


def _reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "it is locked by another program"
    if "readonly" in text or "read-only" in text:
        return "it is read-only"
    if "not a database" in text or "malformed" in text:
        return "it is corrupt or not a StoryDiff database"
    return text
