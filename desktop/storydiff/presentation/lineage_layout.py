"""The lineage graph's layout and the spin panel's lines, computed without Qt.

The graph is drawn as an indented tree: one line per version, each version
under the version it most likely derives from (``VersionStats.source``), the
reference at the top. Versions whose source is unknown hang from no parent
and follow the tree in listed order.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.core.model import Comparison
from storydiff.presentation.coverage import version_order


@dataclass(frozen=True)
class LineageNode:
    """One version in the tree: its line (0 = top), its depth (0 = a root) and its parent's id."""

    version: str
    line: int
    depth: int
    parent: str | None


def lineage_tree(comparison: Comparison) -> tuple[LineageNode, ...]:
    """Every version once, in depth-first order, each right below its source."""
    depth: dict[str, int] = {}
    nodes = []
    for line, vid in enumerate(version_order(comparison, "lineage")):
        parent = _source(comparison, vid)
        # A parent not yet placed (unknown, or a cycle of sources) makes this a root rather than a loop.
        parent = parent if parent in depth and vid != comparison.reference else None
        depth[vid] = depth[parent] + 1 if parent is not None else 0
        nodes.append(LineageNode(vid, line, depth[vid], parent))
    return tuple(nodes)


@dataclass(frozen=True)
class SpinSummary:
    """What the spin panel says about one version (all from its ``VersionStats``)."""

    verdict: str
    source: str | None
    narrative_substituted: float
    quotes_touched: int
    quotes_untouched: int
    pairs: tuple[tuple[str, str, int], ...]
    evidence: tuple[str, ...]

    def headline(self, label_of) -> str:
        """E.g. "spun, from 11-trtworld"; ``label_of`` maps a version id to its label."""
        verdict = self.verdict or "not judged"
        return f"{verdict}, from {label_of(self.source)}" if self.source else verdict

    def figures(self) -> str:
        """E.g. "12% of narrative words substituted · quotes: 2 touched, 7 untouched"."""
        quotes = f"quotes: {self.quotes_touched} touched, {self.quotes_untouched} untouched"
        return f"{self.narrative_substituted:.0%} of narrative words substituted · {quotes}"


def spin_summary(comparison: Comparison, version_id: str) -> SpinSummary | None:
    """The spin panel's content for ``version_id``; None when the comparison has no stats for it."""
    stats = comparison.stats.get(version_id)
    if stats is None:
        return None
    return SpinSummary(stats.verdict, stats.source, stats.narrative_substituted, stats.quotes_touched,
                       stats.quotes_untouched, tuple(stats.spin_pairs), tuple(stats.evidence))


def _source(comparison: Comparison, vid: str) -> str | None:
    stats = comparison.stats.get(vid)
    return stats.source if stats is not None else None
