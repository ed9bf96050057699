"""Session files (``.storydiff``): save a comparison with the user's work, reopen it without the model.

A session is one SQLite database (tables in ``session_schema``) holding the
versions, the comparison, the passage embeddings, the user's decisions and
notes, and the settings used. Public API:

- ``save_session(path, comparison, ...)`` / ``load_session(path)``: one-shot, for the CLI;
- ``open_session(path)``: a ``SessionHandle`` that holds the file's lock while a
  window has it open, so a second window gets a clear error instead of
  overwriting the first one's work.

Saving is atomic (``session_files``); loading reads only SQLite and numpy, so it
never imports torch or sentence-transformers. Expected failures (missing,
corrupt, newer, read-only, locked file; full disk) raise ``StorageError``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from storydiff.core.errors import StorageError
from storydiff.core.model import Comparison
from storydiff.storage import session_schema
from storydiff.storage.cache import passage_texts, text_key
from storydiff.storage.session_files import (
    connect_for_reading,
    describe,
    is_read_only,
    remove_leftovers,
    write_atomically,
)
from storydiff.storage.session_check import Damage, drop_foreign, foreign_objects, harden, one_line
from storydiff.storage.session_lock import SessionLock
from storydiff.storage.session_read import read_session
from storydiff.storage.session_schema import APPLICATION_ID
from storydiff.storage.session_values import Decision, Embeddings, Note, Session
from storydiff.storage.session_write import check_payloads, write_session

if TYPE_CHECKING:
    from storydiff.workspace import Workspace

__all__ = [
    "SUFFIX", "Decision", "Note", "Session", "SessionHandle", "cached_embeddings", "embedded_texts",
    "load_session", "open_session", "save_session", "workspace_of",
]

SUFFIX = ".storydiff"


def save_session(path: str | Path, comparison: Comparison | None, *, workspace: Workspace | None = None,
                 decisions: Sequence[Decision] = (), notes: Sequence[Note] = (),
                 embeddings: Embeddings | None = None) -> None:
    """Save a session at ``path``, replacing any file there in one step.

    ``workspace`` defaults to the comparison's versions and settings;
    ``embeddings`` maps model id -> sha256 of a text -> vector (see
    ``cached_embeddings``). Raises ``StorageError`` when the file is read-only,
    open in another StoryDiff window, or cannot be written (nothing saved before
    is lost), and ``ValueError`` for a decision whose payload is not JSON data.
    """
    with open_session(path) as handle:
        handle.save(comparison, workspace=workspace, decisions=decisions, notes=notes, embeddings=embeddings)


def load_session(path: str | Path, *, validate: bool = True) -> Session:
    """Read the session at ``path`` (no lock: reading never harms a file another window has open).

    Raises ``StorageError`` with a one-line reason for a missing, empty, corrupt,
    foreign or newer file, or one whose versions, settings, decisions or notes are
    damaged. A damaged comparison or set of vectors is left out instead, and said so in
    ``Session.rebuild`` (see ``session_read``); what StoryDiff did not create is named in
    ``Session.ignored``. The file is only read, never written. ``validate=False`` reads
    without these checks, as StoryDiff did before issue 13: for benchmarks only.
    """
    path = Path(path)
    try:
        connection = connect_for_reading(path)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StorageError(f"{path}: the session cannot be opened ({one_line(describe(exc))})") from exc
    try:
        if validate:
            harden(connection)
        file = sqlite_utils.Database(connection)
        db = _checked(file, path)
        ignored = foreign_objects(file) if validate else ()
        return read_session(db, path, read_only=is_read_only(path), ignored=ignored, validate=validate)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: the session cannot be read ({one_line(describe(exc))})") from exc
    except Damage as exc:
        raise StorageError(f"{path}: the session is damaged: {exc}") from exc
    except (LookupError, ValueError, TypeError, RecursionError) as exc:  # a damaged file can hold anything
        raise StorageError(f"{path}: the session is damaged ({type(exc).__name__}: {one_line(str(exc))})") from exc
    finally:
        connection.close()


def open_session(path: str | Path) -> SessionHandle:
    """A handle on the session at ``path`` (which need not exist yet), locked unless read-only.

    Raises ``StorageError`` when another StoryDiff window has it open, or its folder is missing.
    """
    return SessionHandle(Path(path))


class SessionHandle:
    """A session file held open by one window: ``load()``, ``save(...)``, ``close()``.

    ``read_only`` is True when the file or its folder cannot be written; such a
    handle takes no lock (it cannot clobber anything) and refuses to save.
    """

    def __init__(self, path: Path) -> None:
        if not path.parent.is_dir():
            raise StorageError(f"{path}: folder {path.parent} does not exist")
        self.path = path
        self.read_only = is_read_only(path)
        # Beside the real file: a window that opened it through a symlink must see the lock too.
        self._lock = SessionLock(Path(os.path.realpath(path)))
        self._closed = False
        if not self.read_only:
            self._lock.acquire()
            remove_leftovers(path)  # temporary files of a save that was killed

    def load(self) -> Session:
        """The session as saved; see ``load_session``."""
        self._check_open()
        return load_session(self.path)

    def save(self, comparison: Comparison | None, *, workspace: Workspace | None = None,
             decisions: Sequence[Decision] = (), notes: Sequence[Note] = (),
             embeddings: Embeddings | None = None, view: dict[str, Any] | None = None) -> None:
        """Replace the file with this session; see ``save_session``. ``view`` is JSON data on how
        the window shows it (``Session.view`` reads it back)."""
        self._check_open()
        if self.read_only:
            raise StorageError(f"{self.path}: the session is read-only; save it under another name")
        if comparison is None and workspace is None:
            raise ValueError("a session needs a comparison or a workspace")
        workspace = workspace if workspace is not None else workspace_of(comparison)
        decisions, notes = tuple(decisions), tuple(notes)
        check_payloads(decisions)
        write_atomically(
            self.path, lambda db: write_session(db, comparison, workspace, decisions, notes, embeddings or {}, view)
        )

    def close(self) -> None:
        """Release the lock; the handle cannot be used afterwards."""
        self._lock.release()
        self._closed = True

    def __enter__(self) -> SessionHandle:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"{self.path}: the session handle is closed")


def embedded_texts(comparison: Comparison) -> list[str]:
    """The texts ``engine.compare`` embeds: every passage, and every two adjacent
    passages of a version read together (the evidence for splits and merges)."""
    texts = []
    for version in comparison.versions:
        singles, doubles = passage_texts(version.text, comparison.passages.get(version.id, ()))
        texts += singles + doubles
    return texts


def cached_embeddings(cache: Any, comparison: Comparison) -> Embeddings:
    """The comparison's vectors found in an ``EmbeddingCache`` (empty without one).

    Saved with the session, they let a re-alignment run without the model.
    """
    get_many = getattr(cache, "get_many", None)
    if get_many is None:
        return {}
    found = get_many(comparison.model, (text_key(t) for t in embedded_texts(comparison)))
    return {comparison.model: dict(found)} if found else {}


def workspace_of(comparison: Comparison) -> Workspace:
    """The workspace a comparison was made from: its versions and settings."""
    from storydiff.workspace import Workspace  # the engine sits above storage

    return Workspace(
        versions=comparison.versions,
        reference=comparison.reference,
        threshold=comparison.threshold,
        model=comparison.model,
        next_id=_next_id(v.id for v in comparison.versions),
    )


def _next_id(ids: Iterable[str]) -> int:
    """One past the highest ``v<n>`` id, so that new versions never reuse one."""
    numbers = [int(m.group(1)) for m in (re.fullmatch(r"v(\d+)", i) for i in ids) if m]
    return max(numbers, default=0) + 1


def _checked(db: sqlite_utils.Database, path: Path) -> sqlite_utils.Database:
    """``db`` if it is an intact session this StoryDiff can read (upgraded if older)."""
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise StorageError(f"{path}: not a StoryDiff session")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(session_schema.MIGRATIONS):
        raise StorageError(
            f"{path}: this session was written by a newer StoryDiff (schema {version}, "
            f"this one knows {len(session_schema.MIGRATIONS)}); update StoryDiff to open it"
        )
    problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    if problem != "ok":
        raise StorageError(f"{path}: the session is damaged ({one_line(str(problem))})")
    return _upgraded(db, version) if version < len(session_schema.MIGRATIONS) else db


def _upgraded(db: sqlite_utils.Database, version: int) -> sqlite_utils.Database:
    """An in-memory copy of an older session brought up to date.

    The file itself is left alone: it may be read-only, and it is only ever
    replaced whole, by the next save.
    """
    memory = sqlite_utils.Database(memory=True)
    db.conn.backup(memory.conn)
    harden(memory.conn)
    drop_foreign(memory)  # a planted trigger or view must not meet the migrations
    for number in range(version, len(session_schema.MIGRATIONS)):
        with memory.conn:
            session_schema.MIGRATIONS[number](memory)
            memory.execute(f"PRAGMA user_version = {number + 1}")
    return memory
