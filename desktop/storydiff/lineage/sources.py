"""Which version each version most likely derives from.

Two versions are *kin* (one copied from the other, directly or through a tool) when they
share wording that is specific to them. Narrative word pairs only (quotations left out:
two reporters quoting the same speech share its words without copying each other), and
either much of the shorter one's narrative wording including pairs no third version
has, or a smaller part of it in a text that follows the other statement for statement
(a spun or machine-translated copy keeps every statement but few word pairs; its
siblings share its source's wording too, so no uniqueness is asked there).

A kin pair says that one derives from the other, not which. The direction is taken
from, in this order:

1. the reference, which is the root of the lineage (the user compares against it);
2. the witnesses: where the two differ inside a statement both carry, the wording that
   a third version also prints is the older one (an edit, a spinner's synonym or a
   translation's rewording is found nowhere else).

A kin pair whose direction neither settles gives no source (saying "A came from B"
without evidence would be a guess drawn as a fact in the lineage tree); each version
of it is still judged against the other (``SourceLink.settled`` is False). Links are
taken strongest first into a forest (no cycles).
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.core.model import Comparison
from storydiff.diffing.cells import cell_text
from storydiff.diffing.tokens import norm_words
from storydiff.lineage.figures import carries
from storydiff.lineage.wording import (
    Wording,
    narrative_overlap,
    shared_omissions,
    shared_unique_narrative,
    statement_overlap,
)

# Kin: this share of the shorter one's narrative word pairs (a copy or an edit) with at
# least this many of them shared by the two and no third version, ...
KIN_OVERLAP = 0.5
KIN_UNIQUE = 5
# ... or this share in a text that carries the other's statements one for one.
KIN_OVERLAP_REWORDED = 0.25
KIN_STATEMENTS = 0.8
# Witnesses settle a direction with at least this many witnesses (third versions that
# print one side's wording where the two differ) on one side, at least three times as many
# as on the other and this many per difference (two sister copies of a third text differ mostly where
# each made its own edits, which no witness decides).
WITNESS_MIN = 2
WITNESS_RATIO = 3.0
WITNESS_SHARE = 0.25
# Witnesses are read for at most this many kin of each version, strongest first.
WITNESS_BUDGET = 3


@dataclass(frozen=True)
class SourceLink:
    """``version`` most likely derives from ``source``; ``score`` is the share of the
    shorter one's narrative word pairs that both have. ``settled`` is False when the two
    are kin but which came first is unknown: ``source`` is then only the text
    ``version`` is judged against, not a source to report. ``why`` says how the
    direction was settled ("reference", "witnesses" or "")."""

    version: str
    source: str
    score: float
    settled: bool = True
    why: str = ""
    unique: int = 0
    witnesses: tuple[int, int] = (0, 0)  # differences attested on the source's side, on this side


def choose_sources(comparison: Comparison, w: Wording) -> dict[str, SourceLink]:
    """Version id -> its link to the version it derives from, or (``settled`` False)
    to its kin of unknown direction; versions with no kin are left out."""
    ids = [v.id for v in comparison.versions]
    order = {vid: n for n, vid in enumerate(ids)}
    candidates = [c for n, a in enumerate(ids) for b in ids[n + 1:] if (c := _kin(w, a, b)) is not None]
    candidates.sort(key=lambda c: (-round(c[0], 3), order[c[1]], order[c[2]]))
    links: dict[str, SourceLink] = {}
    unsettled, tried = [], {vid: 0 for vid in ids}
    cells: dict[tuple[int, str], frozenset] = {}  # cell word pairs read once for every pair
    for score, a, b, unique, copied in candidates:  # strongest first
        if a in links and b in links:
            continue  # both already have a stronger source: this pair cannot change anything
        if comparison.reference not in (a, b):
            # Reading witnesses costs a pass over the shared statements: each version's
            # few strongest kin are enough (40 copies of one wire are 780 pairs).
            if tried[a] >= WITNESS_BUDGET and tried[b] >= WITNESS_BUDGET:
                continue
            tried[a] += 1
            tried[b] += 1
        link = _directed(comparison, score, a, b, unique, copied, cells)
        if link is None:
            continue
        if not link.settled:
            unsettled.append(link)
        elif link.version not in links and not _reaches(links, link.source, link.version):
            links[link.version] = link
    for link in unsettled:
        for vid, other in ((link.version, link.source), (link.source, link.version)):
            if vid not in links and vid != comparison.reference:
                links[vid] = SourceLink(vid, other, link.score, settled=False, unique=link.unique)
    return links


def _kin(w: Wording, a: str, b: str) -> tuple[float, str, str, int, bool] | None:
    """(score, a, b, shared unique pairs, copied) if ``a`` and ``b`` are kin, else None;
    ``copied``: kin by much shared wording (not only statement for statement)."""
    score = narrative_overlap(w, a, b)
    if score < KIN_OVERLAP_REWORDED:
        return None
    unique = shared_unique_narrative(w, a, b)
    copied = score >= KIN_OVERLAP and unique >= KIN_UNIQUE
    if not copied and statement_overlap(w, a, b) < KIN_STATEMENTS:
        return None
    return score, a, b, unique, copied


def _directed(comparison: Comparison, score: float, a: str, b: str, unique: int, copied: bool,
              cells: dict[tuple[int, str], frozenset]) -> SourceLink | None:
    """The link between kin ``a`` and ``b``, directed where evidence allows."""
    ref = comparison.reference
    if ref in (a, b):
        child = b if a == ref else a
        return SourceLink(child, ref, score, why="reference", unique=unique)
    for_a, for_b, total = witness_counts(comparison, a, b, cells)
    needed = min(WITNESS_MIN, len(comparison.versions) - 2)  # three versions: one witness is all
    if _settles(for_a, for_b, total, needed):
        return SourceLink(b, a, score, why="witnesses", unique=unique, witnesses=(for_a, for_b))
    if _settles(for_b, for_a, total, needed):
        return SourceLink(a, b, score, why="witnesses", unique=unique, witnesses=(for_b, for_a))
    if not copied:
        return None  # following the same statements in other words, in no known order: siblings
    return SourceLink(b, a, score, settled=False, unique=unique, witnesses=(for_a, for_b))


def _settles(older: int, newer: int, total: int, needed: int) -> bool:
    """True if the witnesses side with the ``older`` text clearly enough."""
    return older >= max(1, needed) and older >= WITNESS_RATIO * newer and older >= WITNESS_SHARE * total


def witness_counts(comparison: Comparison, a: str, b: str,
                   cells: dict[tuple[int, str], frozenset] | None = None) -> tuple[int, int, int]:
    """Over the statements both carry, the word pairs one of ``a``, ``b`` has there and the
    other lacks: (third versions whose cell of the same statement has one of ``a``'s, summed
    over those pairs; the same for ``b``; the number of such pairs). Word pairs, not a word
    diff, so that every pair of many versions stays cheap. ``cells`` caches the word pairs
    of each (row, version) between calls."""
    cells = {} if cells is None else cells
    passages, for_a, for_b, total = comparison.passages, 0, 0, 0
    for row in comparison.rows:
        if not (carries(row, a, passages) and carries(row, b, passages)):
            continue
        thirds = [_pairs(comparison, row, u, cells) for u in row.cells
                  if u not in (a, b) and carries(row, u, passages)]
        if not thirds:
            continue
        mine, theirs = _pairs(comparison, row, a, cells), _pairs(comparison, row, b, cells)
        only_a, only_b = mine - theirs, theirs - mine
        total += len(only_a) + len(only_b)
        for third in thirds:
            for_a += len(only_a & third)
            for_b += len(only_b & third)
    return for_a, for_b, total


def _pairs(comparison: Comparison, row, vid: str, cache: dict[tuple[int, str], frozenset]) -> frozenset:
    """The word pairs of ``vid``'s cell in ``row`` (cached)."""
    key = (row.index, vid)
    if key not in cache:
        own = comparison.passages[vid]
        indexes = [i for i in row.cells.get(vid, ()) if i < len(own)]
        words = norm_words(cell_text(comparison.version(vid).text, own, indexes).text)
        cache[key] = frozenset(zip(words, words[1:]))
    return cache[key]


