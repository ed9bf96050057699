"""Word-level diff inside aligned passages: edits, their kinds, UTF-16 offsets, stats."""

from storydiff.diffing.edits import Edit, diff_passages
from storydiff.diffing.kinds import classify
from storydiff.diffing.offsets import utf16_offset, utf16_spans
from storydiff.diffing.stats import PairStats, pair_stats
from storydiff.diffing.tokens import word_count
from storydiff.diffing.words import word_diff

__all__ = [
    "Edit",
    "PairStats",
    "classify",
    "diff_passages",
    "pair_stats",
    "utf16_offset",
    "utf16_spans",
    "word_count",
    "word_diff",
]
