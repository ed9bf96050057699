"""Copy as Evidence in the window: Ctrl+C and the context menus on a cell, a row, a selection of
rows and a quote put plain text and HTML on the clipboard (the HTML parsed back); text fields
keep Ctrl+C for their own selection."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from storydiff.ui.models.quotes_model import FIRST_VERSION_COLUMN

TIMEOUT = 20000
LABELS = ["01-wire", "02-rewrite", "03-spun", "04-translation", "05-update"]
# A menu popped up on the offscreen platform says it cannot raise it or grab the keyboard.
offscreen_popup = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture
def window(window, qtbot):
    """The shared window (conftest) with the sample story compared, active for shortcuts."""
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QApplication.clipboard().clear()
    return window


class Parsed(HTMLParser):
    """An HTML fragment's text, the text inside each tag name, and the bold texts (labels)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.inside, self._open = "", {}, []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._open.append(tag)
        self.inside.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]

    def handle_data(self, data):
        self.text += data
        for tag in set(self._open):
            self.inside[tag][-1] += data


def clipboard() -> tuple[str, Parsed]:
    mime = QApplication.clipboard().mimeData()
    assert mime.hasText() and mime.hasHtml()
    return mime.text(), Parsed(mime.html())


def ctrl_c(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)


def labels_in(parsed: Parsed) -> list[str]:
    return [b for b in parsed.inside.get("b", []) if b in LABELS]


def row_of(window, before: str, version_id: str) -> int:
    """The row holding a change of ``version_id`` whose reference words are ``before``."""
    comparison = window.comparison()
    change = next(c for c in comparison.changes if c.version == version_id and c.before == before)
    return next(i for i, row in enumerate(comparison.rows) if row.index == change.row)


def context_menu_action(qtbot, table, index, menu_of, text_start: str):
    """Right-click ``index`` of ``table``; the action of the menu shown whose text starts with ``text_start``."""
    table.customContextMenuRequested.emit(table.visualRect(index).center())
    menu = menu_of()
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().startswith(text_start))
    menu.hide()
    return action


def test_ctrl_c_copies_the_selected_cell(qtbot, window):
    view = window.compare_view
    row = row_of(window, "closed", "v3")
    view.select_cells([(row, "v3")])
    assert window.action_copy.isEnabled()
    ctrl_c(qtbot, view.table)
    text, html = clipboard()
    assert f"Statement {row + 1}" in text
    assert "— 03-spun:" in text and "[closed → shut]" in text
    assert "source: " in text and "03-spun.txt" in text
    assert "— 01-wire" not in text  # the cell alone; the reference is named as what it is compared with
    assert labels_in(html) == ["03-spun"]
    assert "closed" in html.inside["del"] and "shut" in html.inside["mark"]
    assert "Copied statement" in window.statusBar().currentMessage()


def test_ctrl_c_copies_a_whole_row_one_block_per_version(qtbot, window):
    view = window.compare_view
    row = row_of(window, "closed", "v3")
    view.select_row(row)
    ctrl_c(qtbot, view.table)
    text, html = clipboard()
    assert labels_in(html) == LABELS  # the reference first, every version's label before its words
    blocks = text.split("\n— ")[1:]
    assert [b.split(":")[0] for b in blocks] == LABELS
    assert blocks[0].startswith("01-wire: reference")
    assert "[closed → shut]" in blocks[2] and "[closed → shut]" not in blocks[1]
    assert "removed: [− a], [− up the]" in blocks[3]  # words the translation dropped, listed
    assert {"a", "up the"} <= set(html.inside["del"])


def test_a_selection_of_rows_copies_each_statement(qtbot, window):
    view = window.compare_view
    first, second = row_of(window, "closed", "v3"), row_of(window, "said", "v3")
    view.select_cells([(second, "v3"), (first, "v1"), (first, "v3")])
    ctrl_c(qtbot, view.table)
    text, html = clipboard()
    assert text.index(f"Statement {first + 1}") < text.index(f"Statement {second + 1}")
    assert labels_in(html) == ["01-wire", "03-spun", "03-spun"]
    assert "[said → stated]" in text and "stated" in html.inside["mark"]


@offscreen_popup
def test_context_menu_copies_the_cell_or_its_statements(qtbot, window):
    view = window.compare_view
    row = row_of(window, "closed", "v3")
    column = view.shown_versions().index("v3")
    index = view.table.model().index(row, column)
    menu = lambda: window.corrections.context_menu  # noqa: E731 - the menu the right-click built
    context_menu_action(qtbot, view.table, index, menu, "Copy Cell as Evidence").trigger()
    assert view.selected_cells() == [(row, "v3")]
    _, html = clipboard()
    assert labels_in(html) == ["03-spun"]
    context_menu_action(qtbot, view.table, index, menu, "Copy Statement as Evidence").trigger()
    text, html = clipboard()
    assert labels_in(html) == LABELS and f"Statement {row + 1}" in text


