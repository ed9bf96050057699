"""What the quotes view shows, computed without Qt.

Filters and sort keys for the list of quotes, each version's wording with its
differences from the canonical wording as spans, the passages around an
occurrence, and the compare-view row that holds it. Every offset here is a code
point; the widgets convert to UTF-16 with ``storydiff.diffing.utf16_spans``.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from storydiff.core.model import Comparison, Occurrence, Quote
from storydiff.diffing import Edit, diff_passages
from storydiff.diffing.cells import cell_text
from storydiff.diffing.tokens import word_tokens
from storydiff.presentation.cells import Span, kind_class
from storydiff.presentation.navigation import default_columns
from storydiff.quotes import status as st

# In the order the design lists them; the status filter offers them in this order.
STATUSES = (st.VERBATIM, st.TRIMMED, st.ALTERED, st.PARAPHRASED, st.ABSENT, st.MISATTRIBUTED)
# Sorting a version column ascending puts faithful renderings first, the worst last.
_RANK = {st.VERBATIM: 0, st.TRIMMED: 1, st.PARAPHRASED: 2, st.ABSENT: 3, st.ALTERED: 4, st.MISATTRIBUTED: 5}

ALL_QUOTES = "all"  # status filter: no filtering
DIFFERING = "differ"  # status filter: quotes some version does not print verbatim


def quote_differs(quote: Quote) -> bool:
    """True if some version renders ``quote`` otherwise than verbatim."""
    return any(o.status != st.VERBATIM for o in quote.occurrences.values())


def quote_matches(quote: Quote, speaker_text: str, status_filter: str) -> bool:
    """True if ``quote`` passes both filters: ``speaker_text`` is found (any case)
    in its canonical speaker ("" passes all), and ``status_filter`` is
    ``ALL_QUOTES``, ``DIFFERING`` or a status some version has."""
    needle = speaker_text.strip().casefold()
    if needle and needle not in (quote.speaker or "").casefold():
        return False
    if status_filter == ALL_QUOTES:
        return True
    if status_filter == DIFFERING:
        return quote_differs(quote)
    return any(o.status == status_filter for o in quote.occurrences.values())


def status_rank(status: str) -> int:
    """Sort rank of a status: 0 for verbatim up to 5 for misattributed (unknown: 6)."""
    return _RANK.get(status, len(_RANK))


def speaker_key(quote: Quote) -> tuple[bool, str]:
    """Sort key by speaker, quotes without a named speaker last."""
    return quote.speaker is None, (quote.speaker or "").casefold()


def version_column_widths(available: int, hints: list[int], *, badge: int, cap: int) -> list[int]:
    """Pixel widths of the version columns: each its header's ``hints`` width up to
    ``cap``, all shrunk to share ``available`` pixels, but never narrower than
    ``badge`` (the widest status badge): a badge is never clipped, a label is elided."""
    share = available // len(hints) if hints else 0
    return [max(badge, min(hint, cap, share)) for hint in hints]


def occurrence_tooltip(label: str, occurrence: Occurrence) -> str:
    """How a version renders a quote, for a tooltip:
    ``Label: status``, then the speaker it names and its wording."""
    lines = [f"{label}: {occurrence.status}"]
    if occurrence.text is None:
        lines.append("not in this version")
        return "\n".join(lines)
    lines.append(f"speaker: {occurrence.speaker or 'not named'}")
    lines.append(f"“{occurrence.text}”")
    return "\n".join(lines)


class Wording(NamedTuple):
    """A version's wording with its differences from the canonical wording:
    ``spans`` over ``text``, and ``removed``: canonical words it cut (shown apart)."""

    text: str
    spans: tuple[Span, ...]
    removed: tuple[str, ...]


def wording_view(canonical: str, wording: str) -> Wording:
    """``wording`` compared word by word with ``canonical``. A stretch it adds or
    replaces is a span (a kind class of the compare view: "insertion",
    "substitution", "serious", "trivial", or "deletion" for an ellipsis marking a
    cut); canonical words it drops or replaces by punctuation only are listed in
    ``removed``, since they are not in ``wording`` to be marked."""
    spans, removed = [], []
    for edit in diff_passages(canonical, wording):
        cut = bool(word_tokens(edit.before)) and not word_tokens(edit.after)
        if cut:
            removed.append(_bare(edit.before))
        if edit.after.strip():
            # An ellipsis standing for cut words is coloured as the deletion it marks.
            kind = "deletion" if cut else kind_class(edit.kind)
            spans.append(Span(edit.b_start, edit.b_end, kind, _edit_tooltip(edit)))
    return Wording(wording, tuple(spans), tuple(removed))


def _bare(text: str) -> str:
    """``text`` without the spaces and punctuation at its ends (". All of it" ->
    "All of it"); symbols stay ("$4.2" keeps its "$")."""
    chars = list(text.strip())
    while chars and (chars[0].isspace() or unicodedata.category(chars[0])[0] == "P"):
        chars.pop(0)
    while chars and (chars[-1].isspace() or unicodedata.category(chars[-1])[0] == "P"):
        chars.pop()
    return "".join(chars) or text.strip()


def _edit_tooltip(edit: Edit) -> str:
    """``far → much (substitution)``; ``+ words (insertion)``."""
    before, after = edit.before.strip(), edit.after.strip()
    edit_text = f"{before} → {after}" if before else f"+ {after}"
    return f"{edit_text} ({edit.kind.value})"


class Context(NamedTuple):
    """The passages holding an occurrence read together, and where the
    occurrence sits in that ``text`` (``start``/``end``)."""

    text: str
    start: int
    end: int


def occurrence_passages(comparison: Comparison, version_id: str, occurrence: Occurrence) -> tuple[int, ...]:
    """Indexes of the passages of ``version_id`` that ``occurrence`` touches
    (none when it is absent). An offset between two passages counts for the one before."""
    if occurrence.start is None or occurrence.end is None:
        return ()
    passages = comparison.passages.get(version_id, ())
    if not passages:
        return ()
    starts = [p.start for p in passages]
    first = max(0, bisect.bisect_right(starts, occurrence.start) - 1)
    last = max(first, bisect.bisect_left(starts, max(occurrence.end, occurrence.start + 1)) - 1)
    return tuple(range(first, last + 1))


def occurrence_context(comparison: Comparison, version_id: str, occurrence: Occurrence) -> Context | None:
    """The sentence(s) around ``occurrence``, or None if it is absent."""
    indexes = occurrence_passages(comparison, version_id, occurrence)
    if not indexes:
        return None
    passages = comparison.passages[version_id]
    cell = cell_text(comparison.version(version_id).text, passages, indexes)
    origin = passages[indexes[0]].start  # adjacent passages: the cell is one exact slice
    start = min(max(occurrence.start - origin, 0), len(cell.text))
    return Context(cell.text, start, min(max(occurrence.end - origin, start), len(cell.text)))


def occurrence_row(comparison: Comparison, version_id: str, occurrence: Occurrence) -> int | None:
    """Position in ``comparison.rows`` of the row holding the first passage of
    ``occurrence`` (None if it is absent or its passage is in no row)."""
    indexes = occurrence_passages(comparison, version_id, occurrence)
    if not indexes:
        return None
    return next(
        (position for position, row in enumerate(comparison.rows) if indexes[0] in row.cells.get(version_id, ())),
        None,
    )


def quote_row(comparison: Comparison, quote: Quote) -> int | None:
    """The row to show for ``quote``: its reference occurrence's, else that of
    the first version (in column order) that has one."""
    for version_id in default_columns(comparison):
        occurrence = quote.occurrences.get(version_id)
        row = None if occurrence is None else occurrence_row(comparison, version_id, occurrence)
        if row is not None:
            return row
    return None


@dataclass(frozen=True)
class OccurrenceView:
    """One version's rendering of a quote, as the details area shows it.
    ``wording``/``context`` are None where the quote is absent."""

    version: str
    label: str
    is_reference: bool
    status: str
    speaker: str | None
    speaker_differs: bool
    wording: Wording | None
    context: Context | None


def occurrence_views(comparison: Comparison, quote: Quote) -> tuple[OccurrenceView, ...]:
    """Every version's rendering of ``quote``, the reference first."""
    return tuple(_occurrence_view(comparison, quote, vid) for vid in _versions_of(comparison, quote))


def _versions_of(comparison: Comparison, quote: Quote) -> Iterable[str]:
    return (vid for vid in default_columns(comparison) if vid in quote.occurrences)


def _occurrence_view(comparison: Comparison, quote: Quote, version_id: str) -> OccurrenceView:
    occurrence = quote.occurrences[version_id]
    wording = None if occurrence.text is None else wording_view(quote.text, occurrence.text)
    return OccurrenceView(
        version=version_id,
        label=comparison.version(version_id).label,
        is_reference=version_id == comparison.reference,
        status=occurrence.status,
        speaker=occurrence.speaker,
        speaker_differs=occurrence.status == st.MISATTRIBUTED,
        wording=wording,
        context=occurrence_context(comparison, version_id, occurrence),
    )
