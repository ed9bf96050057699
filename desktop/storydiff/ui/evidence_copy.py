"""Copy as Evidence: Ctrl+C (``window.action_copy``) and the context menus put the selected
cells, statements or quotation on the clipboard as plain text and HTML, each version's
words under its label and source (``storydiff.presentation.evidence`` builds them).

A text field keeps Ctrl+C for its own selection: line edits claim the shortcut themselves;
read-only text (the details pane, the quote details, selectable labels) is given a small
event filter that claims it while some of its text is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPlainTextEdit, QTextEdit, QWidget

from storydiff.presentation.evidence import Evidence, cells_evidence, quote_evidence, rows_evidence
from storydiff.presentation.evidence_text import html_text, plain_text

_STATUS_MS = 4000


class EvidenceCopier(QObject):
    """Connects ``window.action_copy`` and adds *Copy … as Evidence* to the context menus of
    the compare view and the Quotes tab. ``window`` provides ``compare_view``, ``quotes_view``,
    ``centre_tabs``, ``action_copy``, ``action_show_trivial``, ``corrections`` (its ``menu_built``
    signal hands over the compare view's menu), ``comparison_shown`` and ``statusBar()``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self._guard = _TextCopyGuard(self)
        self.action_copy_cells = QAction("Copy Cell as Evidence", window)
        self.action_copy_cells.setStatusTip("Copy the selected cells with their version's label and source")
        self.action_copy_rows = QAction("Copy Statement as Evidence", window)
        self.action_copy_rows.setStatusTip("Copy the whole statements in every version shown")
        self._connect()
        self._update_action()

    # Public API

    def evidence(self) -> Evidence | None:
        """What Ctrl+C copies now: the selected quote on the Quotes tab, the selected cells on
        the Comparison tab; None when there is nothing to copy."""
        window = self._window
        current = window.centre_tabs.currentWidget()
        if current is window.quotes_view:
            comparison, quote = window.quotes_view.comparison(), window.quotes_view.selected_quote()
            if comparison is None or quote is None:
                return None
            return quote_evidence(comparison, quote, show_trivial=self._show_trivial())
        if current is window.compare_view:
            return self._cells_evidence()
        return None

    def copy(self) -> bool:
        """Put ``evidence()`` on the clipboard; False when there was nothing to copy."""
        return self._put(self.evidence())

    def copy_rows(self) -> bool:
        """Put the statements of the selected cells, in every version shown, on the clipboard."""
        view = self._window.compare_view
        comparison, cells = view.comparison(), view.selected_cells()
        if comparison is None or not cells:
            return False
        rows = {row for row, _ in cells}
        return self._put(rows_evidence(comparison, rows, view.shown_versions(), show_trivial=self._show_trivial()))

    # Wiring

    def _connect(self) -> None:
        window = self._window
        window.action_copy.triggered.connect(self.copy)
        self.action_copy_cells.triggered.connect(lambda: self._put(self._cells_evidence()))
        self.action_copy_rows.triggered.connect(self.copy_rows)
        window.compare_view.cells_selected.connect(self._update_action)
        window.quotes_view.quote_selected.connect(self._update_action)
        window.centre_tabs.currentChanged.connect(self._update_action)
        window.comparison_shown.connect(self._update_action)
        window.corrections.menu_built.connect(self._on_corrections_menu_built)
        window.quotes_view.copy_requested.connect(self.copy)
        QApplication.instance().focusChanged.connect(self._on_application_focus_changed)

    def _on_corrections_menu_built(self, menu: QMenu) -> None:
        cells = self._window.compare_view.selected_cells()
        count, rows = len(cells), len({row for row, _ in cells})
        self.action_copy_cells.setText("Copy Cell as Evidence" if count == 1 else f"Copy {count} Cells as Evidence")
        self.action_copy_rows.setText("Copy Statement as Evidence" if rows == 1
                                      else f"Copy {rows} Statements as Evidence")
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.action_copy_cells, self.action_copy_rows])
        if first is not None:
            menu.insertSeparator(first)

    def _on_application_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, (QTextEdit, QPlainTextEdit, QLabel)) and self._window.isAncestorOf(new):
            new.installEventFilter(self._guard)  # installing it again only moves it first

    # Helpers

    def _cells_evidence(self) -> Evidence | None:
        view = self._window.compare_view
        comparison, cells = view.comparison(), view.selected_cells()
        if comparison is None or not cells:
            return None
        return cells_evidence(comparison, cells, show_trivial=self._show_trivial())

    def _show_trivial(self) -> bool:
        return self._window.action_show_trivial.isChecked()

    def _put(self, evidence: Evidence | None) -> bool:
        if evidence is None or not evidence.sections:
            return False
        mime = QMimeData()
        mime.setText(plain_text(evidence))
        mime.setHtml(html_text(evidence))
        QApplication.clipboard().setMimeData(mime)
        self._window.statusBar().showMessage(f"Copied {_what(evidence)} as evidence", _STATUS_MS)
        return True

    def _has_target(self) -> bool:
        """Whether ``evidence()`` has something to copy, without building it (it diffs quotations)."""
        window = self._window
        current = window.centre_tabs.currentWidget()
        if current is window.quotes_view:
            return window.quotes_view.comparison() is not None and window.quotes_view.selected_quote() is not None
        view = window.compare_view
        return current is view and view.comparison() is not None and view.has_selected_cells()

    def _update_action(self, *_) -> None:
        has_cells = self._window.compare_view.has_selected_cells()
        self._window.action_copy.setEnabled(self._has_target())
        self.action_copy_cells.setEnabled(has_cells)
        self.action_copy_rows.setEnabled(has_cells)


def _what(evidence: Evidence) -> str:
    """"statement 3", "2 statements", "quotation q1": for the status bar."""
    if len(evidence.sections) > 1:
        return f"{len(evidence.sections)} statements"
    heading = evidence.sections[0].heading
    return heading[:1].lower() + heading[1:]


class _TextCopyGuard(QObject):
    """Claims Ctrl+C for a read-only text widget while some of its text is selected, so that
    the widget copies its selection instead of the window's action copying evidence."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Copy) and _has_selection(watched):
            event.accept()
            return True
        return False


def _has_selection(widget: QObject) -> bool:
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.textCursor().hasSelection()
    return isinstance(widget, QLabel) and widget.hasSelectedText()
