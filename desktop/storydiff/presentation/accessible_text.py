"""What a screen reader says for the window's painted items, computed without Qt.

Cells, quote badges, coverage-map cells, versions and the overview strip are
painted, so a screen reader learns nothing from their pixels. These functions
give each one a *name* (what it is and holds, read first) and a *description*
(its changes or details, in words: colour is never the only carrier of
meaning). The Qt models answer them for ``Qt.AccessibleTextRole`` and
``Qt.AccessibleDescriptionRole``; custom widgets set them as their accessible
name and description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from storydiff.core.model import Change, ChangeKind, Comparison, Occurrence, VersionStats
from storydiff.presentation.cells import CellView, _cell_changes
from storydiff.presentation.lineage_layout import LineageNode
from storydiff.quotes import status as st

QUOTED_WORDS = 4  # insertions and deletions up to this many words are quoted, longer ones counted
_SERIOUS = {ChangeKind.NUMBER: "number", ChangeKind.NAME: "name", ChangeKind.NEGATION: "negation"}
_STATUS_WORDS = {
    st.VERBATIM: "verbatim, word for word",
    st.TRIMMED: "trimmed, words cut but none changed",
    st.PARAPHRASED: "paraphrased",
    st.ALTERED: "altered wording",
    st.ABSENT: "absent",
    st.MISATTRIBUTED: "misattributed to another speaker",
}


# Compare-view cells


def cell_name(label: str, statement: int, view: CellView, *, reference: bool) -> str:
    """E.g. ``"02-rewrite, statement 3: The council said…"``; ``"…, statement 4: omitted"``.
    ``statement`` counts from 1 (the row number shown)."""
    who = f"{label} (reference)" if reference else label
    if view.omitted:
        return f"{who}, statement {statement}: omitted"
    if not view.text.strip():
        return f"{who}, statement {statement}: empty"
    return f"{who}, statement {statement}: {_one_line(view.text)}"


def cell_description(view: CellView, changes: Sequence[Change], *, reference: bool) -> str:
    """The cell's changes against the reference in words, e.g.
    ``"'said' replaced by 'claimed'; 3 words added; moved"``. The reference says
    so; a cell with no change says "unchanged"; an omitted cell says "omitted"."""
    if view.omitted:
        return "omitted: this version does not carry the statement" + ("; moved" if view.moved else "")
    parts = ["reference: the others are compared with it"] if reference else _changes_in_words(changes)
    if not reference and not parts:
        parts = ["unchanged"] if view.similarity is not None else ["not in the reference"]
    if view.moved:
        parts.append("moved")
    if view.tag:
        parts.append(view.tag)
    return "; ".join(parts)


def cell_changes(comparison: Comparison, row_index: int, version_id: str, *, show_trivial: bool) -> list[Change]:
    """The changes of ``version_id`` in row ``row_index`` (a position in
    ``comparison.rows``) that the cell shows: trivial ones only if ``show_trivial``."""
    row = comparison.rows[row_index]
    return [c for c in _cell_changes(comparison, row.index, version_id) if show_trivial or not c.trivial]


def change_in_words(change: Change) -> str:
    """One change, e.g. ``"'said' replaced by 'claimed'"``, ``"3 words added"``,
    ``"number changed: '40' replaced by '45'"``, ``"'not' removed"``."""
    before, after = change.before.strip(), change.after.strip()
    if change.kind in _SERIOUS:
        return f"{_SERIOUS[change.kind]} changed: {_edit(before, after)}"
    if change.kind == ChangeKind.REPORTING_VERB:
        return f"reporting verb changed: {_edit(before, after)}"
    return _edit(before, after)


def _changes_in_words(changes: Iterable[Change]) -> list[str]:
    """Each substantive change in words, then the trivial ones counted by kind."""
    changes = list(changes)
    parts = [change_in_words(c) for c in changes if not c.trivial and (c.before.strip() or c.after.strip())]
    trivial = Counter(c.kind.value for c in changes if c.trivial)
    if trivial:
        kinds = ", ".join(kind for kind, _ in trivial.most_common())
        count = sum(trivial.values())
        parts.append(f"{count} trivial change{'s' if count > 1 else ''} ({kinds})")
    return parts


def _edit(before: str, after: str) -> str:
    if before and after:
        return f"{_words(before)} replaced by {_words(after)}"
    if after:
        return f"{_words(after)} added"
    if before:
        return f"{_words(before)} removed"
    return "spacing changed"


def _words(text: str) -> str:
    """``'text'`` if it is short, else ``"N words"``."""
    count = len(text.split())
    return f"'{text}'" if count <= QUOTED_WORDS else f"{count} words"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Quote badges


def quote_status_name(label: str, occurrence: Occurrence | None) -> str:
    """A version's badge for a quote, e.g. ``"02-rewrite: altered wording, speaker Jane Roe"``."""
    if occurrence is None:
        return f"{label}: no status"
    status = _STATUS_WORDS.get(occurrence.status, occurrence.status)
    if occurrence.text is None:
        return f"{label}: {status}"
    return f"{label}: {status}, speaker {occurrence.speaker or 'not named'}"


