"""Honest per-version figures in the versions panel, the lineage tree and the spin panel."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from storydiff.storage.session import workspace_of
from storydiff.ui.models.spin_pairs_model import SpinPairsModel
from storydiff.ui.models.versions_model import StatsRole
from storydiff.ui.views.lineage_pane import LineagePane
from storydiff.ui.views.version_delegate import details_text, verdict_badge


def _judged(comparison):
    """The sample with hand-set lineage figures: v3 spun from v2, v4 shares nothing."""
    figures = {
        "v2": dict(verdict="rewrite", source="v1", coverage=0.8),
        "v3": dict(verdict="spun", source="v2", coverage=0.9, narrative_substituted=0.25, quotes_touched=2,
                   quotes_untouched=3, spin_pairs=(("said", "mentioned", 4), ("war", "warfare", 1)),
                   evidence=("shares 9 of 10 statements with v2",)),
        "v4": dict(verdict="independent", source=None, coverage=0.0),
    }
    stats = {vid: replace(s, **figures.get(vid, {})) for vid, s in comparison.stats.items()}
    return replace(comparison, stats=stats)


def test_details_tell_coverage_apart_from_change_share():
    assert details_text("a/wire.txt", 400, 0.0, False, coverage=0.0) == "wire.txt · 400 words · shares nothing"
    assert details_text("spun.txt", 400, 0.123, False, coverage=0.8) == "spun.txt · 400 words · covers 80% · 12% changed"
    assert details_text("wire.txt", 400, 0.0, True, coverage=1.0) == "wire.txt · 400 words"
    assert details_text("spun.txt", 4, 0.5, False) == "spun.txt · 4 words · 50% changed"  # not judged


def test_badge_is_the_reference_or_the_verdict(sample_comparison):
    stats = _judged(sample_comparison).stats
    assert verdict_badge(stats["v1"], True) == "reference"
    assert verdict_badge(stats["v3"], False) == "spun"
    assert verdict_badge(sample_comparison.stats["v3"], False) in (None, sample_comparison.stats["v3"].verdict or None)


def test_versions_panel_shows_verdict_and_evidence(new_window, sample_comparison):
    window = new_window()
    comparison = _judged(sample_comparison)
    window.show_document(workspace_of(comparison), comparison)
    model = window.versions_panel.model()
    row = model.row_of("v3")
    index = model.index(row, 0)
    assert index.data(StatsRole).verdict == "spun"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Verdict: spun, from " + comparison.version("v2").label in tip
    assert "shares 9 of 10 statements with v2" in tip


def test_spin_pairs_model_passes_the_model_tester(qtmodeltester):
    model = SpinPairsModel()
    qtmodeltester.check(model)
    model.set_pairs((("said", "mentioned", 4), ("war", "warfare", 1)))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "mentioned" and model.index(0, 2).data() == "4"


def test_lineage_tree_and_spin_panel_follow_the_selected_version(qtbot, new_window, sample_comparison):
    window = new_window()
    comparison = _judged(sample_comparison)
    window.show_document(workspace_of(comparison), comparison)
    pane: LineagePane = window.lineage_pane
    nodes = {node.version: node for node in pane.graph.nodes()}
    assert nodes["v3"].parent == "v2" and nodes["v3"].depth == nodes["v2"].depth + 1
    assert nodes["v1"].depth == 0
    window.versions_panel.select_version("v3")
    assert "spun, from " + comparison.version("v2").label in pane.headline.text()
    assert pane.figures.text() == "25% of narrative words substituted · quotes: 2 touched, 3 untouched"
    assert pane.pairs_model.rowCount() == 2
    rect = pane.graph.node_rect(nodes["v4"])
    qtbot.mouseClick(pane.graph, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.versions_panel.selected_version() == "v4"
    assert "independent" in pane.headline.text()
    assert pane.pairs_model.rowCount() == len(comparison.stats["v4"].spin_pairs)


def test_the_lineage_tree_is_driven_by_keys(qtbot, new_window, sample_comparison):
    from PySide6.QtTest import QTest

    window = new_window()
    comparison = _judged(sample_comparison)
    window.show_document(workspace_of(comparison), comparison)
    graph = window.lineage_pane.graph
    order = [node.version for node in graph.nodes()]
    graph.setFocus()
    assert graph.focusPolicy() & Qt.FocusPolicy.TabFocus and graph.accessibleName()
    QTest.keyClick(graph, Qt.Key.Key_Home)
    assert window.versions_panel.selected_version() == order[0]
    QTest.keyClick(graph, Qt.Key.Key_Down)
    QTest.keyClick(graph, Qt.Key.Key_Down)
    assert window.versions_panel.selected_version() == order[2]
    QTest.keyClick(graph, Qt.Key.Key_Up)
    assert window.versions_panel.selected_version() == order[1]
    QTest.keyClick(graph, Qt.Key.Key_End)
    assert window.versions_panel.selected_version() == order[-1]
    assert comparison.version(order[-1]).label in window.lineage_pane.headline.text()
