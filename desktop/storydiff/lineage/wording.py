"""Wording shared between versions: word-pair sets, containment, shared unique wording
and shared omissions. Cheap set arithmetic, so every pair of 40 versions is affordable.

Two sets per version: all its word pairs, and its *narrative* word pairs (outside the
quotations it prints). Independent reporters who quote the same speech share the
quotation's words; only shared narrative wording says that one text was copied from
another, so sources are chosen on the narrative pairs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.core.model import Comparison
from storydiff.diffing.tokens import norm_words
from storydiff.lineage.edits import quote_spans
from storydiff.lineage.figures import carries


# A version with this share of another's narrative word pairs (of the shorter one) is,
# for telling which wording is specific, the same text.
COPY_LIKE = 0.9


@dataclass(frozen=True)
class Wording:
    """Per version: its word pairs (bigrams of its statement text, lower case), the
    indexes of the rows it carries, and its narrative word pairs (no pair inside or
    across a quotation it prints)."""

    bigrams: dict[str, frozenset[tuple[str, str]]]
    rows: dict[str, frozenset[int]]
    narrative: dict[str, frozenset[tuple[str, str]]]
    copies: dict[str, frozenset[str]]  # the versions that are near-verbatim copies of it


def wording(comparison: Comparison) -> Wording:
    """The word pairs and carried rows of every version (furniture left out)."""
    bigrams, rows, narrative = {}, {}, {}
    for version in comparison.versions:
        own = [p for p in comparison.passages.get(version.id, ()) if not p.is_furniture]
        spans = quote_spans(comparison, version.id)
        words: list[str] = []
        mine: set[tuple[str, str]] = set()
        for passage in own:
            passage_words = norm_words(passage.text)
            words.extend(passage_words)
            mine.update(_narrative_pairs(version.text, passage, passage_words, spans))
        bigrams[version.id] = frozenset(zip(words, words[1:]))
        rows[version.id] = frozenset(
            r.index for r in comparison.rows if carries(r, version.id, comparison.passages)
        )
        narrative[version.id] = frozenset(mine)
    return Wording(bigrams, rows, narrative, _copies(narrative))


def _copies(narrative: dict[str, frozenset[tuple[str, str]]]) -> dict[str, frozenset[str]]:
    """Version -> the others holding ``COPY_LIKE`` of the shorter one's narrative pairs."""
    ids = list(narrative)
    found: dict[str, set[str]] = {vid: set() for vid in ids}
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            smaller = min(len(narrative[a]), len(narrative[b]))
            if smaller and len(narrative[a] & narrative[b]) / smaller >= COPY_LIKE:
                found[a].add(b)
                found[b].add(a)
    return {vid: frozenset(others) for vid, others in found.items()}


def _narrative_pairs(text: str, passage, words: list[str], spans: Sequence[tuple[int, int]]):
    """Word pairs of ``passage`` (its ``words`` already read; offsets into ``text``) outside
    the quotation ``spans``; a pair never spans a quotation (the words either side were
    not written together)."""
    parts = _outside(passage.start, passage.end, spans)
    if parts == [(passage.start, passage.end)]:  # no quotation here: the words as read
        return zip(words, words[1:])
    pairs = []
    for start, end in parts:
        part = norm_words(text[start:end])
        pairs.extend(zip(part, part[1:]))
    return pairs


def _outside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no span covers, in order."""
    parts, cursor = [], start
    for s, e in sorted(spans):
        if e <= cursor or s >= end:
            continue
        if s > cursor:
            parts.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def containment(w: Wording, vid: str, other: str) -> float:
    """Share in [0, 1] of ``vid``'s word pairs that ``other`` also has."""
    mine = w.bigrams[vid]
    return len(mine & w.bigrams[other]) / len(mine) if mine else 0.0


def narrative_overlap(w: Wording, vid: str, other: str) -> float:
    """Narrative word pairs (quotations left out) the two versions share, as a share in
    [0, 1] of the smaller one's: high both for an excerpt of a text and for a text that
    an update extends."""
    mine, theirs = w.narrative[vid], w.narrative[other]
    smaller = min(len(mine), len(theirs))
    return len(mine & theirs) / smaller if smaller else 0.0


def statement_overlap(w: Wording, vid: str, other: str) -> float:
    """Statements both carry, as a share in [0, 1] of the one that carries fewer: near 1
    when one text is, statement for statement, the other (a spun or translated copy)."""
    mine, theirs = w.rows[vid], w.rows[other]
    smaller = min(len(mine), len(theirs))
    return len(mine & theirs) / smaller if smaller else 0.0


def shared_unique_narrative(w: Wording, vid: str, other: str) -> int:
    """Narrative word pairs that ``vid`` and ``other`` share and no third version has:
    wording specific to the two, the trace of copying rather than of a common story. A
    third version that is a near-verbatim copy of either (``COPY_LIKE``) is that text
    again, not another witness, and is not counted as having the pairs."""
    shared = w.narrative[vid] & w.narrative[other]
    for u, pairs in w.narrative.items():
        if u in (vid, other):
            continue
        if u not in w.copies[vid] and u not in w.copies[other]:
            shared = shared - pairs
    return len(shared)


def coverage(w: Wording, vid: str, reference: str) -> float:
    """Share in [0, 1] of the reference's statements that ``vid`` carries; 1.0 for the
    reference itself (and for any version when the reference carries no statement)."""
    theirs = w.rows[reference]
    if vid == reference or not theirs:
        return 1.0
    return len(w.rows[vid] & theirs) / len(theirs)


def statement_share(w: Wording, vid: str, others: Sequence[str]) -> float:
    """Share in [0, 1] of ``vid``'s statements that at least one of ``others`` carries."""
    mine = w.rows[vid]
    if not mine:
        return 0.0
    theirs = frozenset().union(*(w.rows[o] for o in others)) if others else frozenset()
    return len(mine & theirs) / len(mine)


def shared_omissions(w: Wording, vid: str, other: str, reference: str) -> int:
    """The reference's statements that both ``vid`` and ``other`` leave out."""
    if reference in (vid, other):
        return 0
    return len(w.rows[reference] - w.rows[vid] - w.rows[other])