def quote_status_description(occurrence: Occurrence | None) -> str:
    """The version's wording of the quote, or that it does not print it."""
    if occurrence is None or occurrence.text is None:
        return "not in this version"
    return f"“{_one_line(occurrence.text)}”"


def quote_text_name(speaker: str | None, text: str) -> str:
    """The Speaker and Quote cells read together, e.g. ``"Jane Roe: “We will…”"``."""
    return f"{speaker or 'unnamed speaker'}: “{_one_line(text)}”"


# Coverage map


def coverage_cell_name(statement: int, opening: str, label: str, state_words: str) -> str:
    """E.g. ``"Statement 12, Ms Ardern said…: 09-aljazeera, reworded (34% of its words)"``.
    ``state_words`` is ``map_layout.cell_description`` of the cell."""
    return f"Statement {statement}, {opening}: {label}, {state_words}"


# Versions


def version_name(label: str, stats: VersionStats | None, *, reference: bool) -> str:
    """A line of the versions panel, e.g. ``"03-spun, verdict spun"`` (the source is in its description)."""
    if reference:
        return f"{label}, reference"
    if stats is None or not stats.verdict:
        return label
    return f"{label}, verdict {stats.verdict}"


def version_description(words: int, stats: VersionStats | None, *, reference: bool, source: str | None) -> str:
    """E.g. ``"412 words; covers 80% of the reference; 12% of its words changed; likely source 01-wire"``."""
    parts = [f"{words} word{'s' if words != 1 else ''}"]
    if stats is not None and not reference:
        # A VersionStats without a verdict was never judged: its coverage is a default.
        if stats.verdict and stats.coverage <= 0:
            parts.append("shares nothing with the reference")
        elif stats.verdict:
            parts.append(f"covers {round(stats.coverage * 100)}% of the reference")
        if not stats.verdict or stats.coverage > 0:
            parts.append(f"{round(stats.change_share * 100)}% of its words changed")
        if source:
            parts.append(f"likely source {source}")
    return "; ".join(parts)


# Overview strip


def strip_description(changes: Iterable[int], omissions: Iterable[int], found: Iterable[int] = ()) -> str:
    """The overview strip in words, rows counted from 0, e.g.
    ``"Changes in statements 2, 3 and 5. Omissions in statement 4."``; while Find has
    matches (``found``), their lane too: ``"... Matches in statements 1 and 4."``."""
    text = f"{lane_description('Changes', changes)} {lane_description('Omissions', omissions)}"
    found = list(found)
    return f"{text} {lane_description('Matches', found)}" if found else text


def lane_description(what: str, rows: Iterable[int]) -> str:
    """One lane of the strip, e.g. ``"Changes in statements 2 and 3."``; ``"No omissions."``."""
    numbers = [str(row + 1) for row in sorted(set(rows))]
    if not numbers:
        return f"No {what.lower()}."
    if len(numbers) == 1:
        return f"{what} in statement {numbers[0]}."
    return f"{what} in statements {', '.join(numbers[:-1])} and {numbers[-1]}."


# Lineage tree


def lineage_description(comparison: Comparison, nodes: Iterable[LineageNode]) -> str:
    """The lineage tree in words, one version after another, e.g.
    ``"01-wire, the reference. 03-spun, spun, from 01-wire."``."""
    sentences = []
    for node in nodes:
        label = comparison.version(node.version).label
        stats = comparison.stats.get(node.version)
        verdict = "the reference" if node.version == comparison.reference else (stats.verdict if stats else "")
        source = f", from {comparison.version(node.parent).label}" if node.parent else ""
        sentences.append(f"{label}{', ' + verdict if verdict else ''}{source}.")
    return " ".join(sentences) or "No versions."
