"""Zoom levels for the reading views, without Qt.

The window zooms in fixed steps (as browsers and Meld do), so that Zoom In
followed by Zoom Out always comes back to the same size. Levels are whole
percentages of the reading font's size.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent
ACTUAL_SIZE = 100
WHEEL_NOTCH = 120  # angle delta of one wheel notch, in eighths of a degree


def zoom_in(percent: int) -> int:
    """The next larger step after ``percent`` (the largest step stays where it is)."""
    return next((step for step in STEPS if step > percent), STEPS[-1])


def zoom_out(percent: int) -> int:
    """The next smaller step before ``percent`` (the smallest step stays where it is)."""
    return next((step for step in reversed(STEPS) if step < percent), STEPS[0])


def nearest_step(percent: float) -> int:
    """The step closest to ``percent`` (ties go to the smaller one)."""
    return min(STEPS, key=lambda step: (abs(step - percent), step))


def parse_zoom(value: object) -> int:
    """A zoom level read from the settings: the nearest step, or 100 % (with a warning in the
    log) for a value that is no number or lies outside the steps' range."""
    try:
        percent = float(value)  # QSettings' INI files give strings back
    except (TypeError, ValueError):
        percent = float("nan")
    if not STEPS[0] <= percent <= STEPS[-1]:  # NaN fails too
        if value is not None:
            log.warning("zoom setting %r is not a level from %d to %d %%: using %d %%",
                         value, STEPS[0], STEPS[-1], ACTUAL_SIZE)
        return ACTUAL_SIZE
    return nearest_step(percent)


def scaled_size(size: float, percent: int) -> float:
    """A font size (points or pixels) at ``percent`` of ``size``."""
    return size * percent / 100


def wheel_steps(accumulated: int) -> tuple[int, int]:
    """``(steps, rest)``: the whole wheel notches in an accumulated angle delta (positive:
    away from the user, i.e. zoom in) and the remainder kept for the next event, so that
    touchpads sending small deltas zoom once per notch's worth of movement."""
    steps = int(accumulated / WHEEL_NOTCH)  # toward zero, for either sign
    return steps, accumulated - steps * WHEEL_NOTCH
