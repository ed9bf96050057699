"""The compare view at many versions: minimum widths, frozen reference column, hiding,
ordering, "differ here", middle-elided headers, settings saved with the session."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from window_helpers import answer_save_dialog, shown

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, Row, Version, VersionStats
from storydiff.presentation.columns import ORDER_LINEAGE, ORDER_SIMILARITY, ColumnSettings
from storydiff.storage.cache import text_key
from storydiff.ui.models.rows_model import CellViewRole
from storydiff.ui.models.version_choice_model import VersionChoiceModel
from storydiff.ui.views.compare_view import CompareView

WORDS = ("the council condemned bridge cables harbour engineer inspection corrosion ferry union mayor "
         "responsibility").split()


def many_versions(versions: int = 13, rows: int = 30, seed: int = 3) -> Comparison:
    """``versions`` outlets of one ``rows``-statement story; outlet n keeps a statement with
    probability 1 - n/(2 * versions) and swaps a word in it with probability n/versions."""
    rnd, ids = random.Random(seed), [f"v{n}" for n in range(1, versions + 1)]
    passages: dict[str, list[Passage]] = {v: [] for v in ids}
    texts = {v: "" for v in ids}
    table, changes = [], []
    for number in range(rows):
        sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 30))) + "."
        cells, similarity = {}, {}
        for n, vid in enumerate(ids):
            if n and rnd.random() < n / (2 * versions):
                cells[vid], similarity[vid] = (), None
                continue
            start = len(texts[vid])
            texts[vid] += sentence + " "
            passages[vid].append(Passage(vid, len(passages[vid]), start, start + len(sentence), sentence))
            cells[vid] = (len(passages[vid]) - 1,)
            similarity[vid] = 1.0 - n / (3 * versions) if n else None
            if n and rnd.random() < n / versions:
                changes.append(Change(number, vid, ChangeKind.SUBSTITUTION, "x", sentence[:3], start, start + 3))
        table.append(Row(number, cells, {k: v for k, v in similarity.items() if k != "v1"}))
    labels = [f"{n:02d}-reuters-factbox-outlet-number-{n}" for n in range(1, versions + 1)]
    # The real sha256: a session refuses a text that does not match it (issue 13).
    outlets = tuple(Version(v, label, f"/data/{label}.txt", texts[v], text_key(texts[v])) for v, label in zip(ids, labels))
    stats = {v: VersionStats(v, 1, 0, 0, 0, 0, 0, (n % 4) / 10, 0.0, coverage=1 - n / (2 * versions),
                             source=ids[n - 2] if n > 1 else None)
             for n, v in enumerate(ids, start=1)}
    return Comparison("fake", 0.5, "v1", outlets, {v: tuple(p) for v, p in passages.items()},
                      tuple(table), tuple(changes), stats)


@pytest.fixture
def wide(qtbot) -> CompareView:
    widget = shown(qtbot, CompareView(), 1024, 700)
    with qtbot.waitSignal(widget.rows_fitted, timeout=10000):
        widget.set_comparison(many_versions())
    return widget


def test_version_choice_model_passes_the_model_tester(qtmodeltester):
    model = VersionChoiceModel()
    qtmodeltester.check(model)
    comparison = many_versions(5, 4)
    model.set_versions(comparison, [v.id for v in comparison.versions], frozenset({"v3"}))
    qtmodeltester.check(model)
    assert model.data(model.index(2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(0), Qt.ItemDataRole.DisplayRole).endswith("(reference)")


def test_the_reference_cannot_be_unticked():
    model = VersionChoiceModel()
    comparison = many_versions(4, 3)
    model.set_versions(comparison, [v.id for v in comparison.versions], frozenset())
    assert not model.setData(model.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(1), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.hidden() == frozenset({"v2"})


def test_columns_keep_a_readable_width_and_scroll_sideways(wide):
    table = wide.table
    minimum = table.minimum_column_width()
    assert minimum >= 20 * table.fontMetrics().averageCharWidth()
    assert all(table.columnWidth(c) >= minimum for c in range(13))
    assert table.horizontalScrollBar().maximum() > 0


def test_few_columns_share_the_whole_width(qtbot, sample_comparison):
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    widget.show()
    with qtbot.waitSignal(widget.rows_fitted, timeout=5000):
        widget.set_comparison(sample_comparison)
    table = widget.table
    total = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert total == table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def test_no_word_is_broken_across_lines(wide):
    model, delegate, table = wide.table.model(), wide.table.itemDelegate(), wide.table
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            view = model.index(row, column).data(CellViewRole)
            if view.omitted:
                continue
            layout = delegate.cell_layout(view, table.font(), table.columnWidth(column)).text
            for number in range(1, layout.lineCount()):
                start = layout.lineAt(number).textStart()
                assert view.text[start - 1].isspace(), (row, column, view.text[start - 8:start + 8])


def test_the_reference_column_and_row_numbers_stay_while_scrolling_sideways(qtbot, wide):
    table, frozen = wide.table, wide.frozen_table
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    qtbot.wait(10)
    assert frozen.isVisible()
    assert [c for c in range(frozen.model().columnCount()) if not frozen.isColumnHidden(c)] == [0]
    assert frozen.geometry().left() == table.verticalHeader().width() + table.frameWidth()
    assert frozen.width() == table.columnWidth(0)
    assert table.verticalHeader().isVisible()
    assert [frozen.rowHeight(r) for r in range(30)] == [table.rowHeight(r) for r in range(30)]
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value() > 0
    # Its cells show the reference, the same data as column 0.
    assert frozen.model() is table.model() and frozen.selectionModel() is table.selectionModel()


def test_a_cell_scrolled_to_is_not_hidden_under_the_frozen_column(qtbot, wide):
    table = wide.table
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    wide.select_cells([(5, "v3")])
    assert table.columnViewportPosition(2) >= table.columnWidth(0)
    wide.select_cells([(7, "v1")])  # the reference: only the rows move
    assert table.horizontalScrollBar().value() > 0


def test_clicking_the_frozen_column_selects_a_reference_cell(qtbot, wide):
    frozen = wide.frozen_table
    rect = frozen.visualRect(frozen.model().index(2, 0))
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wide.current_cell() == (2, "v1")


def test_headers_elide_in_the_middle_and_tell_all_in_the_tooltip(wide):
    header = wide.table.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = wide.table.model()
    tip = model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "05-reuters-factbox-outlet-number-5" in tip and "/data/05-reuters-factbox-outlet-number-5.txt" in tip


def test_hiding_versions_drops_their_columns_without_aligning_again(qtbot, wide):
    comparison = wide.comparison()
    wide.select_row(4)
    choices = wide.column_bar.choices
    with qtbot.waitSignal(wide.column_settings_changed) as changed:
        assert choices.setData(choices.index(2), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert changed.args[0].hidden == frozenset({"v3"})
    assert wide.shown_versions() == [f"v{n}" for n in range(1, 14) if n != 3]
    assert wide.comparison() is comparison and wide.current_row() == 4
    assert "12 of 13" in wide.column_bar.versions_button.text()
    wide.column_bar.show_all_button.click()
    assert len(wide.shown_versions()) == 13


def test_columns_ordered_by_similarity_and_by_lineage(wide):
    wide.column_bar.order_box.setCurrentIndex(wide.column_bar.order_box.findData(ORDER_SIMILARITY))
    wide.column_bar.order_box.activated.emit(wide.column_bar.order_box.currentIndex())
    shown = wide.shown_versions()
    assert shown[0] == "v1" and sorted(shown) == sorted(f"v{n}" for n in range(1, 14))
    stats = wide.comparison().stats
    scores = [stats[v].change_share - stats[v].coverage for v in shown[1:]]
    assert scores == sorted(scores)
    wide.set_column_settings(ColumnSettings(ORDER_LINEAGE, frozenset({"v2"})))
    assert wide.shown_versions() == ["v1"] + [f"v{n}" for n in range(3, 14)]


def test_only_versions_that_differ_here(qtbot, wide):
    comparison = wide.comparison()
    row = next(n for n, r in enumerate(comparison.rows) if sum(1 for c in r.cells.values() if not c) >= 2)
    wide.select_row(row)
    wide.column_bar.differ_button.click()
    shown = wide.shown_versions()
    expected = [v for v in (f"v{n}" for n in range(2, 14)) if not comparison.rows[row].cells[v]
                or any(c.row == row and c.version == v for c in comparison.changes)]
    assert shown == ["v1", *expected]
    assert wide.current_row() == row


def test_focus_mode_and_hidden_versions_take_turns(wide):
    wide.set_column_settings(ColumnSettings(hidden=frozenset({"v5"})))
    wide.set_focus("v5")
    assert wide.shown_versions() == ["v1", "v5"]
    wide.set_focus(None)
    assert "v5" not in wide.shown_versions() and len(wide.shown_versions()) == 12


def test_column_settings_are_saved_with_the_session(qtbot, new_window, monkeypatch, tmp_path):
    first = new_window()
    comparison = many_versions(6, 8)
    from storydiff.storage.session import workspace_of

    first.show_document(workspace_of(comparison), comparison)
    settings = ColumnSettings(ORDER_SIMILARITY, frozenset({"v2", "v4"}))
    first.compare_view.column_bar.choices.set_versions(comparison, [v.id for v in comparison.versions], frozenset())
    first.compare_view._choose(settings)  # as the bar does
    assert first.sessions.modified
    session = tmp_path / "story.storydiff"
    answer_save_dialog(monkeypatch, session)
    assert first.sessions.save_as()
    first.sessions.close()
    second = new_window()
    assert second.sessions.open(session)
    assert second.compare_view.column_settings() == settings
    assert "v2" not in second.compare_view.shown_versions() and "v4" not in second.compare_view.shown_versions()
    assert not second.sessions.modified
