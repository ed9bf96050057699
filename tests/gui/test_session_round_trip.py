"""Issue 5's round trip through the real window: compare -> correct -> annotate -> save -> reopen
(no model) -> ``storydiff export`` gives the JSON the window showed, byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fakes import FakeHolder
from storydiff import cli
from storydiff.core.model import Comparison
from storydiff.decisions import mark_moved, quote_status, split
from storydiff.report import write_json
from storydiff.report.provenance import build_provenance
from storydiff.storage.session import load_session
from storydiff.ui.corrections import quote_key
from storydiff.ui.details_pane import find_note, row_target
from storydiff.ui.dialogs.note_dialog import NoteDialog
from window_helpers import answer_save_dialog

TIMEOUT = 20000
MODEL_MODULES = ("torch", "sentence_transformers", "transformers")


class NoModelHolder(FakeHolder):
    """A holder whose embedder must never be asked for: a reopened session loads no model."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def get(self):
        self.asked += 1
        raise AssertionError("the embedder was asked for")


@pytest.fixture
def notes_typed(monkeypatch):
    """The note dialog answers with the texts queued here."""
    answers: list[str] = []
    monkeypatch.setattr(NoteDialog, "get_text", staticmethod(lambda parent, subject, text="": answers.pop(0)))
    return answers


def refuse_questions(monkeypatch, window) -> list:
    """Any Save / Discard / Cancel question is recorded and answered "cancel" (so a close fails)."""
    asked = []

    def fake(answered):
        asked.append(True)
        answered("cancel")

    monkeypatch.setattr(window, "_ask_save_changes", fake)
    return asked


def open_sample(qtbot, window) -> Comparison:
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=TIMEOUT)  # no later alignment pending
    return window.comparison()


def reopen(qtbot, window, path: Path) -> list[str]:
    """Open ``path`` in ``window``; returns the errors shown (none expected) after the debounce."""
    errors: list[str] = []
    window.error_shown.connect(errors.append)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        assert window.sessions.open(path)
    qtbot.wait(400)  # longer than the re-alignment debounce: nothing may start
    return errors


def export(tmp_path: Path, session: Path, name: str, capsys) -> tuple[Path, str]:
    """``storydiff export SESSION --json OUT`` in this process; returns OUT and stderr."""
    out = tmp_path / name
    capsys.readouterr()
    assert cli.main(["export", str(session), "--json", str(out)]) == 0
    return out, capsys.readouterr().err


def row_of(comparison: Comparison, vid: str, passage: int) -> int:
    return next(n for n, row in enumerate(comparison.rows) if passage in row.cells.get(vid, ()))


def undo_all(window) -> None:
    stack = window.corrections.undo_stack
    while stack.canUndo():
        stack.undo()