def _reaches(links: dict[str, SourceLink], start: str, target: str) -> bool:
    """True if following sources from ``start`` arrives at ``target``."""
    seen = set()
    while start in links and start not in seen:
        seen.add(start)
        start = links[start].source
        if start == target:
            return True
    return start == target


def source_evidence(comparison: Comparison, w: Wording, link: SourceLink, label: str) -> list[str]:
    """Short lines saying why ``link.source`` (shown as ``label``) is the source, or, for
    an unsettled link, why the two are kin and that the direction is unknown."""
    lines = [f"{link.score:.0%} of the shorter text's narrative word pairs are also in {label}"]
    if link.unique:
        lines.append(f"{link.unique} narrative word pair{'s' if link.unique != 1 else ''} "
                     f"shared only with {label}")
    omitted = shared_omissions(w, link.version, link.source, comparison.reference)
    if omitted:
        lines.append(f"leaves out the same {omitted} reference statement{'s' if omitted != 1 else ''} as {label}")
    if link.why == "witnesses":
        older, newer = link.witnesses
        lines.append(f"where the two differ, other versions print {label}'s wording {older} "
                     f"time{'s' if older != 1 else ''} and this one's {newer}")
    elif not link.settled:
        lines.append(f"one of this and {label} copies the other; which came first is not clear, "
                     f"so no source is given")
    return lines
