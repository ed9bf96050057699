"""The window as a screen reader and a keyboard user meet it: names on everything that takes
focus and on every cell, change kinds told apart without colour, a visible focus at every stop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QWidget

from storydiff.presentation import cell_view
from storydiff.ui.views.cell_delegate import span_formats

TIMEOUT = 20000
_Name, _Description = QAccessible.Text.Name, QAccessible.Text.Description
_Role = Qt.ItemDataRole


@pytest.fixture
def loaded(qtbot, window):
    """The window with the sample comparison shown."""
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    return window


def _stops(window) -> list[QWidget]:
    """The visible widgets of ``window`` that take keyboard focus."""
    return [w for w in window.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible() and w.isEnabled()]


def _cells(view) -> list:
    """The accessible interfaces of an item view's cells."""
    table = QAccessible.queryAccessibleInterface(view)
    children = (table.child(i) for i in range(table.childCount()))
    return [c for c in children if c is not None and c.role() == QAccessible.Role.Cell]


@pytest.mark.parametrize(("tab", "finding"), [(0, False), (1, False), (2, False), (0, True), (1, True)])
def test_every_focusable_widget_has_a_name(qtbot, loaded, tab, finding):
    loaded.centre_tabs.setCurrentIndex(tab)
    if finding:
        loaded.action_find.trigger()
        assert loaded.finder.bar.isVisible()
    qtbot.wait(10)
    stops = _stops(loaded)
    assert len(stops) > 10
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in stops
               if not QAccessible.queryAccessibleInterface(w).text(_Name).strip()]
    assert unnamed == []


def test_each_compare_cell_says_version_statement_text_and_changes(loaded):
    comparison = loaded.comparison()
    table = loaded.compare_view.table
    cells = _cells(table)
    model = table.model()
    assert len(cells) == model.rowCount() * model.columnCount()
    assert all(c.text(_Name).strip() and c.text(_Description).strip() for c in cells)
    labels = {v.label for v in comparison.versions}
    assert all(any(label in c.text(_Name) for label in labels) for c in cells)
    # A reworded cell reads out each substitution, before and after, in words.
    change = next(c for c in comparison.changes if c.kind == "substitution"
                  and len(c.before.split()) == 1 and len(c.after.split()) == 1)
    position = next(n for n, row in enumerate(comparison.rows) if row.index == change.row)
    index = model.index(position, model.columns().index(change.version))
    name = index.data(_Role.AccessibleTextRole)
    assert f"statement {position + 1}" in name
    assert comparison.version(change.version).label in name
    assert f"'{change.before.strip()}' replaced by '{change.after.strip()}'" in index.data(_Role.AccessibleDescriptionRole)


def test_omitted_and_moved_cells_are_said_in_words(loaded):
    comparison, model = loaded.comparison(), loaded.compare_view.table.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            view = cell_view(comparison, row, model.columns()[column], show_trivial=True)
            if view.omitted:
                assert index.data(_Role.AccessibleTextRole).endswith(": omitted")
            if view.moved:
                assert "moved" in index.data(_Role.AccessibleDescriptionRole)


def test_each_quote_badge_says_its_status_and_version(qtbot, loaded):
    comparison = loaded.comparison()
    loaded.action_show_quotes.trigger()
    table = loaded.quotes_view.table
    cells = _cells(table)
    assert len(cells) == table.model().rowCount() * table.model().columnCount() > 0
    assert all(c.text(_Name).strip() for c in cells)
    model = table.model()
    assert model.columnCount() == 2 + len(comparison.versions)
    for row in range(model.rowCount()):
        for column in range(2, model.columnCount()):
            label = model.headerData(column, Qt.Orientation.Horizontal)
            index = model.index(row, column)
            status = index.data(_Role.DisplayRole)
            name = index.data(_Role.AccessibleTextRole)
            assert name.startswith(f"{label}: ") and status.split()[0][:6] in name


