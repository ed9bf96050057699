"""The side-by-side table of the HTML report: one column per version, one row per statement.

Changes are overlays: each passage's own text is cut at the change offsets
and the pieces wrapped in markup; the text itself is never rewritten.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, PassageKind, Row, Version
from storydiff.presentation.cells import cell_kind
from storydiff.report._common import ordered_versions

# Changes of fact: coloured more strongly than a reworded phrase.
_STRONG_KINDS = frozenset({ChangeKind.NUMBER, ChangeKind.NAME, ChangeKind.NEGATION})


def esc(text: str) -> str:
    """Escape input text for element content and attribute values alike."""
    return html.escape(text, quote=True)


def render_compare_table(comparison: Comparison) -> str:
    """The ``<table>`` of all rows, reference column first."""
    versions = ordered_versions(comparison)
    changes = _changes_by_cell(comparison.changes)
    head = "".join(_column_head(v, v.id == comparison.reference) for v in versions)
    body = "\n".join(_row_html(comparison, row, versions, changes) for row in comparison.rows)
    return (
        '<table class="compare">\n<thead><tr><th class="rownum" scope="col">#</th>'
        f"{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def place_changes(
    passages: Sequence[Passage], changes: Iterable[Change]
) -> tuple[list[list[Change]], list[Change]]:
    """Assign each change to the passage whose span contains it.

    Returns one position-sorted list per passage, and the changes that cannot
    be laid over this cell's text (reference offsets, no offsets, outside the
    passages, or overlapping a change already placed).
    """
    placed: list[list[Change]] = [[] for _ in passages]
    leftover: list[Change] = []
    for change in sorted(changes, key=_position):
        slot = _passage_slot(passages, change)
        if slot is None or _overlaps(placed[slot], change):
            leftover.append(change)
        else:
            placed[slot].append(change)
    return placed, leftover


def _position(change: Change) -> tuple[bool, int, int]:
    return (change.start is None, change.start or 0, change.end or 0)


def _passage_slot(passages: Sequence[Passage], change: Change) -> int | None:
    if change.in_reference or change.start is None or change.end is None:
        return None
    if change.end < change.start:
        return None
    for slot, passage in enumerate(passages):
        if passage.start <= change.start and change.end <= passage.end:
            return slot
    return None


def _overlaps(placed: list[Change], change: Change) -> bool:
    # Changes arrive sorted, so only the last placed one can overlap.
    return bool(placed) and placed[-1].end > change.start  # type: ignore[operator]


def _changes_by_cell(changes: Iterable[Change]) -> dict[tuple[int, str], list[Change]]:
    cells: dict[tuple[int, str], list[Change]] = defaultdict(list)
    for change in changes:
        cells[(change.row, change.version)].append(change)
    return cells


def _column_head(version: Version, is_reference: bool) -> str:
    badge = ' <span class="badge ref">reference</span>' if is_reference else ""
    return (
        f'<th scope="col">{esc(version.label)}{badge}'
        f'<br><span class="source">{esc(version.source)}</span></th>'
    )


def _row_html(
    comparison: Comparison,
    row: Row,
    versions: Sequence[Version],
    changes: dict[tuple[int, str], list[Change]],
) -> str:
    cells = "".join(
        _cell_html(comparison, row, v, changes.get((row.index, v.id), [])) for v in versions
    )
    number = f'<th class="rownum" scope="row">{row.index + 1}</th>'
    return f'<tr id="row-{row.index}">{number}{cells}</tr>'


def _cell_html(comparison: Comparison, row: Row, version: Version, changes: list[Change]) -> str:
    """One version's passages of one row, with that version's changes laid over them."""
    passages = _cell_passages(comparison, version.id, row.cells.get(version.id, ()))
    placed, leftover = place_changes(passages, changes)
    if passages:
        body = " ".join(_passage_html(p, c) for p, c in zip(passages, placed))
    else:
        body = "omitted"
    moved = version.id in row.moved
    kind = cell_kind(passages, range(len(passages)))
    badge = '<span class="badge moved">moved</span> ' if moved else ""
    if kind not in (PassageKind.BODY, PassageKind.FURNITURE):
        badge += f'<span class="badge kind">{esc(kind)}</span> '
    classes = "cell" + ("" if passages else " omitted") + (" moved" if moved else "")
    classes += " furniture" if kind == PassageKind.FURNITURE else ""
    title = esc(_cell_title(comparison, row, version.id, bool(passages)))
    return f'<td class="{classes}" title="{title}">{badge}{body}{_leftover_html(leftover)}</td>'


def _cell_passages(
    comparison: Comparison, version_id: str, indexes: Iterable[int]
) -> list[Passage]:
    passages = comparison.passages.get(version_id, ())
    return [passages[i] for i in indexes if 0 <= i < len(passages)]


def _cell_title(comparison: Comparison, row: Row, version_id: str, present: bool) -> str:
    """The hover text: how similar this cell is to the reference cell."""
    if not present:
        return "omitted in this version"
    if version_id == comparison.reference:
        return "reference"
    similarity = row.similarity.get(version_id)
    if similarity is None:
        return "no similarity to the reference"
    return f"similarity {similarity:.2f}"


def _passage_html(passage: Passage, changes: list[Change]) -> str:
    """The passage text cut at the (sorted, non-overlapping) change offsets."""
    text, cursor, pieces = passage.text, 0, []
    for change in changes:
        # place_changes only keeps changes with offsets inside this passage.
        start = change.start - passage.start  # type: ignore[operator]
        end = change.end - passage.start  # type: ignore[operator]
        pieces.append(esc(text[cursor:start]))
        pieces.append(_change_html(change, text[start:end]))
        cursor = end
    pieces.append(esc(text[cursor:]))
    return f'<span class="passage">{"".join(pieces)}</span>'


def _change_html(change: Change, shown: str) -> str:
    """One change over ``shown``, the version's own text at the change's offsets."""
    classes, tip = _change_classes(change), esc(_change_tip(change))
    if not shown:
        # Nothing left in this version: strike through what the reference had, in place.
        return f'<del class="{classes}" title="{tip}">{esc(change.before)}</del>'
    if not change.before:
        return f'<ins class="{classes}" title="{tip}">{esc(shown)}</ins>'
    return (
        f'<span class="{classes}" title="{tip}">'
        f'<span class="was"><del>{esc(change.before)}</del>→</span>'
        f"<mark>{esc(shown)}</mark></span>"
    )


def _change_classes(change: Change) -> str:
    # Kind values are a closed enum, so they are safe as class names.
    classes = ["chg", f"k-{change.kind.value}"]
    if change.kind in _STRONG_KINDS:
        classes.append("strong")
    if change.trivial:
        classes.append("trivial")
    return " ".join(classes)


def _change_tip(change: Change) -> str:
    kind = change.kind.value
    if not change.before:
        return f"{kind}: + “{change.after}”"
    if not change.after:
        return f"{kind}: − “{change.before}”"
    return f"{kind}: “{change.before}” → “{change.after}”"


def _leftover_html(changes: list[Change]) -> str:
    """Changes that cannot sit in the text: listed under it, deletions struck through."""
    removed = [c for c in changes if not c.after]
    others = [c for c in changes if c.after]
    return _change_list("removed", "removed: ", removed) + _change_list(
        "unplaced", "changed: ", others
    )


def _change_list(css_class: str, caption: str, changes: list[Change]) -> str:
    if not changes:
        return ""
    items = ", ".join(_listed_change(c) for c in changes)
    # A list of trivial changes only hides as a whole with the toggle.
    trivial = " trivial" if all(c.trivial for c in changes) else ""
    return f'<div class="{css_class}{trivial}">{caption}{items}</div>'


def _listed_change(change: Change) -> str:
    classes, tip = _change_classes(change), esc(_change_tip(change))
    if not change.after:
        return f'<del class="{classes}" title="{tip}">{esc(change.before)}</del>'
    before = f"{esc(change.before)} → " if change.before else "+ "
    return f'<span class="{classes}" title="{tip}">{before}{esc(change.after)}</span>'
