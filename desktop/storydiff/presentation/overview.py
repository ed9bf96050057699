"""The overview strip's maths: rows to fractions of the strip and back.

``row_tops`` are the rows' top edges in content pixels (ascending, the first
normally 0) and ``total_height`` the content's full height; fractions run
from 0 (top of the strip) to 1 (bottom).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def overview_marks(
    row_tops: Sequence[int], total_height: int, marks: dict[int, str]
) -> list[tuple[float, float, str]]:
    """``(top, bottom, kind)`` fractions of the strip for each marked row, in
    row order. Rows outside ``row_tops`` are ignored; nothing is marked when
    the content has no height."""
    if total_height <= 0:
        return []
    result = []
    for row in sorted(marks):
        if not 0 <= row < len(row_tops):
            continue
        bottom = row_tops[row + 1] if row + 1 < len(row_tops) else total_height
        result.append((row_tops[row] / total_height, bottom / total_height, marks[row]))
    return result


def row_at_fraction(row_tops: Sequence[int], total_height: int, fraction: float) -> int:
    """The row under ``fraction`` of the strip (clamped to the first and last row).

    Raises ValueError when there are no rows.
    """
    if not row_tops:
        raise ValueError("no rows")
    y = min(max(fraction, 0.0), 1.0) * max(total_height, 0)
    return min(max(bisect_right(row_tops, y) - 1, 0), len(row_tops) - 1)


def visible_band(offset: int, viewport_height: int, total_height: int) -> tuple[float, float]:
    """The ``(top, bottom)`` fractions of the strip that the viewport shows when
    scrolled ``offset`` pixels down; the whole strip when everything fits."""
    if total_height <= 0 or viewport_height >= total_height:
        return 0.0, 1.0
    top = min(max(offset / total_height, 0.0), 1.0)
    return top, min(top + viewport_height / total_height, 1.0)
