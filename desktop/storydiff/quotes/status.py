"""Verdicts: the canonical wording and speaker of a quote, and each version's status.

- ``verbatim``: the same words (case, punctuation, quotation marks, spacing aside);
- ``trimmed``: one or more contiguous parts of the canonical words, in order,
  with every cut inside the quotation shown (an ellipsis, or the quotation
  broken by its attribution); a cut at either end needs no mark;
- ``altered``: quoted, but words inserted, substituted or dropped unmarked;
- ``paraphrased``: not quoted, but a passage carries its content and gives it
  to its speaker (``paraphrase``);
- ``absent``: neither;
- ``misattributed``: quoted (any of the first three) but credited to a named
  speaker other than the canonical one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from difflib import SequenceMatcher

from storydiff.quotes.attribution import DETERMINERS
from storydiff.quotes.names import same_person

VERBATIM = "verbatim"
TRIMMED = "trimmed"
ALTERED = "altered"
PARAPHRASED = "paraphrased"
ABSENT = "absent"
MISATTRIBUTED = "misattributed"


class Wording(Protocol):
    """A version's quoted words: a ``matching.Member`` or a ``pieces.Rendering``."""

    version: str
    words: tuple[str, ...]
    gaps: frozenset[int]

    @property
    def speaker(self) -> str | None: ...


def quoted_status(canonical: Wording, member: Wording) -> str:
    """``verbatim``, ``trimmed`` or ``altered``: how ``member`` renders ``canonical``'s words."""
    if member.words == canonical.words:
        return VERBATIM
    return TRIMMED if _is_trim(canonical.words, member.words, member.gaps) else ALTERED


def _is_trim(full: Sequence[str], part: Sequence[str], gaps: frozenset[int]) -> bool:
    """True if ``part`` is ``full`` with words cut, every inner cut marked in
    ``gaps``; ``part``'s last word may be cut short ("...working with the com",
    a copy cut off mid-word)."""
    if not part or len(part) >= len(full):
        return False
    ops = SequenceMatcher(None, full, part, autojunk=False).get_opcodes()
    ops = [("equal" if _cut_short(op, full, part) else op[0], *op[1:]) for op in ops]
    if any(op not in ("equal", "delete") for op, *_ in ops):
        return False
    inner = ops[1:-1]
    return all(op == "equal" or j1 in gaps for op, _, _, j1, _ in inner)


def _cut_short(op: tuple, full: Sequence[str], part: Sequence[str]) -> bool:
    """True if ``op`` replaces full words by ``part``'s last word, a prefix of the first."""
    kind, i1, _, j1, j2 = op
    return kind == "replace" and j2 == len(part) == j1 + 1 and full[i1].startswith(part[j1])


def choose_canonical(group: Sequence[Wording], reference: str, order: Sequence[str]) -> Wording:
    """The fullest wording: the member the most others render verbatim or trimmed,
    then the reference's (of wordings none is a trim of, the original's), then
    the one with most words, then the earliest version's."""

    def support(candidate: Wording) -> int:
        return sum(quoted_status(candidate, m) in (VERBATIM, TRIMMED) for m in group if m is not candidate)

    return max(
        group,
        key=lambda m: (support(m), m.version == reference, len(m.words), -order.index(m.version)),
    )


def choose_speaker(group: Sequence[Wording], reference: str, order: Sequence[str]) -> str | None:
    """The speaker most versions agree on (ties: the reference's, then the earliest
    version's), in its fullest spelling; None if no version names one."""
    clusters: list[list[Wording]] = []
    for member in (m for m in group if m.speaker):
        home = next((c for c in clusters if same_person(c[0].speaker, member.speaker)), None)
        if home is None:
            clusters.append([member])
        else:
            home.append(member)
    if not clusters:
        return None

    def weight(cluster: list[Wording]) -> tuple:
        first = min(order.index(m.version) for m in cluster)
        return len(cluster), any(m.version == reference for m in cluster), -first

    best = max(clusters, key=weight)
    return max((m.speaker for m in best), key=len)


def misattributed(member: Wording, speaker: str | None) -> bool:
    """True if ``member`` names a speaker other than ``speaker``. Only two names
    conflict: an unresolved pronoun or a role ("a spokesperson") never does."""
    mine = member.speaker
    if not mine or not speaker or not (_named(mine) and _named(speaker)):
        return False
    return not same_person(mine, speaker)


def _named(speaker: str) -> bool:
    """True if ``speaker`` reads as a name: capitalised, and not a description
    opening a sentence ("The 42-year-old", "A spokesman")."""
    return speaker[0].isupper() and speaker.split()[0].lower() not in DETERMINERS
