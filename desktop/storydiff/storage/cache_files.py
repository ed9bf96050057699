"""Where the embedding cache lives on disk, how much room it takes, and clearing it.

The cache is derived data (``storage.cache``): clearing it loses nothing but time, as
every vector is computed again when next needed. Clearing goes through SQLite, never by
deleting the file, so a comparison writing to the cache at the same moment waits for the
lock (or bypasses the cache) instead of losing its file under it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storydiff.core.errors import StorageError
from storydiff.storage.cache import CACHE_FILE
from storydiff.storage.database import data_dir

_COMPANIONS = ("", "-wal", "-shm")  # SQLite's own files beside the database


def cache_path(folder: str | Path | None = None) -> Path:
    """The cache file in ``folder`` ("" or None: the per-user data folder)."""
    return (Path(folder).expanduser() if folder else data_dir()) / CACHE_FILE


def cache_files(path: Path) -> list[Path]:
    """The files that make up the cache at ``path`` and exist: the database, its WAL and
    shared-memory files, and corrupt copies moved aside."""
    files = [path.with_name(path.name + suffix) for suffix in _COMPANIONS]
    files += sorted(path.parent.glob(f"{path.name}.corrupt-*")) if path.parent.is_dir() else []
    return [f for f in files if f.is_file()]


def cache_size(path: Path) -> int:
    """Bytes on disk taken by the cache at ``path`` (0 when there is none)."""
    total = 0
    for file in cache_files(path):
        try:
            total += file.stat().st_size
        except OSError:
            pass  # removed meanwhile
    return total


def clear_cache(path: Path, timeout: float = 10.0) -> None:
    """Remove every vector from the cache at ``path`` and give the space back to the disk.

    Waits up to ``timeout`` seconds for a comparison writing to it; raises ``StorageError``
    when the cache stays locked or cannot be written. Corrupt copies moved aside go too.
    """
    if path.is_file():
        try:
            with sqlite3.connect(path, timeout=timeout) as conn:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'embeddings'").fetchone():
                    conn.execute("DELETE FROM embeddings")
            conn.close()
            with sqlite3.connect(path, timeout=timeout, isolation_level=None) as conn:
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        except sqlite3.OperationalError as exc:  # locked, read-only, disk full
            raise StorageError(f"{path}: the embedding cache cannot be cleared ({exc})") from exc
        except sqlite3.DatabaseError:
            # Not a database (damaged): vectors are derived data, so clearing it is deleting it.
            for name in cache_files(path):
                name.unlink(missing_ok=True)
    for aside in path.parent.glob(f"{path.name}.corrupt-*") if path.parent.is_dir() else ():
        aside.unlink(missing_ok=True)


def format_size(size: int) -> str:
    """``size`` bytes for people: "0 bytes", "812 KB", "3.4 MB", "1.2 GB" (1000-based)."""
    if size < 1000:
        return f"{size} bytes"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            value = size / scale
            return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    return f"{size} bytes"  # unreachable: GB takes every larger size
