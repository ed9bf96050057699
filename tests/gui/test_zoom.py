"""Zoom: the actions, Ctrl+wheel, the views it reaches, rows refitted in place, kept across runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from storydiff.presentation.zoom import STEPS
from storydiff.ui.zoom import SETTINGS_KEY

TIMEOUT = 20000


def open_sample(qtbot, window):
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    wait_fitted(qtbot, window)
    return window.comparison()


def wait_fitted(qtbot, window):
    qtbot.waitUntil(lambda: not window.compare_view._fitter.busy(), timeout=TIMEOUT)


def size_of(font: QFont) -> float:
    return font.pointSizeF() if font.pointSizeF() > 0 else float(font.pixelSize())


def zoomed_widgets(window):
    """Every widget the zoom must reach, by name."""
    view, quotes, details = window.compare_view, window.quotes_view, window.details_pane
    return {
        "cells": view.table,
        "column headers": view.table.horizontalHeader(),
        "row numbers": view.table.verticalHeader(),
        "frozen reference column": view.frozen_table,
        "frozen column header": view.frozen_table.horizontalHeader(),
        "frozen column header text": view.frozen_table.horizontalHeader().viewport(),
        "quotes table": quotes.table,
        "quote details": quotes.details,
        "details text": details.text_view,
        "details changes": details.changes_view,
    }


def wheel(widget, delta: int, modifiers=Qt.KeyboardModifier.ControlModifier) -> bool:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(10, 10))), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    return QApplication.sendEvent(widget, event)


def test_starts_at_actual_size_with_the_application_font(window):
    assert window.zoom.zoom() == 100
    base = size_of(QApplication.font())
    for name, widget in zoomed_widgets(window).items():
        assert size_of(widget.font()) == pytest.approx(base), name
    assert not window.action_zoom_reset.isEnabled()
    assert window.action_zoom_in.isEnabled() and window.action_zoom_out.isEnabled()


def test_zoom_in_reaches_every_reading_view_and_not_the_rest(qtbot, window):
    open_sample(qtbot, window)
    base = size_of(QApplication.font())
    window.action_zoom_in.trigger()
    window.action_zoom_in.trigger()
    assert window.zoom.zoom() == 125
    for name, widget in zoomed_widgets(window).items():
        assert size_of(widget.font()) == pytest.approx(base * 1.25), name
    # The controls keep the system size.
    assert size_of(window.versions_panel.font()) == pytest.approx(base)
    assert size_of(window.menuBar().font()) == pytest.approx(base)
    assert "125 %" in window.statusBar().currentMessage()
    window.action_zoom_reset.trigger()
    assert window.zoom.zoom() == 100
    assert size_of(window.compare_view.table.font()) == pytest.approx(base)


def test_the_actions_stop_at_the_ends(window):
    for _ in range(len(STEPS)):
        window.action_zoom_in.trigger()
    assert window.zoom.zoom() == STEPS[-1]
    assert not window.action_zoom_in.isEnabled()
    for _ in range(len(STEPS)):
        window.action_zoom_out.trigger()
    assert window.zoom.zoom() == STEPS[0]
    assert not window.action_zoom_out.isEnabled()
    assert window.action_zoom_in.isEnabled() and window.action_zoom_reset.isEnabled()


def test_the_shortcuts_are_the_platform_zoom_keys(window):
    from PySide6.QtGui import QKeySequence

    assert window.action_zoom_in.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)
    assert window.action_zoom_out.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomOut)
    assert window.action_zoom_reset.shortcut() == QKeySequence("Ctrl+0")


def test_ctrl_wheel_zooms_over_each_view_and_a_plain_wheel_does_not(qtbot, window):
    open_sample(qtbot, window)
    surfaces = [window.compare_view.table.viewport(), window.details_pane.text_view.viewport(),
                window.details_pane.changes_view.viewport()]
    expected = 100
    for surface in surfaces:
        wheel(surface, 120)
        expected = {100: 110, 110: 125, 125: 150}[expected]
        assert window.zoom.zoom() == expected
    wheel(window.compare_view.table.viewport(), -240)
    assert window.zoom.zoom() == 110
    wheel(window.compare_view.table.viewport(), 120, Qt.KeyboardModifier.NoModifier)
    assert window.zoom.zoom() == 110
    window.action_show_quotes.trigger()
    wheel(window.quotes_view.table.viewport(), 120)
    wheel(window.quotes_view.details.viewport(), 120)
    assert window.zoom.zoom() == 150


def test_touchpad_deltas_add_up_to_one_step(window):
    viewport = window.compare_view.table.viewport()
    wheel(viewport, 40)
    wheel(viewport, 40)
    assert window.zoom.zoom() == 100
    wheel(viewport, 40)
    assert window.zoom.zoom() == 110


def test_rows_refit_and_the_statement_at_the_top_stays_there(qtbot, window):
    comparison = open_sample(qtbot, window)
    table = window.compare_view.table
    top = len(comparison.rows) // 2
    table.scrollTo(table.model().index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    assert table.rowAt(0) == top
    heights = [table.rowHeight(row) for row in range(len(comparison.rows))]
    header_height = table.horizontalHeader().height()
    for _ in range(3):  # 100 -> 150
        window.action_zoom_in.trigger()
        assert table.rowAt(0) == top
    wait_fitted(qtbot, window)
    assert table.rowAt(0) == top
    assert table.rowViewportPosition(top) == 0
    after = [table.rowHeight(row) for row in range(len(comparison.rows))]
    # Every row is measured again at the new size: taller, and as tall as its cells need.
    assert all(new > old for new, old in zip(after, heights))
    assert after == [table.row_height_hint(row) for row in range(len(comparison.rows))]
    assert table.horizontalHeader().height() > header_height
    frozen = window.compare_view.frozen_table
    assert [frozen.rowHeight(row) for row in range(len(comparison.rows))] == after


def test_zoom_out_refits_rows_smaller(qtbot, window):
    comparison = open_sample(qtbot, window)
    table = window.compare_view.table
    heights = [table.rowHeight(row) for row in range(len(comparison.rows))]
    window.action_zoom_out.trigger()
    wait_fitted(qtbot, window)
    after = [table.rowHeight(row) for row in range(len(comparison.rows))]
    assert sum(after) < sum(heights)
    assert after == [table.row_height_hint(row) for row in range(len(comparison.rows))]


def test_zoom_is_kept_across_a_restart(qtbot, new_window):
    first = new_window()
    for _ in range(3):
        first.action_zoom_in.trigger()
    assert first.zoom.zoom() == 150
    first.close()
    second = new_window()
    assert second.zoom.zoom() == 150
    assert size_of(second.compare_view.table.font()) == pytest.approx(1.5 * size_of(QApplication.font()))
    assert second.action_zoom_reset.isEnabled()


def test_a_bad_saved_value_starts_at_actual_size(new_window):
    QSettings().setValue(SETTINGS_KEY, "enormous")
    window = new_window()
    assert window.zoom.zoom() == 100


def test_the_reading_font_from_preferences_is_multiplied(window):
    font = QFont(QApplication.font())
    font.setFamily("DejaVu Serif")
    font.setPointSizeF(14.0)
    window.zoom.set_base_font(font)
    assert window.compare_view.table.font().family() == font.family()
    assert window.compare_view.table.font().pointSizeF() == pytest.approx(14.0)
    for _ in range(3):
        window.action_zoom_in.trigger()
    for name, widget in zoomed_widgets(window).items():
        assert widget.font().pointSizeF() == pytest.approx(21.0), name
        assert widget.font().family() == font.family(), name
    assert window.zoom.base_font().pointSizeF() == pytest.approx(14.0)
