"""``find_quotes``: the quotes of a comparison, one ``Quote`` per utterance.

Each version's text is read once (``extract.analyse``); its quotations become
members (a quotation, or its parts broken by an attribution) and the members
are cut into sentence pieces (``pieces``). The pieces of all versions are
grouped into statements (``grouping``), whatever the order of the versions;
each statement gets a canonical wording (the fullest the others are trims
of) and speaker, and every version an ``Occurrence``: its quoted rendering
with a status (``status``), else a paraphrase (``paraphrase``), else absent.
Ids are ``q1``, ``q2``... in the reference's reading order, then the quotes
the reference does not have, by version and reading order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from storydiff.core.model import Comparison, Occurrence, Quote
from storydiff.ingest.sentences import Segment
from storydiff.quotes import status as st
from storydiff.quotes.extract import Analysis, analyse
from storydiff.quotes.grouping import sentence_groups, statements
from storydiff.quotes.matching import Member, join_parts
from storydiff.quotes.paraphrase import FIRST_PERSON, Candidate, best_paraphrase
from storydiff.quotes.pieces import Piece, Rendering, pieces_of
from storydiff.quotes.words import meaning_keys, meaning_keys_of_words, norm_words

# A sentence of a long quote with this many content keys can be paraphrased on its own.
SENTENCE_MIN_KEYS = 3


def find_quotes(comparison: Comparison) -> tuple[Quote, ...]:
    """Every quote in ``comparison``, with an occurrence for every version."""
    story = _Story(comparison)
    pieces = [p for v in comparison.versions for p in story.pieces(v.id)]
    found = [story.statement([pieces[i] for i in idx]) for idx in statements(pieces, sentence_groups(pieces))]
    found.sort(key=story.reading_order)
    return tuple(story.quote(f"q{n}", renderings) for n, renderings in enumerate(found, 1))


class _Story:
    """The comparison with each version's quotations, pieces and row lookups."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.reference = comparison.reference
        others = [v.id for v in comparison.versions if v.id != comparison.reference]
        self.order = [comparison.reference, *others]  # ids and reading order
        self.tie_order = [comparison.reference, *sorted(others)]  # ties, whatever the order given
        self.texts = {v.id: v.text for v in comparison.versions}
        # The comparison's passages are the sentence split; the quote scan reads it, not a new one.
        self.analyses: dict[str, Analysis] = {
            v.id: analyse(v.text, v.id, [Segment(p.start, p.end, p.paragraph) for p in comparison.passages[v.id]])
            for v in comparison.versions
        }
        self.row_of: dict[str, dict[int, int]] = defaultdict(dict)
        for row in comparison.rows:
            for vid, cell in row.cells.items():
                for index in cell:
                    self.row_of[vid][index] = row.index
        self._pieces = {v.id: self._cut(v.id) for v in comparison.versions}
        self._candidates: dict[str, list[Candidate]] = {}

    def _cut(self, vid: str) -> list[Piece]:
        text, passages = self.texts[vid], self.comparison.passages[vid]
        parts = join_parts(self.analyses[vid].quotations, text)
        members = [Member(vid, tuple(p), n) for n, p in enumerate(parts)]
        return [piece for m in members for piece in pieces_of(m, text, passages, self.row_of[vid])]

    def pieces(self, vid: str) -> list[Piece]:
        return self._pieces[vid]

    def statement(self, pieces: Sequence[Piece]) -> dict[str, Rendering]:
        """One rendering per version that quotes the statement made of ``pieces``."""
        by_member: dict[tuple[str, int], list[Piece]] = defaultdict(list)
        for piece in pieces:
            by_member[(piece.version, piece.member)].append(piece)
        candidates = [Rendering(v, tuple(sorted(ps, key=lambda p: p.start))) for (v, _), ps in by_member.items()]
        canonical = st.choose_canonical(candidates, self.reference, self.tie_order)
        per_version: dict[str, list[Rendering]] = defaultdict(list)
        for rendering in candidates:
            per_version[rendering.version].append(rendering)
        chosen = {vid: _combine(found, canonical) for vid, found in per_version.items()}
        return {"": canonical, **chosen}

    def reading_order(self, renderings: dict[str, Rendering]) -> tuple[int, int]:
        first = min(self.order.index(v) for v in renderings if v)
        return first, renderings[self.order[first]].start

    def quote(self, qid: str, renderings: dict[str, Rendering]) -> Quote:
        canonical = renderings[""]
        chosen = {v: r for v, r in renderings.items() if v}
        speaker = st.choose_speaker(list(chosen.values()), self.reference, self.tie_order)
        rows = frozenset().union(*(r.rows for r in chosen.values()))
        keys = [meaning_keys_of_words(canonical.words)]
        if len(canonical.pieces) > 1:
            sentences = (meaning_keys_of_words(p.words) for p in canonical.pieces)
            keys.extend(k for k in sentences if len(k) >= SENTENCE_MIN_KEYS)
        occurrences = {}
        for vid in (v.id for v in self.comparison.versions):
            if vid in chosen:
                occurrences[vid] = self._quoted(canonical, chosen[vid], speaker)
            else:
                occurrences[vid] = self._unquoted(vid, keys, speaker, rows)
        return Quote(qid, speaker, canonical.wording(self.texts[canonical.version]), occurrences)

    def _quoted(self, canonical: Rendering, rendering: Rendering, speaker: str | None) -> Occurrence:
        status = st.quoted_status(canonical, rendering)
        if st.misattributed(rendering, speaker):
            status = st.MISATTRIBUTED
        text = self.texts[rendering.version]
        return Occurrence(status, text[rendering.start : rendering.end], rendering.start, rendering.end,
                          rendering.speaker)

    def _unquoted(self, vid: str, keys: list[set[str]], speaker: str | None, rows: frozenset[int]) -> Occurrence:
        """``paraphrased`` (the passage carrying the content, given to the speaker) or ``absent``."""
        found = best_paraphrase(keys, speaker, rows, self.candidates(vid))
        if found is None:
            return Occurrence(st.ABSENT)
        return Occurrence(st.PARAPHRASED, found.text, found.start, found.end, found.speaker)

    def candidates(self, vid: str) -> list[Candidate]:
        """Every passage of ``vid`` as a paraphrase candidate."""
        if vid not in self._candidates:
            quoted = {p.passage for p in self._pieces[vid]}
            speakers = self.analyses[vid].sentence_speakers
            text = self.texts[vid]
            self._candidates[vid] = [
                Candidate(p.index, p.start, p.end, text[p.start : p.end], frozenset(meaning_keys(p.text)),
                          speakers.get(p.index), self.row_of[vid].get(p.index),
                          p.index not in quoted and bool(FIRST_PERSON & set(norm_words(p.text))))
                for p in self.comparison.passages[vid]
            ]
        return self._candidates[vid]


def _covered(canonical: Rendering, rendering: Rendering) -> set[int]:
    """Indexes of ``canonical``'s words that ``rendering`` has in common runs."""
    matcher = SequenceMatcher(None, canonical.words, rendering.words, autojunk=False)
    return {block.a + k for block in matcher.get_matching_blocks() for k in range(block.size)}


def _combine(found: Sequence[Rendering], canonical: Rendering) -> Rendering:
    """One version's rendering: the member rendering covering most of the
    canonical, joined by the version's other fragments of it printed in the
    same or the next sentence (``"bedrock of democracy". "Twitter is the..."``)
    that cover other words of it; a repeat elsewhere is left out."""
    if len(found) == 1:
        return found[0]
    ranked = sorted(found, key=lambda r: (-len(_covered(canonical, r)), r.start))
    pieces, cover = list(ranked[0].pieces), _covered(canonical, ranked[0])
    for other in sorted(ranked[1:], key=lambda r: r.start):
        more = _covered(canonical, other)
        near = min(abs(p.passage - q.passage) for p in pieces for q in other.pieces) <= 1
        if near and more and not more & cover:
            pieces.extend(other.pieces)
            cover |= more
    return Rendering(found[0].version, tuple(sorted(pieces, key=lambda p: p.start)))
