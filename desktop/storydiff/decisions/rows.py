"""The rows of a comparison as ordered sets of passages, edited in place by row decisions.

Each step either changes the rows or raises ``Conflict`` before changing
anything, so a skipped decision leaves no trace. A step whose wish already
holds (linking passages that share a row, unlinking a passage that is alone)
does nothing: after a re-alignment that is the normal case, not a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storydiff.core.model import Comparison, Row
from storydiff.decisions.make import Node


class Conflict(Exception):
    """A decision that cannot be applied to these rows; the message says why, for the user."""


class RowSet:
    """Rows as sets of nodes in reading order, plus the nodes flagged as moved.

    A version's flag in ``Row.moved`` is kept per passage here, so that a
    passage carries it into whatever row a decision puts it in.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.rows: list[set[Node]] = [set(_nodes_of(row)) for row in comparison.rows]
        self.moved: set[Node] = {
            (vid, index) for row in comparison.rows for vid in row.moved for index in row.cells.get(vid, ())
        }
        self._labels = {v.id: v.label for v in comparison.versions}

    def link(self, nodes: Sequence[Node]) -> None:
        """Move ``nodes[1:]`` into the row of ``nodes[0]``; rows left empty vanish."""
        self._check(nodes)
        target = self.rows[self._find(nodes[0])]
        for node in nodes[1:]:
            self.rows[self._find(node)].discard(node)
            target.add(node)
        self.rows = [row for row in self.rows if row]

    def unlink(self, node: Node) -> None:
        """Give ``node`` a row of its own, right after its old row."""
        self.split((node,))

    def split(self, nodes: Sequence[Node]) -> None:
        """Move ``nodes`` (all of one row) to a new row right after it."""
        self._check(nodes)
        positions = {self._find(node) for node in nodes}
        if len(positions) > 1:
            raise Conflict("the passages are no longer in one row")
        (position,) = positions
        if self.rows[position] == set(nodes):
            return  # already a row of their own
        self.rows[position] -= set(nodes)
        self.rows.insert(position + 1, set(nodes))

    def merge(self, nodes: Sequence[Node]) -> None:
        """Join the rows of the two ``nodes`` at the position of the earlier row."""
        self._check(nodes)
        first, second = sorted(self._find(node) for node in nodes)
        if first != second:
            self.rows[first] |= self.rows.pop(second)

    def mark_moved(self, node: Node, moved: bool) -> None:
        """Flag or unflag ``node``'s version as moved in ``node``'s row (all its passages there)."""
        self._check((node,))
        cell = {n for n in self.rows[self._find(node)] if n[0] == node[0]}
        if moved:
            self.moved |= cell
        else:
            self.moved -= cell

    def to_rows(self, comparison: Comparison) -> tuple[Row, ...]:
        """The rows as ``Row`` values: a row whose cells are exactly those of one of
        ``comparison``'s rows keeps that row's similarity; any other gets None for all."""
        ids = [v.id for v in comparison.versions]
        scores = {frozenset(_nodes_of(row)): row.similarity for row in comparison.rows}
        unscored = {vid: None for vid in ids if vid != comparison.reference}
        return tuple(
            Row(
                index=n,
                cells={vid: tuple(sorted(i for v, i in nodes if v == vid)) for vid in ids},
                similarity=dict(scores.get(frozenset(nodes), unscored)),
                moved=tuple(vid for vid in ids if any(node[0] == vid for node in nodes & self.moved)),
            )
            for n, nodes in enumerate(self.rows)
        )

    def _check(self, nodes: Iterable[Node]) -> None:
        """Raise ``Conflict`` for the first node no row holds any more."""
        held = set().union(*self.rows)
        for vid, index in nodes:
            if (vid, index) in held:
                continue
            if vid not in self._labels:
                raise Conflict(f"version {vid} is no longer in the comparison")
            raise Conflict(f"{self._labels[vid]} passage {index + 1} no longer exists")

    def _find(self, node: Node) -> int:
        return next(position for position, row in enumerate(self.rows) if node in row)


def _nodes_of(row: Row) -> Iterable[Node]:
    return ((vid, index) for vid, cell in row.cells.items() for index in cell)
