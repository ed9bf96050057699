"""The session file on disk: atomic replacement, read-only detection, safe reading.

The one rule that keeps work safe: a session file is never written in place.
A save builds a complete database in a temporary file beside the target,
checkpoints its WAL, flushes it to disk and only then renames it over the
target (``os.replace`` is atomic). A crash, a kill or a full disk at any moment
leaves the previous file as it was. Because published files are complete and
never change afterwards, readers open them ``immutable``: no lock, no ``-wal``
or ``-shm`` beside the user's file, and it works in read-only folders. (Only
another program writing into the file leaves a ``-wal`` behind; then SQLite
reads it normally, and the next save drops it with the file it belongs to.)
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from storydiff.core.errors import StorageError
from storydiff.storage import session_schema
from storydiff.storage.database import open_database
from storydiff.core.files import mode_for

TEMP_SUFFIX = ".saving"
# mkstemp makes owner-only files; a new session gets the usual document mode.


def is_read_only(path: Path) -> bool:
    """True when ``path`` (or, for a new file, its folder) cannot be written.

    Write bits count as well as ``os.access``: root may write anywhere, but a
    file the user marked read-only is meant to stay as it is.
    """
    if path.exists():
        return not _writable(path) or not _writable(path.parent)
    return not _writable(path.parent)


def _writable(path: Path) -> bool:
    try:
        return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A read-only connection to a published session file; ``StorageError`` if missing."""
    if not path.exists():
        raise StorageError(f"{path}: no such session file")
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a session file")
    if path.stat().st_size == 0:
        raise StorageError(f"{path}: the file is empty, not a StoryDiff session")
    # A pending WAL holds changes some other program wrote in place: let SQLite apply them.
    options = "mode=ro" if _pending_wal(path) else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=False)


def _pending_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def write_atomically(path: Path, fill: Callable[[sqlite_utils.Database], None]) -> None:
    """Build a new session with ``fill`` and put it at ``path`` in one step.

    Raises ``StorageError`` (the previous file intact, no temporary file left)
    when the folder cannot be written or the disk is full.
    """
    target = Path(os.path.realpath(path))  # through a symlink, replace the file it points to
    temp = _new_temp(target, path)
    try:
        _build(temp, fill)
        _flush(temp, mode_for(target))
        _drop_wal(target)
        os.replace(temp, target)
        _flush_folder(target.parent)
    except BaseException as exc:
        remove_temp(temp)
        if isinstance(exc, (OSError, sqlite3.DatabaseError, StorageError)):
            raise _save_error(path, exc) from exc
        raise


def remove_leftovers(path: Path) -> None:
    """Remove temporary files of saves that were killed (call only while holding the lock)."""
    pattern = glob.escape(str(path.parent / f".{path.name}.")) + f"*{TEMP_SUFFIX}*"
    for temp in glob.glob(pattern):
        remove_temp(Path(temp))


def remove_temp(temp: Path) -> None:
    for name in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
        with contextlib.suppress(OSError):
            os.unlink(name)


def _new_temp(target: Path, shown: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise _save_error(shown, exc) from exc
    os.close(fd)
    return Path(name)


def _build(temp: Path, fill: Callable[[sqlite_utils.Database], None]) -> None:
    """The whole session in ``temp``, with nothing left in its WAL."""
    db = open_database(temp, session_schema.MIGRATIONS, what="session")
    try:
        with db.conn:
            fill(db)
        # Everything must be in the main file before the rename: a -wal does not follow it.
        busy, log_frames, done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy or log_frames != done:
            raise _incomplete()
    finally:
        db.close()
    wal = Path(f"{temp}-wal")
    if wal.exists() and wal.stat().st_size:
        raise _incomplete()


def _incomplete() -> OSError:
    return OSError(errno.EIO, "the new file could not be completed")


def _drop_wal(target: Path) -> None:
    """Remove a WAL left beside the target by another program, before the new file arrives.

    Its frames belong to the file being replaced; beside the new one, SQLite
    would replay them onto it. (Removed first: a crash in between leaves the old
    file consistent on its own.)
    """
    for side in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        if side.exists():
            side.unlink()


def _flush(temp: Path, mode: int) -> None:
    """Put the file's bytes on disk, so the rename never publishes an empty file."""
    os.chmod(temp, mode)
    fd = os.open(temp, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _save_error(path: Path, exc: BaseException) -> StorageError:
    # open_database wraps the sqlite3/OS error; the user needs the underlying reason.
    cause = exc.__cause__ if isinstance(exc, StorageError) and exc.__cause__ is not None else exc
    return StorageError(f"{path}: cannot save the session ({describe(cause)}); any earlier save is unchanged")


def describe(exc: BaseException) -> str:
    """A short reason for a failed read or write, in the user's words."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "disk I/O error" in text:  # what SQLite says when a write fails for any reason, a size limit included
        return "the disk is full or cannot be written: disk I/O error"
    if "not a database" in text or "malformed" in text:
        return "it is corrupt or not a StoryDiff session"
    if "readonly" in text or "read-only" in text:
        return "it is read-only"
    return text
