"""Manual corrections and notes: the Edit menu, the context menus, the undo stack, the note dialog."""

from __future__ import annotations

import pytest
from fakes import FakeHolder
from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMainWindow, QSplitter, QTabWidget
from storydiff.core.model import Comparison
from storydiff.decisions import apply_decisions
from storydiff.storage.session_values import Note
from storydiff.ui.corrections import QUOTE_KEY_CHARS, CorrectionsController, quote_key
from storydiff.ui.details_pane import DetailsPane, row_target
from storydiff.ui.dialogs.note_dialog import NoteDialog
from storydiff.ui.main_window import MainWindow
from storydiff.ui.models.quotes_model import FIRST_VERSION_COLUMN, VersionIdRole
from storydiff.ui.views.compare_view import CompareView
from storydiff.ui.views.quotes_view import QuotesView


class FakeVersionsPanel:
    """The two methods of ``VersionsPanel`` the corrections use."""

    def __init__(self) -> None:
        self.selected: str | None = None
        self.notes: dict[str, str] = {}

    def selected_version(self) -> str | None:
        return self.selected

    def set_version_notes(self, notes: dict[str, str]) -> None:
        self.notes = notes


class FakeWindow(QMainWindow):
    """The main window's hooks for corrections, over a fixed aligned comparison."""

    comparison_shown = Signal(object)
    document_changed = Signal()
    document_loaded = Signal()
    notes_changed = Signal()

    def __init__(self, aligned: Comparison) -> None:
        super().__init__()
        self._aligned, self._comparison = aligned, aligned
        self._decisions: tuple = ()
        self._notes: tuple = ()
        self.compare_view, self.quotes_view, self.details_pane = CompareView(), QuotesView(), DetailsPane()
        self.versions_panel = FakeVersionsPanel()
        self.centre_tabs = QTabWidget()
        self.centre_tabs.addTab(self.compare_view, "Comparison")
        self.centre_tabs.addTab(self.quotes_view, "Quotes")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.centre_tabs)
        splitter.addWidget(self.details_pane)
        splitter.setSizes([500, 300])
        self.setCentralWidget(splitter)
        self.menuBar().addMenu("&File")
        self.menuBar().addMenu("&Edit").addAction("&Remove Version")
        self.compare_view.row_selected.connect(self.details_pane.set_row)
        self._show(aligned)

    def comparison(self) -> Comparison:
        return self._comparison

    def decisions(self) -> tuple:
        return self._decisions

    def set_decisions(self, decisions) -> None:
        self._decisions = tuple(decisions)
        self._show(apply_decisions(self._aligned, self._decisions).comparison)
        self.document_changed.emit()

    def notes(self) -> tuple:
        return self._notes

    def set_notes(self, notes) -> None:
        self._notes = tuple(notes)
        self.notes_changed.emit()
        self.document_changed.emit()

    def _show(self, comparison: Comparison) -> None:
        self._comparison = comparison
        row = self.compare_view.current_row()
        for widget in (self.compare_view, self.quotes_view, self.details_pane):
            widget.set_comparison(comparison)
        self.compare_view.select_row(0 if row is None else min(row, len(comparison.rows) - 1))
        self.comparison_shown.emit(comparison)


@pytest.fixture
def window(qtbot, sample_comparison):
    win = FakeWindow(sample_comparison)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.corrections = CorrectionsController(win)
    with qtbot.waitSignal(win.compare_view.rows_fitted, timeout=5000):
        win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def notes_typed(monkeypatch):
    """The note dialog answers with the texts queued here (None: cancelled), and records its calls."""
    answers: list = []
    calls: list = []

    def fake_get_text(parent, subject, text=""):
        calls.append((subject, text))
        return answers.pop(0)

    monkeypatch.setattr(NoteDialog, "get_text", staticmethod(fake_get_text))
    return answers, calls


def rows_of(comparison: Comparison) -> list[dict]:
    """Rows as plain dicts of their non-empty cells, to compare comparisons by."""
    return [{vid: cell for vid, cell in row.cells.items() if cell} for row in comparison.rows]


