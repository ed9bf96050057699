"""Zoom levels without Qt: steps, settings values, wheel notches."""

from __future__ import annotations

import logging

import pytest

from storydiff.presentation.zoom import (
    ACTUAL_SIZE,
    STEPS,
    WHEEL_NOTCH,
    nearest_step,
    parse_zoom,
    scaled_size,
    wheel_steps,
    zoom_in,
    zoom_out,
)


def test_steps_run_from_half_to_three_times_through_actual_size():
    assert STEPS[0] == 50 and STEPS[-1] == 300
    assert ACTUAL_SIZE in STEPS
    assert list(STEPS) == sorted(set(STEPS))


def test_in_and_out_walk_the_steps_and_stop_at_the_ends():
    assert zoom_in(100) == STEPS[STEPS.index(100) + 1]
    assert zoom_out(100) == STEPS[STEPS.index(100) - 1]
    assert zoom_in(STEPS[-1]) == STEPS[-1]
    assert zoom_out(STEPS[0]) == STEPS[0]
    for step in STEPS[1:-1]:
        assert zoom_out(zoom_in(step)) == step


def test_in_and_out_from_between_steps_go_to_the_neighbouring_step():
    assert zoom_in(105) == 110
    assert zoom_out(105) == 100


def test_nearest_step_snaps_and_clamps():
    assert nearest_step(148) == 150
    assert nearest_step(1000) == STEPS[-1]
    assert nearest_step(1) == STEPS[0]


@pytest.mark.parametrize("value, expected", [(150, 150), ("150", 150), ("149.6", 150), (None, 100)])
def test_settings_values_are_read_as_steps(value, expected):
    assert parse_zoom(value) == expected


@pytest.mark.parametrize("value", ["huge", 0, 900, "nan", [1, 2]])
def test_a_bad_settings_value_falls_back_to_actual_size_with_a_warning(value, caplog):
    with caplog.at_level(logging.WARNING, logger="storydiff.presentation.zoom"):
        assert parse_zoom(value) == ACTUAL_SIZE
    assert "zoom setting" in caplog.text


def test_scaled_size():
    assert scaled_size(10.0, 150) == pytest.approx(15.0)
    assert scaled_size(12, 50) == pytest.approx(6.0)


def test_wheel_notches_and_touchpad_remainders():
    assert wheel_steps(WHEEL_NOTCH) == (1, 0)
    assert wheel_steps(-2 * WHEEL_NOTCH) == (-2, 0)
    assert wheel_steps(60) == (0, 60)
    steps, rest = wheel_steps(60)
    assert wheel_steps(rest + 60) == (1, 0)
    assert wheel_steps(-150) == (-1, -30)
