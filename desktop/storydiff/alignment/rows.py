"""N-way rows from pairwise alignments, conflicts resolved by strength.

Every pair of versions is aligned (``align_pair``); the links of all pairs are then
taken strongest first, as a collation tool builds its variant graph, and each one
joins the rows of its passages only if the joined row stays consistent:

- every version holds at most one group of adjacent passages in it (a split or a
  merge, never two unrelated sentences), and
- every version's passages resemble the others' in the row on average, not just
  the one passage they were linked to (so A~B and B~C do not make A~C when A and C
  say different things).

A link that would break either rule is dropped: the union of pairwise links is not
an alignment. Nothing here depends on the reference or on the order in which the
versions were given: pairs and ties follow ``rank``, a content-defined order. The
reference only decides the reading order of the rows and which cells are *moved*.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from storydiff.alignment.pair_cache import PAIRS, PairCache, version_digest
from storydiff.alignment.pairwise import VersionVectors, align_pair, heaviest_increasing
from storydiff.core.model import Row
from storydiff.core.progress import NullProgress, Progress, check

Node = tuple[str, int]  # (version id, passage index)
Cells = dict[str, tuple[int, ...]]

# At most this many adjacent passages of one version in one row.
MAX_CELL = 3
# Each version's passages in a row must resemble the row's other passages, on
# average, at least this far below the threshold.
COHERENCE_SLACK = 0.2

# A split or merge that would join two rows already shared by other versions (two
# statements they print apart) must beat its better half by this much: strong
# evidence that the two sentences are one statement, against the versions that
# keep them apart.
JOIN_MARGIN = 0.1

# Passage kinds that may share a row, as codes: passages link only to passages of the same
# code (headlines with headlines, captions with body text...). Furniture (page chrome), with
# no code, shares a row with nothing.
_KIND_CODES = {"body": 0, "caption": 0, "headline": 1, "byline": 2, "dateline": 3}


def build_rows(
    reference: str,
    versions: Mapping[str, VersionVectors],
    rank: Sequence[str],
    threshold: float,
    kinds: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Row, ...]:
    """Rows of corresponding passages across all ``versions`` (see the module docstring).

    ``rank`` lists every version id in a content-defined order (e.g. by sha256);
    ``kinds`` gives each version's passage kinds (default: all ``body``). Returns
    rows in reading order: the reference's order, with rows it lacks placed after
    the row of the passage that precedes them.
    """
    return order_rows(cluster_passages(versions, rank, threshold, kinds), reference, versions, rank)


def cluster_passages(
    versions: Mapping[str, VersionVectors],
    rank: Sequence[str],
    threshold: float,
    kinds: Mapping[str, Sequence[str]] | None = None,
    *,
    progress: Progress | None = None,
    cache: PairCache | None = PAIRS,
) -> list[Cells]:
    """The rows' cells, in no particular order; every passage of every version is
    in exactly one. Independent of any reference.

    Pairs already aligned (same vectors, kinds and threshold) come from ``cache``
    (None: align every pair afresh). ``progress`` is checked between versions, so a
    stale alignment stops soon after it is cancelled (``Cancelled``)."""
    progress = progress or NullProgress()
    position = {vid: n for n, vid in enumerate(rank)}
    codes = {vid: _kind_codes(kinds, vid, len(versions[vid])) for vid in rank}
    digests = {vid: version_digest(versions[vid], codes[vid]) for vid in rank} if cache is not None else {}
    links = []
    # Between the products runs Python work, long enough for a second BLAS thread to sleep;
    # waking it for the next (small) product cost 3 ms against 0.04 ms on one thread.
    with one_blas_thread():
        for k, a in enumerate(rank[:-1]):
            check(progress)
            progress.report(k / len(rank), "aligning passages")
            for b, pair_links in _pairs_of(a, rank[k + 1 :], versions, codes, threshold, cache, digests):
                links += [(link.similarity, a, link.left, b, link.right) for link in pair_links]
    links.sort(key=lambda l: (-l[0], position[l[1]], l[2], position[l[3]], l[4]))
    rows = _Rows(versions, threshold - COHERENCE_SLACK)
    for similarity, a, left, b, right in links:
        margin = 0.0
        if len(left) + len(right) > 2:  # a split or merge: how much the halves read together gain
            margin = similarity - max(float(versions[a].vectors[i] @ versions[b].vectors[j]) for i in left for j in right)
        rows.join([(a, i) for i in left] + [(b, j) for j in right], margin)
    return rows.cells(rank)


@cache
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # inspects the loaded libraries once (half a millisecond)


def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread."""
    return _blas_controller().limit(limits=1, user_api="blas")


