"""Which rows the compare view's next/previous commands visit, and in what order.

Row numbers are positions in ``Comparison.rows``. ``versions`` restricts a
question to the columns on screen (the two of focus mode); ``None`` means all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from storydiff.core.model import Change, Comparison
from storydiff.presentation.cells import kind_class

# Overview strip colours: the most telling change of a row wins.
_CLASS_WEIGHT = {"serious": 4, "deletion": 3, "substitution": 2, "insertion": 1, "trivial": 0}


def default_columns(comparison: Comparison) -> list[str]:
    """Version ids in display order: the reference, then the others as given."""
    others = [v.id for v in comparison.versions if v.id != comparison.reference]
    return [comparison.reference, *others]


def change_rows(
    comparison: Comparison, *, show_trivial: bool, versions: Iterable[str] | None = None
) -> list[int]:
    """Rows (ascending) where a shown version has a shown change."""
    return sorted(change_marks(comparison, show_trivial=show_trivial, versions=versions))


def change_marks(
    comparison: Comparison, *, show_trivial: bool, versions: Iterable[str] | None = None
) -> dict[int, str]:
    """Row -> the kind class of its most telling shown change (see ``kind_class``)."""
    positions = _row_positions(comparison)
    marks: dict[int, str] = {}
    for change in _shown_changes(comparison.changes, show_trivial, versions):
        row = positions.get(change.row)
        if row is None:
            continue
        new = kind_class(change.kind)
        if row not in marks or _CLASS_WEIGHT[new] > _CLASS_WEIGHT[marks[row]]:
            marks[row] = new
    return marks


def omission_rows(comparison: Comparison, versions: Iterable[str] | None = None) -> list[int]:
    """Rows (ascending) where some shown version has no passage: omissions from
    the reference, and statements the reference lacks (unique to other versions)."""
    chosen = [v.id for v in comparison.versions] if versions is None else list(versions)
    return [n for n, row in enumerate(comparison.rows) if any(not row.cells.get(v) for v in chosen)]


def step(indices: Sequence[int], current: int | None, forward: bool) -> int | None:
    """The next (or previous) of the ascending ``indices`` after ``current``.

    With no ``current``, forward gives the first and backward the last. There is
    no wrap-around: past either end the answer is None.
    """
    if forward:
        position = 0 if current is None else bisect_right(indices, current)
        return indices[position] if position < len(indices) else None
    position = len(indices) if current is None else bisect_left(indices, current)
    return indices[position - 1] if position > 0 else None


def _shown_changes(
    changes: Iterable[Change], show_trivial: bool, versions: Iterable[str] | None
) -> Iterable[Change]:
    chosen = None if versions is None else set(versions)
    for change in changes:
        if (show_trivial or not change.trivial) and (chosen is None or change.version in chosen):
            yield change


def _row_positions(comparison: Comparison) -> dict[int, int]:
    # Changes name a Row.index; navigation works in positions of comparison.rows.
    return {row.index: position for position, row in enumerate(comparison.rows)}
