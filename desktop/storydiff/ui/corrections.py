"""Manual corrections and notes, each one undoable: the Edit menu, the compare view's
context menu and the undo stack behind them.

Every correction is a ``Decision`` (``storydiff.decisions``) appended to the
window's decisions; every note edit replaces the window's notes. Both go through
one ``QUndoStack``: redo sets the list with the change, undo sets the list as it
was. The window re-applies the decisions and shows the result; this controller
only turns the selection into decisions and notes.

Note targets: a row is named by ``details_pane.row_target`` ("version_id:passage",
stable across re-alignments); a quote by the first ``QUOTE_KEY_CHARS`` characters
of its canonical wording (quote ids are renumbered when the quotes change, the
wording is not); a version by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu

from storydiff.core.model import Comparison, Quote
from storydiff.decisions import Node, describe, link, mark_moved, merge, quote_status, split
from storydiff.storage.session_values import Decision, Note, now_iso
from storydiff.ui.details_pane import find_note, row_target
from storydiff.ui.dialogs.note_dialog import NoteDialog

Cell = tuple[int, str]  # (row position, version id), as CompareView.selected_cells gives them
QUOTE_KEY_CHARS = 80
_SUBJECT_CHARS = 160  # of a statement's or quote's text, shown in the note dialog


# What the selection allows: each function returns the decision, or None when it does not apply.

def cell_nodes(comparison: Comparison, cell: Cell) -> tuple[Node, ...]:
    """The passages of one cell as nodes (empty for an omitted cell)."""
    row, vid = cell
    return tuple((vid, index) for index in comparison.rows[row].cells.get(vid, ()))


def row_node(comparison: Comparison, row: int) -> Node | None:
    """The node that names ``row`` (its note target as a node), or None for an empty row."""
    target = row_target(comparison, row)
    if target is None:
        return None
    vid, _, index = target.rpartition(":")
    return vid, int(index)


def link_decision(comparison: Comparison, cells: Sequence[Cell]) -> Decision | None:
    """Link: two or more cells with passages, in at least two rows. The passages join the
    fullest of their rows (the earliest of equals): a stray passage comes to the statement."""
    rows = {row for row, _ in cells}
    if len(rows) < 2 or not all(cell_nodes(comparison, c) for c in cells):
        return None
    size = {row: sum(map(len, comparison.rows[row].cells.values())) for row in rows}
    target = min(rows, key=lambda row: (-size[row], row))
    ordered = sorted(cells, key=lambda cell: cell[0] != target)  # stable: the target's cells first
    return link([node for cell in ordered for node in cell_nodes(comparison, cell)])


def split_decision(comparison: Comparison, cells: Sequence[Cell]) -> Decision | None:
    """Split: the passages of cells of one row leave it as a new row, if the row keeps others."""
    rows = {row for row, _ in cells}
    nodes = [node for cell in cells for node in cell_nodes(comparison, cell)]
    if len(rows) != 1 or not nodes:
        return None
    (row,) = rows
    everything = {(vid, i) for vid, cell in comparison.rows[row].cells.items() for i in cell}
    return split(nodes) if everything - set(nodes) else None


def unlink_decision(comparison: Comparison, cells: Sequence[Cell]) -> Decision | None:
    """Unlink: one cell's passages leave their row (a split of that one cell)."""
    return split_decision(comparison, cells) if len(cells) == 1 else None


def merge_decision(comparison: Comparison, cells: Sequence[Cell]) -> Decision | None:
    """Merge: the cells span exactly two rows, which become one."""
    rows = sorted({row for row, _ in cells})
    if len(rows) != 2:
        return None
    first, second = (row_node(comparison, row) for row in rows)
    return merge(first, second) if first and second else None


def moved_decision(comparison: Comparison, cells: Sequence[Cell]) -> Decision | None:
    """Mark as moved (or not moved, if it is): one cell with passages, not the reference's."""
    if len(cells) != 1:
        return None
    row, vid = cells[0]
    nodes = cell_nodes(comparison, cells[0])
    if not nodes or vid == comparison.reference:
        return None
    return mark_moved(nodes[0], moved=vid not in comparison.rows[row].moved)


def quote_key(quote: Quote) -> str:
    """The note target id of a quote: its canonical wording's first ``QUOTE_KEY_CHARS`` characters."""
    return quote.text[:QUOTE_KEY_CHARS]


