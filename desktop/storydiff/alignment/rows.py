"""N-way rows from pairwise alignments.

Every other version is aligned against the reference; passages that no reference
passage claims are then aligned among themselves. Linked passages are joined with
a union-find, so each passage lands in exactly one row and the result does not
depend on the order in which the pairs were processed. Pairs of non-reference
versions are visited in a content-defined order (``rank``), never input order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations


from storydiff.alignment.pairwise import Link, VersionVectors, align_pair
from storydiff.core.model import Row

Node = tuple[str, int]  # (version id, passage index)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build_rows(
    reference: str,
    versions: Mapping[str, VersionVectors],
    rank: Sequence[str],
    threshold: float,
) -> tuple[Row, ...]:
    """Rows of corresponding passages across all ``versions``.

    ``rank`` lists every version id in a content-defined order (e.g. by sha256)
    that breaks ties. Returns rows in reading order: the reference's order, with
    rows it lacks placed after the row of the passage that precedes them.
    """
    union = _UnionFind()
    moved: set[Node] = set()
    claimed: dict[str, set[int]] = {v: set() for v in versions}
    for vid in rank:
        if vid != reference:
            links = align_pair(versions[reference], versions[vid], threshold)
            _join(union, links, reference, vid, claimed, moved)
    others = [v for v in rank if v != reference]
    for a, b in combinations(others, 2):
        _join_leftovers(union, versions, a, b, claimed, threshold)
    for vid, vv in versions.items():
        for index in range(len(vv)):
            union.find((vid, index))
    return _assemble(union, versions, reference, rank, moved)


def _join(union, links, a, b, claimed, moved) -> None:
    for link in links:
        nodes = [(a, i) for i in link.left] + [(b, j) for j in link.right]
        for node in nodes[1:]:
            union.union(nodes[0], node)
        claimed[a].update(link.left)
        claimed[b].update(link.right)
        if link.moved:
            moved.update((b, j) for j in link.right)


def _join_leftovers(union, versions, a: str, b: str, claimed, threshold: float) -> None:
    """Align the passages neither ``a`` nor ``b`` shares with the reference."""
    free_a = [i for i in range(len(versions[a])) if i not in claimed[a]]
    free_b = [j for j in range(len(versions[b])) if j not in claimed[b]]
    if not free_a or not free_b:
        return
    sub_a, sub_b = versions[a].subset(free_a), versions[b].subset(free_b)
    for link in align_pair(sub_a, sub_b, threshold):
        left = tuple(free_a[i] for i in link.left)
        right = tuple(free_b[j] for j in link.right)
        _join(union, [Link(left, right, link.similarity)], a, b, {a: set(), b: set()}, set())


def _assemble(union, versions, reference, rank, moved) -> tuple[Row, ...]:
    groups: dict[Node, list[Node]] = {}
    for node in sorted(union.parent):
        groups.setdefault(union.find(node), []).append(node)
    cells_list = [_cells(nodes, versions) for nodes in groups.values()]
    order = _row_order(cells_list, reference, rank, moved)
    rows = []
    for index, position in enumerate(order):
        cells = cells_list[position]
        rows.append(
            Row(
                index=index,
                cells=cells,
                similarity=_similarities(cells, versions, reference),
                moved=tuple(v for v in versions if any((v, p) in moved for p in cells[v])),
            )
        )
    return tuple(rows)


def _cells(nodes: list[Node], versions) -> dict[str, tuple[int, ...]]:
    cells: dict[str, list[int]] = {v: [] for v in versions}
    for vid, index in nodes:
        cells[vid].append(index)
    return {v: tuple(sorted(p)) for v, p in cells.items()}


def _similarities(cells, versions, reference) -> dict[str, float | None]:
    """Cosine of each version's cell to the reference cell (None where either is empty)."""
    ref_cell = cells[reference]
    out: dict[str, float | None] = {}
    for vid, cell in cells.items():
        if vid == reference:
            continue
        if not cell or not ref_cell:
            out[vid] = None
            continue
        a, b = versions[reference].group(ref_cell), versions[vid].group(cell)
        out[vid] = round(float(a @ b), 4)
    return out


def _row_order(cells_list, reference, rank, moved) -> list[int]:
    """Positions of the rows in reading order (see ``build_rows``)."""
    position = {v: r for r, v in enumerate(rank)}
    anchor_of: dict[Node, int] = {}
    for cells in cells_list:
        if cells[reference]:
            for vid, cell in cells.items():
                anchor_of.update({(vid, p): cells[reference][0] for p in cell if (vid, p) not in moved})

    def preceding_anchor(vid: str, first: int) -> int:
        return next((anchor_of[(vid, p)] for p in range(first - 1, -1, -1) if (vid, p) in anchor_of), -1)

    def key(number: int) -> tuple:
        cells = cells_list[number]
        if cells[reference]:
            return (cells[reference][0], 0, 0, 0)
        present = sorted((v for v, c in cells.items() if c), key=position.__getitem__)
        # After the latest reference row that precedes it in any version that has it.
        anchor = max(preceding_anchor(v, cells[v][0]) for v in present)
        return (anchor, 1, position[present[0]], cells[present[0]][0])

    return sorted(range(len(cells_list)), key=key)
