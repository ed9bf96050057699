"""Sessions in the window: New, Open, Save, Save As, Open Recent, Revert, autosave, crash recovery.

A window owns one ``SessionController``. It holds the open session file (its
``SessionHandle``, so the lock stays taken while the window shows it), the
user's decisions and notes, whether there are unsaved changes, and the
window's recovery file. The window shows documents; the controller decides
where they come from and where they go.

Opening a session never aligns or embeds anything: the saved comparison is shown
as it is, and the saved vectors wait in ``SessionEmbedderHolder`` (in
``ui/workers/session_embedder.py``) until an embedder is needed anyway.

The recovery copy and start-up restore live in ``ui/session_recovery.py``; the
Open Recent list in ``ui/recent_sessions.py``. Their names used elsewhere are
re-exported here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from storydiff.core.errors import StorageError, StoryDiffError
from storydiff.core.model import Comparison
from storydiff.storage.session import SUFFIX, Decision, Note, Session, SessionHandle, open_session
from storydiff.storage.session_consistency import stale_notes
from storydiff.ui.recent_sessions import RecentSessions, fill_recent_menu, same_file
from storydiff.ui.session_recovery import Orphan, RecoveryFile
from storydiff.ui.session_recovery import (  # noqa: F401 (re-exported from their old home)
    recovery_dir,
    restore_unsaved_work,
)
from storydiff.ui.workers.session_embedder import SessionEmbedderHolder
from storydiff.workspace import Workspace

if TYPE_CHECKING:
    from storydiff.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SESSION_FILTER = f"StoryDiff sessions (*{SUFFIX})"
AUTOSAVE_MS = 60_000


# Decisions applied to an alignment


def apply_user_decisions(comparison: Comparison | None,
                         decisions: Sequence[Decision]) -> tuple[Comparison | None, tuple[Any, ...]]:
    """The comparison with ``decisions`` applied, and the decisions that no longer apply.

    Without decisions (or before ``storydiff.decisions`` exists) the comparison comes back unchanged.
    """
    if comparison is None or not decisions:
        return comparison, ()
    try:
        from storydiff.decisions import apply_decisions
    except ModuleNotFoundError as exc:
        if exc.name != "storydiff.decisions":
            raise
        log.warning("storydiff.decisions is missing: showing the comparison without the user's corrections")
        return comparison, ()
    applied = apply_decisions(comparison, tuple(decisions))
    return applied.comparison, tuple(applied.conflicts)


def conflicts_message(conflicts: Sequence[Any]) -> str:
    """E.g. "2 of your corrections no longer apply: <why>; <why>"."""
    reasons = "; ".join(getattr(c, "message", None) or str(c) for c in conflicts)
    verb = "applies" if len(conflicts) == 1 else "apply"
    return f"{len(conflicts)} of your corrections no longer {verb}: {reasons}"


def comparison_matches(workspace: Workspace, comparison: Comparison | None) -> bool:
    """True when ``comparison`` is what aligning ``workspace`` would give (same versions and settings)."""
    return (
        comparison is not None
        and comparison.versions == workspace.versions
        and comparison.threshold == workspace.threshold
        and workspace.reference in (None, comparison.reference)
    )


def damage_message(session: Session) -> str:
    """What was left out of a session file on open and what StoryDiff does about it (issue 13)."""
    name = session.path.name
    lines = [f"“{name}” holds what StoryDiff did not create."]
    if session.rebuild:
        lines = [f"“{name}” was damaged; your versions, corrections and notes are intact."]
        lines += [f"Left out {line}." for line in session.rebuild]
    if session.realign:
        lines.append("The versions are being aligned again; corrections and notes that no longer apply will be listed.")
    if session.ignored:
        lines.append(f"Ignored, never run, and left out of the next save: {', '.join(session.ignored)}.")
    return "\n".join(lines)


def window_title(name: str | None, *, read_only: bool) -> str:
    """The window title, with the ``[*]`` placeholder Qt turns into the unsaved-changes mark."""
    if not name:
        return "StoryDiff[*]"
    return f"{name}[*]{' (read-only)' if read_only else ''} — StoryDiff"


def with_suffix(path: str) -> Path:
    """``path`` ending in ``.storydiff``."""
    return Path(path if path.lower().endswith(SUFFIX) else path + SUFFIX)


# Dialogs (the window's patchable _ask_* methods call these)


def ask_save_changes(parent, name: str, answered: Callable[[str], None]) -> None:
    """A window-modal Save / Discard / Cancel box; calls ``answered("save" | "discard" | "cancel")``.

    It does not block: closing the window goes on once the user has answered.
    """
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "StoryDiff", f"Save the changes to “{name}”?",
                      buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setDefaultButton(buttons.Save)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    choices = {buttons.Save: "save", buttons.Discard: "discard"}
    box.finished.connect(lambda _result: answered(choices.get(box.standardButton(box.clickedButton()), "cancel")))
    box.open()


def ask_yes_no(parent, question: str) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, "StoryDiff", question, buttons.Yes | buttons.No, buttons.Yes)
    return answer == buttons.Yes


# The controller


class SessionController(QObject):
    """The window's session file, decisions, notes, unsaved-changes flag and recovery copy."""

    state_changed = Signal()  # path, read-only or unsaved-changes state changed: update title and actions

    def __init__(self, window: MainWindow, holder: SessionEmbedderHolder) -> None:
        super().__init__(window)
        self._window = window
        self._holder = holder
        self._handle: SessionHandle | None = None
        self._recovery = RecoveryFile()
        self._recovery_stale = False
        self._asking = False
        self._shown_conflicts: tuple[Any, ...] = ()
        self._realigning = False  # a damaged alignment was left out on open: the next one rebuilds it
        self.recent = RecentSessions()
        self.modified = False
        self.decisions: tuple[Decision, ...] = ()
        self.notes: tuple[Note, ...] = ()
        self.conflicts: tuple[Any, ...] = ()
        self.view: dict[str, Any] = {}  # how the window shows the document (saved in the session's meta)
        self._timer = QTimer(self, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    # State

    @property
    def path(self) -> Path | None:
        return self._handle.path if self._handle is not None else None

    @property
    def read_only(self) -> bool:
        return self._handle is not None and self._handle.read_only

    @property
    def recovery_path(self) -> Path:
        return self._recovery.path

    def name(self, comparison: Comparison | None) -> str | None:
        """The session's file name, else the story's title, else None."""
        if self.path is not None:
            return self.path.stem
        if comparison is None:
            return None
        reference = comparison.version(comparison.reference)
        return reference.title or reference.label

    def title(self, comparison: Comparison | None) -> str:
        return window_title(self.name(comparison), read_only=self.read_only)

    def mark_changed(self) -> None:
        """The document changed: unsaved now, and the recovery copy is out of date."""
        self._recovery_stale = True
        if not self.modified:
            self.modified = True
            self.state_changed.emit()

    def mark_clean(self) -> None:
        """Nothing worth saving (e.g. the sample just opened)."""
        self.modified = self._recovery_stale = False
        self._recovery.remove()
        self.state_changed.emit()

    def decide(self, comparison: Comparison | None) -> Comparison | None:
        """``comparison`` with the decisions applied; says which decisions no longer apply."""
        try:
            shown, self.conflicts = apply_user_decisions(comparison, self.decisions)
        except StoryDiffError as exc:
            self._window.show_error(f"Your corrections could not be applied: {exc}")
            return comparison
        if self._realigning and shown is not None:
            self._realigning = False
            self.conflicts += stale_notes(self.notes, shown)
            self._window.statusBar().showMessage("Rebuilt the alignment from the versions", 10000)
        if self.conflicts and self.conflicts != self._shown_conflicts:
            self._window.show_error(conflicts_message(self.conflicts))
        elif self.conflicts:
            self._window.statusBar().showMessage(conflicts_message(self.conflicts), 10000)
        self._shown_conflicts = self.conflicts
        return shown

    # Unsaved changes

    def settle_unsaved(self, then: Callable[[], None], on_cancel: Callable[[], None] | None = None) -> None:
        """Run ``then`` once unsaved changes are saved or discarded (asks first); ``on_cancel`` if not."""
        if not self.modified:
            then()
            return
        if self._asking:  # one question at a time
            if on_cancel is not None:
                on_cancel()
            return
        self._asking = True

        def answered(choice: str) -> None:
            self._asking = False
            if choice == "discard" or (choice == "save" and self.save()):
                then()
            elif on_cancel is not None:
                on_cancel()

        self._window._ask_save_changes(answered)

    # New, open, revert, restore

    def new(self) -> None:
        """An empty untitled session (after asking about unsaved changes)."""
        self.settle_unsaved(lambda: self.start_untitled(Workspace(threshold=self._window.workspace().threshold)))

    def start_untitled(self, workspace: Workspace) -> None:
        """Show ``workspace`` as a new, unsaved, untitled session; the old session is let go."""
        self._recovery.remove()
        blank = Session(path=Path(), comparison=None, workspace=workspace)  # what a new file would read back
        self._adopt(blank, None, modified=False)

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, "Open Session", self._start_folder(), SESSION_FILTER)
        if path:
            self.open(Path(path))

    def open(self, path: str | Path) -> bool:
        """Show the session at ``path`` (after asking about unsaved changes); False if it cannot be opened.

        Errors go to ``show_error`` and leave the current session as it is.
        """
        path = Path(path)
        if self._handle is not None and same_file(path, self._handle.path):
            self.settle_unsaved(self._reload)  # already ours (and locked by us): read it again
            return True
        try:
            handle = open_session(path)
        except StorageError as exc:
            self._window.show_error(str(exc))
            return False
        try:
            session = handle.load()
        except StorageError as exc:
            handle.close()
            self._window.show_error(str(exc))
            return False

        def adopt() -> None:
            self._recovery.remove()
            self._adopt(session, handle, modified=False)
            self.recent.add(handle.path)

        self.settle_unsaved(adopt, on_cancel=handle.close)
        return True

    def revert(self) -> None:
        """Read the saved file again, dropping the changes since (after confirmation)."""
        if self._handle is not None and self._window._confirm(
            f"Revert to the saved “{self._handle.path.name}”? Your changes since the last save will be lost."
        ):
            self._reload()

    def _reload(self) -> None:
        try:
            session = self._handle.load()
        except StorageError as exc:
            self._window.show_error(str(exc))
            return
        self._recovery.remove()
        self._adopt(session, self._handle, modified=False)

    def restore(self, orphan: Orphan) -> None:
        """Show a crashed window's work: unsaved, its own session file remembered when it can be had."""
        handle, problem = None, ""
        if orphan.original is not None:
            try:
                handle = open_session(orphan.original)
            except StorageError as exc:
                problem = str(exc)
        self._recovery.remove()
        self._recovery = orphan.recovery
        self._adopt(orphan.session, handle, modified=True)
        self._recovery_stale = False
        if problem:
            self._window.show_error(f"Your work was restored as a new session: {problem}")

    def _adopt(self, session: Session, handle: SessionHandle | None, *, modified: bool) -> None:
        if self._handle is not None and self._handle is not handle:
            self._handle.close()
        self._handle = handle
        self.decisions, self.notes = tuple(session.decisions), tuple(session.notes)
        self.view = dict(session.view)
        self._shown_conflicts = ()
        self._holder.seed(session.embeddings)
        damaged = bool(session.rebuild or session.ignored)  # what is shown differs from the file: save it anew
        self.modified, self._recovery_stale = modified or damaged, damaged
        self._realigning = session.realign
        self._window.show_document(session.workspace, session.comparison)
        self.state_changed.emit()
        if damaged:
            self._window.show_error(damage_message(session))

    # Save

    def save(self) -> bool:
        """Save to the session's file (Save As for a new or read-only one); True when saved."""
        if self._handle is None or self._handle.read_only:
            return self.save_as()
        if not self._write(self._handle):
            return False
        self._saved()
        return True

    def save_as(self) -> bool:
        """Ask for a file (``.storydiff`` added), save there and keep it open; True when saved."""
        chosen, _ = QFileDialog.getSaveFileName(self._window, "Save Session As", self._suggested_path(),
                                                SESSION_FILTER)
        if not chosen:
            return False
        path = with_suffix(chosen)
        current = self._handle
        if current is not None and not current.read_only and same_file(path, current.path):
            return self.save()
        if str(path) != chosen and path.exists() and not self._window._confirm(f"{path.name} exists. Replace it?"):
            return False
        try:
            handle = open_session(path)
        except StorageError as exc:
            self._window.show_error(str(exc))
            return False
        if not self._write(handle):
            handle.close()
            return False
        if current is not None:
            current.close()
        self._handle = handle
        self._saved()
        return True

    def _write(self, handle: SessionHandle) -> bool:
        window = self._window
        comparison = window.aligned_comparison()
        try:
            handle.save(comparison, workspace=window.workspace(), decisions=self.decisions, notes=self.notes,
                        embeddings=self._holder.embeddings_for(comparison), view=self.view)
        except StorageError as exc:
            window.show_error(str(exc))
            return False
        except ValueError as exc:  # a decision that is not JSON data: a bug in whoever made it
            log.exception("cannot save %s", handle.path)
            window.show_error(f"{handle.path}: cannot save the session (a bug, see the log): {exc}")
            return False
        return True

    def _saved(self) -> None:
        self.modified = self._recovery_stale = False
        self._recovery.remove()
        self.recent.add(self._handle.path)
        self._window._remember_folder(str(self._handle.path))
        self._window.statusBar().showMessage(f"Saved {self._handle.path}", 5000)
        self.state_changed.emit()

    def _suggested_path(self) -> str:
        if self.path is not None:
            return str(self.path.with_suffix(SUFFIX))
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", self.name(self._window.comparison()) or "").strip()
        return str(Path(self._start_folder()) / f"{name[:80] or 'Untitled'}{SUFFIX}")

    def _start_folder(self) -> str:
        return str(self.path.parent) if self.path is not None else self._window._last_folder()

    # Autosave

    def set_autosave_minutes(self, minutes: int) -> None:
        """Copy unsaved work to the recovery file every ``minutes`` (0: no periodic copy;
        corrections are still copied at once)."""
        if minutes > 0:
            self._timer.start(minutes * 60_000)  # ms
        else:
            self._timer.stop()

    def autosave_minutes(self) -> int:
        """The interval of the periodic copy in minutes (0: off)."""
        return self._timer.interval() // 60_000 if self._timer.isActive() else 0

    def autosave(self) -> None:
        """Copy the document to the recovery file now (when it has unsaved changes)."""
        if not self.modified:
            return
        window = self._window
        comparison = window.aligned_comparison()
        try:
            self._recovery.write(comparison, window.workspace(), self.decisions, self.notes,
                                 self._holder.embeddings_for(comparison), self.path, self.view)
        except StorageError as exc:
            log.warning("autosave failed: %s", exc)
            window.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return
        self._recovery_stale = False

    def _on_timer_timeout(self) -> None:
        if self.modified and self._recovery_stale:
            self.autosave()

    # Recent sessions

    def fill_recent_menu(self, menu: QMenu) -> None:
        fill_recent_menu(menu, self.recent.paths(), self.open, self.recent.clear)

    # Closing

    def close(self) -> None:
        """The window closes with nothing left unsaved: drop the recovery copy, let the session go."""
        self._timer.stop()
        self._recovery.remove()
        if self._handle is not None:
            self._handle.close()
            self._handle = None