def test_corrected_annotated_session_round_trips_byte_for_byte(qtbot, new_window, notes_typed, monkeypatch,
                                                                tmp_path, capsys):
    model_before = {name for name in MODEL_MODULES if name in sys.modules}
    first = new_window()
    aligned = open_sample(qtbot, first)
    corrections = first.corrections

    # A link of two passages from different rows, through the selection and the Edit menu action.
    row_a, row_b = row_of(aligned, "v2", 0), row_of(aligned, "v1", 0)
    assert row_a != row_b
    first.compare_view.select_cells([(row_a, "v2"), (row_b, "v1")])
    assert corrections.action_link.isEnabled()
    corrections.action_link.trigger()
    # A split: 02-rewrite's second passage of a two-passage cell leaves its row.
    row = row_of(first.comparison(), "v2", 3)
    assert first.comparison().rows[row].cells["v2"] == (2, 3)
    corrections.push(split([("v2", 3)]))
    # A quote status marked by hand (as the Quotes tab's badge menu does it).
    quote = next(q for q in aligned.quotes if q.occurrences["v4"].status == "absent")
    first.quotes_view.status_marked.emit(quote.text, "v4", "paraphrased")
    assert [d.kind for d in first.decisions()] == ["link", "split", "quote-status"]
    assert corrections.undo_stack.count() == 3 and not first.decision_conflicts()

    shown = first.comparison()
    assert shown != aligned and first.aligned_comparison() == aligned
    assert len(shown.rows) == len(aligned.rows)  # one row gone by the link, one made by the split
    assert row_of(shown, "v2", 0) == row_of(shown, "v1", 0)
    assert row_of(shown, "v2", 3) != row_of(shown, "v2", 2)
    assert next(q for q in shown.quotes if q.text == quote.text).occurrences["v4"].status == "paraphrased"

    # Notes on a row, a quote and a version, through the undo stack.
    noted_row = row_of(shown, "v1", 3)
    notes_typed.extend(["Check the date.", "The union disputes this.", "The rewrite.",
                        "Check the date with the council."])
    corrections.edit_note("row", row_target(shown, noted_row), "Statement")
    corrections.edit_note("quote", quote_key(quote), "Quote")
    corrections.edit_note("version", "v2", "Version: 02-rewrite")
    corrections.edit_note("row", row_target(shown, noted_row), "Statement")  # edited: ``modified`` is set
    notes = first.notes()
    assert [(n.target_kind, n.text) for n in notes] == [
        ("row", "Check the date with the council."), ("quote", "The union disputes this."), ("version", "The rewrite.")]
    assert notes[0].modified is not None and corrections.undo_stack.count() == 7
    assert first.compare_view.noted_rows() == {noted_row}
    decisions = first.decisions()

    a_json, bare_json = tmp_path / "A.json", tmp_path / "aligned.json"
    # As File > Export writes it: the provenance lists the corrections and notes as the user's.
    write_json(first.comparison(), a_json,
               provenance=build_provenance(first.comparison(), decisions=decisions, notes=notes))
    write_json(aligned, bare_json)
    assert a_json.read_bytes() != bare_json.read_bytes()  # the corrections are in the JSON

    session = tmp_path / "S.storydiff"
    assert first.isWindowModified()
    calls = answer_save_dialog(monkeypatch, session)
    first.action_save_as.trigger()
    assert calls and session.is_file() and first.sessions.path == session
    assert not first.isWindowModified() and not first.sessions.modified
    saved = load_session(session)
    assert saved.comparison == aligned and saved.decisions == decisions and saved.notes == notes
    asked = refuse_questions(monkeypatch, first)
    assert first.close() and not asked  # saved: nothing to ask about
    assert not first.isVisible()

    # Reopen in a new window that cannot have a model.
    holder = NoModelHolder()
    second = new_window(holder)
    errors = reopen(qtbot, second, session)
    assert not errors and holder.asked == 0 and not second.runner.is_busy()
    assert second.comparison() == shown
    assert second.aligned_comparison() == aligned
    assert second.decisions() == decisions and second.notes() == notes
    assert second.decision_conflicts() == ()
    assert second.workspace().versions == aligned.versions
    assert second.compare_view.comparison() == shown and second.compare_view.noted_rows() == {noted_row}
    assert find_note(second.notes(), "quote", quote_key(quote)).text == "The union disputes this."

    # The undo history is not saved: nothing to undo, nothing unsaved; a new correction undoes
    # back to the reopened state, not to the bare alignment.
    stack = second.corrections.undo_stack
    assert stack.count() == 0 and not stack.canUndo() and not stack.canRedo()
    assert not second.corrections.action_undo.isEnabled()
    assert not second.isWindowModified() and second.sessions.path == session
    moved_row = row_of(shown, "v3", 5)
    second.corrections.push(mark_moved(("v3", 5)))
    assert second.comparison().rows[moved_row].moved == ("v3",) and second.isWindowModified()
    stack.undo()
    assert second.decisions() == decisions and second.comparison() == shown
    assert not stack.canUndo() and stack.canRedo()

    # `storydiff export S.storydiff --json B.json`: the same bytes as the window's JSON.
    b_json, err = export(tmp_path, session, "B.json", capsys)
    assert "warning" not in err
    assert b_json.read_bytes() == a_json.read_bytes()
    assert holder.asked == 0
    assert {name for name in MODEL_MODULES if name in sys.modules} <= model_before, "the model was imported"


def test_all_corrections_undone_round_trip_to_the_alignment(qtbot, new_window, notes_typed, monkeypatch,
                                                             tmp_path, capsys):
    first = new_window()
    aligned = open_sample(qtbot, first)
    corrections = first.corrections
    row_a, row_b = row_of(aligned, "v2", 0), row_of(aligned, "v1", 0)
    first.compare_view.select_cells([(row_a, "v2"), (row_b, "v1")])
    corrections.action_link.trigger()
    corrections.push(split([("v2", 3)]))
    quote = aligned.quotes[0]
    corrections.push(quote_status(quote.text, "v4", "verbatim"))
    notes_typed.append("A note that is undone too.")
    corrections.edit_note("version", "v3", "Version: 03-spun")
    assert corrections.undo_stack.count() == 4 and first.comparison() != aligned

    undo_all(first)
    assert first.decisions() == () and first.notes() == ()
    assert first.comparison() is first.aligned_comparison() == aligned  # nothing re-applied
    a_json = tmp_path / "A.json"
    write_json(first.comparison(), a_json)

    session = tmp_path / "S.storydiff"
    answer_save_dialog(monkeypatch, session)
    first.action_save_as.trigger()
    assert not first.isWindowModified()
    asked = refuse_questions(monkeypatch, first)
    assert first.close() and not asked

    holder = NoModelHolder()
    second = new_window(holder)
    assert not reopen(qtbot, second, session) and holder.asked == 0
    assert second.comparison() == aligned and second.comparison() is second.aligned_comparison()
    assert second.decisions() == () and second.notes() == () and second.decision_conflicts() == ()
    assert second.corrections.undo_stack.count() == 0 and not second.isWindowModified()

    b_json, err = export(tmp_path, session, "B.json", capsys)
    assert "warning" not in err
    assert b_json.read_bytes() == a_json.read_bytes()
