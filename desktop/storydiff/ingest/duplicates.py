"""Tell whether an incoming text is already loaded: same bytes, same text, or the same statements.

Two versions are duplicates when their raw bytes or their texts have the same sha256, or when
nearly all their statements (sentences of at least ``MIN_WORDS`` words, compared by their words
alone: case, punctuation and quote marks aside) are the same in both directions. A trimmed copy
(a subset) is not a duplicate: what an outlet left out is worth comparing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from storydiff.core.model import Version
from storydiff.ingest.sentences import segment

# Share of statements that must match, in both directions, for "nearly all identical".
SAME_STATEMENTS = 0.9
MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Duplicate:
    """The loaded version ``version_id`` (labelled ``label``) that the incoming text repeats.

    ``share`` is the share in [0, 1] of statements in common (1.0 for identical bytes or text);
    ``reason`` says why, in a phrase that fits after the label ("has the same text").
    """

    version_id: str
    label: str
    share: float
    reason: str

    def message(self) -> str:
        return f"'{self.label}' {self.reason}"


def find_duplicate(text: str, raw_sha256: str | None, versions: Iterable[Version]) -> Duplicate | None:
    """The first of ``versions`` that ``text`` (whose raw bytes hash to ``raw_sha256``) repeats."""
    text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    incoming = statements(text)
    best: Duplicate | None = None
    for version in versions:
        if raw_sha256 and raw_sha256 == version.raw_sha256:
            return Duplicate(version.id, version.label, 1.0, "was read from the same bytes")
        if text_sha == version.sha256:
            return Duplicate(version.id, version.label, 1.0, "has the same text")
        share = shared_share(incoming, statements(version.text))
        if share >= SAME_STATEMENTS and (best is None or share > best.share):
            best = Duplicate(version.id, version.label, share,
                             f"has {share:.0%} of the same statements, word for word")
    return best


def statements(text: str) -> frozenset[str]:
    """The text's sentences of at least ``MIN_WORDS`` words, as lower-case word sequences."""
    found = set()
    for piece in segment(text):
        words = _WORD.findall(text[piece.start : piece.end].casefold())
        if len(words) >= MIN_WORDS:
            found.add(" ".join(words))
    return frozenset(found)


def shared_share(a: frozenset[str], b: frozenset[str]) -> float:
    """The smaller of the two shares of statements found in the other set (0 if either is empty)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return min(common / len(a), common / len(b))