def row_holding(comparison: Comparison, vid: str, passage: int) -> int:
    return next(n for n, row in enumerate(comparison.rows) if passage in row.cells.get(vid, ()))


def undo(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


# The offscreen platform cannot raise a popup menu or let it grab the keyboard; it is shown all the same.
offscreen_popup = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


def edit_menu_texts(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return [a.text() for a in menu.actions()]


# The Edit menu and the enabled state


def test_edit_menu_has_undo_redo_first_and_the_corrections(window):
    corrections = window.corrections
    texts = edit_menu_texts(window)
    assert texts[:3] == [corrections.action_undo.text(), corrections.action_redo.text(), ""]
    assert "&Remove Version" in texts
    for action in (corrections.action_link, corrections.action_unlink, corrections.action_split,
                   corrections.action_merge, corrections.action_mark_moved, corrections.action_note_row,
                   corrections.action_note_quote, corrections.action_note_version):
        assert action.text() in texts
    assert corrections.action_undo.shortcut() == QKeySequence("Ctrl+Z")
    assert corrections.action_redo.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert not corrections.action_undo.isEnabled() and not corrections.action_redo.isEnabled()


def enabled(window) -> set[str]:
    c = window.corrections
    names = ("link", "unlink", "split", "merge", "mark_moved", "note_row")
    return {name for name in names if getattr(c, f"action_{name}").isEnabled()}


def test_actions_follow_the_selection(window):
    view = window.compare_view
    view.select_cells([(3, "v2")])
    assert enabled(window) == {"unlink", "split", "mark_moved", "note_row"}
    view.select_cells([(3, "v1")])  # the reference is never "moved"
    assert enabled(window) == {"unlink", "split", "note_row"}
    view.select_cells([(0, "v2")])  # an omitted cell has nothing to unlink
    assert enabled(window) == {"note_row"}
    view.select_cells([(1, "v2"), (0, "v1")])
    assert enabled(window) == {"link", "merge", "note_row"}
    view.select_cells([(1, "v2"), (0, "v2")])  # an omitted cell cannot be linked; rows can merge
    assert enabled(window) == {"merge", "note_row"}
    view.select_cells([(16, "v1"), (16, "v3")])
    assert enabled(window) == {"split", "note_row"}
    view.select_cells([(2, "v1"), (5, "v1"), (9, "v1")])  # three rows: link, but no merge
    assert enabled(window) == {"link", "note_row"}
    view.select_row(19)  # a whole row: nothing would be left behind
    assert enabled(window) == {"note_row"}
    view.table.selectionModel().clearSelection()
    assert enabled(window) == set()


# Each correction, undone and redone


def test_link_brings_a_stray_passage_into_the_statement(qtbot, window, sample_comparison):
    window.compare_view.select_cells([(1, "v2"), (0, "v1")])
    window.corrections.action_link.trigger()
    shown = window.comparison()
    assert [d.kind for d in window.decisions()] == ["link"]
    assert window.decisions()[0].payload["nodes"] == [["v1", 0], ["v2", 0]]  # the fuller row first
    assert len(shown.rows) == len(sample_comparison.rows) - 1
    assert row_holding(shown, "v2", 0) == row_holding(shown, "v1", 0) == 0
    assert window.compare_view.comparison() is shown
    assert window.compare_view.selected_cells() == [(0, "v1"), (0, "v2")]  # the linked passages
    undo(qtbot, window)
    assert window.decisions() == ()
    assert rows_of(window.comparison()) == rows_of(sample_comparison)
    redo(qtbot, window)
    assert [d.kind for d in window.decisions()] == ["link"]
    assert rows_of(window.comparison()) == rows_of(shown)


def test_unlink_takes_a_cell_out_of_its_row(qtbot, window, sample_comparison):
    window.compare_view.select_cells([(3, "v2")])
    window.corrections.action_unlink.trigger()
    shown = window.comparison()
    assert window.decisions()[-1].kind == "split"
    assert rows_of(shown)[4] == {"v2": (2, 3)}
    assert "v2" not in rows_of(shown)[3] and len(shown.rows) == 23
    assert window.corrections.action_undo.text() == "&Undo Unlink Passage"
    undo(qtbot, window)
    assert rows_of(window.comparison()) == rows_of(sample_comparison)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # the other redo key
    assert rows_of(window.comparison()) == rows_of(shown)


def test_split_moves_cells_of_one_row_to_a_new_row(qtbot, window, sample_comparison):
    window.compare_view.select_cells([(16, "v1"), (16, "v3")])
    window.corrections.action_split.trigger()
    rows = rows_of(window.comparison())
    assert rows[16] == {"v2": (14,), "v4": (14, 15), "v5": (14, 15)}
    assert rows[17] == {"v1": (15, 16), "v3": (15, 16)}
    undo(qtbot, window)
    assert rows_of(window.comparison()) == rows_of(sample_comparison)


def test_merge_makes_two_rows_one(qtbot, window, sample_comparison):
    window.compare_view.select_cells([(9, "v1"), (10, "v3")])
    window.corrections.action_merge.trigger()
    rows = rows_of(window.comparison())
    assert window.decisions()[-1].kind == "merge"
    assert len(rows) == 21 and rows[9] == {"v1": (8, 9), "v3": (8, 9), "v4": (8, 9), "v5": (8, 9)}
    undo(qtbot, window)
    assert rows_of(window.comparison()) == rows_of(sample_comparison)
    redo(qtbot, window)
    assert len(window.comparison().rows) == 21


def test_mark_as_moved_toggles(qtbot, window):
    action = window.corrections.action_mark_moved
    window.compare_view.select_cells([(14, "v2")])
    assert action.text() == "Mark as Not M&oved"
    action.trigger()
    assert window.comparison().rows[14].moved == ()
    window.compare_view.select_cells([(5, "v3")])
    assert action.text() == "Mark as M&oved"
    action.trigger()
    assert window.comparison().rows[5].moved == ("v3",)
    assert [d.payload["moved"] for d in window.decisions()] == [False, True]
    undo(qtbot, window)
    undo(qtbot, window)
    assert window.comparison().rows[14].moved == ("v2",) and window.comparison().rows[5].moved == ()


@offscreen_popup
def test_the_compare_view_context_menu_selects_the_cell_under_it(qtbot, window):
    view = window.compare_view
    view.select_row(3)  # as navigation selects it: right-clicking a cell of it picks that cell
    index = view.table.model().index(3, 1)  # 02-rewrite, statement 4
    pos = view.table.visualRect(index).center()
    view.table.customContextMenuRequested.emit(pos)
    menu = window.corrections.context_menu
    assert menu is not None and menu.isVisible()
    assert view.selected_cells() == [(3, "v2")]
    actions = {a.text(): a for a in menu.actions()}
    assert actions["&Unlink Passage"].isEnabled() and not actions["&Link Passages"].isEnabled()
    actions["&Unlink Passage"].trigger()
    menu.close()
    assert rows_of(window.comparison())[4] == {"v2": (2, 3)}
    view.select_cells([(3, "v1"), (3, "v3")])  # a selection of cells stays for the menu
    view.table.customContextMenuRequested.emit(view.table.visualRect(view.table.model().index(3, 2)).center())
    assert view.selected_cells() == [(3, "v1"), (3, "v3")]
    assert window.corrections.action_split.isEnabled()
    window.corrections.context_menu.close()


# Quote statuses


def test_marking_a_quote_status_by_signal(qtbot, window, sample_comparison):
    quote = sample_comparison.quotes[1]
    assert quote.occurrences["v3"].status == "altered"
    window.compare_view.select_cells([(7, "v3")])
    window.quotes_view.status_marked.emit(quote.text, "v3", "paraphrased")
    assert window.compare_view.selected_cells() == [(7, "v3")]  # the comparison keeps its place
    shown = next(q for q in window.comparison().quotes if q.text == quote.text)
    assert shown.occurrences["v3"].status == "paraphrased"
    assert window.decisions()[-1].payload == {"quote": quote.text, "version": "v3", "status": "paraphrased"}
    undo(qtbot, window)
    shown = next(q for q in window.comparison().quotes if q.text == quote.text)
    assert shown.occurrences["v3"].status == "altered" and window.decisions() == ()


@offscreen_popup
def test_marking_a_quote_status_from_the_badge_menu(qtbot, window, sample_comparison):
    window.centre_tabs.setCurrentWidget(window.quotes_view)
    table = window.quotes_view.table
    column = next(c for c in range(FIRST_VERSION_COLUMN, table.model().columnCount())
                  if table.model().index(2, c).data(VersionIdRole) == "v4")
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(2, column)).center())
    assert window.quotes_view.selected_quote() == sample_comparison.quotes[2]  # the quote under it
    menu = window.quotes_view.context_menu
    marks = {a.text(): a for a in menu.actions() if a.text().startswith("Mark as")}
    assert len(marks) == 6 and marks["Mark as absent"].isChecked()  # the current status
    marks["Mark as paraphrased"].trigger()
    menu.close()
    quote = window.quotes_view.selected_quote()  # still selected, now as marked
    assert quote.text == sample_comparison.quotes[2].text
    assert quote.occurrences["v4"].status == "paraphrased"


