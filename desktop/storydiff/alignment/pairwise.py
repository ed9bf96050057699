"""Pairwise passage alignment: a monotone dynamic programme plus a moved-passage pass.

Inputs are unit vectors (one row per passage). Links between a left and a right
version are 1:1, 1:2 or 2:1 (a split or merged sentence is one link) and never
go below the threshold. Strong matches left outside the monotone path become
moved links rather than an omission plus an insertion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A merged link must beat the better of its two parts by this much: merging is a
# claim that both sentences carry the statement, not that one of them does.
MERGE_MARGIN = 0.03
# The weaker part of a split/merge must itself resemble the other side a little.
MERGE_PART_FLOOR = 0.25
# Out-of-order matches need stronger evidence than in-order ones.
MOVE_MARGIN = 0.08
# Linking two passages at the threshold is worth a little more than leaving both unlinked.
LINK_BONUS = 0.05
# Between two aligned statements, passages left over in equal numbers on both
# sides are linked in order if they come this close to the threshold: their
# position is evidence too (a rewritten headline, a heavily reworded sentence).
GAP_SLACK = 0.15
# Gaps larger than this are not filled by position.
GAP_MAX = 3

_NEG = float("-inf")
# (left step, right step) of every move the programme may take.
_STEPS = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class Link:
    """Passages ``left`` of one version say what passages ``right`` of another say."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    moved: bool = False


