"""The window driven from the keyboard alone: key presses only, no mouse and no direct calls
once the sample is on screen; every step checks what the keys did."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from storydiff.presentation.quotes import quote_row
from storydiff.ui.dialogs.paste_dialog import PasteDialog
from storydiff.ui.models.quotes_model import QuoteRole

TIMEOUT = 20000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
PASTED = ("Port Calder reopened its harbour bridge on Friday after repairs to the corroded cables. "
          "Engineers said the main span was safe again.")
WORD = "cables"


def _shown(qtbot, window, keys) -> object:
    """Presses ``keys`` and waits for the comparison they lead to."""
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        keys()
    return window.comparison()


def _occurrences(window, word: str) -> int:
    """How often ``word`` (any case) stands in the compare view's cells."""
    model = window.compare_view.table.model()
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    return sum(len(pattern.findall(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""))
               for row in range(model.rowCount()) for column in range(model.columnCount()))


def _key(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """One key press to whichever widget has the focus, as the keyboard would send it."""
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, key, modifiers)


def _tab_to(qtbot, widget, most: int = 80) -> None:
    """Tab until ``widget`` has the focus (fails if it is not among the first ``most`` stops)."""
    for _ in range(most):
        if QApplication.focusWidget() is widget:
            return
        _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget, f"Tab never reached {widget.accessibleName()}"


def _fill_paste_dialog(qtbot, label: str, text: str) -> None:
    """In the paste dialog (opened by Ctrl+Shift+V): type the text, Shift+Tab to the label, type it, Enter."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PasteDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    qtbot.keyClicks(QApplication.focusWidget(), text)
    _key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    _key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), label)
    assert (dialog.label(), dialog.text()) == (label, text)
    _key(qtbot, Qt.Key.Key_Return)


def test_add_a_version_change_the_reference_find_a_word_and_open_a_quote_by_keyboard(qtbot, window):
    comparison = _shown(qtbot, window, window.open_sample)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    # Add a version: Ctrl+Shift+V, the text, the label, Enter.
    QTimer.singleShot(0, lambda: _fill_paste_dialog(qtbot, "06-keyboard", PASTED))
    comparison = _shown(qtbot, window, lambda: _key(qtbot, Qt.Key.Key_V, CTRL | SHIFT))
    assert [v.label for v in comparison.versions][-1] == "06-keyboard"
    assert comparison.versions[-1].text.strip() == PASTED
    assert len(comparison.versions) == 6
    # The offscreen platform has no window manager to give the window back its activation
    # when a dialog closes (a desktop does): done by hand, as the window manager would.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    # Change the reference: Tab to the versions list, Home, Down, Ctrl+R.
    versions = window.versions_panel.list_view()
    _tab_to(qtbot, versions)
    _key(qtbot, Qt.Key.Key_Home)
    _key(qtbot, Qt.Key.Key_Down)
    target = comparison.versions[1]
    assert window.versions_panel.selected_version() == target.id
    comparison = _shown(qtbot, window, lambda: _key(qtbot, Qt.Key.Key_R, CTRL))
    assert comparison.reference == target.id
    assert window.workspace().reference == target.id

    # Find a word: Ctrl+F puts the keyboard in the find bar; every match is found, F3 steps
    # to the next one (the compare view follows), Esc closes the bar.
    _key(qtbot, Qt.Key.Key_F, CTRL)
    finder = window.finder
    assert finder.bar.isVisible() and QApplication.focusWidget() is finder.bar.edit
    qtbot.keyClicks(finder.bar.edit, WORD)
    qtbot.waitUntil(lambda: len(finder.matches()) == _occurrences(window, WORD))
    assert len({m.version for m in finder.matches()}) > 1
    first = finder.current_match()
    assert first is not None
    _key(qtbot, Qt.Key.Key_F3)
    matches = finder.matches()
    assert finder.current_match() == matches[(matches.index(first) + 1) % len(matches)]
    assert window.compare_view.current_row() == finder.current_match().row
    _key(qtbot, Qt.Key.Key_Escape)
    assert not finder.bar.isVisible() and QApplication.focusWidget() is not None

    # Open a quote: Ctrl+3 puts the keyboard in the quotes table; Down picks the second quote,
    # whose details show; Enter opens its row in the comparison.
    _key(qtbot, Qt.Key.Key_3, CTRL)
    quotes = window.quotes_view
    assert window.centre_tabs.currentWidget() is quotes and QApplication.focusWidget() is quotes.table
    _key(qtbot, Qt.Key.Key_Down)
    quote = quotes.selected_quote()
    assert quote is not None and quote.id == quotes.table.model().index(1, 0).data(QuoteRole).id
    assert quote.text.split()[0] in quotes.details.toPlainText()
    with qtbot.waitSignal(window.compare_view.row_selected, timeout=TIMEOUT) as blocker:
        _key(qtbot, Qt.Key.Key_Return)
    assert blocker.args[0] == quote_row(comparison, quote)
    assert window.centre_tabs.currentWidget() is window.compare_view
    assert window.compare_view.current_row() == quote_row(comparison, quote)