# Notes


def test_a_note_on_a_row_is_added_edited_and_undone(qtbot, window, notes_typed):
    answers, calls = notes_typed
    view, pane = window.compare_view, window.details_pane
    view.select_row(4)
    target = row_target(window.comparison(), 4)
    assert target == "v1:3"
    answers.append("Check the date with the council.")
    window.corrections.action_note_row.trigger()
    assert calls[-1][0].startswith("Statement 5: ") and calls[-1][1] == ""
    assert [(n.target_kind, n.target_id, n.text) for n in window.notes()] == [
        ("row", "v1:3", "Check the date with the council.")]
    assert "Check the date with the council." in pane.text_view.toPlainText()
    assert pane.note_button.text() == "Edit Note…" and view.noted_rows() == {4}
    answers.append("Checked: 14 March.")
    pane.note_button.click()
    assert calls[-1][1] == "Check the date with the council."
    (note,) = window.notes()
    assert note.text == "Checked: 14 March." and note.modified is not None
    undo(qtbot, window)
    assert [n.text for n in window.notes()] == ["Check the date with the council."]
    undo(qtbot, window)
    assert window.notes() == () and view.noted_rows() == frozenset()
    assert pane.note_button.text() == "Add Note…" and "Checked" not in pane.text_view.toPlainText()
    redo(qtbot, window)
    assert [n.text for n in window.notes()] == ["Check the date with the council."]


