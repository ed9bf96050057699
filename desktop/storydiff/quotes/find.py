"""``find_quotes``: the quotes of a comparison, one ``Quote`` per utterance.

Each version's text is read once (``extract.analyse``); its quotations become
members placed in the comparison's rows (``matching``); members are grouped
across versions, the reference first; each group gets a canonical wording and
speaker and every version an ``Occurrence`` (``status``). Ids are ``q1``,
``q2``... in the reference's reading order, then the quotes the reference does
not have, by version and reading order.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from storydiff.core.model import Comparison, Occurrence, Passage, Quote
from storydiff.ingest.sentences import Segment
from storydiff.quotes import status as st
from storydiff.quotes.extract import Analysis, Quotation, analyse
from storydiff.quotes.matching import Member, group_members, join_parts
from storydiff.quotes.words import content_words


def find_quotes(comparison: Comparison) -> tuple[Quote, ...]:
    """Every quote in ``comparison``, with an occurrence for every version."""
    order = [comparison.reference, *(v.id for v in comparison.versions if v.id != comparison.reference)]
    story = _Story(comparison)
    members = {vid: story.members(vid) for vid in order}
    groups = group_members(members, order)
    return tuple(story.quote(f"q{n}", group, order) for n, group in enumerate(groups, 1))


class _Story:
    """The comparison with each version's quotations and row lookups."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        # The comparison's passages are the sentence split; the quote scan reads it, not a new one.
        self.analyses: dict[str, Analysis] = {
            v.id: analyse(v.text, v.id, [Segment(p.start, p.end, p.paragraph) for p in comparison.passages[v.id]])
            for v in comparison.versions
        }
        self.rows = {row.index: row for row in comparison.rows}
        self.starts = {vid: [p.start for p in ps] for vid, ps in comparison.passages.items()}
        self.row_of: dict[tuple[str, int], int] = {
            (vid, index): row.index
            for row in comparison.rows
            for vid, cell in row.cells.items()
            for index in cell
        }

    def passage_at(self, vid: str, offset: int) -> int:
        """Index of the passage of ``vid`` holding ``offset`` (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts[vid], offset) - 1)

    def rows_of(self, vid: str, quotation: Quotation) -> set[int]:
        first = self.passage_at(vid, quotation.start)
        last = self.passage_at(vid, max(quotation.start, quotation.end - 1))
        return {self.row_of[(vid, i)] for i in range(first, last + 1) if (vid, i) in self.row_of}

    def members(self, vid: str) -> list[Member]:
        text = self.comparison.version(vid).text
        parts = join_parts(self.analyses[vid].quotations, text)
        return [
            Member(vid, tuple(p), frozenset().union(*(self.rows_of(vid, q) for q in p)), n)
            for n, p in enumerate(parts)
        ]

    def quote(self, qid: str, group: list[Member], order: Sequence[str]) -> Quote:
        reference = self.comparison.reference
        canonical = st.choose_canonical(group, reference, order)
        speaker = st.choose_speaker(group, reference, order)
        by_version = {m.version: m for m in group}
        occurrences = {}
        for vid in (v.id for v in self.comparison.versions):
            member = by_version.get(vid)
            found = _quoted(canonical, member, speaker) if member else self._unquoted(vid, canonical, group)
            occurrences[vid] = found
        return Quote(qid, speaker, canonical.text, occurrences)

    def _unquoted(self, vid: str, canonical: Member, group: list[Member]) -> Occurrence:
        """``paraphrased`` (the passage carrying the content) or ``absent``."""
        rows = set().union(*(m.rows for m in group))
        passages, text = self.comparison.passages[vid], self.comparison.version(vid).text
        cells = [cell for r in sorted(rows) if (cell := self._cell(vid, r))]
        in_rows = [_cell(text, passages, cell) for cell in cells]
        used = {i for cell in cells for i in cell}
        elsewhere = [_cell(text, passages, (p.index,)) for p in passages if p.index not in used]
        found = st.best_paraphrase(set(content_words(canonical.text)), in_rows, elsewhere)
        if found is None:
            return Occurrence(st.ABSENT)
        start, end, text, indexes = found
        speakers = self.analyses[vid].sentence_speakers
        speaker = next((speakers[i] for i in indexes if i in speakers), None)
        return Occurrence(st.PARAPHRASED, text, start, end, speaker)

    def _cell(self, vid: str, row: int) -> tuple[int, ...]:
        return self.rows[row].cells.get(vid, ()) if row in self.rows else ()


def _cell(text: str, passages: Sequence[Passage], indexes: Sequence[int]) -> tuple:
    """``(start, end, text, indexes)`` of the passages ``indexes`` of a version
    read together: from the first one's start to the last one's end."""
    chosen = [passages[i] for i in sorted(indexes)]
    start, end = chosen[0].start, chosen[-1].end
    return start, end, text[start:end], tuple(sorted(indexes))


def _quoted(canonical: Member, member: Member, speaker: str | None) -> Occurrence:
    """The occurrence of a version that quotes the utterance."""
    status = st.quoted_status(canonical, member)
    if st.misattributed(member, speaker):
        status = st.MISATTRIBUTED
    return Occurrence(status, member.text, member.start, member.end, member.speaker)
