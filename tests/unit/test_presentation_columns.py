"""The compare view's column choices: order, hiding, "differ here", widths (Qt-free)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, Row, Version, VersionStats
from storydiff.presentation.columns import (
    ORDER_LINEAGE,
    ORDER_LISTED,
    ORDER_SIMILARITY,
    ColumnSettings,
    column_widths,
    hidden_unless_differing,
    ordered_versions,
    shown_columns,
    versions_differing_in_row,
)


def _comparison(sources: dict[str, str | None] | None = None) -> Comparison:
    """v2 is the reference; four rows. v1 carries every row loosely, v3 two rows closely,
    v4 one row word for word."""
    ids = ["v1", "v2", "v3", "v4"]
    versions = tuple(Version(v, f"Outlet {v}", f"{v}.txt", "x. y. z. w.", "0") for v in ids)
    passages = {v: tuple(Passage(v, n, 3 * n, 3 * n + 2, "x.") for n in range(4)) for v in ids}
    rows = (
        Row(0, {"v1": (0,), "v2": (0,), "v3": (0,), "v4": (0,)}, {"v1": 0.75, "v3": 0.95, "v4": 1.0}),
        Row(1, {"v1": (1,), "v2": (1,), "v3": (1,), "v4": ()}, {"v1": 0.75, "v3": 0.9, "v4": None}),
        Row(2, {"v1": (2,), "v2": (2,), "v3": (), "v4": ()}, {"v1": 0.8, "v3": None, "v4": None}, ("v1",)),
        Row(3, {"v1": (3,), "v2": (), "v3": (), "v4": ()}, {}),
    )
    changes = (Change(0, "v3", ChangeKind.PUNCTUATION, ".", "!", 1, 2),
               Change(1, "v3", ChangeKind.SUBSTITUTION, "said", "noted", 0, 1))
    stats = {v: VersionStats(v, 4, 0, 0, 0, 0, 0, 0.0, 0.0, source=(sources or {}).get(v)) for v in ids}
    return Comparison("fake", 0.7, "v2", versions, passages, rows, changes, stats)


def test_listed_order_puts_the_reference_first():
    assert ordered_versions(_comparison(), ORDER_LISTED) == ["v2", "v1", "v3", "v4"]


def test_similarity_puts_the_least_changed_most_covering_first():
    comparison = _comparison()
    figures = {"v1": (0.5, 0.5), "v3": (0.1, 0.67), "v4": (0.0, 0.33)}  # change share, coverage
    stats = {v: replace(s, change_share=figures[v][0], coverage=figures[v][1]) if v in figures else s
             for v, s in comparison.stats.items()}
    assert ordered_versions(replace(comparison, stats=stats), ORDER_SIMILARITY) == ["v2", "v3", "v4", "v1"]


def test_lineage_puts_each_version_after_its_source():
    comparison = _comparison({"v4": "v3", "v1": "v4", "v3": "v2"})
    assert ordered_versions(comparison, ORDER_LINEAGE) == ["v2", "v3", "v4", "v1"]


def test_lineage_without_sources_is_the_listed_order_and_survives_a_cycle():
    assert ordered_versions(_comparison(), ORDER_LINEAGE) == ["v2", "v1", "v3", "v4"]
    looped = ordered_versions(_comparison({"v1": "v3", "v3": "v1"}), ORDER_LINEAGE)
    assert sorted(looped) == ["v1", "v2", "v3", "v4"] and looped[0] == "v2"


def test_hidden_versions_leave_the_columns_but_the_reference_stays():
    settings = ColumnSettings(ORDER_SIMILARITY, frozenset({"v1", "v2"}))
    assert shown_columns(_comparison(), settings) == ["v2", "v3", "v4"]


def test_versions_differing_in_a_row():
    comparison = _comparison()
    # Row 0: v3 has only a trivial change; v1 and v4 match.
    assert versions_differing_in_row(comparison, 0, show_trivial=True) == {"v3"}
    assert versions_differing_in_row(comparison, 0, show_trivial=False) == set()
    # Row 2: v1 is moved, v3 and v4 omit it.
    assert versions_differing_in_row(comparison, 2, show_trivial=False) == {"v1", "v3", "v4"}
    # Row 3: the reference lacks it; v1 carries it.
    assert versions_differing_in_row(comparison, 3, show_trivial=False) == {"v1"}
    assert hidden_unless_differing(comparison, 1, show_trivial=False) == frozenset({"v1"})


def test_settings_round_trip_through_json_and_survive_junk():
    settings = ColumnSettings(ORDER_LINEAGE, frozenset({"v3", "v1"}))
    assert ColumnSettings.from_json(settings.to_json()) == settings
    assert settings.to_json() == {"order": "lineage", "hidden": ["v1", "v3"]}
    assert ColumnSettings.from_json({"order": "bogus", "hidden": "v1"}) == ColumnSettings()
    assert ColumnSettings.from_json(None) == ColumnSettings()
    assert ColumnSettings.from_json({"hidden": ["v1", 3]}).hidden == frozenset({"v1"})


def test_column_widths_fill_the_space_or_keep_the_minimum():
    assert column_widths(1000, 4, 180) == [250, 250, 250, 250]
    assert column_widths(1001, 3, 180) == [333, 333, 335]
    assert column_widths(1000, 13, 180) == [180] * 13
    assert column_widths(1000, 0, 180) == []