def test_a_row_note_follows_its_passages(qtbot, window, notes_typed):
    answers, _ = notes_typed
    window.compare_view.select_row(4)
    answers.append("Key claim.")
    window.corrections.action_note_row.trigger()
    window.compare_view.select_cells([(1, "v2"), (0, "v1")])
    window.corrections.action_link.trigger()  # row 0 goes away: the statement is row 3 now
    assert window.compare_view.noted_rows() == {3}


def test_cancelling_or_unchanged_text_pushes_nothing(window, notes_typed):
    answers, _ = notes_typed
    window.compare_view.select_row(2)
    answers.extend([None, "kept", "kept"])
    window.corrections.action_note_row.trigger()
    assert window.notes() == () and window.corrections.undo_stack.count() == 0
    window.corrections.action_note_row.trigger()
    window.corrections.action_note_row.trigger()
    assert window.corrections.undo_stack.count() == 1


def test_removing_a_note(qtbot, window, notes_typed):
    answers, _ = notes_typed
    window.compare_view.select_row(2)
    answers.extend(["one", ""])
    window.corrections.action_note_row.trigger()
    window.corrections.action_note_row.trigger()
    assert window.notes() == ()
    assert window.corrections.action_undo.text() == "&Undo Remove Note"
    undo(qtbot, window)
    assert [n.text for n in window.notes()] == ["one"]


