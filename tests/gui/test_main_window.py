"""The main window with a fake embedder: every route in, reference, navigation, cancel."""

from __future__ import annotations

from fakes import FakeHolder, SlowEmbedder
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from storydiff.ui.dialogs.paste_dialog import PasteDialog
from storydiff.ui.main_window import MainWindow

TIMEOUT = 20000


def open_and_wait(qtbot, window, action):
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        action()
    return window.comparison()


def test_opening_the_sample_shows_the_comparison(qtbot, window):
    comparison = open_and_wait(qtbot, window, window.open_sample)
    assert len(comparison.versions) == 5
    assert comparison.version(comparison.reference).label == "01-wire"
    assert window.compare_view.current_row() == 0
    assert window.compare_view.comparison() is comparison
    assert "Port Calder" in window.windowTitle()


def test_adding_files_through_the_open_dialog(qtbot, window, sample_files, monkeypatch):
    open_and_wait(qtbot, window, lambda: window.open_files([str(sample_files[0])]))
    calls = []

    def fake_dialog(*args, **kwargs):
        calls.append(args)
        return [str(sample_files[2]), str(sample_files[3])], "Stories"

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    comparison = open_and_wait(qtbot, window, window.action_open.trigger)
    assert calls and [v.label for v in comparison.versions] == ["01-wire", "03-spun", "04-translation"]


def test_adding_text_through_the_paste_dialog(qtbot, window, sample_files, monkeypatch):
    open_and_wait(qtbot, window, lambda: window.open_files([str(sample_files[0])]))
    text = sample_files[2].read_text(encoding="utf-8")
    monkeypatch.setattr(PasteDialog, "get_text", staticmethod(lambda *a, **k: ("Pasted spin", text)))
    comparison = open_and_wait(qtbot, window, window.action_paste.trigger)
    assert [v.label for v in comparison.versions] == ["01-wire", "Pasted spin"]


def drop(target, mime: QMimeData) -> None:
    """A real drag-enter then drop of ``mime`` onto ``target``, as Qt delivers them."""
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(10, 10), *args)  # Qt 6.11: QPoint here, QPointF below
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(10, 10), *args))


def test_dropping_files_and_text(qtbot, window, sample_files):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_files[0])), QUrl.fromLocalFile(str(sample_files[1]))])
    comparison = open_and_wait(qtbot, window, lambda: drop(window.versions_panel, mime))
    assert [v.label for v in comparison.versions] == ["01-wire", "02-rewrite"]
    text = QMimeData()
    text.setText(sample_files[4].read_text(encoding="utf-8"))
    comparison = open_and_wait(qtbot, window, lambda: drop(window.versions_panel, text))
    assert len(comparison.versions) == 3 and comparison.versions[2].source.startswith("Dropped text")


def test_changing_the_reference(qtbot, window):
    comparison = open_and_wait(qtbot, window, window.open_sample)
    target = comparison.versions[2].id
    comparison = open_and_wait(qtbot, window, lambda: window.versions_panel.reference_requested.emit(target))
    assert comparison.reference == target
    assert window.workspace().reference == target


def test_keyboard_moves_between_changes_and_omissions(qtbot, window):
    from storydiff.presentation import change_rows, omission_rows, step

    comparison = open_and_wait(qtbot, window, window.open_sample)
    window.compare_view.setFocus()
    changes = change_rows(comparison, show_trivial=True)
    start = window.compare_view.current_row()
    first = step(changes, start, True)
    second = step(changes, first, True)
    assert first is not None and second is not None and first < second
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.compare_view.current_row() == first
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.compare_view.current_row() == second
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.compare_view.current_row() == first
    omission = step(omission_rows(comparison), first, True)
    assert omission is not None
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.compare_view.current_row() == omission


def test_trivial_changes_switch(qtbot, window):
    open_and_wait(qtbot, window, window.open_sample)
    assert window.action_show_trivial.isChecked()
    window.action_show_trivial.trigger()
    assert not window.action_show_trivial.isChecked()
    assert all(not c.trivial for c in window.details_pane.changes_model._changes)


def test_cancelling_a_running_alignment(qtbot, sample_files):
    win = MainWindow(holder=FakeHolder(SlowEmbedder(seconds=30)))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.runner.started, timeout=TIMEOUT):
        win.open_files([str(f) for f in sample_files[:2]])
    assert win.status.cancel_button.isVisible()
    with qtbot.waitSignal(win.runner.cancelled, timeout=TIMEOUT):
        win.status.cancel_button.click()
    assert win.comparison() is None
    assert not win.status.cancel_button.isVisible()
    assert "cancelled" in win.status.message.text()
    win.runner.shutdown()


def test_bad_file_gives_a_message_and_keeps_the_work(qtbot, window, tmp_path):
    comparison = open_and_wait(qtbot, window, window.open_sample)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.error_shown, timeout=TIMEOUT) as blocker:
        window.open_files([str(empty)])
    assert "empty.txt" in blocker.args[0]
    assert len(window.workspace().versions) == len(comparison.versions)


def test_focus_mode_shows_two_columns(qtbot, window):
    open_and_wait(qtbot, window, window.open_sample)
    window.action_focus.trigger()
    assert window.compare_view.table.model().columnCount() == 2
    window.action_focus.trigger()


def test_layout_is_remembered(qtbot):
    first = MainWindow(holder=FakeHolder())
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # the offscreen screen is 800x600
    first.main_splitter.setSizes([280, 420])
    first.action_show_trivial.setChecked(False)
    sizes = first.main_splitter.sizes()
    first.close()
    second = MainWindow(holder=FakeHolder())
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == first.size().width()
    assert second.main_splitter.sizes() == sizes
    assert not second.action_show_trivial.isChecked()
    second.close()


def test_warming_the_model_in_the_background(qtbot, window):
    with qtbot.waitSignal(window.runner.finished, timeout=TIMEOUT) as blocker:
        window.warm_model()
    assert blocker.args[1] == "fake-bag-of-words"
    assert window.comparison() is None


def test_quotes_tab_jumps_to_the_row_of_a_quote(qtbot, window):
    comparison = open_and_wait(qtbot, window, window.open_sample)
    assert window.centre_tabs.tabText(1) == f"Quotes ({len(comparison.quotes)})"
    window.action_show_quotes.trigger()
    assert window.centre_tabs.currentWidget() is window.quotes_view
    quote = comparison.quotes[-1]
    window.quotes_view.select_quote(quote.id)
    occurrence = quote.occurrences[comparison.reference]
    with qtbot.waitSignal(window.compare_view.row_selected, timeout=TIMEOUT) as blocker:
        window.quotes_view.show_button.click()
    row = comparison.rows[blocker.args[0]]
    passages = [comparison.passages[comparison.reference][p] for p in row.cells[comparison.reference]]
    assert any(p.start <= occurrence.start < p.end for p in passages)
    assert window.centre_tabs.currentWidget() is window.compare_view
