"""One version's quotations as members, and the word matching quote grouping uses.

A ``Member`` is a quotation, or the parts of one quotation broken by its
attribution (``"A," she said. "B."``); ``pieces`` cuts members into sentence
pieces and ``grouping`` groups those across versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storydiff.quotes.extract import Quotation
from storydiff.quotes.names import same_person
from storydiff.quotes.words import join_words, words_and_gaps

_MAX_ATTRIBUTION_GAP = 120  # characters between two parts of one broken quotation


@dataclass(frozen=True)
class Member:
    """One version's rendering of an utterance: one quotation or several parts."""

    version: str
    parts: tuple[Quotation, ...]
    position: int  # reading order within the version
    words: tuple[str, ...] = field(init=False)
    gaps: frozenset[int] = field(init=False)  # word indexes an ellipsis or a break precedes

    def __post_init__(self) -> None:
        words, gaps = join_words(words_and_gaps(part.text) for part in self.parts)
        object.__setattr__(self, "words", tuple(words))
        object.__setattr__(self, "gaps", frozenset(gaps))

    @property
    def speaker(self) -> str | None:
        return next((p.speaker for p in self.parts if p.speaker), None)


def join_parts(quotations: Sequence[Quotation], text: str) -> list[list[Quotation]]:
    """Consecutive full quotations of one speaker, separated only by a short
    attribution in the same paragraph, as lists of parts of one utterance."""
    out: list[list[Quotation]] = []
    for quotation in quotations:
        previous = out[-1][-1] if out else None
        if previous is not None and _continues(previous, quotation, text):
            out[-1].append(quotation)
        else:
            out.append([quotation])
    return out


def _continues(previous: Quotation, quotation: Quotation, text: str) -> bool:
    between = text[previous.end : quotation.start]
    return (
        not previous.partial
        and not quotation.partial
        and "\n" not in between
        and len(between) <= _MAX_ATTRIBUTION_GAP
        and bool(previous.speaker)
        and same_person(previous.speaker, quotation.speaker)
    )


def common_words(a: Sequence[str], b: Sequence[str]) -> int:
    """Words of the longest common sequences of ``a`` and ``b`` (difflib's blocks)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())
