"""Which versions the compare view shows as columns, in what order, and how wide.

Qt-free: the compare view asks these functions and only converts pixels. The
reference is always the first column (it stays frozen at the left while the
others scroll), and it cannot be hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storydiff.core.model import Comparison
from storydiff.presentation.coverage import version_order

# Column orders the user can choose; the values are what a session stores.
ORDER_LISTED = "listed"  # the reference, then the versions as listed in the versions panel
ORDER_SIMILARITY = "similarity"  # most like the reference first
ORDER_LINEAGE = "lineage"  # each version right after the version it derives from
ORDERS = (ORDER_LISTED, ORDER_SIMILARITY, ORDER_LINEAGE)
ORDER_NAMES = {
    ORDER_LISTED: "Reference, then as listed",
    ORDER_SIMILARITY: "By similarity to the reference",
    ORDER_LINEAGE: "By lineage (source first)",
}


@dataclass(frozen=True)
class ColumnSettings:
    """The user's column choices: an order (one of ``ORDERS``) and the hidden version ids."""

    order: str = ORDER_LISTED
    hidden: frozenset[str] = field(default_factory=frozenset)

    def to_json(self) -> dict[str, Any]:
        return {"order": self.order, "hidden": sorted(self.hidden)}

    @classmethod
    def from_json(cls, data: Any) -> ColumnSettings:
        """Settings from ``to_json`` output; anything malformed falls back to the defaults."""
        if not isinstance(data, Mapping):
            return cls()
        order = data.get("order")
        hidden = data.get("hidden")
        hidden_ids = frozenset(h for h in hidden if isinstance(h, str)) if isinstance(hidden, list) else frozenset()
        return cls(order if order in ORDERS else ORDER_LISTED, hidden_ids)


def ordered_versions(comparison: Comparison, order: str) -> list[str]:
    """Every version id in ``order`` (one of ``ORDERS``), the reference first.

    Similarity and lineage are the coverage map's orders (``presentation.coverage.version_order``),
    so that both views agree: least changed and most covering first; each version after its source.
    """
    by = {ORDER_SIMILARITY: "similarity", ORDER_LINEAGE: "lineage"}.get(order, "reference")
    return list(version_order(comparison, by))


def shown_columns(comparison: Comparison, settings: ColumnSettings) -> list[str]:
    """The version ids shown, in order: ``settings.order`` without the hidden ones
    (the reference is always shown)."""
    return [v for v in ordered_versions(comparison, settings.order)
            if v == comparison.reference or v not in settings.hidden]


def versions_differing_in_row(comparison: Comparison, row: int, *, show_trivial: bool) -> set[str]:
    """Versions whose cell in ``row`` (a position in ``comparison.rows``) differs from the
    reference's: omitted there, present where the reference is not, moved, or with a
    shown change. The reference itself is not included."""
    target = comparison.rows[row]
    has_reference = bool(target.cells.get(comparison.reference))
    changed = {c.version for c in comparison.changes
               if c.row == target.index and (show_trivial or not c.trivial)}
    differing = set()
    for version in comparison.versions:
        vid = version.id
        if vid == comparison.reference:
            continue
        present = bool(target.cells.get(vid))
        if present != has_reference or vid in target.moved or vid in changed:
            differing.add(vid)
    return differing


def hidden_unless_differing(comparison: Comparison, row: int, *, show_trivial: bool) -> frozenset[str]:
    """The hidden set that shows only the versions differing from the reference in ``row``."""
    differing = versions_differing_in_row(comparison, row, show_trivial=show_trivial)
    return frozenset(v.id for v in comparison.versions if v.id != comparison.reference and v.id not in differing)


def column_widths(available: int, count: int, minimum: int) -> list[int]:
    """Widths in pixels of ``count`` columns sharing ``available`` pixels: equal shares
    filling the space (the last takes the remainder), never narrower than ``minimum``
    (then the columns overflow and scroll)."""
    if count <= 0:
        return []
    share = available // count
    if share < minimum:
        return [minimum] * count
    return [share] * (count - 1) + [available - share * (count - 1)]
