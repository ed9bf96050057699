"""Group articles into stories (one event each): pure maths over ``ArticleFeatures``, no model.

Two articles score, in [0, 1], a blend of the cosine of their lead vectors (what the headline
and opening say), the cosine of their whole-article vectors, and the cosine of their names and
numbers weighted by rarity (a name every article carries says nothing; a name or a figure two
articles alone share says much). Articles published more than ``window_days`` apart never
join; near-duplicates (MinHash of word 3-grams, Jaccard >= ``duplicate_jaccard``) always do.
Stories are the clusters of average linkage cut at ``threshold``: an article joins a story
when it resembles its members on average, so one shared name never chains two events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.batch.features import ArticleFeatures


@dataclass(frozen=True)
class GroupingOptions:
    """``threshold``: the score (0-1) from which articles tell the same story; ``window_days``:
    the most days apart two articles of one story can be (None: dates are ignored)."""

    threshold: float = 0.4
    window_days: int | None = 7
    lead_weight: float = 0.4
    vector_weight: float = 0.2
    terms_weight: float = 0.4
    duplicate_jaccard: float = 0.7


def group_articles(features: Sequence[ArticleFeatures], options: GroupingOptions = GroupingOptions()
                   ) -> list[tuple[int, ...]]:
    """Stories as tuples of indexes into ``features``, each sorted, ordered by first member."""
    if not features:
        return []
    scores = pair_scores(features, options)
    labels = _average_linkage(scores, options.threshold)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])


def pair_scores(features: Sequence[ArticleFeatures], options: GroupingOptions) -> np.ndarray:
    """The symmetric (n, n) matrix of same-story scores in [0, 1] (1 on the diagonal)."""
    leads = np.stack([f.lead for f in features]).astype(np.float64)
    vectors = np.stack([f.vector for f in features]).astype(np.float64)
    total = options.lead_weight + options.vector_weight + options.terms_weight
    scores = (options.lead_weight * np.clip(leads @ leads.T, 0, 1)
              + options.vector_weight * np.clip(vectors @ vectors.T, 0, 1)
              + options.terms_weight * term_similarity([f.terms for f in features])) / total
    for i, j in near_duplicates([f.shingles for f in features], options.duplicate_jaccard):
        scores[i, j] = scores[j, i] = 1.0
    scores[_too_far_apart([f.date for f in features], options.window_days)] = 0.0
    np.fill_diagonal(scores, 1.0)
    return scores


def term_similarity(terms: Sequence[frozenset[str]]) -> np.ndarray:
    """Cosine of the articles' term sets weighted by inverse document frequency: (n, n) in [0, 1]."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for row, found in enumerate(terms):
        for term in sorted(found):
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
    n = len(terms)
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, max(1, len(vocabulary))))
    frequency = np.asarray(matrix.sum(axis=0)).ravel()
    # Smoothed so that a term every article carries weighs nearly nothing, and a corpus of
    # two articles still weighs what they share.
    matrix = matrix @ sparse.diags(np.log((n + 1) / np.maximum(frequency, 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix
    return np.clip((matrix @ matrix.T).toarray(), 0.0, 1.0)


def near_duplicates(shingle_sets: Sequence[frozenset[str]], jaccard: float) -> list[tuple[int, int]]:
    """Pairs (i < j) whose shingles' Jaccard similarity is probably at least ``jaccard``
    (MinHash LSH, datasketch; 128 permutations, fixed seed, so the pairs are reproducible)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=jaccard, num_perm=128)
    hashes = []
    for index, shingles in enumerate(shingle_sets):
        if not shingles:  # nothing to compare: an empty text duplicates nothing
            hashes.append(None)
            continue
        minhash = MinHash(num_perm=128, seed=1)
        minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        lsh.insert(index, minhash)
        hashes.append(minhash)
    pairs = set()
    for index, minhash in enumerate(hashes):
        if minhash is None:
            continue
        for other in lsh.query(minhash):
            if other != index and hashes[other].jaccard(minhash) >= jaccard:
                pairs.add((min(index, other), max(index, other)))
    return sorted(pairs)


def _too_far_apart(dates, window_days: int | None) -> np.ndarray:
    n = len(dates)
    if window_days is None:
        return np.zeros((n, n), dtype=bool)
    known = np.array([d is not None for d in dates])
    days = np.array([d.toordinal() if d is not None else 0 for d in dates])
    apart = np.abs(days[:, None] - days[None, :]) > window_days
    return apart & known[:, None] & known[None, :]


def _average_linkage(scores: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels: average linkage on 1 - score, cut where the average score falls below
    ``threshold`` (scipy's linkage is deterministic for a given matrix)."""
    n = scores.shape[0]
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - scores
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0.0, 1.0), checks=False), method="average")
    return [int(x) for x in fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")]