def test_a_note_on_a_quote(qtbot, window, notes_typed, sample_comparison):
    answers, calls = notes_typed
    window.centre_tabs.setCurrentWidget(window.quotes_view)
    quote = sample_comparison.quotes[2]
    window.quotes_view.select_quote(quote.id)
    assert window.quotes_view.note_button.text() == "Add Note…"
    answers.append("The union disputes this.")
    window.quotes_view.note_button.click()
    assert calls[-1][0].startswith("Rosa Lindqvist: “Our drivers")
    (note,) = window.notes()
    assert (note.target_kind, note.target_id) == ("quote", quote.text[:QUOTE_KEY_CHARS]) == ("quote", quote_key(quote))
    assert window.quotes_view.note_label.isVisible()
    assert "The union disputes this." in window.quotes_view.note_label.text()
    window.quotes_view.select_quote(sample_comparison.quotes[0].id)
    assert not window.quotes_view.note_label.isVisible()
    assert window.quotes_view.note_button.text() == "Add Note…"
    window.quotes_view.select_quote(quote.id)
    assert window.quotes_view.note_button.text() == "Edit Note…"
    undo(qtbot, window)
    assert window.notes() == () and not window.quotes_view.note_label.isVisible()


def test_a_note_on_a_version(qtbot, window, notes_typed):
    answers, calls = notes_typed
    corrections = window.corrections
    corrections._update_actions()
    assert not corrections.action_note_version.isEnabled()
    window.versions_panel.selected = "v4"
    corrections._update_actions()
    assert corrections.action_note_version.isEnabled()
    answers.append("Machine translation; names garbled.")
    corrections.action_note_version.trigger()
    assert calls[-1][0] == "Version: 04-translation"
    assert window.notes()[0] == Note("version", "v4", "Machine translation; names garbled.", window.notes()[0].created)
    text = window.details_pane.text_view.toPlainText()
    assert "On 04-translation" in text and "names garbled" in text
    assert window.versions_panel.notes == {"v4": "Machine translation; names garbled."}
    answers.append("Machine translation.")
    with qtbot.waitSignal(window.details_pane.note_requested) as blocker:
        window.details_pane.text_view.anchorClicked.emit(QUrl("note:version:v4"))
    assert blocker.args == ["version", "v4"]
    assert window.notes()[0].text == "Machine translation."


# The compare view's selection


def test_clicks_select_cells_and_ctrl_adds_more(qtbot, window):
    view, table = window.compare_view, window.compare_view.table
    rect = lambda row, column: table.visualRect(table.model().index(row, column))
    with qtbot.waitSignal(view.row_selected) as blocker:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect(3, 1).center())
    assert blocker.args == [3]
    assert view.selected_cells() == [(3, "v2")] and view.current_cell() == (3, "v2")
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     rect(4, 2).center())
    assert view.selected_cells() == [(3, "v2"), (4, "v3")]
    assert view.current_cell() == (4, "v3") and view.current_row() == 4
    assert window.corrections.action_merge.isEnabled()
    header = table.verticalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(header.width() // 2, header.sectionViewportPosition(6) + 5))
    assert view.selected_cells() == [(6, v) for v in ("v1", "v2", "v3", "v4", "v5")]
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the keyboard moves cell by cell, row by row
    assert view.selected_cells() == [(7, "v1")] and view.current_row() == 7


def test_select_cells_skips_hidden_versions_and_rejects_bad_rows(window):
    view = window.compare_view
    view.set_focus("v3")
    view.select_cells([(2, "v2"), (2, "v3")])
    assert view.selected_cells() == [(2, "v3")]
    with pytest.raises(IndexError):
        view.select_cells([(99, "v1")])


# The note dialog


def test_note_dialog_adds_and_removes(qtbot):
    dialog = NoteDialog(None, "Statement 3: The bridge closed.")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Add Note" and not dialog.remove_button.isVisibleTo(dialog)
    dialog.set_text("  needs a source \n")
    assert dialog.text() == "needs a source" and dialog.subject() == "Statement 3: The bridge closed."
    editing = NoteDialog(None, "Version: 02-rewrite", "old note")
    qtbot.addWidget(editing)
    assert editing.windowTitle() == "Edit Note" and editing.remove_button.isVisibleTo(editing)
    editing.remove_button.click()
    assert editing.result() == QDialog.DialogCode.Accepted and editing.text() == ""


def test_note_dialog_get_text(qtbot, monkeypatch):
    monkeypatch.setattr(NoteDialog, "exec", lambda self: (self.set_text("typed"), QDialog.DialogCode.Accepted)[1])
    assert NoteDialog.get_text(None, "subject", "before") == "typed"
    monkeypatch.setattr(NoteDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert NoteDialog.get_text(None, "subject") is None


# In the real window (the fake embedder; the user's data folder in tmp_path)


@pytest.fixture
def main_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path / "data"))
    win = MainWindow(holder=FakeHolder())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    if getattr(win, "corrections", None) is None:  # until the window makes its own
        win.corrections = CorrectionsController(win)
    win.show()
    with qtbot.waitSignal(win.comparison_shown, timeout=20000, check_params_cb=lambda c: c is not None):
        win.open_sample()
    yield win
    win.sessions.mark_clean()  # no question on close
    win.runner.shutdown()


