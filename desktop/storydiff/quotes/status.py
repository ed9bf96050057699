"""Verdicts: the canonical wording and speaker of a quote, and each version's status.

- ``verbatim``: the same words (case, punctuation, quotation marks, spacing aside);
- ``trimmed``: one or more contiguous parts of the canonical words, in order,
  with every cut inside the quotation shown (an ellipsis, or the quotation
  broken by its attribution); a cut at either end needs no mark;
- ``altered``: quoted, but words inserted, substituted or dropped unmarked;
- ``paraphrased``: not quoted, but a passage in the quote's rows carries at
  least ``PARAPHRASE_SHARE`` of its content words;
- ``absent``: neither;
- ``misattributed``: quoted (any of the first three) but credited to a named
  speaker other than the canonical one.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from storydiff.quotes.matching import Member
from storydiff.quotes.names import same_person
from storydiff.quotes.words import content_words

VERBATIM = "verbatim"
TRIMMED = "trimmed"
ALTERED = "altered"
PARAPHRASED = "paraphrased"
ABSENT = "absent"
MISATTRIBUTED = "misattributed"

PARAPHRASE_SHARE = 0.5
# Outside the quote's rows a passage must carry more of it, and enough words.
ELSEWHERE_SHARE = 0.75
ELSEWHERE_MIN_WORDS = 4


def quoted_status(canonical: Member, member: Member) -> str:
    """``verbatim``, ``trimmed`` or ``altered``: how ``member`` renders ``canonical``'s words."""
    if member.words == canonical.words:
        return VERBATIM
    return TRIMMED if _is_trim(canonical.words, member.words, member.gaps) else ALTERED


def _is_trim(full: Sequence[str], part: Sequence[str], gaps: frozenset[int]) -> bool:
    """True if ``part`` is ``full`` with words cut, every inner cut marked in ``gaps``."""
    if not part or len(part) >= len(full):
        return False
    ops = SequenceMatcher(None, full, part, autojunk=False).get_opcodes()
    if any(op not in ("equal", "delete") for op, *_ in ops):
        return False
    inner = ops[1:-1]
    return all(op == "equal" or j1 in gaps for op, _, _, j1, _ in inner)


def choose_canonical(group: Sequence[Member], reference: str, order: Sequence[str]) -> Member:
    """The fullest wording: the member the most others render verbatim or trimmed,
    then the one with most words, then the reference's, then the earliest version's."""

    def support(candidate: Member) -> int:
        return sum(quoted_status(candidate, m) in (VERBATIM, TRIMMED) for m in group if m is not candidate)

    return max(
        group,
        key=lambda m: (support(m), len(m.words), m.version == reference, -order.index(m.version)),
    )


def choose_speaker(group: Sequence[Member], reference: str, order: Sequence[str]) -> str | None:
    """The speaker most versions agree on (ties: the reference's, then the earliest
    version's), in its fullest spelling; None if no version names one."""
    clusters: list[list[Member]] = []
    for member in (m for m in group if m.speaker):
        home = next((c for c in clusters if same_person(c[0].speaker, member.speaker)), None)
        if home is None:
            clusters.append([member])
        else:
            home.append(member)
    if not clusters:
        return None

    def weight(cluster: list[Member]) -> tuple:
        first = min(order.index(m.version) for m in cluster)
        return len(cluster), any(m.version == reference for m in cluster), -first

    best = max(clusters, key=weight)
    return max((m.speaker for m in best), key=len)


def misattributed(member: Member, speaker: str | None) -> bool:
    """True if ``member`` names a speaker other than ``speaker``. Only two names
    conflict: an unresolved pronoun or a role ("a spokesperson") never does."""
    mine = member.speaker
    if not mine or not speaker or not (mine[0].isupper() and speaker[0].isupper()):
        return False
    return not same_person(mine, speaker)


def paraphrase_share(quote_words: set[str], passage_text: str) -> float:
    """Share of ``quote_words`` (content words) found in ``passage_text``."""
    if not quote_words:
        return 0.0
    return len(quote_words & set(content_words(passage_text))) / len(quote_words)


def best_paraphrase(quote_words: set[str], in_rows, elsewhere):
    """The best ``(start, end, text, passages)`` candidate that carries the quote's
    content: from ``in_rows`` (the version's cells in the quote's rows) at
    ``PARAPHRASE_SHARE``, else from ``elsewhere`` (its other passages) at the
    stricter ``ELSEWHERE_SHARE``. None if there is none."""
    for candidates, share in ((in_rows, PARAPHRASE_SHARE), (elsewhere, ELSEWHERE_SHARE)):
        if candidates is elsewhere and len(quote_words) < ELSEWHERE_MIN_WORDS:
            return None
        scored = [(paraphrase_share(quote_words, c[2]), -i, c) for i, c in enumerate(candidates)]
        scored = [s for s in scored if s[0] >= share]
        if scored:
            return max(scored)[2]
    return None
