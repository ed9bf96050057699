"""Damaged and planted session files in the window (issue 13): the work opens, the alignment is
rebuilt in the background and said so; nothing planted survives a save."""

from __future__ import annotations

import sqlite3

import pytest
from session_samples import DECISIONS, NOTES, damage, sample_comparison, save_sample

from storydiff.storage.session import load_session

TIMEOUT = 20000


@pytest.fixture(scope="module")
def comparison():
    return sample_comparison()


@pytest.fixture
def path(tmp_path, comparison):
    return save_sample(tmp_path / "story.storydiff", comparison)


def _open(qtbot, window, path):
    """Open ``path``; returns the messages the window showed."""
    shown = []
    window.error_shown.connect(shown.append)
    assert window.sessions.open(path)
    return shown


def test_damaged_rows_open_with_the_work_realign_and_say_what_was_rebuilt(qtbot, new_window, path, comparison):
    damage(path, "UPDATE cells SET passages = '[40]' WHERE row = 11 AND version = 'v2'",
           "INSERT INTO notes VALUES (9, 'row', 'v2:999', 'a row that is gone', NULL, NULL)")
    before = path.read_bytes()
    window = new_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        shown = _open(qtbot, window, path)
    assert window.workspace().versions == comparison.versions
    assert window.decisions() == DECISIONS and window.notes()[:3] == NOTES
    assert "row 12 names passage 41 of “02-" in shown[0] and "being aligned again" in shown[0]
    assert len(window.aligned_comparison().rows) == len(comparison.rows)  # the fake model aligns the same
    assert any("note on row “v2:999” (“a row that is gone”)" in message for message in shown[1:])
    assert window.sessions.modified and path.read_bytes() == before


def test_planted_trigger_is_named_and_gone_after_saving(qtbot, new_window, path, comparison):
    damage(path, "CREATE TABLE audit (what TEXT)",
           "CREATE TRIGGER spy AFTER INSERT ON notes BEGIN INSERT INTO audit VALUES (new.text); END")
    window = new_window()
    shown = _open(qtbot, window, path)
    assert window.aligned_comparison() == comparison  # nothing to rebuild: shown as saved
    assert shown == ["“story.storydiff” holds what StoryDiff did not create.\n"
                     "Ignored, never run, and left out of the next save: table “audit”, trigger “spy”."]
    assert window.sessions.modified
    assert window.sessions.save()
    with sqlite3.connect(path) as db:
        planted = db.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') "
                             "OR name = 'audit'").fetchall()
    assert planted == []
    session = load_session(path)
    assert session.ignored == () and session.notes == NOTES and session.comparison == comparison


def test_damaged_work_is_refused_and_the_window_keeps_what_it_shows(qtbot, new_window, path):
    damage(path, "UPDATE versions SET text = CAST(text AS BLOB) WHERE id = 'v2'")
    window = new_window()
    shown = []
    window.error_shown.connect(shown.append)
    assert not window.sessions.open(path)
    assert window.sessions.path is None and not window.workspace().versions
    assert len(shown) == 1 and "\n" not in shown[0] and "column “text” holds binary data" in shown[0]
