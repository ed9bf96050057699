"""The compare view: its table model, cell painting, overview strip and navigation."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QHelpEvent, QImage, QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QStyleOptionViewItem, QTableView, QToolTip
from window_helpers import shown

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, Row, Version
from storydiff.diffing import utf16_spans
from storydiff.presentation import CellView, Span, change_rows, omission_rows, row_at_fraction
from storydiff.ui.models.rows_model import CellViewRole, RowsModel, VersionIdRole
from storydiff.ui.palette import change_background
from storydiff.ui.views.cell_delegate import PAD_X, PAD_Y, CellDelegate, span_formats
from storydiff.ui.views.compare_view import EMPTY_HINT, CompareView
from storydiff.ui.views.overview_strip import OverviewStrip

WORDS = "the council said bridge cables harbour engineer inspection corrosion ferry union mayor".split()


def synthetic_comparison(rows: int, versions: int = 5, seed: int = 7) -> Comparison:
    """``rows`` statements of 10-40 words, a few words changed and a few cells omitted."""
    rnd, ids = random.Random(seed), [f"v{n}" for n in range(1, versions + 1)]
    texts: dict[str, list[str]] = {v: [] for v in ids}
    passages: dict[str, list[Passage]] = {v: [] for v in ids}
    table, changes, offset = [], [], dict.fromkeys(ids, 0)
    for number in range(rows):
        sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(10, 40))) + "."
        cells = {}
        for vid in ids:
            if vid != "v1" and rnd.random() < 0.05:
                cells[vid] = ()
                continue
            start = offset[vid]
            passages[vid].append(Passage(vid, len(passages[vid]), start, start + len(sentence), sentence))
            texts[vid].append(sentence)
            offset[vid] += len(sentence) + 1
            cells[vid] = (len(passages[vid]) - 1,)
            if vid != "v1" and rnd.random() < 0.5:
                change = Change(number, vid, ChangeKind.SUBSTITUTION, "x", sentence[:3], start, start + 3)
                changes.append(change)
        table.append(Row(number, cells, {v: 0.9 for v in ids[1:]}))
    outlets = tuple(Version(v, f"Outlet {v}", v, " ".join(texts[v]), "0") for v in ids)
    return Comparison("fake", 0.5, "v1", outlets, {v: tuple(p) for v, p in passages.items()},
                      tuple(table), tuple(changes), {})


@pytest.fixture
def view(qtbot, sample_comparison) -> CompareView:
    widget = shown(qtbot, CompareView(), 1440, 900)
    with qtbot.waitSignal(widget.rows_fitted, timeout=5000):
        widget.set_comparison(sample_comparison)
    return widget


def _table(widget: CompareView) -> QTableView:
    return widget.findChild(QTableView)


def _spans(model, row: int, column: int) -> tuple[Span, ...]:
    return model.data(model.index(row, column), CellViewRole).spans


def test_rows_model_passes_the_model_tester(qtmodeltester, sample_comparison):
    model = RowsModel()
    qtmodeltester.check(model)
    model.set_comparison(sample_comparison)
    qtmodeltester.check(model)
    model.set_show_trivial(False)
    model.set_columns(["v1", "v3"])
    qtmodeltester.check(model)
    model.set_comparison(None)
    qtmodeltester.check(model)


def test_rows_model_roles(sample_comparison):
    model = RowsModel()
    model.set_comparison(sample_comparison)
    assert model.columnCount() == 5 and model.rowCount() == len(sample_comparison.rows)
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert labels == [v.label for v in sample_comparison.versions]
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    cell = model.index(1, 0)
    view = model.data(cell, CellViewRole)
    assert isinstance(view, CellView) and model.data(cell) == view.text
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == "omitted in 02-rewrite"
    tooltip = model.data(model.index(2, 2), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("similarity to the reference: 0.")
    moved = [r for r, row in enumerate(sample_comparison.rows) if "v2" in row.moved]
    assert "moved" in model.data(model.index(moved[0], 1), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 3), VersionIdRole) == "v4"


def test_rows_model_rejects_unknown_columns(sample_comparison):
    model = RowsModel()
    model.set_comparison(sample_comparison)
    with pytest.raises(KeyError):
        model.set_columns(["v1", "nope"])


def test_empty_state_shows_the_hint(qtbot):
    widget = CompareView()
    qtbot.addWidget(widget)
    stack = widget.findChild(QStackedWidget)
    assert isinstance(stack.currentWidget(), QLabel) and stack.currentWidget().text() == EMPTY_HINT
    assert widget.comparison() is None and widget.current_row() is None
    assert widget.next_change() is None


def test_shows_one_column_per_version_and_one_row_per_statement(view, sample_comparison):
    table = _table(view)
    assert view.comparison() is sample_comparison
    assert table.model().columnCount() == 5
    assert table.model().rowCount() == len(sample_comparison.rows) == 22
    assert table.isVisible()


def test_rows_are_as_tall_as_their_wrapped_text(view):
    table = _table(view)
    heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
    assert heights == [table.sizeHintForRow(r) for r in range(table.model().rowCount())]
    assert len(set(heights)) > 2


def test_trivial_switch_changes_the_spans(view, sample_comparison):
    model = _table(view).model()
    trivial = [(c.row, 1 + [v.id for v in sample_comparison.versions[1:]].index(c.version))
               for c in sample_comparison.changes if c.trivial]
    row, column = trivial[0]
    assert "trivial" in {s.kind_class for s in _spans(model, row, column)}
    view.set_show_trivial(False)
    assert "trivial" not in {s.kind_class for s in _spans(model, row, column)}
    view.set_show_trivial(True)
    assert "trivial" in {s.kind_class for s in _spans(model, row, column)}


def test_trivial_switch_keeps_the_selected_row(view):
    view.select_row(7)
    view.set_show_trivial(False)
    assert view.current_row() == 7


def test_next_and_previous_change(qtbot, view, sample_comparison):
    expected = change_rows(sample_comparison, show_trivial=True)
    visited = []
    while (row := view.next_change()) is not None:
        visited.append(row)
        assert view.current_row() == row
    assert visited == expected
    assert view.current_row() == expected[-1]
    with qtbot.waitSignal(view.row_selected) as blocker:
        assert view.previous_change() == expected[-2]
    assert blocker.args == [expected[-2]]


def test_next_and_previous_omission(view, sample_comparison):
    expected = omission_rows(sample_comparison)
    # 02-rewrite leaves out sentences of the wire: a known omission of the sample.
    dropped = [n for n, row in enumerate(sample_comparison.rows) if row.cells["v1"] and not row.cells["v2"]]
    assert dropped and set(dropped) <= set(expected)
    visited = []
    while (row := view.next_omission()) is not None:
        visited.append(row)
    assert visited == expected
    assert view.previous_omission() == expected[-2]
    view.select_row(expected[0])
    assert view.previous_omission() is None
    assert view.current_row() == expected[0]


def test_focus_mode_shows_two_columns(view, sample_comparison):
    model = _table(view).model()
    view.set_focus("v3")
    assert model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["01-wire", "03-spun"]
    assert view.focus() == "v3"
    visited = []
    while (row := view.next_omission()) is not None:
        visited.append(row)
    assert visited == omission_rows(sample_comparison, ["v1", "v3"])
    view.set_focus(None)
    assert model.columnCount() == 5
    with pytest.raises(KeyError):
        view.set_focus("nope")


def test_clicking_the_overview_strip_selects_a_row(qtbot, view):
    strip = view.findChild(OverviewStrip)
    tops, total = strip.row_tops()
    point = QPoint(strip.width() // 2, int(strip.height() * 0.8))
    with qtbot.waitSignal(view.row_selected) as blocker:
        QTest.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    expected = row_at_fraction(tops, total, point.y() / strip.height())
    assert blocker.args == [expected] and view.current_row() == expected
    table = _table(view)
    assert table.rowViewportPosition(expected) < table.viewport().height()


def _cell_option(width: int) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, 20)
    option.font = QFont()
    return option


def _index_of(view: CellView) -> tuple[QStandardItemModel, QModelIndex]:
    model = QStandardItemModel()
    item = QStandardItem()
    item.setData(view, CellViewRole)
    model.appendRow(item)
    return model, model.index(0, 0)


def test_delegate_height_grows_with_text_and_shrinks_with_width(qapp):
    delegate = CellDelegate()
    short_model, short = _index_of(CellView(text="A short sentence."))
    long_model, long = _index_of(CellView(text="A much longer sentence that has to wrap. " * 8))
    deleted_model, deleted = _index_of(CellView(text="A short sentence.", deleted=("gone",)))
    height = lambda index, width: delegate.sizeHint(_cell_option(width), index).height()  # noqa: E731
    assert height(long, 300) > height(short, 300)
    assert height(long, 200) > height(long, 400)
    assert height(deleted, 300) > height(short, 300)


def test_span_formats_are_in_utf16_units(qapp):
    view = CellView(text="😀 said hi", spans=(Span(2, 6, "substitution", "told → said"),))
    (selection,) = span_formats(view, qapp.palette())
    assert (selection.start, selection.length) == (3, 4)  # the emoji is two UTF-16 units
    assert selection.format.background().color() == change_background("substitution")


def test_tooltip_over_a_change_names_it(qapp):
    delegate = CellDelegate()
    view = CellView(text="said", spans=(Span(0, 4, "substitution", "told → said (reporting-verb)"),))
    model, index = _index_of(view)
    option = _cell_option(300)
    assert delegate.tooltip_at(index, option, QPointF(9, 12)) == "told → said (reporting-verb)"
    assert delegate.tooltip_at(index, option, QPointF(290, 12)) is None


# The offscreen platform cannot raise the tooltip's window; the tooltip is shown all the same.
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_hovering_a_change_shows_its_tooltip(view):
    table = _table(view)
    index = table.model().index(0, 2)  # 03-spun: "shuts" for "closes"
    cell = index.data(CellViewRole)
    span = cell.spans[0]
    rect = table.visualRect(index)
    layout = table.itemDelegate().cell_layout(cell, table.font(), rect.width())
    start = utf16_spans(cell.text, [(span.start, span.end, None)])[0][0]
    line = layout.text.lineForTextPosition(start)
    x = line.cursorToX(start + 1)
    x = x[0] if isinstance(x, tuple) else x
    pos = rect.topLeft() + QPoint(PAD_X + int(x), PAD_Y + int(line.y() + line.height() / 2))
    event = QHelpEvent(QEvent.Type.ToolTip, pos, table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.text() == span.tooltip == "closes → shuts (substitution)"
    QToolTip.hideText()


def test_screenshot_is_not_blank(view, tmp_path):
    path = tmp_path / "compare_1440.png"
    assert view.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)
    colours = {image.pixelColor(x, y).rgb() for x in range(0, 1440, 7) for y in range(0, 900, 7)}
    assert len(colours) > 20
    assert change_background("substitution").rgb() in colours  # the highlights are painted


def test_a_thousand_rows_build_and_scroll(qtbot):
    widget = shown(qtbot, CompareView(), 1440, 900)
    with qtbot.waitSignal(widget.rows_fitted, timeout=20000):
        widget.set_comparison(synthetic_comparison(1000))
    table = _table(widget)
    assert table.rowHeight(999) == table.sizeHintForRow(999)
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert table.rowAt(table.viewport().height() - 1) == 999
    assert widget.previous_change() is not None


def test_a_row_chosen_while_rows_are_fitted_stays_on_screen(qtbot):
    widget = shown(qtbot, CompareView(), 1024, 700)
    with qtbot.waitSignal(widget.rows_fitted, timeout=20000):
        widget.set_comparison(synthetic_comparison(600))
        widget.select_row(590)
        position = widget.table.rowViewportPosition(590)
    assert 0 <= position < widget.table.viewport().height()
    assert widget.table.rowViewportPosition(590) == position  # the rows fitted above did not move it


def test_comparison_set_before_showing_is_fitted_on_show(qtbot, sample_comparison):
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.set_comparison(sample_comparison)
    with qtbot.waitSignal(widget.rows_fitted, timeout=5000):
        widget.show()
    table = _table(widget)
    assert [table.rowHeight(r) for r in range(20)] == [table.row_height_hint(r) for r in range(20)]
