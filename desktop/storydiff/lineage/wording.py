"""Wording shared between versions: word-pair sets, containment, shared unique wording
and shared omissions. Cheap set arithmetic, so every pair of 40 versions is affordable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.core.model import Comparison
from storydiff.diffing.tokens import norm_words
from storydiff.lineage.figures import carries


@dataclass(frozen=True)
class Wording:
    """Per version: its word pairs (bigrams of its statement text, lower case) and the
    indexes of the rows it carries."""

    bigrams: dict[str, frozenset[tuple[str, str]]]
    rows: dict[str, frozenset[int]]


def wording(comparison: Comparison) -> Wording:
    """The word pairs and carried rows of every version (furniture left out)."""
    bigrams, rows = {}, {}
    for version in comparison.versions:
        own = comparison.passages.get(version.id, ())
        words = norm_words(" ".join(p.text for p in own if not p.is_furniture))
        bigrams[version.id] = frozenset(zip(words, words[1:]))
        rows[version.id] = frozenset(
            r.index for r in comparison.rows if carries(r, version.id, comparison.passages)
        )
    return Wording(bigrams, rows)


def containment(w: Wording, vid: str, other: str) -> float:
    """Share in [0, 1] of ``vid``'s word pairs that ``other`` also has."""
    mine = w.bigrams[vid]
    return len(mine & w.bigrams[other]) / len(mine) if mine else 0.0


def overlap(w: Wording, vid: str, other: str) -> float:
    """Word pairs the two versions share, as a share in [0, 1] of the smaller one's: high
    both for an excerpt of a text and for a text that an update extends."""
    mine, theirs = w.bigrams[vid], w.bigrams[other]
    smaller = min(len(mine), len(theirs))
    return len(mine & theirs) / smaller if smaller else 0.0


def statement_share(w: Wording, vid: str, others: Sequence[str]) -> float:
    """Share in [0, 1] of ``vid``'s statements that at least one of ``others`` carries."""
    mine = w.rows[vid]
    if not mine:
        return 0.0
    theirs = frozenset().union(*(w.rows[o] for o in others)) if others else frozenset()
    return len(mine & theirs) / len(mine)


def shared_unique(w: Wording, vid: str, other: str) -> int:
    """Word pairs that ``vid`` and ``other`` share and no third version has."""
    rest = [b for u, b in w.bigrams.items() if u not in (vid, other)]
    shared = w.bigrams[vid] & w.bigrams[other]
    return len(shared.difference(*rest)) if rest else 0


def shared_omissions(w: Wording, vid: str, other: str, reference: str) -> int:
    """The reference's statements that both ``vid`` and ``other`` leave out."""
    if reference in (vid, other):
        return 0
    return len(w.rows[reference] - w.rows[vid] - w.rows[other])
