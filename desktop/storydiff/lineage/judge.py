"""Each version's lineage figures, added to its statistics (first cut: coverage and a
verdict from the change share against the reference)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.core.model import Comparison, Verdict, VersionStats
from storydiff.lineage.figures import coverage


def lineage_stats(comparison: Comparison) -> dict[str, VersionStats]:
    """``comparison.stats`` with every version's lineage figures filled in
    (coverage, verdict, source, evidence, spin figures; see ``VersionStats``)."""
    out = {}
    for vid, stats in comparison.stats.items():
        share = coverage(comparison, vid)
        out[vid] = replace(stats, coverage=share, verdict=_verdict(comparison, stats, share))
    return out


def _verdict(comparison: Comparison, stats: VersionStats, share: float) -> str:
    if stats.version == comparison.reference:
        return Verdict.REFERENCE.value
    if share < 0.2:
        return Verdict.INDEPENDENT.value
    if stats.change_share <= 0.03:
        return Verdict.COPY.value
    return (Verdict.LIGHT_EDIT if stats.change_share <= 0.2 else Verdict.REWRITE).value
