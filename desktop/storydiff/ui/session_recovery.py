"""Crash recovery: the window's recovery copy, and restoring the work of crashed windows.

While there are unsaved changes, the document is copied every minute (and after
every decision or note) to ``data_dir()/recovery/<uuid>.storydiff``, with
``<uuid>.json`` naming the real session file. The window holds that copy's
lock, so the next start can tell a copy left by a crash (lock free) from one a
running StoryDiff still writes (locked).
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storydiff.core.errors import StorageError
from storydiff.core.model import Comparison
from storydiff.storage.database import data_dir
from storydiff.storage.session import SUFFIX, Decision, Note, Session, SessionHandle, open_session
from storydiff.storage.session_values import Embeddings, now_iso
from storydiff.workspace import Workspace

if TYPE_CHECKING:
    from storydiff.ui.main_window import MainWindow

log = logging.getLogger(__name__)

RESTORE_QUESTION = "StoryDiff closed unexpectedly. Restore the unsaved work?"


def recovery_dir() -> Path:
    return data_dir() / "recovery"


class RecoveryFile:
    """One window's crash copy, ``<key>.storydiff`` plus ``<key>.json`` (the real session's path).

    Holds the copy's lock from the first write until ``remove``.
    """

    def __init__(self, key: str | None = None, handle: SessionHandle | None = None) -> None:
        self.key = key or uuid.uuid4().hex
        self._handle = handle

    @property
    def path(self) -> Path:
        return recovery_dir() / f"{self.key}{SUFFIX}"

    @property
    def sidecar(self) -> Path:
        return recovery_dir() / f"{self.key}.json"

    def write(self, comparison: Comparison | None, workspace: Workspace, decisions: Sequence[Decision],
              notes: Sequence[Note], embeddings: Embeddings, original: Path | None,
              view: dict | None = None) -> None:
        """Replace the copy; raises ``StorageError`` when it cannot be written."""
        if self._handle is None:
            try:
                recovery_dir().mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"{recovery_dir()}: cannot create ({exc.strerror or exc})") from exc
            self._handle = open_session(self.path)
        self._handle.save(comparison, workspace=workspace, decisions=decisions, notes=notes, embeddings=embeddings,
                          view=view)
        info = {"path": str(original) if original is not None else None, "pid": os.getpid(), "saved_at": now_iso()}
        temp = self.sidecar.with_name(self.sidecar.name + ".tmp")
        try:
            temp.write_text(json.dumps(info), encoding="utf-8")
            os.replace(temp, self.sidecar)
        except OSError as exc:
            raise StorageError(f"{self.sidecar}: cannot write ({exc.strerror or exc})") from exc

    def original(self) -> Path | None:
        """The session file this copy belongs to, if it had one."""
        try:
            path = json.loads(self.sidecar.read_text(encoding="utf-8")).get("path")
        except (OSError, ValueError, AttributeError):
            return None
        return Path(path) if isinstance(path, str) else None

    def remove(self) -> None:
        """Delete the copy (first, while still locked), then let the lock go."""
        for path in (self.path, self.sidecar):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("cannot remove the recovery file %s: %s", path, exc)
        if self._handle is not None:
            self._handle.close()
            self._handle = None


@dataclass
class Orphan:
    """A recovery copy left by a StoryDiff that did not close cleanly (its lock now held by us)."""

    recovery: RecoveryFile
    session: Session
    original: Path | None


def find_orphans() -> list[Orphan]:
    """Recovery copies no running StoryDiff holds, oldest first; copies that cannot be read are skipped."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    orphans = []
    for path in sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime):
        try:
            handle = open_session(path)
        except StorageError:
            continue  # a running window owns it
        try:
            session = handle.load()
        except StorageError as exc:
            log.warning("recovery file not restored: %s", exc)
            handle.close()
            continue
        recovery = RecoveryFile(path.name[: -len(SUFFIX)], handle)
        orphans.append(Orphan(recovery, session, recovery.original()))
    return orphans


def restore_unsaved_work(window: MainWindow, make_window: Callable[[], MainWindow]) -> list[MainWindow]:
    """Offer the work of crashed windows at start-up; returns the windows now showing it.

    The first copy goes into ``window`` (a fresh one), the others into windows from
    ``make_window``. Declined copies are deleted.
    """
    orphans = find_orphans()
    if not orphans:
        return []
    if not window._ask_restore(len(orphans)):
        for orphan in orphans:
            orphan.recovery.remove()
        return []
    windows = [window] + [make_window() for _ in orphans[1:]]
    for target, orphan in zip(windows, orphans):
        target.sessions.restore(orphan)
    return windows
