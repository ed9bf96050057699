"""How a version's wording differs from its basis (its source, else the reference), on
the statements both carry: change share, narrative substitutions, function-word edits
and word-order damage. The verdicts read these figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.core.model import Comparison, Passage, Row
from storydiff.diffing import diff_passages, word_count
from storydiff.diffing.cells import cell_text
from storydiff.diffing.stats import edit_words
from storydiff.diffing.tokens import norm_words

# Grammatical words: a machine translation's round trip gets these wrong.
FUNCTION_WORDS = frozenset(
    """a an the this that these those his her its their our my your he she it they we i you him
    them us of in on at to for from by with about into onto over under after before since during
    as than and or but nor so if while because although though is are was were be been being am
    has have had do does did will would shall should can could may might must not no""".split()
)
# A swap of up to this many words a side is a substitution (a spinner's synonym), not a rewrite.
SWAP_WORDS = 3
_QUOTED = frozenset({"verbatim", "trimmed", "altered", "misattributed"})


@dataclass(frozen=True)
class EditFigures:
    """Figures of one version against its basis. Shares are in [0, 1]."""

    rows: int  # statements both carry
    change_share: float  # reworded words / aligned words
    new_share: float  # words this version wrote anew (not deletions) / its words there
    narrative_words: int
    narrative_substituted: float  # narrative words in swaps / narrative words
    swap_share: float  # words in swaps / reworded words
    function_share: float  # reworded words that are function words / reworded words
    function_swaps: float  # swaps of one grammatical word for another / aligned words
    order_damage: float  # content words out of order / content-word pairs compared
    spin_pairs: tuple[tuple[str, str, int], ...]


def edit_figures(comparison: Comparison, vid: str, basis: str) -> EditFigures:
    """``vid``'s wording against ``basis`` over the rows both carry (furniture aside)."""
    passages = comparison.passages
    spans = quote_spans(comparison, vid)
    tally = Counter()
    swaps: Counter[tuple[str, str]] = Counter()
    for row in comparison.rows:
        a_cell, b_cell = _body(row, basis, passages), _body(row, vid, passages)
        if a_cell and b_cell:
            _tally_row(comparison, basis, vid, a_cell, b_cell, spans, tally, swaps)
    changed = tally["changed"]
    return EditFigures(
        rows=tally["rows"],
        change_share=_ratio(changed, tally["aligned"]),
        new_share=_ratio(tally["new"], tally["words"]),
        narrative_words=tally["narrative"],
        narrative_substituted=_ratio(tally["narrative_swapped"], tally["narrative"]),
        swap_share=_ratio(tally["swapped"], changed),
        function_share=_ratio(tally["function"], changed),
        function_swaps=_ratio(tally["function_swaps"], tally["aligned"]),
        order_damage=_ratio(tally["discordant"], tally["pairs"]),
        spin_pairs=tuple((b, a, n) for (b, a), n in swaps.most_common()),
    )


def quote_spans(comparison: Comparison, vid: str) -> tuple[tuple[int, int], ...]:
    """(start, end) code-point spans of the quotations ``vid`` prints."""
    spans = []
    for quote in comparison.quotes:
        occ = quote.occurrences.get(vid)
        if occ is not None and occ.status in _QUOTED and occ.start is not None and occ.end is not None:
            spans.append((occ.start, occ.end))
    return tuple(spans)


def _body(row: Row, vid: str, passages: dict[str, tuple[Passage, ...]]) -> tuple[int, ...]:
    own = passages.get(vid, ())
    return tuple(i for i in row.cells.get(vid, ()) if i < len(own) and not own[i].is_furniture)


def _tally_row(comparison, basis, vid, a_cell, b_cell, spans, tally: Counter, swaps: Counter) -> None:
    a = cell_text(comparison.version(basis).text, comparison.passages[basis], a_cell)
    b = cell_text(comparison.version(vid).text, comparison.passages[vid], b_cell)
    tally["rows"] += 1
    tally["aligned"] += max(word_count(a.text), word_count(b.text))
    tally["words"] += word_count(b.text)
    tally["narrative"] += word_count(b.text) - _quoted_words(b, spans)
    for edit in diff_passages(a.text, b.text):
        if edit.kind.trivial:
            continue
        words = edit_words(edit)
        tally["changed"] += words
        tally["new"] += word_count(edit.after)
        tally["function"] += _function_words(edit.before, edit.after)
        if _is_swap(edit.before, edit.after):
            tally["swapped"] += words
            tally["function_swaps"] += _grammatical_swap(edit.before, edit.after)
            if not _inside(b.to_version(edit.b_start), spans):
                tally["narrative_swapped"] += word_count(edit.after)
                swaps[(edit.before.strip(), edit.after.strip())] += 1
    discordant, pairs = order_pairs(a.text, b.text)
    tally["discordant"] += discordant
    tally["pairs"] += pairs


def _is_swap(before: str, after: str) -> bool:
    n, m = word_count(before), word_count(after)
    return 0 < n <= SWAP_WORDS and 0 < m <= SWAP_WORDS


def _grammatical_swap(before: str, after: str) -> int:
    """1 if both sides of a swap are grammatical words only (``the`` -> ``that``)."""
    a, b = norm_words(before), norm_words(after)
    return int(all(w in FUNCTION_WORDS for w in a + b) and a != b)


def _function_words(before: str, after: str) -> int:
    """Words of an edit's larger side that are function words, if the edit is mostly them."""
    words = norm_words(before) + norm_words(after)
    grammatical = sum(w in FUNCTION_WORDS for w in words)
    if not words or grammatical * 2 < len(words):
        return 0
    return max(word_count(before), word_count(after))


def _quoted_words(cell, spans: Sequence[tuple[int, int]]) -> int:
    """Words of the cell that lie inside one of ``spans`` (version offsets)."""
    low, high = cell.to_version(0), cell.to_version(len(cell.text))
    spans = [(a, b) for a, b in spans if a < high and b > low]
    if not spans:
        return 0  # most cells hold no quotation: no need to read their words
    count, offset = 0, 0
    for word in cell.text.split():
        start = cell.text.index(word, offset)
        offset = start + len(word)
        if word_count(word) and _inside(cell.to_version(start), spans):
            count += word_count(word)
    return count


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def order_pairs(a: str, b: str) -> tuple[int, int]:
    """(discordant, compared) pairs of adjacent content words: words found once in both
    texts, taken in ``a``'s order; a pair is discordant when ``b`` has them the other way
    round. Synonym swaps keep the order; a garbled round trip breaks it."""
    a_words, b_words = norm_words(a), norm_words(b)
    once_a, once_b = Counter(a_words), Counter(b_words)
    where = {w: n for n, w in enumerate(b_words) if once_b[w] == 1}
    common = [w for w in a_words if once_a[w] == 1 and w in where and w not in FUNCTION_WORDS]
    positions = [where[w] for w in common]
    discordant = sum(1 for x, y in zip(positions, positions[1:]) if x > y)
    return discordant, max(0, len(positions) - 1)


def _ratio(part: float, whole: float) -> float:
    return min(1.0, part / whole) if whole else 0.0
