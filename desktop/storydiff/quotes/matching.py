"""Group the quotations of several versions into quotes (one utterance each).

Each version's quotations first become ``Member``s: a quotation, or the parts
of one quotation broken by its attribution (``"A," she said. "B."``), with the
rows of the passages it spans. Then, version by version (the reference first),
each member joins the group it matches best, at most one member per version
per group; a member that matches nothing starts a new group. Two members match
when the longest common word sequence covers most of the shorter one: half of
it when they sit in the same row, three quarters (and five words) when the
alignment put them in different rows (a quotation moved or re-worded around).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storydiff.quotes.extract import Quotation
from storydiff.quotes.names import same_person
from storydiff.quotes.words import words_and_gaps

SAME_ROW_SHARE = 0.5
MOVED_SHARE = 0.75
MOVED_MIN_WORDS = 5
_SAME_ROW_BONUS = 0.25  # prefer the candidate the alignment agrees with
_MAX_ATTRIBUTION_GAP = 120  # characters between two parts of one broken quotation


@dataclass(frozen=True)
class Member:
    """One version's rendering of an utterance: one quotation or several parts."""

    version: str
    parts: tuple[Quotation, ...]
    rows: frozenset[int]
    position: int  # reading order within the version
    words: tuple[str, ...] = field(init=False)
    gaps: frozenset[int] = field(init=False)  # word indexes an ellipsis or a break precedes

    def __post_init__(self) -> None:
        words: list[str] = []
        gaps: set[int] = set()
        for part in self.parts:
            if words:
                gaps.add(len(words))
            more, cuts = words_and_gaps(part.text)
            gaps.update(len(words) + cut for cut in cuts)
            words.extend(more)
        object.__setattr__(self, "words", tuple(words))
        object.__setattr__(self, "gaps", frozenset(gaps))

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def text(self) -> str:
        return " ".join(part.text for part in self.parts)

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


def match_score(a: Member, b: Member) -> float | None:
    """How well ``a`` and ``b`` render one utterance (higher is better), or None."""
    if not a.words or not b.words or not set(a.words) & set(b.words):
        return None
    shorter = min(len(a.words), len(b.words))
    common = common_words(a.words, b.words)
    share = common / shorter
    if common < min(2, shorter):
        return None
    if a.rows & b.rows:
        return share + _SAME_ROW_BONUS if share >= SAME_ROW_SHARE else None
    return share if share >= MOVED_SHARE and common >= min(MOVED_MIN_WORDS, shorter) else None


def group_members(members: dict[str, list[Member]], order: Sequence[str]) -> list[list[Member]]:
    """Groups of members, one utterance each, in order of creation: the first
    version's members in reading order, then unmatched members of later ones."""
    groups: list[list[Member]] = []
    for version in order:
        taken: set[int] = set()
        filled: set[int] = set()
        for _, m, g in _candidates(members.get(version, []), groups):
            if m not in taken and g not in filled:
                groups[g].append(members[version][m])
                taken.add(m)
                filled.add(g)
        groups.extend([member] for m, member in enumerate(members.get(version, [])) if m not in taken)
    return groups


def _candidates(mine: list[Member], groups: list[list[Member]]) -> list[tuple[float, int, int]]:
    """(score, member index, group index) of every acceptable pairing, best first."""
    pairs = []
    for m, member in enumerate(mine):
        for g, group in enumerate(groups):
            scores = [s for other in group if (s := match_score(member, other)) is not None]
            if scores:
                pairs.append((max(scores), m, g))
    return sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2]))
