"""Copy as evidence: statements, cells and quotations as values that say which version said what.

An ``Evidence`` holds one ``Section`` per statement or quotation, and in each one
``VersionBlock`` per version, its label first: copying never mixes the versions' words.
A block's text is a run of ``Piece`` values: the version's own words, with each change
against the reference (a quotation: against its canonical wording) carrying the words it
replaced. ``storydiff.presentation.evidence_text`` writes them as plain text and as HTML.
Qt-free; every offset is a code point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from storydiff.core.model import Change, Comparison, Occurrence, Passage, PassageKind, Quote, Version
from storydiff.diffing import diff_passages
from storydiff.diffing.tokens import word_tokens
from storydiff.presentation.cells import cell_kind
from storydiff.presentation.navigation import default_columns
from storydiff.presentation.quotes import occurrence_passages
from storydiff.quotes import status as st
from storydiff.report._common import story_title
from storydiff.report.html_cells import place_changes

Cell = tuple[int, str]  # (row position in Comparison.rows, version id), as the compare view gives them


class Piece(NamedTuple):
    """A stretch of a version's text. ``kind`` is "" for words the version shares with what
    it is compared with; otherwise a ``ChangeKind`` value, ``text`` the version's words
    ("" for a removal) and ``before`` the words they replace ("" for an insertion)."""

    text: str
    before: str = ""
    kind: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.kind)


@dataclass(frozen=True)
class VersionBlock:
    """One version's words in a section. ``notes`` say its status in words ("reference",
    "moved: …", "similarity 0.91", "trimmed"...); ``pieces`` is empty where the version
    lacks the statement; ``aside`` lists changes that have no place in its text (words of
    the reference it dropped); ``quoted``: the words are a quotation (shown in quotation marks)."""

    label: str
    source: str
    retrieved: str | None
    notes: tuple[str, ...]
    pieces: tuple[Piece, ...] = ()
    aside: tuple[Piece, ...] = ()
    quoted: bool = False


@dataclass(frozen=True)
class Section:
    """One statement or quotation: ``heading`` ("Statement 3"), what the changes are
    measured against (``against``), a quotation's canonical wording, and the blocks."""

    heading: str
    against: str
    blocks: tuple[VersionBlock, ...]
    canonical: str | None = None


@dataclass(frozen=True)
class Evidence:
    """What is copied: the story's title and its sections, in reading order."""

    title: str
    sections: tuple[Section, ...]


def cells_evidence(comparison: Comparison, cells: Sequence[Cell], *, show_trivial: bool) -> Evidence:
    """The selected ``cells`` grouped by statement, rows in reading order, each row's
    versions in the order given. Trivial changes are left out unless ``show_trivial``."""
    by_row: dict[int, list[str]] = defaultdict(list)
    for row, version_id in cells:
        if version_id not in by_row[row]:
            by_row[row].append(version_id)
    lookup = _lookup(comparison)
    sections = (_row_section(comparison, lookup, row, by_row[row], show_trivial) for row in sorted(by_row))
    return Evidence(story_title(comparison), tuple(sections))


def rows_evidence(comparison: Comparison, rows: Iterable[int], version_ids: Sequence[str], *,
                  show_trivial: bool) -> Evidence:
    """Whole statements: each row (a position in ``comparison.rows``) in every one of
    ``version_ids`` (in that order; the window passes the columns it shows)."""
    return cells_evidence(comparison, [(r, v) for r in sorted(set(rows)) for v in version_ids],
                          show_trivial=show_trivial)


def quote_evidence(comparison: Comparison, quote: Quote, *, show_trivial: bool) -> Evidence:
    """A quotation as every version prints it (the reference first), with its status and the
    speaker each one names, differences marked against the canonical wording."""
    blocks = tuple(_occurrence_block(comparison, quote, vid, show_trivial)
                   for vid in default_columns(comparison) if vid in quote.occurrences)
    heading = f"Quotation {quote.id}, {quote.speaker or 'speaker not named'}"
    section = Section(heading, "the canonical wording (the fullest any version prints)", blocks, quote.text)
    return Evidence(story_title(comparison), (section,))


