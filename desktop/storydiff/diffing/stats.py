"""Per-pair numbers for step 5 of the pipeline: how much of a passage changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.core.model import Change
from storydiff.diffing.edits import Edit
from storydiff.diffing.tokens import word_count


@dataclass(frozen=True)
class PairStats:
    """Word and change counts for one aligned pair (``a`` reference, ``b`` other).

    ``words_changed`` sums, over non-trivial edits, the larger of the word
    counts of ``before`` and ``after``; ``substitutions`` lists the
    ``(before, after)`` of non-trivial edits with both sides non-empty.
    """

    words_before: int
    words_after: int
    words_changed: int
    changes: int
    trivial_changes: int
    substitutions: tuple[tuple[str, str], ...]


def edit_words(edit: Edit | Change) -> int:
    """Words an edit (or a stored ``Change``) touches: trivial edits count none, others
    the larger side."""
    if edit.kind.trivial:
        return 0
    return max(word_count(edit.before), word_count(edit.after))


def pair_stats(a: str, b: str, edits: Sequence[Edit]) -> PairStats:
    """Summarise ``edits`` (from :func:`diff_passages` of ``a`` and ``b``)."""
    return PairStats(
        words_before=word_count(a),
        words_after=word_count(b),
        words_changed=sum(edit_words(edit) for edit in edits),
        changes=len(edits),
        trivial_changes=sum(edit.kind.trivial for edit in edits),
        substitutions=tuple(
            (edit.before, edit.after)
            for edit in edits
            if not edit.kind.trivial and edit.before.strip() and edit.after.strip()
        ),
    )