@offscreen_popup
def test_context_menu_on_the_frozen_reference_column(qtbot, window):
    view = window.compare_view
    row = row_of(window, "closed", "v3")
    index = view.table.model().index(row, 0)
    action = context_menu_action(qtbot, view.frozen_table, index, lambda: window.corrections.context_menu,
                                 "Copy Cell as Evidence")
    action.trigger()
    text, html = clipboard()
    assert labels_in(html) == ["01-wire"] and "— 01-wire: reference" in text


def show_quote(window, qtbot, quote_id: str):
    window.action_show_quotes.trigger()
    qtbot.waitUntil(lambda: window.quotes_view.comparison() is not None)
    window.quotes_view.select_quote(quote_id)
    return window.quotes_view


def test_ctrl_c_on_a_quote_copies_every_version_s_status_and_speaker(qtbot, window):
    quotes = show_quote(window, qtbot, "q1")
    assert window.action_copy.isEnabled()
    ctrl_c(qtbot, quotes.table)
    text, html = clipboard()
    assert "Quotation q1, Helena Varga" in text
    assert labels_in(html) == LABELS
    for status in ("verbatim", "trimmed", "altered"):
        assert status in html.text
    assert "speaker: Helena Varga" in text
    assert "[far → much]" in text and "much" in html.inside["mark"] and "far" in html.inside["del"]


@offscreen_popup
def test_quote_context_menu_copies_the_quote(qtbot, window):
    quotes = show_quote(window, qtbot, "q2")
    index = quotes.table.model().index(0, FIRST_VERSION_COLUMN)
    action = context_menu_action(qtbot, quotes.table, index, lambda: quotes.context_menu, "Copy Quote as Evidence")
    chosen = quotes.selected_quote()
    action.trigger()
    text, _ = clipboard()
    assert f"Quotation {chosen.id}" in text


def test_text_fields_keep_ctrl_c_for_their_own_selection(qtbot, window):
    quotes = show_quote(window, qtbot, "q1")
    quotes.speaker_edit.setFocus()
    qtbot.keyClicks(quotes.speaker_edit, "Varga")
    quotes.speaker_edit.selectAll()
    ctrl_c(qtbot, quotes.speaker_edit)
    assert QApplication.clipboard().text() == "Varga"
    # The quote details (read-only text): a selection there is what Ctrl+C copies.
    details = quotes.details
    cursor = details.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor, 2)
    details.setTextCursor(cursor)
    ctrl_c(qtbot, details)
    assert QApplication.clipboard().text() == cursor.selection().toPlainText()
    assert "From StoryDiff" not in QApplication.clipboard().text()


def test_details_pane_text_keeps_ctrl_c_unless_nothing_is_selected_there(qtbot, window):
    window.compare_view.select_row(2)
    text_view = window.details_pane.text_view
    text_view.selectAll()
    selected = text_view.textCursor().selection().toPlainText()
    ctrl_c(qtbot, text_view)
    assert QApplication.clipboard().text() == selected
    # Nothing selected in the text: Ctrl+C copies the selected statement as evidence.
    cursor = text_view.textCursor()
    cursor.clearSelection()
    text_view.setTextCursor(cursor)
    ctrl_c(qtbot, text_view)
    assert "Statement 3" in clipboard()[0]


def test_copy_is_enabled_only_with_something_to_copy(qtbot, window):
    view = window.compare_view
    view.table.selectionModel().clearSelection()
    assert not window.action_copy.isEnabled()
    view.select_cells([(0, "v1")])
    assert window.action_copy.isEnabled()
    window.action_show_coverage.trigger()
    assert not window.action_copy.isEnabled()
    window.action_show_comparison.trigger()
    assert window.action_copy.isEnabled()
    window.sessions.mark_clean()
    window.action_new.trigger()
    qtbot.waitUntil(lambda: window.comparison() is None)
    assert not window.action_copy.isEnabled()


def test_a_hostile_label_is_escaped(qtbot, window):
    hostile = '<img src=x onerror="alert(1)">&amp;'
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT):
        window.versions_panel.rename_requested.emit("v3", hostile)
    view = window.compare_view
    view.select_row(row_of(window, "closed", "v3"))
    ctrl_c(qtbot, view.table)
    text, html = clipboard()
    assert f"— {hostile}:" in text
    assert hostile in html.inside["b"] and "img" not in html.inside