# Statements


@dataclass(frozen=True)
class _Lookup:
    """A comparison's changes by (row index, version id) and the quotations each passage
    holds by (version id, passage index): found once per copy, not once per cell."""

    changes: dict[tuple[int, str], list[Change]]
    quotes: dict[tuple[str, int], list[tuple[Quote, Occurrence]]]


def _lookup(comparison: Comparison) -> _Lookup:
    changes: dict[tuple[int, str], list[Change]] = defaultdict(list)
    for change in comparison.changes:
        changes[(change.row, change.version)].append(change)
    quotes: dict[tuple[str, int], list[tuple[Quote, Occurrence]]] = defaultdict(list)
    for quote in comparison.quotes:
        for version_id, occurrence in quote.occurrences.items():
            for index in occurrence_passages(comparison, version_id, occurrence):
                quotes[(version_id, index)].append((quote, occurrence))
    return _Lookup(changes, quotes)


def _row_section(comparison: Comparison, lookup: _Lookup, position: int, version_ids: Sequence[str],
                 show_trivial: bool) -> Section:
    reference = comparison.version(comparison.reference)
    blocks = tuple(_cell_block(comparison, lookup, position, vid, show_trivial) for vid in version_ids)
    return Section(f"Statement {position + 1}", f"the reference, {reference.label}", blocks)


def _cell_block(comparison: Comparison, lookup: _Lookup, position: int, version_id: str,
                show_trivial: bool) -> VersionBlock:
    row = comparison.rows[position]
    version = comparison.version(version_id)
    passages = _passages(comparison, version_id, row.cells.get(version_id, ()))
    if not passages:
        return _block(version, ("omitted: this version does not carry this statement",))
    changes = lookup.changes.get((row.index, version_id), [])
    shown = [c for c in changes if show_trivial or not c.trivial]
    placed, leftover = place_changes(passages, shown)
    pieces = _cell_pieces(version.text, passages, placed)
    notes = _cell_notes(comparison, position, version_id, passages, changes, shown)
    notes += _quote_notes(lookup, version_id, passages)
    return _block(version, notes, pieces, tuple(_change_piece(c) for c in leftover))


def _block(version: Version, notes: tuple[str, ...], pieces=(), aside=(), quoted: bool = False) -> VersionBlock:
    return VersionBlock(version.label, version.source, version.retrieved, notes, tuple(pieces), tuple(aside), quoted)


def _passages(comparison: Comparison, version_id: str, indexes: Iterable[int]) -> list[Passage]:
    passages = comparison.passages.get(version_id, ())
    return [passages[i] for i in indexes if 0 <= i < len(passages)]


def _cell_notes(comparison: Comparison, position: int, version_id: str, passages: list[Passage],
                changes: list[Change], shown: list[Change]) -> tuple[str, ...]:
    """The cell's status in words: reference, moved, kind of passage, similarity, wording."""
    row = comparison.rows[position]
    notes = []
    is_reference = version_id == comparison.reference
    if is_reference:
        notes.append("reference")
    elif not row.cells.get(comparison.reference):
        notes.append("not in the reference")
    if version_id in row.moved:
        notes.append("moved: out of the reference's order")
    kind = cell_kind(passages, range(len(passages)))
    if kind != PassageKind.BODY:
        notes.append(str(kind))
    similarity = row.similarity.get(version_id)
    if not is_reference and similarity is not None:
        notes.append(f"similarity {similarity:.2f}")
    if not is_reference and row.cells.get(comparison.reference):
        notes.append(_wording_note(changes, shown))
    return tuple(notes)


def _wording_note(changes: list[Change], shown: list[Change]) -> str:
    if not changes:
        return "same wording as the reference"
    if not shown:
        return "only trivial changes (not shown)"
    count = len(shown)
    return f"{count} change{'' if count == 1 else 's'}"


