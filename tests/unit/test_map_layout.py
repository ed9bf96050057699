"""The coverage map's geometry, hit-testing and colours (Qt-free)."""

from __future__ import annotations

import pytest

from storydiff.presentation.coverage import CellState
from storydiff.presentation.map_layout import LEGEND, MapGeometry, cell_colour, cell_description


@pytest.fixture
def grid() -> MapGeometry:
    return MapGeometry(lines=50, columns=40, label_width=200, header_height=100, cell_width=20, cell_height=10)


def test_size_and_cell_rectangles(grid):
    assert (grid.width, grid.height) == (200 + 800, 100 + 500)
    assert grid.cell_rect(0, 0) == (200, 100, 20, 10)
    assert grid.cell_rect(3, 2, scroll_x=15, scroll_y=25) == (200 + 40 - 15, 100 + 30 - 25, 20, 10)


def test_hit_testing_round_trips_every_cell_centre(grid):
    for line in (0, 7, 49):
        for column in (0, 13, 39):
            for sx, sy in ((0, 0), (33, 47)):
                x, y, w, h = grid.cell_rect(line, column, sx, sy)
                under_bands = x + w / 2 < grid.label_width or y + h / 2 < grid.header_height
                expected = None if under_bands else (line, column)  # scrolled under the fixed bands
                assert grid.cell_at(x + w / 2, y + h / 2, sx, sy) == expected


def test_nothing_is_hit_over_the_bands_or_past_the_grid(grid):
    assert grid.cell_at(199, 150) is None  # statement labels
    assert grid.cell_at(300, 99) is None  # version labels
    assert grid.cell_at(200 + 800, 150) is None
    assert grid.cell_at(300, 100 + 500) is None
    assert grid.line_at(150) == 5 and grid.column_at(300) == 5
    assert grid.line_at(150, scroll_y=10) == 6


def test_visible_ranges_cover_exactly_what_shows(grid):
    assert grid.visible_lines(0, 100 + 95) == range(0, 10)  # the tenth line shows half
    assert grid.visible_lines(25, 100 + 50) == range(2, 8)
    assert grid.visible_columns(0, 200 + 100) == range(0, 5)
    assert grid.visible_columns(790, 200 + 400) == range(39, 40)
    assert grid.visible_lines(0, 50) == range(0)  # only the header band fits
    assert grid.scroll_ranges(600, 400) == (400, 200)
    assert grid.scroll_ranges(2000, 2000) == (0, 0)


def test_rewording_darkens_the_shade_and_omitted_is_an_empty_box():
    light, dark = cell_colour("reworded", 0.05), cell_colour("reworded", 0.95)
    assert sum(dark) < sum(light)
    assert cell_colour("reworded", 2.0) == cell_colour("reworded", 1.0)
    assert cell_colour("omitted", 0.0) is None
    assert cell_colour("unchanged", 0.0) != cell_colour("moved", 0.0) != cell_colour("added", 0.0)
    assert {state for state, _, _ in LEGEND} == {"unchanged", "reworded", "moved", "added", "omitted"}


def test_descriptions():
    assert cell_description("reworded", 0.344) == "reworded (34% of its words)"
    assert cell_description("moved", 0.0) == "moved"
    assert cell_description("moved", 0.5) == "moved and reworded (50% of its words)"
    assert cell_description("omitted", 0.0) == "omitted"


def test_every_state_differs_by_a_mark_or_a_shape_not_only_by_colour():
    from storydiff.presentation.map_layout import cell_mark

    looks = {(cell_colour(state, amount) is None, cell_mark(state, amount)[0] if cell_mark(state, amount) else None)
             for state, amount, _name in LEGEND if state != CellState.REWORDED}
    assert len(looks) == len(LEGEND) - 2  # unchanged, moved, added, omitted: four looks
    light, heavy = (cell_mark(CellState.REWORDED, amount) for amount in (0.1, 0.9))
    assert light[0] == heavy[0] == "bar" and light[1] < heavy[1]  # how much: the bar's length


def test_marks_are_black_on_light_fills_and_white_on_dark_ones():
    from storydiff.presentation.contrast import contrast_ratio
    from storydiff.presentation.map_layout import mark_colour

    assert mark_colour((250, 226, 140)) == (0, 0, 0)
    assert mark_colour((20, 30, 90)) == (255, 255, 255)
    for state, amount, _name in LEGEND:
        fill = cell_colour(state, amount)
        if fill is not None:
            assert contrast_ratio(fill, mark_colour(fill)) >= 3.0  # WCAG 1.4.11, graphics
