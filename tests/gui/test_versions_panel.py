"""The versions panel, its list model and the paste dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QToolButton

from storydiff.ingest import read_document
from storydiff.ui.dialogs.paste_dialog import PasteDialog
from storydiff.ui.models.versions_model import (
    ChangeShareRole,
    IsReferenceRole,
    SourceRole,
    VersionIdRole,
    VersionsModel,
    WordsRole,
)
from storydiff.ui.palette import version_colour
from storydiff.ui.versions_panel import VersionsPanel, details_text
from storydiff.workspace import Workspace

TIMEOUT_MS = 2000
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
# The offscreen platform warns once when a window with a layout is first shown.
SHOWN_WINDOW_WARNING = "This plugin does not support propagateSizeHints"


@pytest.fixture
def workspace(sample_files) -> Workspace:
    workspace = Workspace()
    for path in sample_files:
        workspace = workspace.add(read_document(path), path.stem)
    return workspace.with_reference("v1")


@pytest.fixture
def panel(qtbot, workspace, sample_comparison):
    panel = VersionsPanel()
    qtbot.addWidget(panel)
    panel.set_workspace(workspace, sample_comparison)
    return panel


def _labels(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


# -- the model ---------------------------------------------------------------------


def test_model_passes_qtmodeltester(qtmodeltester, workspace, sample_comparison):
    model = VersionsModel()
    model.set_workspace(workspace, sample_comparison)
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(VersionsModel(), force_py=True)


def test_model_roles(workspace, sample_comparison):
    model = VersionsModel()
    model.set_workspace(workspace, sample_comparison)
    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data() == "01-wire"
    assert first.data(VersionIdRole) == "v1"
    assert Path(first.data(SourceRole)).name == "01-wire.txt"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == first.data(SourceRole)
    assert QColor(second.data(Qt.ItemDataRole.DecorationRole)) == version_colour(1)
    assert first.data(WordsRole) == sample_comparison.stats["v1"].words
    assert second.data(ChangeShareRole) == sample_comparison.stats["v2"].change_share
    assert [model.index(row, 0).data(IsReferenceRole) for row in range(model.rowCount())] == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_model_without_comparison_counts_words_and_uses_workspace_reference(workspace):
    model = VersionsModel()
    model.set_workspace(workspace.with_reference("v2"))
    assert model.index(0, 0).data(WordsRole) > 100
    assert model.index(0, 0).data(ChangeShareRole) is None
    assert model.index(1, 0).data(IsReferenceRole) is True


def test_comparison_reference_wins_over_workspace(workspace, sample_comparison):
    model = VersionsModel()
    model.set_workspace(workspace.with_reference(None), sample_comparison)
    assert model.index(0, 0).data(IsReferenceRole) is True


def test_model_flags_allow_editing_and_dragging(workspace):
    model = VersionsModel()
    model.set_workspace(workspace)
    flags = model.flags(model.index(0, 0))
    for flag in ("Editable", "Selectable", "Enabled", "DragEnabled", "DropEnabled"):
        assert flags & getattr(Qt.ItemFlag, f"ItemIs{flag}")


def test_set_data_requests_a_rename_without_changing_the_label(qtbot, workspace):
    model = VersionsModel()
    model.set_workspace(workspace)
    with qtbot.waitSignal(model.rename_requested, timeout=TIMEOUT_MS) as blocker:
        model.setData(model.index(2, 0), "  Spun copy  ", Qt.ItemDataRole.EditRole)
    assert blocker.args == ["v3", "Spun copy"]
    assert model.index(2, 0).data() == "03-spun"


def test_blank_or_unchanged_label_requests_nothing(qtbot, workspace):
    model = VersionsModel()
    model.set_workspace(workspace)
    with qtbot.assertNotEmitted(model.rename_requested):
        model.setData(model.index(0, 0), "   ", Qt.ItemDataRole.EditRole)
        model.setData(model.index(0, 0), "01-wire", Qt.ItemDataRole.EditRole)


@pytest.mark.parametrize(
    ("source", "row", "on_row", "position"),
    [(0, 3, -1, 2), (3, 1, -1, 1), (0, -1, -1, 4), (0, -1, 2, 2), (4, 0, -1, 0)],
)
def test_dragging_a_row_requests_a_move(qtbot, workspace, source, row, on_row, position):
    model = VersionsModel()
    model.set_workspace(workspace)
    data = model.mimeData([model.index(source, 0)])
    parent = model.index(on_row, 0) if on_row >= 0 else model.index(-1, 0)
    with qtbot.waitSignal(model.move_requested, timeout=TIMEOUT_MS) as blocker:
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    assert blocker.args == [f"v{source + 1}", position]


def test_details_line():
    assert details_text("/news/01-wire.txt", 412, 0.0, True) == "01-wire.txt · 412 words"
    assert details_text("spun.txt", 1, 0.123, False) == "spun.txt · 1 word · 12% changed"
    assert details_text("https://example.org/a/", 2, 0.004, False) == (
        "example.org/a · 2 words · <1% changed"
    )


# -- the panel ---------------------------------------------------------------------


def test_set_workspace_shows_one_row_per_version(panel, workspace):
    assert _labels(panel.list_view().model()) == [v.label for v in workspace.versions]


def test_selection_survives_set_workspace(panel, workspace, sample_comparison):
    panel.select_version("v3")
    panel.set_workspace(workspace.move("v3", 0), sample_comparison)
    assert panel.selected_version() == "v3"
    panel.set_workspace(workspace, sample_comparison)
    panel.set_workspace(workspace.remove("v3"), sample_comparison)
    assert panel.selected_version() == "v4"  # the row that took its place


def test_buttons_follow_the_selection(panel):
    panel.list_view().clearSelection()
    assert not panel.action_remove.isEnabled()
    panel.select_version("v1")
    assert panel.action_remove.isEnabled()
    assert not panel.action_move_up.isEnabled()
    assert panel.action_move_down.isEnabled()
    assert not panel.action_set_reference.isEnabled()  # already the reference
    panel.select_version("v5")
    assert panel.action_move_up.isEnabled()
    assert not panel.action_move_down.isEnabled()
    assert panel.action_set_reference.isEnabled()


def test_add_and_paste_buttons(qtbot, panel):
    with qtbot.waitSignal(panel.add_files_requested, timeout=TIMEOUT_MS):
        _button(panel, "Add files…").click()
    with qtbot.waitSignal(panel.paste_requested, timeout=TIMEOUT_MS):
        _button(panel, "Paste…").click()


@pytest.mark.parametrize(
    ("text", "signal", "args"),
    [
        ("Remove", "remove_requested", ["v3"]),
        ("Up", "move_requested", ["v3", 1]),
        ("Down", "move_requested", ["v3", 3]),
        ("Set as reference", "reference_requested", ["v3"]),
    ],
)
def test_buttons_emit_requests_for_the_selected_version(qtbot, panel, text, signal, args):
    panel.select_version("v3")
    with qtbot.waitSignal(getattr(panel, signal), timeout=TIMEOUT_MS) as blocker:
        _button(panel, text).click()
    assert blocker.args == args


@pytest.mark.qt_log_ignore(SHOWN_WINDOW_WARNING)
@pytest.mark.parametrize(
    ("key", "modifier", "signal", "args"),
    [
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "remove_requested", ["v2"]),
        (Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier, "move_requested", ["v2", 0]),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier, "move_requested", ["v2", 2]),
    ],
)
def test_keys_emit_requests(qtbot, panel, key, modifier, signal, args):
    _show_with_focus_on_list(qtbot, panel)
    panel.select_version("v2")
    with qtbot.waitSignal(getattr(panel, signal), timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(panel.list_view(), key, modifier)
    assert blocker.args == args


@pytest.mark.qt_log_ignore(SHOWN_WINDOW_WARNING)
def test_inline_rename_emits_rename_requested(qtbot, panel):
    _show_with_focus_on_list(qtbot, panel)
    panel.select_version("v2")
    qtbot.keyClick(panel.list_view(), Qt.Key.Key_F2)
    editor = panel.list_view().findChild(QLineEdit)
    assert editor is not None and editor.text() == "02-rewrite"
    label_top = panel.list_view().visualRect(panel.model().index(1, 0)).top()
    assert label_top <= editor.geometry().top()
    editor.setText("Rewrite")
    with qtbot.waitSignal(panel.rename_requested, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == ["v2", "Rewrite"]


@pytest.mark.qt_log_ignore(SHOWN_WINDOW_WARNING)
def test_delete_while_renaming_edits_the_text(qtbot, panel):
    _show_with_focus_on_list(qtbot, panel)
    panel.select_version("v2")
    qtbot.keyClick(panel.list_view(), Qt.Key.Key_F2)
    editor = panel.list_view().findChild(QLineEdit)
    with qtbot.assertNotEmitted(panel.remove_requested, wait=50):
        qtbot.keyClick(editor, Qt.Key.Key_Delete)


def test_rename_through_the_model_reaches_the_panel(qtbot, panel):
    model = panel.list_view().model()
    with qtbot.waitSignal(panel.rename_requested, timeout=TIMEOUT_MS) as blocker:
        model.setData(model.index(0, 0), "Wire", Qt.ItemDataRole.EditRole)
    assert blocker.args == ["v1", "Wire"]


def test_dropping_files_emits_their_paths(qtbot, panel, sample_files):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in sample_files[:2]])
    with qtbot.waitSignal(panel.files_dropped, timeout=TIMEOUT_MS) as blocker:
        assert _drag_and_drop(panel, mime)
    assert blocker.args == [[str(path) for path in sample_files[:2]]]


def test_dropping_text_emits_the_text(qtbot, panel):
    mime = QMimeData()
    mime.setText("The bridge reopened on Monday.")
    with qtbot.waitSignal(panel.text_dropped, timeout=TIMEOUT_MS) as blocker:
        assert _drag_and_drop(panel, mime)
    assert blocker.args == ["The bridge reopened on Monday."]


def test_drops_on_the_list_reach_the_panel(qtbot, panel):
    mime = QMimeData()
    mime.setText("pasted")
    with qtbot.waitSignal(panel.text_dropped, timeout=TIMEOUT_MS):
        assert _drag_and_drop(panel.list_view().viewport(), mime)


def test_web_urls_are_imported_other_remote_urls_refused(qtbot, panel):
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/story")])
    with qtbot.assertNotEmitted(panel.files_dropped, wait=50), qtbot.assertNotEmitted(panel.text_dropped):
        with qtbot.waitSignal(panel.urls_dropped) as dropped:
            assert _drag_and_drop(panel, mime)
    assert dropped.args == [["https://example.org/story"]]
    mime = QMimeData()
    mime.setUrls([QUrl("ftp://example.org/story.txt")])
    with qtbot.assertNotEmitted(panel.urls_dropped, wait=50), qtbot.assertNotEmitted(panel.files_dropped):
        event = _event(QDropEvent, mime)
        panel.dropEvent(event)
        assert not event.isAccepted()


def _button(panel, text):
    (button,) = [b for b in panel.findChildren(QToolButton) if b.text() == text]
    return button


def _show_with_focus_on_list(qtbot, panel):
    """Shortcuts only fire in the active window."""
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    panel.list_view().setFocus()


def _event(kind, mime):
    # Qt 6.11 takes a QPoint for drag-enter and a QPointF for drop events.
    position = QPoint(10, 10) if kind is QDragEnterEvent else QPointF(10, 10)
    return kind(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)


def _drag_and_drop(widget, mime) -> bool:
    """Drag ``mime`` onto ``widget`` and drop it there, as a real drag does; True if accepted.

    The drag-enter picks the target (``widget`` or the first parent accepting it) and
    the drop goes to that target, then clears it. Qt keeps the target as a plain
    pointer, so a drag-enter is never left without its drop or drag-leave.
    """
    enter = _event(QDragEnterEvent, mime)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        QApplication.sendEvent(widget, QDragLeaveEvent())
        return False
    drop = _event(QDropEvent, mime)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


# -- the paste dialog ------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot):
    dialog = PasteDialog(None, "Pasted text 2")
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_paste_dialog_ok_needs_text(dialog):
    assert dialog.label() == "Pasted text 2"
    assert not _ok(dialog).isEnabled()
    dialog.set_text("   \n ")
    assert not _ok(dialog).isEnabled()
    dialog.set_text("The bridge reopened.")
    assert _ok(dialog).isEnabled()


def test_paste_dialog_accessors(dialog):
    dialog.set_text("The bridge reopened.\n")
    dialog.set_label("  Radio transcript ")
    assert dialog.text() == "The bridge reopened.\n"
    assert dialog.label() == "Radio transcript"
    dialog.set_label("")
    assert dialog.label() == "Pasted text 2"  # a blank label falls back to the default


def test_get_text_returns_label_and_text(qtbot, monkeypatch):
    def fill_and_accept(self):
        self.set_text("Quoted text")
        return PasteDialog.DialogCode.Accepted

    monkeypatch.setattr(PasteDialog, "exec", fill_and_accept)
    assert PasteDialog.get_text(None, "Pasted text 1") == ("Pasted text 1", "Quoted text")
    monkeypatch.setattr(PasteDialog, "exec", lambda self: PasteDialog.DialogCode.Rejected)
    assert PasteDialog.get_text(None, "Pasted text 1") is None


def test_a_version_with_a_note_is_marked(qtbot, sample_files):
    from storydiff.ingest import read_document
    from storydiff.ui.models.versions_model import NoteRole
    from storydiff.ui.versions_panel import VersionsPanel, details_text
    from storydiff.workspace import Workspace

    workspace = Workspace()
    for path in sample_files[:2]:
        workspace = workspace.add(read_document(path), path.stem)
    panel = VersionsPanel()
    qtbot.addWidget(panel)
    panel.set_workspace(workspace)
    panel.set_version_notes({"v2": "Check the rewrite's figures."})
    model = panel.model()
    assert model.index(1, 0).data(NoteRole) == "Check the rewrite's figures."
    assert model.index(0, 0).data(NoteRole) is None
    assert "Check the rewrite's figures." in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert details_text("a/wire.txt", 10, None, False, noted=True).startswith("\u270e wire.txt")