def _quote_notes(lookup: _Lookup, version_id: str, passages: list[Passage]) -> tuple[str, ...]:
    """How this version prints each quotation that lies in these passages, e.g.
    "quotation q1 (Helena Varga): trimmed"; a quotation across two passages is named once."""
    notes: dict[str, str] = {}
    for passage in passages:
        for quote, occurrence in lookup.quotes.get((version_id, passage.index), ()):
            speaker = occurrence.speaker or quote.speaker or "speaker not named"
            notes.setdefault(quote.id, f"quotation {quote.id} ({speaker}): {occurrence.status}")
    return tuple(notes.values())


def _cell_pieces(text: str, passages: list[Passage], placed: list[list[Change]]) -> tuple[Piece, ...]:
    """The passages read together (the version's own text between adjacent ones, else a
    space), each cut at its placed changes."""
    pieces: list[Piece] = []
    for number, (passage, changes) in enumerate(zip(passages, placed)):
        if number:
            previous = passages[number - 1]
            adjacent = passage.index == previous.index + 1
            pieces.append(Piece(text[previous.end:passage.start] if adjacent else " "))
        pieces.extend(_passage_pieces(passage, changes))
    return _merged(pieces)


def _passage_pieces(passage: Passage, changes: list[Change]) -> list[Piece]:
    """``passage.text`` cut at the (sorted, non-overlapping) ``changes``, which lie inside it."""
    pieces, cursor = [], 0
    for change in changes:
        start, end = change.start - passage.start, change.end - passage.start  # type: ignore[operator]
        pieces.append(Piece(passage.text[cursor:start]))
        # The version's own characters, never the change's copy of them.
        pieces.append(Piece(passage.text[start:end], change.before, change.kind.value))
        cursor = end
    pieces.append(Piece(passage.text[cursor:]))
    return pieces


def _change_piece(change: Change) -> Piece:
    return Piece(change.after, change.before, change.kind.value)


def _merged(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """Adjacent unchanged pieces joined, empty ones dropped."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.changed and not piece.text:
            continue
        if out and not piece.changed and not out[-1].changed:
            out[-1] = Piece(out[-1].text + piece.text)
        else:
            out.append(piece)
    return tuple(out)


# Quotations


def _occurrence_block(comparison: Comparison, quote: Quote, version_id: str, show_trivial: bool) -> VersionBlock:
    version = comparison.version(version_id)
    occurrence = quote.occurrences[version_id]
    notes = ["reference"] if version_id == comparison.reference else []
    notes.append(occurrence.status)
    if occurrence.text is None:
        return _block(version, (*notes, "not in this version"))
    speaker = occurrence.speaker or "not named"
    if occurrence.status == st.MISATTRIBUTED:
        notes.append(f"credited to {speaker}, not to {quote.speaker or 'the canonical speaker'}")
    else:
        notes.append(f"speaker: {speaker}")
    if occurrence.status == st.PARAPHRASED:
        # The writer's own sentence: word differences from the quotation would be noise.
        return _block(version, tuple(notes), (Piece(occurrence.text),))
    return _block(version, tuple(notes), wording_pieces(quote.text, occurrence.text, show_trivial=show_trivial),
                  quoted=True)


def wording_pieces(canonical: str, wording: str, *, show_trivial: bool) -> tuple[Piece, ...]:
    """``wording`` cut at its word differences from ``canonical``. A cut marked by an
    ellipsis (words dropped, "…" in their place) is a removal followed by the ellipsis."""
    pieces, cursor = [], 0
    for edit in diff_passages(canonical, wording):
        if edit.kind.trivial and not show_trivial:
            continue
        pieces.append(Piece(wording[cursor:edit.b_start]))
        cut = bool(word_tokens(edit.before)) and not word_tokens(edit.after)
        if cut:
            pieces += [Piece("", edit.before, edit.kind.value), Piece(edit.after)]
        else:
            pieces.append(Piece(edit.after, edit.before, edit.kind.value))
        cursor = edit.b_end
    pieces.append(Piece(wording[cursor:]))
    return _merged(pieces)