def unit(vector: np.ndarray) -> np.ndarray:
    """``vector`` scaled to length 1 (unchanged if it is zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@dataclass(frozen=True)
class VersionVectors:
    """One version's passage vectors (unit rows, shape (n, d)) in passage order.

    ``pairs`` (shape (n - 1, d)), when given, holds the embedding of each two
    adjacent passages read together, which split/merge links are judged by;
    without it their mean stands in (mean pooling makes that a fair guess).
    """

    vectors: np.ndarray
    pairs: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.vectors)

    def group(self, indexes: tuple[int, ...]) -> np.ndarray:
        """The unit vector of several passages read together."""
        if len(indexes) == 1:
            return self.vectors[indexes[0]]
        if self.pairs is not None and len(indexes) == 2 and indexes[1] == indexes[0] + 1:
            return self.pairs[indexes[0]]
        return unit(self.vectors[list(indexes)].sum(axis=0))

    def adjacent(self) -> np.ndarray:
        """Vectors of every two adjacent passages read together, shape (n - 1, d)."""
        if self.pairs is not None:
            return self.pairs
        if len(self.vectors) < 2:
            return np.zeros((0, self.vectors.shape[1]), dtype=np.float32)
        summed = self.vectors[:-1] + self.vectors[1:]
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        return summed / np.where(norms > 0, norms, 1.0)

    def subset(self, indexes: list[int]) -> VersionVectors:
        """The passages at ``indexes`` (ascending) as a version of their own."""
        sub = self.vectors[indexes]
        if self.pairs is None or len(indexes) < 2:
            return VersionVectors(sub)
        approx = VersionVectors(sub).adjacent()
        pairs = np.stack([
            self.pairs[a] if b == a + 1 else approx[k]
            for k, (a, b) in enumerate(zip(indexes, indexes[1:]))
        ])
        return VersionVectors(sub, pairs)


class _Scorer:
    """Similarity of candidate links; knows the guards for split/merge links.

    The 1:2 and 2:1 similarities are computed for every adjacent pair at once, so
    the dynamic programme itself only reads precomputed numbers.
    """

    def __init__(self, left: VersionVectors, right: VersionVectors, threshold: float) -> None:
        self.left, self.right, self.threshold = left, right, threshold
        n, m = len(left), len(right)
        self.sim = left.vectors @ right.vectors.T if n and m else np.zeros((n, m))
        self.gains = {
            (1, 1): self._gain_matrix(self.sim),
            (2, 1): self._gain_matrix(_product(left.adjacent(), right.vectors), axis=0),
            (1, 2): self._gain_matrix(_product(left.vectors, right.adjacent()), axis=1),
        }

    def _gain_matrix(self, merged: np.ndarray, axis: int | None = None) -> list[list[float]]:
        """Gain of each link (similarity above threshold, plus bonus), -inf where not allowed."""
        allowed = merged >= self.threshold
        if axis is not None:
            allowed &= self._merge_guard(merged, axis)
        gains = np.where(allowed, merged - self.threshold + LINK_BONUS, _NEG)
        return gains.tolist()

    def _merge_guard(self, merged: np.ndarray, axis: int) -> np.ndarray:
        first = self.sim[:-1, :] if axis == 0 else self.sim[:, :-1]
        second = self.sim[1:, :] if axis == 0 else self.sim[:, 1:]
        return (np.minimum(first, second) >= MERGE_PART_FLOOR) & (
            merged >= np.maximum(first, second) + MERGE_MARGIN
        )

    def link(self, li: tuple[int, ...], ri: tuple[int, ...]) -> float | None:
        """Similarity of the link, or None when it is not allowed (any two groups)."""
        if len(li) == 1 and len(ri) == 1:
            return float(self.sim[li[0], ri[0]])
        parts = [float(self.sim[a, b]) for a in li for b in ri]
        merged = float(self.left.group(li) @ self.right.group(ri))
        if min(parts) < MERGE_PART_FLOOR or merged < max(parts) + MERGE_MARGIN:
            return None
        return merged


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if len(a) and len(b):
        return a @ b.T
    return np.zeros((len(a), len(b)))


def align_pair(left: VersionVectors, right: VersionVectors, threshold: float) -> list[Link]:
    """Align two versions' passages.

    ``threshold`` is the cosine similarity from which two passages count as the
    same statement. Returns the links, monotone ones in order, then moved ones.
    """
    scorer = _Scorer(left, right, threshold)
    links = _monotone_links(scorer)
    moved = _moved_links(scorer, links)
    return _fill_gaps(scorer, links, moved) + moved


def _monotone_links(scorer: _Scorer) -> list[Link]:
    n, m = scorer.sim.shape
    best = [[_NEG] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    g11, g21, g12 = scorer.gains[(1, 1)], scorer.gains[(2, 1)], scorer.gains[(1, 2)]
    for i in range(n + 1):
        row, up = best[i], best[i - 1] if i else None
        for j in range(1 if i == 0 else 0, m + 1):
            # Candidates in _STEPS order; ties keep the earlier (simpler) move.
            top, code = (row[j - 1], 4) if j else (_NEG, 4)
            if i:
                if up[j] > top:
                    top, code = up[j], 3
                if j:
                    if i > 1 and best[i - 2][j - 1] + g21[i - 2][j - 1] > top:
                        top, code = best[i - 2][j - 1] + g21[i - 2][j - 1], 1
                    if j > 1 and up[j - 2] + g12[i - 1][j - 2] > top:
                        top, code = up[j - 2] + g12[i - 1][j - 2], 2
                    if up[j - 1] + g11[i - 1][j - 1] >= top:
                        top, code = up[j - 1] + g11[i - 1][j - 1], 0
            row[j], step[i][j] = top, code
    return _trace(scorer, step, n, m)


def _trace(scorer: _Scorer, step: np.ndarray, i: int, j: int) -> list[Link]:
    links: list[Link] = []
    while i or j:
        di, dj = _STEPS[step[i][j]]
        if di and dj:
            li, ri = tuple(range(i - di, i)), tuple(range(j - dj, j))
            links.append(Link(li, ri, scorer.link(li, ri)))
        i, j = i - di, j - dj
    links.reverse()
    return links


def _moved_links(scorer: _Scorer, monotone: list[Link]) -> list[Link]:
    """Strong matches among passages the monotone path left unlinked, best first."""
    used_left = {i for link in monotone for i in link.left}
    used_right = {j for link in monotone for j in link.right}
    floor = min(0.95, scorer.threshold + MOVE_MARGIN)
    strong = scorer.sim >= floor
    strong[sorted(used_left), :] = False
    strong[:, sorted(used_right)] = False
    candidates = [(float(scorer.sim[i, j]), int(i), int(j)) for i, j in np.argwhere(strong)]
    moved: list[Link] = []
    for similarity, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_left or j in used_right:
            continue
        link = _grow(scorer, Link((i,), (j,), similarity, moved=True), used_left, used_right)
        used_left.update(link.left)
        used_right.update(link.right)
        moved.append(link)
    return sorted(moved, key=lambda link: link.right)


def _grow(scorer: _Scorer, link: Link, used_left: set[int], used_right: set[int]) -> Link:
    """Extend a moved 1:1 link to a split or merge when a free neighbour improves it."""
    (i,), (j,) = link.left, link.right
    options = [
        (tuple(sorted((i, k))), (j,)) for k in (i - 1, i + 1)
        if 0 <= k < scorer.sim.shape[0] and k not in used_left
    ] + [
        ((i,), tuple(sorted((j, k)))) for k in (j - 1, j + 1)
        if 0 <= k < scorer.sim.shape[1] and k not in used_right
    ]
    for li, ri in options:
        similarity = scorer.link(li, ri)
        if similarity is not None and similarity > link.similarity:
            link = Link(li, ri, similarity, moved=True)
    return link


def _fill_gaps(scorer: _Scorer, monotone: list[Link], moved: list[Link]) -> list[Link]:
    """``monotone`` plus in-order links for equal-sized gaps between its links."""
    taken_left = {i for link in moved for i in link.left}
    taken_right = {j for link in moved for j in link.right}
    n, m = scorer.sim.shape
    bounds = [((-1,), (-1,))] + [(link.left, link.right) for link in monotone] + [((n,), (m,))]
    filled: list[Link] = []
    for (left_a, right_a), (left_b, right_b) in zip(bounds, bounds[1:]):
        free_left = [i for i in range(left_a[-1] + 1, left_b[0]) if i not in taken_left]
        free_right = [j for j in range(right_a[-1] + 1, right_b[0]) if j not in taken_right]
        if len(free_left) == len(free_right) <= GAP_MAX:
            floor = scorer.threshold - GAP_SLACK
            filled += [Link((i,), (j,), float(scorer.sim[i, j]))
                       for i, j in zip(free_left, free_right) if scorer.sim[i, j] >= floor]
    return sorted(monotone + filled, key=lambda link: link.left)
