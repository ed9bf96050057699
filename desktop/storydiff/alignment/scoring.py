"""Scoring rows against gold rows: precision, recall and F1 of cross-version links.

Two passages of different versions are linked when they sit in the same row. The
score compares the sets of links, so it credits partly right split/merge rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

Cells = Mapping[str, Sequence[int]]


@dataclass(frozen=True)
class LinkScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int


def links(rows: Iterable[Cells]) -> set[frozenset]:
    """Every unordered pair of (version, passage) nodes of different versions sharing a row."""
    found: set[frozenset] = set()
    for cells in rows:
        nodes = [(vid, p) for vid, cell in cells.items() for p in cell]
        found.update(frozenset(pair) for pair in combinations(nodes, 2) if pair[0][0] != pair[1][0])
    return found


def score_links(predicted: Iterable[Cells], gold: Iterable[Cells]) -> LinkScore:
    """Link precision/recall/F1 of ``predicted`` rows against ``gold`` rows."""
    p, g = links(predicted), links(gold)
    correct = len(p & g)
    precision = correct / len(p) if p else 1.0
    recall = correct / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LinkScore(precision, recall, f1, len(p), len(g), correct)
