"""The coverage map, computed without Qt: one line per statement, one column per version.

Contract for the window (and the HTML report):

``coverage_map(comparison, *, only=None, version=None, statements="reference",
versions="reference")`` returns a frozen ``CoverageMap``:

- ``versions``: version ids in column order (see ``version_order``);
- ``lines``: one ``CoverageLine`` per statement (a row holding at least one passage
  that is not furniture; furniture-only rows never appear), each with
  ``row`` (the row's index in ``comparison.rows``: jump there), ``opening`` (the
  statement's first words, from the reference's cell if it carries it, else the
  first carrier's; at most ``OPENING_WORDS`` words, "…" when cut), ``carried_by``
  (ids of the versions that carry it, in column order) and ``cells``: version id ->
  ``CoverageCell`` for every id in ``versions``.

A ``CoverageCell`` has a ``state`` (a ``CellState`` value, a plain string) and an
``amount`` in [0, 1]:

- ``unchanged``: carried, and no non-trivial word change against the reference's
  cell (also every carried cell of the reference column); amount 0.0;
- ``reworded``: carried with non-trivial changes; amount = share of its words
  reworded (``storydiff.lineage.cell_shares``);
- ``moved``: carried but out of the reference's order (``row.moved``); amount =
  how much it is reworded too (0.0 if not at all);
- ``omitted``: the version does not carry the statement (an empty cell, or only
  furniture); amount 0.0;
- ``added``: carried in a statement the reference does not carry, so there is
  nothing to measure rewording against; amount 0.0.

Filters (``only``), on meaning (rows, not spelling):

- ``"unique"``: statements carried by exactly one version (LERA's "unique to");
  with ``version=`` only those unique to that version;
- ``"kept-by-one"``: "dropped by all but one": the reference's statements that
  exactly one other version still carries (every other version dropped them);
  with ``version=`` only those kept by that version. Meaningful from 3 versions.
- ``"dropped-by-one"``: statements carried by every version but one (which one is
  the cell in state ``omitted``); with ``version=`` only those that version dropped.

Sorting: ``statements`` is ``"reference"`` (row order, i.e. reading order of the
reference), ``"carried"`` (most carriers first), ``"fewest"`` (fewest carriers
first), or ``"reworded"`` (highest mean rewording first); ties keep row order.
``versions`` is any key that ``version_order`` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storydiff.core.model import Comparison, Row
from storydiff.lineage.figures import carriers, cell_shares

OPENING_WORDS = 8

__all__ = [
    "CellState",
    "CoverageCell",
    "CoverageLine",
    "CoverageMap",
    "OPENING_WORDS",
    "coverage_map",
    "version_order",
]


class CellState(StrEnum):
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    MOVED = "moved"
    OMITTED = "omitted"
    ADDED = "added"


@dataclass(frozen=True)
class CoverageCell:
    state: str
    amount: float = 0.0


@dataclass(frozen=True)
class CoverageLine:
    row: int
    opening: str
    carried_by: tuple[str, ...]
    cells: dict[str, CoverageCell]


@dataclass(frozen=True)
class CoverageMap:
    versions: tuple[str, ...]
    lines: tuple[CoverageLine, ...]


def version_order(comparison: Comparison, by: str = "reference") -> tuple[str, ...]:
    """Version ids in column order, the reference always first.

    ``by``: ``"reference"`` (the others in the order given), ``"given"`` (the
    comparison's order, reference included where it stands), ``"coverage"`` (highest
    coverage first), ``"similarity"`` (least changed first, then highest coverage), or
    ``"lineage"`` (depth-first over the source tree: each version right after the
    version it derives from; roots in the order given). Ties keep the order given.
    """
    ids = [v.id for v in comparison.versions]
    if by == "given":
        return tuple(ids)
    others = [vid for vid in ids if vid != comparison.reference]
    stats = comparison.stats
    if by == "coverage":
        others.sort(key=lambda vid: -_stat(stats, vid, "coverage", 0.0))
    elif by == "similarity":
        others.sort(key=lambda vid: (_stat(stats, vid, "change_share", 1.0)
                                     - _stat(stats, vid, "coverage", 0.0)))
    elif by == "lineage":
        return _lineage_order(comparison)
    elif by != "reference":
        raise ValueError(f"unknown version order {by!r}")
    return (comparison.reference, *others)


def coverage_map(
    comparison: Comparison,
    *,
    only: str | None = None,
    version: str | None = None,
    statements: str = "reference",
    versions: str = "reference",
) -> CoverageMap:
    """The coverage map of ``comparison`` (see the module docstring for the contract)."""
    order = version_order(comparison, versions)
    shares = cell_shares(comparison)
    lines = []
    for row in comparison.rows:
        carried = carriers(row, comparison.passages)
        if not carried or not _keep(comparison, carried, only, version):
            continue
        cells = {vid: _cell(comparison, row, vid, carried, shares) for vid in order}
        carried_by = tuple(vid for vid in order if vid in carried)
        lines.append(CoverageLine(row.index, _opening(comparison, row, carried), carried_by, cells))
    return CoverageMap(order, _sorted(lines, statements))


def _stat(stats, vid: str, name: str, default: float) -> float:
    figures = stats.get(vid)
    return getattr(figures, name) if figures is not None else default


def _lineage_order(comparison: Comparison) -> tuple[str, ...]:
    ids = [v.id for v in comparison.versions]
    children: dict[str | None, list[str]] = {}
    for vid in ids:
        source = comparison.stats[vid].source if vid in comparison.stats else None
        parent = source if source in ids and vid != comparison.reference else None
        children.setdefault(parent, []).append(vid)
    roots = children.get(None, [])
    roots.sort(key=lambda vid: vid != comparison.reference)
    out: list[str] = []
    stack = list(reversed(roots))
    while stack:
        vid = stack.pop()
        if vid in out:
            continue
        out.append(vid)
        stack.extend(reversed(children.get(vid, [])))
    out.extend(vid for vid in ids if vid not in out)  # a cycle of sources: none is lost
    return tuple(out)


def _keep(comparison: Comparison, carried: tuple[str, ...], only: str | None, version: str | None) -> bool:
    n = len(comparison.versions)
    ref = comparison.reference
    if only is None:
        return True
    if only == "unique":
        return len(carried) == 1 and (version is None or carried == (version,))
    if only == "kept-by-one":
        keepers = [vid for vid in carried if vid != ref]
        return ref in carried and len(keepers) == 1 and n >= 3 and version in (None, keepers[0])
    if only == "dropped-by-one":
        dropped = [v.id for v in comparison.versions if v.id not in carried]
        return n >= 2 and len(dropped) == 1 and version in (None, dropped[0])
    raise ValueError(f"unknown coverage filter {only!r}")


def _cell(comparison: Comparison, row: Row, vid: str, carried: tuple[str, ...], shares) -> CoverageCell:
    if vid not in carried:
        return CoverageCell(CellState.OMITTED.value)
    ref = comparison.reference
    if vid != ref and ref not in carried:
        return CoverageCell(CellState.ADDED.value)
    amount = shares.get((row.index, vid), 0.0)
    if vid in row.moved and vid != ref:
        return CoverageCell(CellState.MOVED.value, amount)
    if amount > 0.0:
        return CoverageCell(CellState.REWORDED.value, amount)
    return CoverageCell(CellState.UNCHANGED.value)


def _opening(comparison: Comparison, row: Row, carried: tuple[str, ...]) -> str:
    vid = comparison.reference if comparison.reference in carried else carried[0]
    own = comparison.passages[vid]
    text = " ".join(own[i].text for i in row.cells[vid] if not own[i].is_furniture)
    words = text.split()
    opening = " ".join(words[:OPENING_WORDS])
    return opening + ("…" if len(words) > OPENING_WORDS else "")


def _sorted(lines: list[CoverageLine], by: str) -> tuple[CoverageLine, ...]:
    if by == "reference":
        return tuple(lines)
    if by == "carried":
        return tuple(sorted(lines, key=lambda line: -len(line.carried_by)))
    if by == "fewest":
        return tuple(sorted(lines, key=lambda line: len(line.carried_by)))
    if by == "reworded":
        return tuple(sorted(lines, key=lambda line: -_mean_amount(line)))
    raise ValueError(f"unknown statement order {by!r}")


def _mean_amount(line: CoverageLine) -> float:
    amounts = [c.amount for c in line.cells.values() if c.state != CellState.OMITTED]
    return sum(amounts) / len(amounts) if amounts else 0.0
