"""The Coverage Map tab: its model, painting, sorting, filters, the jump to the comparison, export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from test_compare_columns import many_versions
from window_helpers import shown

from storydiff.presentation.coverage import coverage_map
from storydiff.presentation.map_layout import cell_colour
from storydiff.storage.session import workspace_of
from storydiff.ui.models.coverage_model import CellRole, CoverageModel, RowRole, VersionIdRole
from storydiff.ui.views.coverage_view import CoverageView


@pytest.fixture
def coverage(qtbot, sample_comparison) -> CoverageView:
    view = shown(qtbot, CoverageView(), 1100, 700)
    view.set_comparison(sample_comparison)
    return view


def test_coverage_model_passes_the_model_tester(qtmodeltester, sample_comparison):
    model = CoverageModel()
    qtmodeltester.check(model)
    model.set_comparison(sample_comparison)
    qtmodeltester.check(model)
    model.set_options(only="unique", statements="fewest", versions="coverage")
    qtmodeltester.check(model)
    model.set_comparison(None)
    qtmodeltester.check(model)


def test_coverage_model_roles_follow_the_coverage_map(sample_comparison):
    model = CoverageModel()
    model.set_comparison(sample_comparison)
    expected = coverage_map(sample_comparison)
    assert model.rowCount() == len(expected.lines) and model.columnCount() == len(expected.versions)
    index = model.index(3, 2)
    assert index.data(CellRole) == expected.lines[3].cells[expected.versions[2]]
    assert index.data(RowRole) == expected.lines[3].row
    assert index.data(VersionIdRole) == expected.versions[2]
    assert expected.lines[3].opening in model.headerData(3, Qt.Orientation.Vertical)
    assert "Statement" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_unknown_options_are_refused_and_change_nothing(sample_comparison):
    model = CoverageModel()
    model.set_comparison(sample_comparison)
    with pytest.raises(ValueError):
        model.set_options(only="bogus", statements="reference", versions="reference")
    assert model.options() == (None, "reference", "reference")


def test_filters_and_sorting_from_the_boxes(coverage, sample_comparison):
    everything = coverage.model.rowCount()
    coverage.choose(only="unique")
    unique = coverage_map(sample_comparison, only="unique")
    assert coverage.model.rowCount() == len(unique.lines) < everything
    assert all(len(line.carried_by) == 1 for line in coverage.model.coverage().lines)
    coverage.choose(only="kept-by-one")
    assert all(len(line.carried_by) == 2 for line in coverage.model.coverage().lines)
    coverage.choose(statements="carried", versions="coverage")
    counts = [len(line.carried_by) for line in coverage.model.coverage().lines]
    assert counts == sorted(counts, reverse=True) and len(counts) == everything
    assert coverage.model.coverage().versions[0] == sample_comparison.reference
    assert f"{everything} × 5" in coverage.count_label.text()


def test_the_map_paints_each_cell_in_its_state_colour(qtbot, coverage):
    image = coverage.map.viewport().grab().toImage()
    model = coverage.model
    painted = 0
    for line in range(min(model.rowCount(), 10)):
        for column in range(model.columnCount()):
            cell = model.cell(line, column)
            colour = cell_colour(cell.state, cell.amount)
            if colour is None:
                continue
            centre = coverage.map.cell_viewport_rect(line, column).center()
            pixel = image.pixelColor(centre)
            assert (pixel.red(), pixel.green(), pixel.blue()) == colour, (line, column, cell)
            painted += 1
    assert painted > 10


def test_clicking_a_cell_jumps_to_that_row_and_version(qtbot, new_window):
    window = new_window()
    window.resize(1024, 700)
    comparison = many_versions(13, 30)
    window.show_document(workspace_of(comparison), comparison)
    window.compare_view.set_column_settings(window.compare_view.column_settings().__class__(hidden=frozenset({"v12"})))
    window.action_show_coverage.trigger()
    assert window.centre_tabs.currentWidget() is window.coverage_view
    view = window.coverage_view.map
    line = 17
    column = list(view._model.coverage().versions).index("v12")
    view.scroll_to_line(line)
    rect = view.cell_viewport_rect(line, column)
    with qtbot.waitSignal(view.cell_activated) as activated:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    row = view._model.line(line).row
    assert activated.args == [row, "v12"]
    assert window.centre_tabs.currentWidget() is window.compare_view
    assert window.compare_view.current_cell() == (row, "v12")
    assert "v12" in window.compare_view.shown_versions()  # it was hidden: shown to jump there
    table = window.compare_view.table
    column_in_table = window.compare_view.shown_versions().index("v12")
    left = table.columnViewportPosition(column_in_table)
    assert table.columnWidth(0) <= left and left + table.columnWidth(column_in_table) <= table.viewport().width()


def test_clicking_a_statement_label_jumps_to_its_row(qtbot, new_window, sample_comparison):
    window = new_window()
    window.show_document(workspace_of(sample_comparison), sample_comparison)
    window.centre_tabs.setCurrentWidget(window.coverage_view)
    view = window.coverage_view.map
    rect = view.cell_viewport_rect(4, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, rect.center().y()))
    assert window.compare_view.current_cell() == (view._model.line(4).row, sample_comparison.reference)


def test_export_png_holds_the_whole_map(coverage, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "map"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "PNG (*.png)"))
    written = []
    coverage.exported.connect(written.append)
    coverage.png_button.click()
    assert written == [str(path) + ".png"]
    image = QImage(written[0])
    geometry = coverage.map.geometry_of_map()
    assert (image.width(), image.height()) == (geometry.width, geometry.height)
    last = coverage.model.rowCount() - 1
    x, y, w, h = geometry.cell_rect(last, 0)
    cell = coverage.model.cell(last, 0)
    if cell_colour(cell.state, cell.amount) is not None:
        pixel = image.pixelColor(x + w // 2, y + h // 2)
        assert (pixel.red(), pixel.green(), pixel.blue()) == cell_colour(cell.state, cell.amount)


def test_export_svg_is_a_drawing_of_the_map(coverage, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "map.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "SVG (*.svg)"))
    coverage.svg_button.click()
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    geometry = coverage.map.geometry_of_map()
    assert root.get("viewBox").split() == ["0", "0", str(geometry.width), str(geometry.height)]
    text = path.read_text(encoding="utf-8")
    label = coverage.model.comparison().version(coverage.model.coverage().versions[1]).label
    assert label in text
    assert len(ET.tostring(root)) > 10_000  # every cell, not an empty page


def test_forty_versions_paint_only_what_shows(qtbot):
    view = CoverageView()
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    view.set_comparison(many_versions(40, 60))
    geometry = view.map.geometry_of_map()
    lines = geometry.visible_lines(0, view.map.viewport().height())
    columns = geometry.visible_columns(0, view.map.viewport().width())
    assert 0 < len(lines) < 60 and 0 < len(columns) <= 40
    assert view.map.verticalScrollBar().maximum() > 0


def test_moved_added_and_reworded_cells_carry_a_mark_besides_their_colour(qtbot, coverage):
    from storydiff.presentation.map_layout import cell_mark, mark_colour

    image = coverage.map.viewport().grab().toImage()
    model, seen = coverage.model, set()
    for line in range(model.rowCount()):
        for column in range(model.columnCount()):
            cell = model.cell(line, column)
            mark = cell_mark(cell.state, cell.amount)
            rect = coverage.map.cell_viewport_rect(line, column)
            if mark is None or not coverage.map.viewport().rect().contains(rect):
                continue
            box = rect.adjusted(2, 2, -2, -2)
            at = {"bar": box.bottomLeft() + QPoint(1, -1), "corner": box.topRight() + QPoint(-1, 1),
                  "plus": box.topLeft() + QPoint(1, max(5, box.height() // 2 - 1) // 2)}[mark[0]]
            pixel = image.pixelColor(at)
            assert (pixel.red(), pixel.green(), pixel.blue()) == mark_colour(cell_colour(cell.state, cell.amount)), \
                (line, column, mark)
            seen.add(mark[0])
    assert {"bar", "corner"} <= seen  # the sample has reworded and moved statements