def _pairs_of(a, later, versions, codes, threshold, cache, digests):
    """``(b, links)`` for version ``a`` against each of ``later``: cached pairs reused,
    the others aligned from one similarity product (many small products crawl when
    BLAS threads compete for the cores)."""
    todo = [b for b in later if cache is None or (digests[a], digests[b], threshold) not in cache]
    sims: dict[str, np.ndarray] = {}
    if todo:
        block = versions[a].vectors @ np.concatenate([versions[b].vectors for b in todo]).T
        start = 0
        for b in todo:
            sims[b] = block[:, start : start + len(versions[b])]
            start += len(versions[b])

    def align(b: str):
        return lambda: align_pair(versions[a], versions[b], threshold, _allowed(codes[a], codes[b]), sim=sims.get(b))

    for b in later:
        if cache is None:
            yield b, align(b)()
        else:
            yield b, cache.links((digests[a], digests[b], threshold), align(b))


def _kind_codes(kinds: Mapping[str, Sequence[str]] | None, vid: str, n: int) -> np.ndarray:
    """Each passage's kind group as a number: 0 body (and caption), 1 headline, ... -1
    furniture, which links with nothing. Without kinds every passage is body."""
    known = kinds.get(vid) if kinds is not None else None
    if not known:
        return np.zeros(n, dtype=np.int8)
    return np.array([_KIND_CODES.get(k, -1) for k in known], dtype=np.int8)


def _allowed(left: np.ndarray, right: np.ndarray) -> np.ndarray | None:
    """Which passage pairs may link, from their kind codes (None: all of them)."""
    if not left.any() and not right.any():
        return None
    return (left[:, None] == right[None, :]) & (left[:, None] >= 0)


class _Rows:
    """Rows under construction: which row each passage is in, and each row's cells."""

    def __init__(self, versions: Mapping[str, VersionVectors], floor: float) -> None:
        self.versions, self.floor = versions, floor
        self.row_of: dict[Node, int] = {}
        self.members: dict[int, dict[str, set[int]]] = {}
        self.next_id = 0

    def join(self, nodes: list[Node], margin: float = 0.0) -> bool:
        """Put ``nodes`` (and the rows they are in) into one row if it stays consistent.
        ``margin``: for a split or merge link, how much reading the passages together
        beats the better half."""
        ids = {self.row_of[n] for n in nodes if n in self.row_of}
        if len(ids) == 1 and all(n in self.row_of for n in nodes):
            return True  # already together: a link that earlier ones implied
        if not self._one_group_each(ids, nodes, margin):
            return False
        merged: dict[str, set[int]] = {}
        for row_id in ids:
            for vid, cell in self.members[row_id].items():
                merged.setdefault(vid, set()).update(cell)
        for vid, index in nodes:
            merged.setdefault(vid, set()).add(index)
        if not self._consistent(merged):
            return False
        row_id = self.next_id
        self.next_id += 1
        for old in ids:
            del self.members[old]
        self.members[row_id] = merged
        for vid, cell in merged.items():
            self.row_of.update({(vid, i): row_id for i in cell})
        return True

    def _one_group_each(self, ids: set[int], nodes: list[Node], margin: float) -> bool:
        """False if two of the rows being joined both hold passages of one version,
        unless the link is itself a split or merge (two passages of one version read
        together say what one passage of the other says): then the rows it joins are
        the two halves of one statement. Otherwise adjacent sentences that different
        rows claim stay in different rows."""
        counts: dict[str, int] = {}
        for vid, _ in nodes:
            counts[vid] = counts.get(vid, 0) + 1
        if max(counts.values(), default=0) > 1:
            shared = [row_id for row_id in ids if set(self.members[row_id]) - set(counts)]
            return len(shared) < 2 or margin >= JOIN_MARGIN
        seen: set[str] = set()
        for row_id in ids:
            for vid in self.members[row_id]:
                if vid in seen:
                    return False
                seen.add(vid)
        return True

    def _consistent(self, cells: dict[str, set[int]]) -> bool:
        for cell in cells.values():
            if len(cell) > MAX_CELL or max(cell) - min(cell) != len(cell) - 1:
                return False
        if len(cells) < 3:
            return True  # a single link was judged by ``align_pair``
        vectors = np.stack([self.versions[vid].group(tuple(sorted(cell))) for vid, cell in cells.items()])
        sims = vectors @ vectors.T
        k = len(cells)
        mean_to_others = (sims.sum(axis=1) - np.diag(sims)) / (k - 1)
        return bool(mean_to_others.min() >= self.floor)

    def cells(self, rank: Sequence[str]) -> list[Cells]:
        """Every row's cells, with a one-passage row for each passage no link reached."""
        out = []
        for members in self.members.values():
            out.append({vid: tuple(sorted(members.get(vid, ()))) for vid in rank})
        for vid in rank:
            for index in range(len(self.versions[vid])):
                if (vid, index) not in self.row_of:
                    out.append({v: ((index,) if v == vid else ()) for v in rank})
        return out


