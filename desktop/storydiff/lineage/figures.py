"""Per-cell and per-version figures that every lineage judgement reads.

A *statement* is a row in which at least one version holds a passage that is not
furniture; a version *carries* a statement when its cell holds such a passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storydiff.core.model import Change, Comparison, Passage, Row
from storydiff.diffing.stats import edit_words
from storydiff.diffing.tokens import word_count


def carries(row: Row, vid: str, passages: dict[str, tuple[Passage, ...]]) -> bool:
    """True if ``vid``'s cell in ``row`` holds at least one passage that is not furniture."""
    own = passages.get(vid)
    cell = row.cells.get(vid, ())
    if own is None:
        return bool(cell)
    return any(not own[i].is_furniture for i in cell if i < len(own))


def carriers(row: Row, passages: dict[str, tuple[Passage, ...]]) -> tuple[str, ...]:
    """The versions that carry ``row`` as a statement, in the row's cell order."""
    return tuple(vid for vid in row.cells if carries(row, vid, passages))


def cell_words(comparison: Comparison, row: Row, vid: str) -> int:
    """Words in ``vid``'s passages of ``row``."""
    own = comparison.passages.get(vid, ())
    return sum(word_count(own[i].text) for i in row.cells.get(vid, ()) if i < len(own))


def cell_shares(comparison: Comparison) -> dict[tuple[int, str], float]:
    """(row index, version id) -> share in [0, 1] of the cell's words reworded against
    the reference's cell (non-trivial changes only), for every cell aligned with a
    reference cell; 0.0 where only trivial changes (or none) were found."""
    touched = _changed_by_cell(comparison.changes)
    ref = comparison.reference
    shares: dict[tuple[int, str], float] = {}
    for row in comparison.rows:
        if not row.cells.get(ref):
            continue
        ref_words = cell_words(comparison, row, ref)
        for vid, cell in row.cells.items():
            if vid == ref or not cell:
                continue
            size = max(ref_words, cell_words(comparison, row, vid))
            shares[(row.index, vid)] = min(1.0, touched[(row.index, vid)] / size) if size else 0.0
    return shares


def _changed_by_cell(changes: Iterable[Change]) -> dict[tuple[int, str], int]:
    out: dict[tuple[int, str], int] = defaultdict(int)
    for change in changes:
        out[(change.row, change.version)] += edit_words(change)
    return out
