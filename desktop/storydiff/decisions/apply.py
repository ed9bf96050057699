"""``apply_decisions``: replay the user's decisions on a comparison and rebuild it.

Row decisions are replayed in order on the rows (``RowSet``); the comparison is
then rebuilt by ``engine.assemble`` (changes, statistics and quotes follow the
new rows; no model is needed); quote-status decisions are laid over the rebuilt
quotes last, since rebuilding recomputes every status.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storydiff.core.model import Comparison, Occurrence, Quote
from storydiff.decisions.make import KINDS, read
from storydiff.decisions.rows import Conflict, RowSet
from storydiff.engine import assemble
from storydiff.storage.session_values import Decision

# Share of words (Jaccard) a quote must have in common with a decision's wording
# to be taken as the same quote: re-aligning can change the canonical wording a
# little (a trimmed version becomes the fullest one), a different quote shares far less.
MIN_QUOTE_OVERLAP = 0.5

_ROW_STEPS = {
    "link": lambda rows, args: rows.link(args["nodes"]),
    "unlink": lambda rows, args: rows.unlink(args["node"]),
    "split": lambda rows, args: rows.split(args["nodes"]),
    "merge": lambda rows, args: rows.merge(args["nodes"]),
    "mark-moved": lambda rows, args: rows.mark_moved(args["node"], args["moved"]),
}


@dataclass(frozen=True)
class Applied:
    """The comparison with the decisions applied, and one line per decision skipped.

    A conflict reads like "link: 02-rewrite passage 15 no longer exists"
    (passages are counted from 1 there, as a reader counts them).
    """

    comparison: Comparison
    conflicts: tuple[str, ...]


def apply_decisions(comparison: Comparison, decisions: Sequence[Decision]) -> Applied:
    """``comparison`` with ``decisions`` applied in order; never raises for a decision.

    Rows keep their order; a row made by unlink or split comes right after its
    source row; a row a decision changed has no similarity (None), the others
    keep theirs. Every passage stays in exactly one row. A decision naming a
    version or passage that is gone, or that no longer makes sense, is skipped
    and reported in ``conflicts``. Without effective row changes the comparison
    is not rebuilt (same object, so exports stay byte for byte the same).
    """
    rows, conflicts, statuses = RowSet(comparison), [], []
    for decision in decisions:
        args = _arguments(decision, conflicts)
        if args is None:
            continue
        if decision.kind == "quote-status":
            statuses.append(args)
            continue
        try:
            _ROW_STEPS[decision.kind](rows, args)
        except Conflict as exc:
            conflicts.append(f"{decision.kind}: {exc}")
    result = _rebuilt(comparison, rows)
    for args in statuses:
        try:
            result = _with_status(result, args["quote"], args["version"], args["status"])
        except Conflict as exc:
            conflicts.append(f"quote-status: {exc}")
    return Applied(result, tuple(conflicts))


def _arguments(decision: Decision, conflicts: list[str]) -> dict | None:
    """The decision's checked arguments, or None (and a conflict) when it cannot be read."""
    if decision.kind not in KINDS:
        conflicts.append(f"{decision.kind}: not a kind of decision this StoryDiff knows")
        return None
    try:
        return read(decision)
    except (KeyError, TypeError, ValueError) as exc:  # a damaged or hand-edited payload
        conflicts.append(f"{decision.kind}: the decision is damaged ({type(exc).__name__}: {exc})")
        return None


def _rebuilt(comparison: Comparison, rows: RowSet) -> Comparison:
    new_rows = rows.to_rows(comparison)
    if new_rows == comparison.rows:
        return comparison
    return assemble(comparison.model, comparison.threshold, comparison.reference, comparison.versions,
                    comparison.passages, new_rows)


def _with_status(comparison: Comparison, wording: str, version: str, status: str) -> Comparison:
    """``comparison`` with ``version``'s status pinned for the quote closest to ``wording``."""
    if version not in {v.id for v in comparison.versions}:
        raise Conflict(f"version {version} is no longer in the comparison")
    position = _closest_quote(comparison.quotes, wording)
    if position is None:
        raise Conflict(f"no quote like “{_shortened(wording)}” any more")
    quote = comparison.quotes[position]
    pinned = _pinned(quote.occurrences.get(version, Occurrence(status)), status)
    quote = replace(quote, occurrences={**quote.occurrences, version: pinned})
    quotes = comparison.quotes[:position] + (quote,) + comparison.quotes[position + 1 :]
    return replace(comparison, quotes=quotes)


def _pinned(occurrence: Occurrence, status: str) -> Occurrence:
    """The occurrence with the user's status; its text and offsets stay (the user
    may call a found rendering "absent"), and no offsets without text."""
    if occurrence.text is None:
        return replace(occurrence, status=status, start=None, end=None)
    return replace(occurrence, status=status)


def _closest_quote(quotes: Sequence[Quote], wording: str) -> int | None:
    """Position of the quote sharing the most words with ``wording`` (the first on a tie), if enough."""
    wanted = _words(wording)
    scores = [_overlap(wanted, _words(quote.text)) for quote in quotes]
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= MIN_QUOTE_OVERLAP else None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