def test_corrections_in_the_main_window_are_undone_and_redone(qtbot, main_window):
    win, aligned = main_window, main_window.comparison()
    assert edit_menu_texts(win).count(win.corrections.action_undo.text()) == 1
    win.compare_view.select_cells([(1, "v2"), (0, "v1")])
    win.corrections.action_link.trigger()
    assert [d.kind for d in win.decisions()] == ["link"]
    assert len(win.comparison().rows) == len(aligned.rows) - 1
    assert win.compare_view.comparison() is win.comparison() and win.isWindowModified()
    undo(qtbot, win)
    assert win.decisions() == () and rows_of(win.comparison()) == rows_of(aligned)
    redo(qtbot, win)
    assert len(win.comparison().rows) == len(aligned.rows) - 1
    win.quotes_view.status_marked.emit(aligned.quotes[0].text, "v4", "trimmed")
    assert win.comparison().quotes[0].occurrences["v4"].status == "trimmed"
    assert win.corrections.undo_stack.count() == 2


def test_notes_in_the_main_window(qtbot, main_window, notes_typed):
    answers, _ = notes_typed
    win = main_window
    win.compare_view.select_row(4)
    answers.append("A note.")
    win.corrections.action_note_row.trigger()
    assert [(n.target_kind, n.target_id) for n in win.notes()] == [("row", row_target(win.comparison(), 4))]
    assert win.compare_view.noted_rows() == {4}
    assert "A note." in win.details_pane.text_view.toPlainText()
    undo(qtbot, win)
    assert win.notes() == ()


def test_opening_another_document_forgets_the_undo_history(qtbot, main_window):
    win = main_window
    win.compare_view.select_cells([(3, "v2")])
    win.corrections.action_unlink.trigger()
    assert win.corrections.undo_stack.count() == 1
    win.document_loaded.emit()
    assert win.corrections.undo_stack.count() == 0 and not win.corrections.action_undo.isEnabled()


# A look at it


@offscreen_popup
def test_screenshot_with_a_note_and_the_context_menu(qtbot, main_window, notes_typed, tmp_path):
    answers, _ = notes_typed
    window = main_window
    window.compare_view.select_row(4)
    answers.append("Check the time with the ferry company: 02-rewrite says hours, the wire does not.")
    window.corrections.action_note_row.trigger()
    table = window.compare_view.table
    qtbot.waitUntil(lambda: table.rowHeight(4) == table.sizeHintForRow(4))  # the widths are final
    pos = table.visualRect(table.model().index(4, 1)).center()
    table.customContextMenuRequested.emit(pos)  # statement 5: the noted row stays in the details
    menu = window.corrections.context_menu
    qtbot.waitExposed(menu)
    text_view = window.details_pane.text_view
    text_view.verticalScrollBar().setValue(text_view.verticalScrollBar().maximum())  # the notes, under the text
    image = window.grab().toImage()
    painter = QPainter(image)
    # Where the menu was asked for: the offscreen screen is smaller than the window and moves it.
    cell = table.visualRect(table.model().index(4, 1)).center()  # it may have scrolled since
    painter.drawPixmap(table.viewport().mapTo(window, cell), menu.grab())
    painter.end()
    menu.close()
    path = tmp_path / "corrections.png"
    assert image.save(str(path))
    shot = QImage(str(path))
    assert shot.width() == window.width() and not shot.isNull()
    assert "Check the time" in window.details_pane.text_view.toPlainText()