def edited_notes(notes: tuple[Note, ...], kind: str, target_id: str, text: str) -> tuple[Note, ...]:
    """``notes`` with the note on ``(kind, target_id)`` set to ``text`` (added, changed, or
    removed when ``text`` is empty); the order of the others is kept."""
    old = find_note(notes, kind, target_id)
    if old is None:
        return notes + (Note(kind, target_id, text),) if text else notes
    if not text:
        return tuple(n for n in notes if n is not old)
    return tuple(replace(n, text=text, modified=now_iso()) if n is old else n for n in notes)


def _clip(text: str, size: int = _SUBJECT_CHARS) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class DecisionsCommand(QUndoCommand):
    """Append one decision to the window's decisions; undo restores the list before it.

    ``apply`` sets a list of decisions on the window (``window.set_decisions`` and
    whatever the view should do around it).
    """

    def __init__(self, before: tuple[Decision, ...], decision: Decision, text: str,
                 apply: Callable[[tuple[Decision, ...]], None]) -> None:
        super().__init__(text)
        self._apply = apply
        self._before, self._after = before, before + (decision,)

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


class NotesCommand(QUndoCommand):
    """Replace the window's notes; undo restores them."""

    def __init__(self, window, notes: tuple[Note, ...], text: str) -> None:
        super().__init__(text)
        self._window = window
        self._before, self._after = tuple(window.notes()), tuple(notes)

    def redo(self) -> None:
        self._window.set_notes(self._after)

    def undo(self) -> None:
        self._window.set_notes(self._before)


