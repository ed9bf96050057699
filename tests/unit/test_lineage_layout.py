"""The lineage tree's layout and the spin panel's lines (Qt-free)."""

from __future__ import annotations

from storydiff.core.model import Comparison, Version, VersionStats
from storydiff.presentation.lineage_layout import lineage_tree, spin_summary


def _comparison(sources: dict[str, str | None], reference: str = "v1") -> Comparison:
    ids = sorted({*sources, reference})
    versions = tuple(Version(v, f"Outlet {v}", f"{v}.txt", "x.", "0") for v in ids)
    stats = {v: VersionStats(v, 1, 0, 0, 0, 0, 0, 0.0, 0.0, verdict="spun" if v == "v3" else "copy",
                             source=sources.get(v), narrative_substituted=0.125, quotes_touched=2,
                             quotes_untouched=5, spin_pairs=(("said", "mentioned", 3), ("war", "warfare", 1)),
                             evidence=("shares 9 of 10 statements",))
             for v in ids}
    return Comparison("fake", 0.7, reference, versions, {v: () for v in ids}, (), (), stats)


def test_each_version_sits_below_its_source_one_level_deeper():
    tree = lineage_tree(_comparison({"v2": "v1", "v3": "v2", "v4": "v1", "v5": None}))
    by_id = {node.version: node for node in tree}
    assert [node.version for node in tree] == ["v1", "v2", "v3", "v4", "v5"]
    assert [node.line for node in tree] == [0, 1, 2, 3, 4]
    assert (by_id["v1"].depth, by_id["v2"].depth, by_id["v3"].depth, by_id["v4"].depth) == (0, 1, 2, 1)
    assert by_id["v3"].parent == "v2" and by_id["v5"].parent is None and by_id["v5"].depth == 0


def test_a_cycle_of_sources_does_not_loop():
    tree = lineage_tree(_comparison({"v2": "v3", "v3": "v2"}))
    assert sorted(node.version for node in tree) == ["v1", "v2", "v3"]
    assert all(node.depth <= 1 for node in tree)


def test_spin_summary_lines():
    comparison = _comparison({"v2": "v1", "v3": "v2"})
    summary = spin_summary(comparison, "v3")
    assert summary.headline(lambda vid: f"Outlet {vid}") == "spun, from Outlet v2"
    assert summary.figures() == "12% of narrative words substituted · quotes: 2 touched, 5 untouched"
    assert summary.pairs[0] == ("said", "mentioned", 3)
    assert spin_summary(comparison, "v9") is None
