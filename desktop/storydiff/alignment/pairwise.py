"""Pairwise passage alignment: mutual best matches, gaps filled by meaning, splits and moves.

Inputs are unit vectors (one row per passage). Sentences of one story resemble each
other (MiniLM puts unrelated sentences about one event at a cosine of 0.7 and more),
so a high similarity alone is weak evidence: a link needs the two passages to be
each other's best match. Steps:

1. *Anchors*: pairs at or above the threshold that are each other's best match.
2. *Order*: the anchors that keep both versions' order (a longest increasing
   run) are in place; the others are *moved* passages, not an omission plus an insertion.
3. *Gaps*: between two in-order anchors, passages that are each other's best match
   within the gap and come within ``GAP_SLACK`` of the threshold are linked (a
   heavily reworded or spun sentence), as are two adjacent passages that together
   reach the threshold.
4. *Splits and merges*: a link grows to a free neighbour when reading the two
   passages together beats the better half by ``MERGE_MARGIN``.

Links are 1:1, 1:2 or 2:1 and never go below ``threshold - GAP_SLACK``.
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
# Two passages are each other's best match when no rival beats them by more than this.
MUTUAL_SLACK = 0.01
# Between two in-order anchors, a pair of passages that are each other's best match
# inside the gap is linked down to this far below the threshold (a spun or heavily
# reworded sentence keeps its place but loses words).
GAP_SLACK = 0.2
# Gaps with more passages than this on either side are left alone: position says little there.
GAP_MAX = 4

_NEG = -2.0  # below any cosine: marks a pair that may never link


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


class _Scorer:
    """Similarities of candidate links; knows the guards for split/merge links.

    ``allowed`` (shape (n, m), optional) says which passage pairs may link at all
    (a headline never links to a body sentence, furniture to nothing).
    """

    def __init__(
        self,
        left: VersionVectors,
        right: VersionVectors,
        threshold: float,
        allowed: np.ndarray | None = None,
        sim: np.ndarray | None = None,
    ) -> None:
        self.left, self.right, self.threshold = left, right, threshold
        self.sim = _product(left.vectors, right.vectors) if sim is None else sim
        if allowed is not None and self.sim.size:
            self.sim = np.where(allowed, self.sim, _NEG)

    def link(self, li: tuple[int, ...], ri: tuple[int, ...]) -> float | None:
        """Similarity of the link, or None when it is not allowed (any two groups)."""
        if len(li) == 1 and len(ri) == 1:
            return float(self.sim[li[0], ri[0]])
        parts = [float(self.sim[a, b]) for a in li for b in ri]
        if min(parts) < MERGE_PART_FLOOR:
            return None  # decided before reading the two passages together, which costs more
        merged = float(self.left.group(li) @ self.right.group(ri))
        return None if merged < max(parts) + MERGE_MARGIN else merged


def align_pair(
    left: VersionVectors,
    right: VersionVectors,
    threshold: float,
    allowed: np.ndarray | None = None,
    *,
    sim: np.ndarray | None = None,
) -> list[Link]:
    """Align two versions' passages.

    ``threshold`` is the cosine similarity from which two passages count as the
    same statement; ``allowed`` (n x m booleans, optional) rules pairs out;
    ``sim`` (n x m, optional) is the passages' similarity matrix when the caller
    has it already. Returns the in-order links in order, then the moved ones.
    """
    scorer = _Scorer(left, right, threshold, allowed, sim)
    if not scorer.sim.size or _nothing_can_link(scorer):
        return []
    anchors = _anchors(scorer)
    in_order, moved = _split_moved(anchors)
    moved = [link for link in moved if link.similarity >= threshold + MOVE_MARGIN]
    links = _fill_gaps(scorer, in_order, moved)
    taken_left = {i for link in links + moved for i in link.left}
    taken_right = {j for link in links + moved for j in link.right}
    grown = [_grow(scorer, link, taken_left, taken_right) for link in links]
    moved = [_grow(scorer, link, taken_left, taken_right) for link in moved]
    return sorted(grown, key=lambda link: link.left) + sorted(moved, key=lambda link: link.right)


def _nothing_can_link(scorer: _Scorer) -> bool:
    """The cheap filter for versions that share nothing: no pair of passages comes within
    ``GAP_SLACK`` of the threshold and no two adjacent passages read together reach it,
    so no step below could link anything."""
    if scorer.sim.max() >= scorer.threshold - GAP_SLACK:
        return False
    merged = [_product(scorer.left.adjacent(), scorer.right.vectors), _product(scorer.left.vectors, scorer.right.adjacent())]
    return all(not m.size or m.max() < scorer.threshold for m in merged)


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a @ b.T if len(a) and len(b) else np.zeros((len(a), len(b)))


def _mutual(sim: np.ndarray) -> np.ndarray:
    """Booleans: each pair that is (within ``MUTUAL_SLACK``) the best of its row and column."""
    return (sim >= sim.max(axis=1, keepdims=True) - MUTUAL_SLACK) & (
        sim >= sim.max(axis=0, keepdims=True) - MUTUAL_SLACK
    )


def _anchors(scorer: _Scorer) -> list[Link]:
    """Mutual best pairs at or above the threshold, each passage used once (strongest first)."""
    sim = scorer.sim
    candidates = np.argwhere(_mutual(sim) & (sim >= scorer.threshold))
    ordered = sorted(((float(sim[i, j]), int(i), int(j)) for i, j in candidates), key=lambda c: (-c[0], c[1], c[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    anchors = []
    for similarity, i, j in ordered:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            anchors.append(Link((i,), (j,), similarity))
    return sorted(anchors, key=lambda link: link.left)


def _split_moved(anchors: list[Link]) -> tuple[list[Link], list[Link]]:
    """The anchors that keep both orders (the heaviest increasing run) and the moved rest."""
    keep = heaviest_increasing([link.right[0] for link in anchors], [link.similarity for link in anchors])
    in_order = [link for k, link in enumerate(anchors) if k in keep]
    moved = [Link(link.left, link.right, link.similarity, moved=True) for k, link in enumerate(anchors) if k not in keep]
    return in_order, moved


def heaviest_increasing(values: list[int], weights: list[float]) -> set[int]:
    """Positions of the strictly increasing subsequence of ``values`` with the largest
    total weight (ties: the earliest positions). Quadratic; inputs are a few dozen long."""
    best = list(weights)
    back = [-1] * len(values)
    for k in range(len(values)):
        for p in range(k):
            if values[p] < values[k] and best[p] + weights[k] > best[k] + 1e-12:
                best[k], back[k] = best[p] + weights[k], p
    if not values:
        return set()
    k = max(range(len(values)), key=lambda n: (best[n], -n))
    chosen = set()
    while k != -1:
        chosen.add(k)
        k = back[k]
    return chosen


def _fill_gaps(scorer: _Scorer, in_order: list[Link], moved: list[Link]) -> list[Link]:
    """``in_order`` plus the links found inside the gaps between its links."""
    taken_left = {i for link in moved for i in link.left}
    taken_right = {j for link in moved for j in link.right}
    n, m = scorer.sim.shape
    bounds = [((-1,), (-1,))] + [(link.left, link.right) for link in in_order] + [((n,), (m,))]
    filled: list[Link] = []
    for (left_a, right_a), (left_b, right_b) in zip(bounds, bounds[1:]):
        free_left = [i for i in range(left_a[-1] + 1, left_b[0]) if i not in taken_left]
        free_right = [j for j in range(right_a[-1] + 1, right_b[0]) if j not in taken_right]
        if free_left and free_right and len(free_left) <= GAP_MAX and len(free_right) <= GAP_MAX:
            filled += _gap_links(scorer, free_left, free_right)
    return sorted(in_order + filled, key=lambda link: link.left)


def _gap_links(scorer: _Scorer, free_left: list[int], free_right: list[int]) -> list[Link]:
    """In-order links between the passages of one gap: mutual best pairs within the gap
    near the threshold, else two adjacent passages that together reach it."""
    sub = scorer.sim[np.ix_(free_left, free_right)]
    floor = scorer.threshold - GAP_SLACK
    pairs = [(int(a), int(b)) for a, b in np.argwhere(_mutual(sub) & (sub >= floor))]
    keep = heaviest_increasing([b for _, b in pairs], [float(sub[a, b]) for a, b in pairs])
    links = [Link((free_left[a],), (free_right[b],), float(sub[a, b])) for k, (a, b) in enumerate(pairs) if k in keep]
    if not links:
        links = _gap_merges(scorer, free_left, free_right)
    return links


def _gap_merges(scorer: _Scorer, free_left: list[int], free_right: list[int]) -> list[Link]:
    """The best split or merge inside a gap that reaches the threshold (at most one)."""
    options = [((i,), (j, j + 1)) for i in free_left for j in free_right if j + 1 in free_right]
    options += [((i, i + 1), (j,)) for i in free_left for j in free_right if i + 1 in free_left]
    scored = [(s, li, ri) for li, ri in options if (s := scorer.link(li, ri)) is not None and s >= scorer.threshold]
    if not scored:
        return []
    similarity, li, ri = max(scored)
    return [Link(li, ri, similarity)]


def _grow(scorer: _Scorer, link: Link, taken_left: set[int], taken_right: set[int]) -> Link:
    """Extend a 1:1 link to a split or merge when a free neighbour improves it."""
    if len(link.left) != 1 or len(link.right) != 1:
        return link
    (i,), (j,) = link.left, link.right
    options = [
        (tuple(sorted((i, k))), (j,)) for k in (i - 1, i + 1)
        if 0 <= k < scorer.sim.shape[0] and k not in taken_left
    ] + [
        ((i,), tuple(sorted((j, k)))) for k in (j - 1, j + 1)
        if 0 <= k < scorer.sim.shape[1] and k not in taken_right
    ]
    best = link
    for li, ri in options:
        similarity = scorer.link(li, ri)
        if similarity is not None and similarity > best.similarity:
            best = Link(li, ri, similarity, moved=link.moved)
    taken_left.update(best.left)
    taken_right.update(best.right)
    return best
