"""What one cell of the compare view shows: its text, change spans and marks.

Every offset here is a code point into the cell's ``text``; the delegate
converts them to UTF-16 with ``storydiff.diffing.utf16_spans`` when it paints.
Highlights are overlays: the cell text is the version's own text, never
rewritten to carry them.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, PassageKind
from storydiff.diffing.cells import CellText, cell_text

_KIND_CLASSES = {
    ChangeKind.INSERTION: "insertion",
    ChangeKind.DELETION: "deletion",
    ChangeKind.SUBSTITUTION: "substitution",
    ChangeKind.REPORTING_VERB: "substitution",
    # Changes of fact are coloured more strongly than a reworded phrase.
    ChangeKind.NUMBER: "serious",
    ChangeKind.NAME: "serious",
    ChangeKind.NEGATION: "serious",
}


def kind_class(kind: ChangeKind) -> str:
    """The display class of a change kind: "insertion", "deletion",
    "substitution", "serious" (number, name, negation) or "trivial"."""
    return "trivial" if kind.trivial else _KIND_CLASSES[kind]


class Span(NamedTuple):
    """One highlighted change: ``text[start:end]`` of its cell, in code points."""

    start: int
    end: int
    kind_class: str
    tooltip: str


@dataclass(frozen=True)
class CellView:
    """One cell as displayed. ``text`` is "" and ``omitted`` True where the
    version has no passage in the row; ``deleted`` lists reference words this
    version dropped (they are not in ``text``, so they cannot be spans);
    ``similarity`` is the cosine similarity to the reference cell, if any;
    ``kind`` is the passage kind the whole cell shares ("body" when mixed): a
    "furniture" cell is page chrome and is shown dimmed, the others get a tag."""

    text: str = ""
    spans: tuple[Span, ...] = ()
    deleted: tuple[str, ...] = ()
    omitted: bool = False
    moved: bool = False
    similarity: float | None = None
    kind: str = PassageKind.BODY.value

    @property
    def tag(self) -> str | None:
        """The small label painted on the cell ("headline", "byline"...), if any."""
        return None if self.kind in (PassageKind.BODY, PassageKind.FURNITURE) else str(self.kind)

    @property
    def dimmed(self) -> bool:
        """True for page chrome, drawn greyed out: it is kept in the text but is no statement."""
        return self.kind == PassageKind.FURNITURE


def cell_view(comparison: Comparison, row_index: int, version_id: str, *, show_trivial: bool) -> CellView:
    """The cell of ``version_id`` in row ``row_index`` (a position in
    ``comparison.rows``), with trivial changes left out unless ``show_trivial``.
    The reference's cells carry no spans: changes are marked on the other side."""
    row = comparison.rows[row_index]
    indexes = row.cells.get(version_id, ())
    moved = version_id in row.moved
    if not indexes:
        if _furniture_only(comparison, row.cells):
            # Page chrome missing from a version is no omission: an empty, dimmed cell.
            return CellView(moved=moved, kind=PassageKind.FURNITURE.value)
        return CellView(omitted=True, moved=moved)
    passages = comparison.passages[version_id]
    cell = cell_text(comparison.version(version_id).text, passages, indexes)
    kind = cell_kind(passages, indexes)
    if version_id == comparison.reference:
        return CellView(text=cell.text, moved=moved, kind=kind)
    changes = [c for c in _cell_changes(comparison, row.index, version_id) if show_trivial or not c.trivial]
    spans, unplaced = _place(cell, changes)
    return CellView(
        text=cell.text,
        spans=spans,
        deleted=tuple(c.before.strip() for c in unplaced if c.before.strip()),
        moved=moved,
        similarity=row.similarity.get(version_id),
        kind=kind,
    )


def _furniture_only(comparison: Comparison, cells: dict[str, tuple[int, ...]]) -> bool:
    """True if every passage of the row is page chrome (and there is at least one)."""
    kinds = {cell_kind(comparison.passages[vid], cell) for vid, cell in cells.items() if cell}
    return kinds == {PassageKind.FURNITURE.value}


def cell_kind(passages: Sequence[Passage], indexes: Iterable[int]) -> str:
    """The kind shared by all the passages at ``indexes`` ("body" if they differ or none)."""
    kinds = {str(passages[i].kind) for i in indexes}
    return kinds.pop() if len(kinds) == 1 else PassageKind.BODY.value


def change_tooltip(change: Change) -> str:
    """How a change reads in a tooltip, e.g. ``"said → mentioned (reporting-verb)"``."""
    before, after = change.before.strip(), change.after.strip()
    if before and after:
        edit = f"{before} → {after}"
    elif after:
        edit = f"+ {after}"
    elif before:
        edit = f"− {before}"
    else:
        return change.kind.value  # whitespace only: nothing readable to quote
    return f"{edit} ({change.kind.value})"


def deleted_line(deleted: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The line listed under a cell, e.g. ``"− a · up the"``, and the code-point
    range of each word in it (to strike them out). ``("", ())`` when nothing was deleted.
    A middle dot separates the items because deleted text is often a comma."""
    if not deleted:
        return "", ()
    text, ranges = "− ", []
    for number, words in enumerate(deleted):
        text += " · " if number else ""
        ranges.append((len(text), len(text) + len(words)))
        text += words
    return text, tuple(ranges)


def _place(cell: CellText, changes: Iterable[Change]) -> tuple[tuple[Span, ...], list[Change]]:
    """Spans for the changes that sit in the cell's text (sorted, overlaps
    clipped) and the changes that cannot: deletions and unplaceable offsets."""
    spans: list[Span] = []
    unplaced: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start is None, c.start or 0, c.end or 0)):
        local = None if change.in_reference or not change.after else _local_range(cell, change)
        if local is None:
            unplaced.append(change)
            continue
        start = max(local[0], spans[-1].end) if spans else local[0]
        if start < local[1]:
            spans.append(Span(start, local[1], kind_class(change.kind), change_tooltip(change)))
    return tuple(spans), unplaced


def _local_range(cell: CellText, change: Change) -> tuple[int, int] | None:
    """The change's version-text offsets as offsets into the cell's text, if
    the change lies inside one of the cell's pieces."""
    if change.start is None or change.end is None or change.end < change.start:
        return None
    for local, origin, length in cell.pieces:
        if origin <= change.start and change.end <= origin + length:
            return local + change.start - origin, local + change.end - origin
    return None


class _ChangeIndex:
    """The changes of the last comparison seen, grouped by (row, version).

    Comparisons hold dicts, so they cannot be hashed; one weakly held slot is
    enough because a view shows one comparison at a time.
    """

    def __init__(self) -> None:
        self._owner: weakref.ref[Comparison] | None = None
        self._cells: dict[tuple[int, str], list[Change]] = {}

    def get(self, comparison: Comparison, row: int, version_id: str) -> list[Change]:
        if self._owner is None or self._owner() is not comparison:
            self._cells = defaultdict(list)
            for change in comparison.changes:
                self._cells[(change.row, change.version)].append(change)
            self._owner = weakref.ref(comparison)
        return self._cells.get((row, version_id), [])


_INDEX = _ChangeIndex()


def _cell_changes(comparison: Comparison, row: int, version_id: str) -> list[Change]:
    return _INDEX.get(comparison, row, version_id)