def shared_statements(cells_list: Sequence[Cells]) -> dict[str, int]:
    """For each version, how many (row, other version) pairs it shares a row with:
    the evidence for the default reference."""
    shared: dict[str, int] = {}
    for cells in cells_list:
        present = [vid for vid, cell in cells.items() if cell]
        for vid in cells:
            shared[vid] = shared.get(vid, 0) + (len(present) - 1 if vid in present else 0)
    return shared


def order_rows(
    cells_list: Sequence[Cells], reference: str, versions: Mapping[str, VersionVectors], rank: Sequence[str]
) -> tuple[Row, ...]:
    """``cells_list`` as rows in reading order, with similarities to the reference and
    the cells that sit out of the reference's order marked moved."""
    moved = _moved(cells_list, reference)
    order = _row_order(cells_list, reference, rank, moved)
    rows = []
    for index, position in enumerate(order):
        cells = cells_list[position]
        rows.append(
            Row(
                index=index,
                cells={vid: cells[vid] for vid in versions},
                similarity=_similarities(cells, versions, reference),
                moved=tuple(v for v in versions if any((v, p) in moved for p in cells[v])),
            )
        )
    return tuple(rows)


def _moved(cells_list: Sequence[Cells], reference: str) -> set[Node]:
    """Passages whose row breaks their version's order against the reference: those
    outside the longest run of rows that keeps both orders (every row weighs one)."""
    moved: set[Node] = set()
    shared = sorted((c for c in cells_list if c[reference]), key=lambda c: c[reference][0])
    for vid in shared[0] if shared else ():
        if vid == reference:
            continue
        mine = [c for c in shared if c[vid]]
        keep = heaviest_increasing([c[vid][0] for c in mine], [1.0] * len(mine))
        moved.update((vid, p) for k, c in enumerate(mine) if k not in keep for p in c[vid])
    return moved


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
    """Positions of the rows in reading order (see ``build_rows``): a row the reference
    lacks goes after the latest reference row that precedes it in a version that has it;
    when nothing precedes it there, before the earliest reference row that follows it;
    rows of passages that share nothing with the reference go last."""
    position = {v: r for r, v in enumerate(rank)}
    anchor_of: dict[Node, int] = {}
    for cells in cells_list:
        if cells[reference]:
            for vid, cell in cells.items():
                anchor_of.update({(vid, p): cells[reference][0] for p in cell if (vid, p) not in moved})
    anchored: dict[str, list[int]] = {}
    for vid, p in sorted(anchor_of):
        anchored.setdefault(vid, []).append(p)

    def neighbour_anchor(vid: str, first: int, last: int, after: bool) -> int | None:
        mine = anchored.get(vid, [])
        if after:
            k = bisect.bisect_right(mine, last)
            return anchor_of[(vid, mine[k])] if k < len(mine) else None
        k = bisect.bisect_left(mine, first)
        return anchor_of[(vid, mine[k - 1])] if k else None

    def key(number: int) -> tuple:
        cells = cells_list[number]
        if cells[reference]:
            return (cells[reference][0], 0, 0, 0)
        present = sorted((v for v, c in cells.items() if c), key=position.__getitem__)
        tail = (position[present[0]], cells[present[0]][0])
        before = [a for v in present if (a := neighbour_anchor(v, cells[v][0], cells[v][-1], False)) is not None]
        if before:
            return (max(before), 1, *tail)
        after = [a for v in present if (a := neighbour_anchor(v, cells[v][0], cells[v][-1], True)) is not None]
        if after:
            return (min(after), -1, *tail)
        return (float("inf"), 0, *tail)

    return sorted(range(len(cells_list)), key=key)
