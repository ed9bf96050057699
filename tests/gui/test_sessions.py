"""Sessions in the window: save, open, recent, revert, unsaved-changes questions, locks, autosave, recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from fakes import DIM, BagOfWordsEmbedder, FakeHolder
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from storydiff.app import open_paths
from storydiff.storage.cache import EmbeddingCache, text_key
from storydiff.storage.session import (
    Decision,
    Note,
    embedded_texts,
    load_session,
    save_session,
)
from storydiff.ui.session_controller import recovery_dir, restore_unsaved_work
from window_helpers import answer_save_dialog

TIMEOUT = 20000
ROOT = Path(__file__).resolve().parents[2]


class NoModelHolder(FakeHolder):
    """Fails the test if anything asks for the embedder."""

    def get(self):
        raise AssertionError("the embedder was asked for")


class CachingEmbedder(BagOfWordsEmbedder):
    """The fake model behind a real (in-memory) embedding cache; counts the texts it encodes."""

    def __init__(self):
        super().__init__()
        self.cache = EmbeddingCache(persistent=False)
        self.encoded = 0

    def embed(self, texts, *, progress=None):
        keys = [text_key(t) for t in texts]
        vectors = self.cache.get_many(self.model_id, keys)
        missing = {k: t for k, t in zip(keys, texts) if k not in vectors}
        if missing:
            fresh = dict(zip(missing, super().embed(list(missing.values()))))
            self.cache.put_many(self.model_id, fresh)
            vectors.update(fresh)
            self.encoded += len(missing)
        return np.stack([vectors[k] for k in keys]) if keys else np.zeros((0, DIM), np.float32)


@pytest.fixture
def saved(tmp_path, sample_comparison) -> Path:
    path = tmp_path / "saved" / "story.storydiff"
    path.parent.mkdir()
    save_session(path, sample_comparison, notes=(Note("version", "v2", "the rewrite"),))
    return path


def wait_shown(qtbot, window, action):
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        action()
    return window.comparison()


def answer_unsaved(monkeypatch, window, choice):
    """The Save / Discard / Cancel question answers ``choice``; returns the list of times asked."""
    asked = []

    def fake(answered):
        asked.append(choice)
        answered(choice)

    monkeypatch.setattr(window, "_ask_save_changes", fake)
    return asked


def shown_title(window) -> str:
    """The title as the window system shows it: ``[*]`` replaced by "*" or nothing."""
    return window.windowHandle().title()


def rename_first_version(window, label="Wire copy"):
    window.versions_panel.rename_requested.emit(window.workspace().versions[0].id, label)


# Save and open


def test_saved_session_reopens_in_a_new_window_without_the_model(qtbot, new_window, monkeypatch, tmp_path):
    first = new_window(FakeHolder(CachingEmbedder()))
    original = wait_shown(qtbot, first, first.open_sample)
    answer_save_dialog(monkeypatch, tmp_path / "harbour")
    first.action_save_as.trigger()
    path = tmp_path / "harbour.storydiff"
    saved = load_session(path)
    assert saved.comparison == original and saved.workspace == first.workspace()
    keys = {text_key(t) for t in embedded_texts(original)}
    assert set(saved.embeddings[original.model]) == keys  # the vectors travel with the session
    assert first.close()

    second = new_window(NoModelHolder())
    errors = []
    second.error_shown.connect(errors.append)
    with qtbot.waitSignal(second.comparison_shown, timeout=TIMEOUT):
        assert second.sessions.open(path)
    shown = second.comparison()
    assert shown.rows == original.rows and shown.changes == original.changes
    assert shown.quotes == original.quotes and second.workspace() == first.workspace()
    qtbot.wait(400)  # longer than the re-alignment debounce: nothing may start
    assert not second.runner.is_busy() and not errors
    assert second.windowTitle() == "harbour[*] — StoryDiff" and not second.isWindowModified()


def test_realigning_a_reopened_session_encodes_nothing_again(qtbot, new_window, monkeypatch, tmp_path):
    first = new_window(FakeHolder(CachingEmbedder()))
    wait_shown(qtbot, first, first.open_sample)
    answer_save_dialog(monkeypatch, tmp_path / "harbour.storydiff")
    first.action_save.trigger()  # untitled: Save asks for a name
    assert first.close()

    embedder = CachingEmbedder()  # an empty cache: only the session's vectors can help
    second = new_window(FakeHolder(embedder))
    second.sessions.open(tmp_path / "harbour.storydiff")
    before = second.comparison()
    after = wait_shown(qtbot, second, second.realign)
    assert embedder.encoded == 0
    assert after.rows == before.rows


def test_title_marks_unsaved_changes_until_saved(qtbot, new_window, monkeypatch, tmp_path):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    assert not window.isWindowModified()  # the sample is nobody's work yet
    assert shown_title(window).startswith("Port Calder") and "*" not in shown_title(window)
    with qtbot.waitSignal(window.document_changed, timeout=TIMEOUT):
        rename_first_version(window)
    assert window.isWindowModified() and "*" in shown_title(window)
    answer_save_dialog(monkeypatch, tmp_path / "harbour")
    window.action_save.trigger()
    assert (tmp_path / "harbour.storydiff").is_file()  # Save As added the suffix
    assert not window.isWindowModified()
    assert shown_title(window) == "harbour — StoryDiff"
    assert load_session(tmp_path / "harbour.storydiff").workspace.versions[0].label == "Wire copy"


def test_open_recent_lists_saved_sessions(qtbot, new_window, monkeypatch, tmp_path, saved):
    window = new_window()
    window.sessions.open(saved)
    answer_save_dialog(monkeypatch, tmp_path / "copy")
    window.action_save_as.trigger()
    menu = window.menu_open_recent
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [tmp_path / "copy.storydiff", saved]
    assert all(a.isEnabled() for a in entries)
    saved.unlink()
    menu.aboutToShow.emit()
    assert [a.isEnabled() for a in menu.actions() if a.data()] == [True, False]  # gone: greyed


def test_revert_reads_the_saved_file_again(qtbot, new_window, monkeypatch, saved):
    window = new_window()
    window.sessions.open(saved)
    rename_first_version(window)
    assert window.action_revert.isEnabled()
    questions = []
    monkeypatch.setattr(window, "_confirm", lambda q: questions.append(q) or True)
    with qtbot.waitSignal(window.document_loaded, timeout=TIMEOUT):
        window.action_revert.trigger()
    assert questions and window.workspace() == load_session(saved).workspace
    assert not window.isWindowModified() and not window.action_revert.isEnabled()


# Unsaved changes


def test_closing_with_unsaved_changes_asks(qtbot, new_window, monkeypatch):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    assert window.close()  # nothing to ask about
    window.show()
    rename_first_version(window)
    window.sessions.autosave()
    assert window.sessions.recovery_path.exists()
    asked = answer_unsaved(monkeypatch, window, "cancel")
    assert not window.close()
    assert asked == ["cancel"] and window.isVisible() and window.isWindowModified()
    asked = answer_unsaved(monkeypatch, window, "discard")
    assert window.close()
    assert asked == ["discard"] and not window.isVisible()
    assert not window.sessions.recovery_path.exists()  # a clean close leaves no recovery file


def test_the_question_waits_for_an_answer_without_blocking(qtbot, new_window):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    rename_first_version(window)
    assert not window.close()  # the question is on screen; closing waits for the answer
    box = window.findChild(QMessageBox)
    assert box.isVisible() and "Save the changes" in box.text()
    assert not window.close() and len(window.findChildren(QMessageBox)) == 1  # one question at a time
    box.button(QMessageBox.StandardButton.Discard).click()
    assert not window.isVisible()


def test_closing_and_saving_when_asked(qtbot, new_window, monkeypatch, tmp_path):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    rename_first_version(window)
    answer_unsaved(monkeypatch, window, "save")
    answer_save_dialog(monkeypatch, tmp_path / "kept")
    assert window.close()
    assert load_session(tmp_path / "kept.storydiff").workspace.versions[0].label == "Wire copy"


def test_new_session_asks_about_unsaved_changes(qtbot, new_window, monkeypatch):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    rename_first_version(window)
    workspace = window.workspace()
    answer_unsaved(monkeypatch, window, "cancel")
    window.action_new.trigger()
    assert window.workspace() is workspace
    answer_unsaved(monkeypatch, window, "discard")
    with qtbot.waitSignal(window.document_loaded, timeout=TIMEOUT):
        window.action_new.trigger()
    assert window.workspace().versions == () and window.comparison() is None
    assert not window.isWindowModified() and window.windowTitle() == "StoryDiff[*]"


# Files that cannot be had


def test_read_only_session_says_so_and_saves_elsewhere(qtbot, new_window, monkeypatch, tmp_path, saved):
    os.chmod(saved, 0o444)
    os.chmod(saved.parent, 0o555)
    try:
        window = new_window()
        window.sessions.open(saved)
        assert window.sessions.read_only
        assert window.windowTitle() == "story[*] (read-only) — StoryDiff"
        calls = answer_save_dialog(monkeypatch, tmp_path / "mine")
        window.action_save.trigger()
        assert calls  # Save became Save As
        assert load_session(tmp_path / "mine.storydiff").comparison == load_session(saved).comparison
        assert window.windowTitle() == "mine[*] — StoryDiff" and not window.sessions.read_only
    finally:
        os.chmod(saved.parent, 0o755)
        os.chmod(saved, 0o644)


def test_corrupt_file_gives_a_message_and_keeps_the_work(qtbot, new_window, tmp_path):
    window = new_window()
    comparison = wait_shown(qtbot, window, window.open_sample)
    rename_first_version(window)
    workspace, title = window.workspace(), window.windowTitle()
    bad = tmp_path / "bad.storydiff"
    bad.write_bytes(os.urandom(4096))
    with qtbot.waitSignal(window.error_shown, timeout=TIMEOUT) as blocker:
        assert not window.sessions.open(bad)
    assert "bad.storydiff" in blocker.args[0]
    assert window.workspace() is workspace and window.windowTitle() == title
    assert window.comparison().rows == comparison.rows and window.isWindowModified()


def test_a_session_open_in_one_window_is_refused_in_another(qtbot, new_window, saved):
    first = new_window()
    first.sessions.open(saved)
    second = new_window()
    with qtbot.waitSignal(second.error_shown, timeout=TIMEOUT) as blocker:
        assert not second.sessions.open(saved)
    assert "already open in another StoryDiff window" in blocker.args[0]
    assert second.workspace().versions == () and second.sessions.path is None
    assert first.close()  # lets the lock go
    assert second.sessions.open(saved) and second.sessions.path == saved


# Decisions and notes


def test_decisions_and_notes_mark_changes_and_autosave(qtbot, new_window, saved):
    window = new_window()
    window.sessions.open(saved)
    assert window.notes() == load_session(saved).notes
    note = Note("row", "0", "check this against the wire")
    with qtbot.waitSignal(window.notes_changed, timeout=TIMEOUT), qtbot.waitSignal(window.document_changed):
        window.set_notes(window.notes() + (note,))
    recovery = window.sessions.recovery_path
    assert recovery.parent == recovery_dir() and window.isWindowModified()
    assert load_session(recovery).notes[-1] == note
    assert json.loads(recovery.with_suffix(".json").read_text())["path"] == str(saved)
    recovery.unlink()
    with qtbot.waitSignal(window.document_changed, timeout=TIMEOUT):
        window.set_decisions(())
    assert recovery.exists() and window.decisions() == ()
    assert window.comparison() is window.aligned_comparison()
    window.action_save.trigger()
    assert not recovery.exists() and load_session(saved).notes[-1] == note


def test_pinned_decisions_survive_a_realignment(qtbot, new_window, monkeypatch, tmp_path):
    from storydiff.decisions import unlink

    window = new_window()
    aligned = wait_shown(qtbot, window, window.open_sample)
    row = next(r for r in aligned.rows if len(r.cells.get("v2", ())) == 1 and r.cells.get("v1"))
    decision = unlink(("v2", row.cells["v2"][0]))
    window.set_decisions((decision,))
    assert window.comparison() is not aligned and window.aligned_comparison() is aligned
    assert len(window.comparison().rows) == len(aligned.rows) + 1
    answer_save_dialog(monkeypatch, tmp_path / "decided")
    window.action_save.trigger()
    assert load_session(tmp_path / "decided.storydiff").decisions == (decision,)
    assert load_session(tmp_path / "decided.storydiff").comparison == aligned  # saved as aligned
    realigned = wait_shown(qtbot, window, window.realign)
    assert len(realigned.rows) == len(aligned.rows) + 1 and window.decision_conflicts() == ()


def test_decisions_that_no_longer_apply_are_reported(qtbot, new_window, saved):
    window = new_window()
    window.sessions.open(saved)
    gone = Decision("unlink", {"node": ["v9", 0]})
    with qtbot.waitSignal(window.error_shown, timeout=TIMEOUT) as blocker:
        window.set_decisions((gone,))
    assert blocker.args[0].startswith("1 of your corrections no longer applies: ")
    assert window.decision_conflicts() and window.decisions() == (gone,)


# Autosave and recovery


def test_autosave_timer_writes_the_recovery_file(qtbot, new_window):
    window = new_window()
    wait_shown(qtbot, window, window.open_sample)
    window.sessions._timer.setInterval(50)
    qtbot.wait(150)
    assert not window.sessions.recovery_path.exists()  # nothing unsaved, nothing written
    rename_first_version(window)
    qtbot.waitUntil(window.sessions.recovery_path.exists, timeout=TIMEOUT)
    assert load_session(window.sessions.recovery_path).workspace == window.workspace()


CRASHING_WINDOW = """
import os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from fakes import FakeHolder
from storydiff.storage.session import Note
from storydiff.ui.main_window import MainWindow
window = MainWindow(holder=FakeHolder())
window.show()
assert window.sessions.open(sys.argv[1])
window.set_notes((Note("row", "3", "unsaved note"),))
print(window.sessions.recovery_path, flush=True)
os._exit(9)
"""


def test_work_of_a_crashed_window_is_offered_at_start(qtbot, new_window, tmp_path, saved):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "crashed-config"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "desktop"), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", CRASHING_WINDOW, str(saved)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 9, done.stderr
    recovery = Path(done.stdout.strip())
    assert recovery.exists()

    window = new_window()
    questions = []
    window._ask_restore = lambda count: questions.append(count) or True
    with qtbot.waitSignal(window.document_loaded, timeout=TIMEOUT):
        assert restore_unsaved_work(window, new_window) == [window]
    assert questions == [1]
    assert window.notes() == (Note("row", "3", "unsaved note", created=window.notes()[0].created),)
    assert window.sessions.path == saved and window.isWindowModified()
    assert window.comparison().rows == load_session(saved).comparison.rows
    assert restore_unsaved_work(new_window(), new_window) == []  # ours now: not offered twice
    window.action_save.trigger()
    assert not recovery.exists() and load_session(saved).notes == window.notes()


def test_declined_or_several_recoveries(qtbot, new_window, monkeypatch, sample_comparison):
    recovery_dir().mkdir(parents=True)
    for key in ("first", "second"):
        save_session(recovery_dir() / f"{key}.storydiff", sample_comparison, notes=(Note("row", "0", key),))
    (recovery_dir() / "first.json").write_text(json.dumps({"path": None}))
    window = new_window()
    window._ask_restore = lambda count: True
    windows = restore_unsaved_work(window, new_window)
    assert len(windows) == 2 and windows[0] is window
    assert sorted(w.notes()[0].text for w in windows) == ["first", "second"]
    assert all(w.isWindowModified() and w.sessions.path is None for w in windows)
    for win in windows:
        answer_unsaved(monkeypatch, win, "discard")
        assert win.close()
    assert list(recovery_dir().iterdir()) == []

    save_session(recovery_dir() / "third.storydiff", sample_comparison)
    other = new_window()
    other._ask_restore = lambda count: False
    assert restore_unsaved_work(other, new_window) == []
    assert list(recovery_dir().iterdir()) == []  # declined: gone
    assert other.workspace().versions == ()


# Command line


def test_command_line_opens_a_session(qtbot, new_window, saved, sample_files):
    window = new_window()
    open_paths(window, [str(saved), str(sample_files[2])], new_window)
    assert window.sessions.path == saved
    # The session already holds that text: the check step names the duplicate; keep it anyway.
    assert "'03-spun' has the same text" in window.importer.dialog().findChild(QLabel, "duplicate_warning").text()
    window.importer.dialog().accept()
    assert [v.label for v in window.workspace().versions][-1] == sample_files[2].stem
    assert window.isWindowModified()


def test_dropping_a_session_file_opens_it(qtbot, new_window, saved):
    window = new_window(NoModelHolder())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.versions_panel, QDragEnterEvent(QPoint(10, 10), *args))
    with qtbot.waitSignal(window.document_loaded, timeout=TIMEOUT):
        QApplication.sendEvent(window.versions_panel, QDropEvent(QPointF(10, 10), *args))
    assert window.sessions.path == saved and window.comparison() == load_session(saved).comparison