def test_each_coverage_cell_and_version_has_a_name(loaded):
    loaded.action_show_coverage.trigger()
    model = loaded.coverage_view.model
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            name = model.index(row, column).data(_Role.AccessibleTextRole)
            assert name.startswith("Statement ") and model.headerData(column, Qt.Orientation.Horizontal) in name
    versions = _cells(loaded.versions_panel.list_view()) or [
        QAccessible.queryAccessibleInterface(loaded.versions_panel.list_view()).child(i) for i in range(5)]
    assert [v.text(_Name).split(",")[0] for v in versions] == [v.label for v in loaded.comparison().versions]
    assert "reference" in versions[0].text(_Name)


def test_the_overview_strip_lists_its_rows_in_words(loaded):
    from storydiff.ui.views.overview_strip import OverviewStrip

    strip = loaded.compare_view.findChild(OverviewStrip)
    interface = QAccessible.queryAccessibleInterface(strip)
    assert interface.text(_Name) == "Overview of changes and omissions"
    assert "Changes in statements" in interface.text(_Description)
    assert "Omissions in statement" in interface.text(_Description)


def test_change_kinds_differ_without_colour(loaded):
    """Each class of change gets its own underline, so colour is never the only cue."""
    from storydiff.presentation import Span
    from storydiff.presentation.cells import CellView

    kinds = ("insertion", "substitution", "serious", "trivial", "deletion")
    view = CellView(text="a b c d e", spans=tuple(Span(2 * n, 2 * n + 1, kind, "") for n, kind in enumerate(kinds)))
    formats = span_formats(view, QApplication.palette())
    cues = [f.format.underlineStyle() for f in formats]
    assert len(set(cues)) == len(kinds)
    assert QTextCharFormat.UnderlineStyle.NoUnderline not in cues
    assert not any(f.format.fontOverline() for f in formats)  # Find's mark


def test_tab_visits_every_stop_with_a_visible_focus_and_no_trap(qtbot, loaded):
    loaded.activateWindow()
    loaded.versions_panel.list_view().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is loaded.versions_panel.list_view())
    start, seen = QApplication.focusWidget(), []
    for _ in range(80):
        widget = QApplication.focusWidget()
        seen.append(widget)
        ring = loaded.focus_ring
        # The ring sits exactly over the focused widget, on top, in an opaque highlight colour.
        assert ring.isVisible() and ring.target() is widget
        assert ring.geometry().topLeft() == widget.mapTo(loaded, widget.rect().topLeft())
        assert ring.size() == widget.size()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not widget, f"Tab is trapped in {type(widget).__name__}"
        if QApplication.focusWidget() is start:
            break
    assert QApplication.focusWidget() is start, "Tab never came back round"
    for must in (loaded.compare_view.table, loaded.versions_panel.list_view(), loaded.details_pane.text_view):
        assert must in seen


def test_the_focused_cell_is_framed(qtbot, loaded):
    table = loaded.compare_view.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, 2))
    qtbot.waitUntil(table.hasFocus)
    image = table.viewport().grab().toImage()
    rect = table.visualRect(table.currentIndex())
    highlight = loaded.focus_ring.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    edge = image.pixelColor(rect.left() + 1, rect.center().y())
    assert edge.rgb() == highlight.rgb()


def test_the_coverage_map_is_driven_by_the_keyboard(qtbot, loaded):
    loaded.action_show_coverage.trigger()
    view = loaded.coverage_view.map
    qtbot.waitUntil(view.hasFocus)
    assert view.current_cell() == (0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_cell() == (1, 1)
    model = loaded.coverage_view.model
    assert QAccessible.queryAccessibleInterface(view).text(_Description) == model.spoken_name(1, 1)
    with qtbot.waitSignal(loaded.compare_view.row_selected, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[0] == model.line(1).row
    assert loaded.centre_tabs.currentWidget() is loaded.compare_view