class CorrectionsController(QObject):
    """Owns the undo stack and the correction and note actions of ``window``.

    ``window`` provides ``decisions()``/``set_decisions()``, ``notes()``/``set_notes()``,
    the ``notes_changed``, ``comparison_shown`` and ``document_loaded`` signals (the last
    one forgets the undo history), ``menuBar()``, and the ``compare_view``,
    ``quotes_view``, ``details_pane`` and ``versions_panel`` widgets.
    """

    menu_built = Signal(object)  # the compare view's context menu (a QMenu), before it shows

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.undo_stack = QUndoStack(self)
        self.context_menu: QMenu | None = None  # the compare view's menu last shown, for tests
        self._build_actions()
        self._fill_edit_menu()
        self._connect()
        self._on_window_notes_changed()
        self._update_actions()

    # Public API

    def clear(self) -> None:
        """Forget the undo history (New, Open, Revert: the decisions it knew are gone)."""
        self.undo_stack.clear()

    def push(self, decision: Decision, text: str | None = None) -> None:
        """Apply ``decision`` through the undo stack; ``text`` names it in the Edit menu."""
        nodes = _decision_nodes(decision)
        before = tuple(self._window.decisions())
        apply = partial(self._set_decisions, nodes=nodes)
        self.undo_stack.push(DecisionsCommand(before, decision, text or describe(decision), apply))

    def edit_note(self, kind: str, target_id: str, subject: str) -> None:
        """Ask for the note on ``(kind, target_id)`` and set it through the undo stack."""
        old = find_note(tuple(self._window.notes()), kind, target_id)
        text = NoteDialog.get_text(self._window, subject, old.text if old else "")
        if text is None or text == (old.text if old else ""):
            return
        notes = edited_notes(tuple(self._window.notes()), kind, target_id, text)
        label = "Remove Note" if not text else ("Edit Note" if old else "Add Note")
        self.undo_stack.push(NotesCommand(self._window, notes, label))

    # Building

    def _build_actions(self) -> None:
        window = self._window
        self.action_undo = self.undo_stack.createUndoAction(window, "&Undo")
        self.action_undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.action_redo = self.undo_stack.createRedoAction(window, "&Redo")
        self.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.action_link = self._action("&Link Passages", "Put the selected passages in one row", "Ctrl+L")
        self.action_unlink = self._action("&Unlink Passage", "Take the selected passages out of their row",
                                          "Ctrl+Shift+L")
        self.action_split = self._action("&Split Row", "Move the selected passages to a row of their own")
        self.action_merge = self._action("&Merge Rows", "Make the two selected rows one")
        self.action_mark_moved = self._action("Mark as M&oved", "Flag the selected passage as out of order")
        self.action_note_row = self._action("&Note on Statement…", "Write a note on the selected statement")
        self.action_note_quote = self._action("Note on &Quote…", "Write a note on the selected quote")
        self.action_note_version = self._action("Note on &Version…", "Write a note on the selected version")

    def _action(self, text: str, tip: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self._window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _correction_actions(self) -> list[QAction]:
        return [self.action_link, self.action_unlink, self.action_split, self.action_merge,
                self.action_mark_moved]

    def _fill_edit_menu(self) -> None:
        """Undo and Redo first in the window's Edit menu, the corrections and notes last."""
        menu = self._edit_menu()
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.action_undo, self.action_redo])
        if first is not None:
            menu.insertSeparator(first)
        menu.addSeparator()
        menu.addActions(self._correction_actions())
        menu.addSeparator()
        menu.addActions([self.action_note_row, self.action_note_quote, self.action_note_version])
        menu.aboutToShow.connect(self._update_actions)

    def _edit_menu(self) -> QMenu:
        for action in self._window.menuBar().actions():
            if action.text() == "&Edit" and action.menu() is not None:
                return action.menu()
        return self._window.menuBar().addMenu("&Edit")

    def _connect(self) -> None:
        window = self._window
        window.compare_view.cells_selected.connect(self._update_actions)
        window.compare_view.context_menu_requested.connect(self._on_compare_view_context_menu_requested)
        window.quotes_view.quote_selected.connect(self._on_quotes_view_quote_selected)
        window.quotes_view.status_marked.connect(self._on_quotes_view_status_marked)
        window.quotes_view.note_requested.connect(self._on_quotes_view_note_requested)
        window.details_pane.note_requested.connect(self._on_details_pane_note_requested)
        window.notes_changed.connect(self._on_window_notes_changed)
        window.comparison_shown.connect(self._on_window_comparison_shown)
        window.document_loaded.connect(self.clear)
        self.action_link.triggered.connect(lambda: self._push_selected(link_decision))
        self.action_unlink.triggered.connect(lambda: self._push_selected(unlink_decision, "Unlink Passage"))
        self.action_split.triggered.connect(lambda: self._push_selected(split_decision))
        self.action_merge.triggered.connect(lambda: self._push_selected(merge_decision))
        self.action_mark_moved.triggered.connect(lambda: self._push_selected(moved_decision))
        self.action_note_row.triggered.connect(self._on_action_note_row_triggered)
        self.action_note_quote.triggered.connect(self._on_action_note_quote_triggered)
        self.action_note_version.triggered.connect(self._on_action_note_version_triggered)

    # Slots

    def _on_compare_view_context_menu_requested(self, pos: QPoint) -> None:
        self._update_actions()
        if self.context_menu is not None:
            self.context_menu.deleteLater()
        self.context_menu = QMenu(self._window.compare_view)
        self.context_menu.addActions(self._correction_actions())
        self.context_menu.addSeparator()
        self.context_menu.addAction(self.action_note_row)
        self.menu_built.emit(self.context_menu)  # others (Copy as Evidence) add their entries
        self.context_menu.popup(pos)

    def _on_quotes_view_quote_selected(self, quote: Quote | None) -> None:
        self._show_quote_note(quote)
        self._update_actions()

    def _on_quotes_view_status_marked(self, quote_text: str, version_id: str, status: str) -> None:
        self.push(quote_status(quote_text, version_id, status))

    def _on_quotes_view_note_requested(self, quote: Quote) -> None:
        self.edit_note("quote", quote_key(quote), _quote_subject(quote))

    def _on_details_pane_note_requested(self, kind: str, target_id: str) -> None:
        if kind == "row":
            self._on_action_note_row_triggered()
        elif kind == "version":
            self._edit_version_note(target_id)

    def _on_action_note_row_triggered(self) -> None:
        comparison, row = self._window.compare_view.comparison(), self._window.compare_view.current_row()
        target = row_target(comparison, row) if comparison is not None and row is not None else None
        if target is not None:
            self.edit_note("row", target, _row_subject(comparison, row))

    def _on_action_note_quote_triggered(self) -> None:
        quote = self._window.quotes_view.selected_quote()
        if quote is not None:
            self._on_quotes_view_note_requested(quote)

    def _on_action_note_version_triggered(self) -> None:
        vid = self._window.versions_panel.selected_version()
        if vid is not None:
            self._edit_version_note(vid)

    def _on_window_notes_changed(self) -> None:
        notes = tuple(self._window.notes())
        self._window.details_pane.set_notes(notes)
        self._window.versions_panel.set_version_notes(
            {note.target_id: note.text for note in notes if note.target_kind == "version"}
        )
        self._show_quote_note(self._window.quotes_view.selected_quote())
        self._mark_noted_rows()
        self._update_actions()

    def _on_window_comparison_shown(self, _comparison: object) -> None:
        self._mark_noted_rows()
        self._update_actions()

    # Helpers

    def _selection(self) -> tuple[Comparison | None, list[Cell]]:
        view = self._window.compare_view
        return view.comparison(), view.selected_cells()

    def _push_selected(self, make: Callable[[Comparison, list[Cell]], Decision | None],
                       text: str | None = None) -> None:
        comparison, cells = self._selection()
        decision = make(comparison, cells) if comparison is not None else None
        if decision is not None:
            self.push(decision, text)

    def _set_decisions(self, decisions: tuple[Decision, ...], nodes: tuple[Node, ...]) -> None:
        """Set the window's decisions, then select the cells now holding ``nodes`` so the user
        sees what the change did; without nodes (a quote status), the cells selected before."""
        view = self._window.compare_view
        kept = view.selected_cells()
        self._window.set_decisions(decisions)
        comparison = view.comparison()
        if comparison is None:
            return
        wanted = set(nodes)
        cells = [(r, vid) for r, row in enumerate(comparison.rows) for vid, cell in row.cells.items()
                 if wanted.intersection((vid, i) for i in cell)]
        cells = cells or [(row, vid) for row, vid in kept if row < len(comparison.rows)]
        if cells:
            view.select_cells(cells)

    def _edit_version_note(self, vid: str) -> None:
        comparison = self._window.compare_view.comparison()
        label = next((v.label for v in comparison.versions if v.id == vid), vid) if comparison else vid
        self.edit_note("version", vid, f"Version: {label}")

    def _show_quote_note(self, quote: Quote | None) -> None:
        note = find_note(tuple(self._window.notes()), "quote", quote_key(quote)) if quote else None
        self._window.quotes_view.set_note(note.text if note else None)

    def _mark_noted_rows(self) -> None:
        comparison = self._window.compare_view.comparison()
        targets = {n.target_id for n in self._window.notes() if n.target_kind == "row"}
        rows = set() if comparison is None else {
            r for r in range(len(comparison.rows)) if row_target(comparison, r) in targets}
        self._window.compare_view.set_noted_rows(rows)

    def _update_actions(self) -> None:
        """Enable each action only when the selection allows it."""
        comparison, cells = self._selection()
        for action, make in ((self.action_link, link_decision), (self.action_unlink, unlink_decision),
                             (self.action_split, split_decision), (self.action_merge, merge_decision)):
            action.setEnabled(comparison is not None and make(comparison, cells) is not None)
        moved = moved_decision(comparison, cells) if comparison is not None else None
        self.action_mark_moved.setEnabled(moved is not None)
        self._update_moved_text(moved)
        row = self._window.compare_view.current_row()
        self.action_note_row.setEnabled(comparison is not None and row is not None
                                        and row_target(comparison, row) is not None)
        self.action_note_quote.setEnabled(self._window.quotes_view.selected_quote() is not None)
        self.action_note_version.setEnabled(self._window.versions_panel.selected_version() is not None)

    def _update_moved_text(self, decision: Decision | None) -> None:
        unmark = decision is not None and not decision.payload["moved"]
        self.action_mark_moved.setText("Mark as Not M&oved" if unmark else "Mark as M&oved")


def _decision_nodes(decision: Decision) -> tuple[Node, ...]:
    """The passages a row decision names (none for a quote status)."""
    payload = decision.payload
    nodes = payload.get("nodes") or ([payload["node"]] if "node" in payload else [])
    return tuple((vid, index) for vid, index in nodes)


def _row_subject(comparison: Comparison, row: int) -> str:
    """"Statement 4: <the text of the cell that names the row>"."""
    vid, _ = row_node(comparison, row)
    text = " ".join(comparison.passages[vid][i].text for i in comparison.rows[row].cells[vid])
    return f"Statement {row + 1}: {_clip(text)}"


def _quote_subject(quote: Quote) -> str:
    return f"{quote.speaker or 'Unnamed speaker'}: “{_clip(quote.text)}”"
