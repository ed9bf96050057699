"""The quotes view: its table model and proxy, badges, filters, sorting, details and row requests."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import SAMPLE
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QLabel, QStackedWidget
from window_helpers import shown

from storydiff.core.model import Comparison, Quote
from storydiff.ui.models.quotes_model import (
    FIRST_VERSION_COLUMN,
    QUOTE_COLUMN,
    SPEAKER_COLUMN,
    QuoteRole,
    QuotesFilterModel,
    QuotesModel,
    StatusRole,
    VersionIdRole,
)
from storydiff.ui.palette import change_background
from storydiff.ui.views.quotes_view import EMPTY_HINT, NO_COMPARISON_HINT, QuotesView
from storydiff.ui.views.status_badge import status_colours

GOLD = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def view(qtbot, sample_comparison) -> QuotesView:
    widget = shown(qtbot, QuotesView(), 1200, 700)
    widget.set_comparison(sample_comparison)
    return widget


def _rows(widget: QuotesView) -> list[Quote]:
    model = widget.table.model()
    return [model.index(row, 0).data(QuoteRole) for row in range(model.rowCount())]


def _statuses(widget: QuotesView, row: int) -> list[str]:
    model = widget.table.model()
    return [model.index(row, c).data(StatusRole) for c in range(FIRST_VERSION_COLUMN, model.columnCount())]


def _choose_status(widget: QuotesView, key: str) -> None:
    widget.status_combo.setCurrentIndex(widget.status_combo.findData(key))


def _double_click(widget: QuotesView, qtbot, index: QModelIndex) -> None:
    """A user's double-click: QTest's double-click event alone lacks the press
    that tells the view which item the click started on."""
    pos = widget.table.visualRect(index).center()
    qtbot.mouseClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _cell_text(comparison: Comparison, row: int, version_id: str) -> str:
    return " ".join(comparison.passages[version_id][i].text for i in comparison.rows[row].cells[version_id])


def _all_verbatim(quote: Quote, quote_id: str) -> Quote:
    """``quote`` with every status relabelled verbatim (texts and offsets stay real)."""
    occurrences = {v: replace(o, status="verbatim") for v, o in quote.occurrences.items()}
    return replace(quote, id=quote_id, occurrences=occurrences)


def test_quotes_model_passes_the_model_tester(qtmodeltester, sample_comparison):
    model = QuotesModel()
    qtmodeltester.check(model)
    model.set_comparison(sample_comparison)
    qtmodeltester.check(model)
    assert model.columnCount() == 2 + len(sample_comparison.versions)
    model.set_comparison(None)
    assert model.rowCount() == 0


def test_quotes_model_roles(sample_comparison):
    model = QuotesModel()
    model.set_comparison(sample_comparison)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["Speaker", "Quote", "01-wire", "02-rewrite", "03-spun", "04-translation", "05-update"]
    q5 = model.index(4, FIRST_VERSION_COLUMN + 3)
    assert (q5.data(), q5.data(StatusRole), q5.data(VersionIdRole)) == ("misattributed", "misattributed", "v4")
    assert q5.data(QuoteRole) is sample_comparison.quotes[4]
    assert "Tomas Brennan" in q5.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(4, SPEAKER_COLUMN).data() == "Helena Varga"
    assert model.index(4, QUOTE_COLUMN).data() == sample_comparison.quotes[4].text
    assert model.index(4, QUOTE_COLUMN).data(StatusRole) is None
    assert model.row_of("q3") == 2 and model.row_of("q99") == -1


def test_proxy_passes_the_model_tester_while_filtering_and_sorting(qtmodeltester, sample_comparison):
    model, proxy = QuotesModel(), QuotesFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.set_comparison(sample_comparison)
    proxy.set_speaker_text("varga")
    proxy.set_status_filter("misattributed")
    proxy.sort(SPEAKER_COLUMN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    with pytest.raises(ValueError):
        proxy.set_status_filter("garbled")


def test_lists_every_quote_with_the_gold_statuses(view):
    quotes = _rows(view)
    assert [q.speaker for q in quotes] == [g["speaker"] for g in GOLD["quotes"]]
    files = sorted(GOLD["labels"])
    expected = [[g["occurrences"][f] for f in files] for g in GOLD["quotes"]]
    assert [_statuses(view, row) for row in range(len(quotes))] == expected


@pytest.mark.parametrize("status", ["trimmed", "misattributed", "absent"])
def test_status_cells_are_painted_as_badges_in_their_colour(view, status):
    model, table = view.table.model(), view.table
    cell = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.index(r, c).data(StatusRole) == status)
    image = table.viewport().grab(table.visualRect(cell)).toImage()
    background = status_colours(status, table.palette())[0]
    hits = sum(QColor(image.pixel(x, y)) == background for x in range(image.width()) for y in range(image.height()))
    assert hits > 100


def test_filtering_by_speaker_narrows_the_rows(view, qtbot):
    qtbot.keyClicks(view.speaker_edit, "VARGA")
    assert [q.id for q in _rows(view)] == ["q1", "q5"]
    assert "2 of 5 quotes" in [label.text() for label in view.findChildren(QLabel)]
    view.speaker_edit.clear()
    assert len(_rows(view)) == 5
    view.speaker_edit.setText("nobody")
    assert _rows(view) == [] and view.selected_quote() is None
    assert "No quote matches the filters" in [label.text() for label in view.findChildren(QLabel)]


def test_filtering_by_status_leaves_exactly_the_quotes_with_it(view, sample_comparison):
    for status in ("misattributed", "altered", "absent", "trimmed"):
        _choose_status(view, status)
        expected = [q.id for q in sample_comparison.quotes
                    if any(o.status == status for o in q.occurrences.values())]
        assert [q.id for q in _rows(view)] == expected
    assert [q.id for q in _rows(view)] == ["q1"]


def test_quotes_that_differ(view, sample_comparison):
    same = _all_verbatim(sample_comparison.quotes[0], "q6")
    view.set_comparison(replace(sample_comparison, quotes=(*sample_comparison.quotes, same)))
    assert len(_rows(view)) == 6
    _choose_status(view, "differ")
    assert [q.id for q in _rows(view)] == ["q1", "q2", "q3", "q4", "q5"]
    _choose_status(view, "all")
    assert len(_rows(view)) == 6


def test_sorting_by_speaker_then_back_to_reading_order(view, qtbot):
    header = view.table.horizontalHeader()
    click = QPoint(header.sectionViewportPosition(SPEAKER_COLUMN) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    speakers = [q.speaker for q in _rows(view)]
    assert speakers == sorted(speakers, key=str.casefold) and speakers[0] == "Daniel Achebe"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert [q.speaker for q in _rows(view)] == sorted(speakers, key=str.casefold, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)  # clears the sort
    assert [q.id for q in _rows(view)] == ["q1", "q2", "q3", "q4", "q5"]


def test_sorting_a_version_column_puts_the_worst_status_last(view):
    view.table.sortByColumn(FIRST_VERSION_COLUMN + 3, Qt.SortOrder.AscendingOrder)  # 04-translation
    column = [_statuses(view, row)[3] for row in range(5)]
    assert column == ["verbatim", "paraphrased", "absent", "altered", "misattributed"]


def test_selecting_a_quote_fills_the_details_with_every_version(view, qtbot, sample_comparison):
    model = view.table.model()
    with qtbot.waitSignal(view.quote_selected) as selected:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.table.visualRect(model.index(2, QUOTE_COLUMN)).center())
    quote = sample_comparison.quotes[2]
    assert selected.args == [quote] and view.selected_quote() is quote
    text = view.details.toPlainText()
    for version in sample_comparison.versions:
        occurrence = quote.occurrences[version.id]
        assert version.label in text and occurrence.status in text
        assert occurrence.text is None or occurrence.text in text
    assert "not in this version" in text  # v4 dropped Lindqvist's quote


def test_details_mark_the_differences_over_the_versions_wording(view, sample_comparison):
    view.select_quote("q1")
    document, text = view.details.document(), view.details.toPlainText()
    altered = sample_comparison.quotes[0].occurrences["v4"].text
    at = text.index(altered) + altered.index("much")
    cursor = QTextCursor(document)
    cursor.setPosition(at + 1)
    assert cursor.charFormat().background().color() == change_background("substitution", view.details.palette())
    assert cursor.charFormat().toolTip() == "far → much (substitution)"
    cursor.setPosition(text.index(altered) + 3)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    assert "We found corrosion far worse than anything the last inspection predicted, and" in text  # v2's cut


def test_details_show_the_wrong_speaker_and_the_context(view):
    view.select_quote("q5")
    text = view.details.toPlainText()
    assert "speaker: Tomas Brennan" in text
    cursor = QTextCursor(view.details.document())
    cursor.setPosition(text.index("Tomas Brennan") + 1)
    assert cursor.charFormat().background().color() == status_colours("misattributed", view.palette())[0]
    assert "said mayor Tomas Brennan." in text  # the sentence around v4's quotation


@pytest.mark.parametrize("quote_id", ["q1", "q4", "q5"])
def test_show_button_requests_the_row_of_the_reference_occurrence(view, qtbot, sample_comparison, quote_id):
    view.select_quote(quote_id)
    with qtbot.waitSignal(view.row_requested) as requested:
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    quote = next(q for q in sample_comparison.quotes if q.id == quote_id)
    assert quote.occurrences["v1"].text in _cell_text(sample_comparison, requested.args[0], "v1")


def test_double_click_requests_the_row_once(view, qtbot, sample_comparison):
    model = view.table.model()
    rows: list[int] = []
    view.row_requested.connect(rows.append)
    with qtbot.waitSignal(view.row_requested):
        _double_click(view, qtbot, model.index(0, QUOTE_COLUMN))
    assert len(rows) == 1
    assert sample_comparison.quotes[0].occurrences["v1"].text in _cell_text(sample_comparison, rows[0], "v1")


@pytest.mark.parametrize(("row", "version_id"), [(3, "v4"), (2, "v4"), (0, "v2")])
def test_double_click_on_a_badge_requests_the_row_of_that_versions_occurrence(
    view, qtbot, sample_comparison, row, version_id
):
    cell = view.table.model().index(row, FIRST_VERSION_COLUMN + int(version_id[1:]) - 1)
    with qtbot.waitSignal(view.row_requested) as requested:
        _double_click(view, qtbot, cell)
    occurrence = sample_comparison.quotes[row].occurrences[version_id]
    if occurrence.text is None:  # absent there (Lindqvist in v4): the reference's row
        version_id, occurrence = "v1", sample_comparison.quotes[row].occurrences["v1"]
    assert occurrence.text in _cell_text(sample_comparison, requested.args[0], version_id)


def test_select_quote_clears_filters_that_hide_it(view):
    _choose_status(view, "misattributed")
    view.select_quote("q2")
    assert view.selected_quote().id == "q2" and len(_rows(view)) == 5
    with pytest.raises(KeyError):
        view.select_quote("q99")


def test_a_filter_that_hides_the_selection_selects_the_first_quote_left(view):
    view.select_quote("q2")
    _choose_status(view, "misattributed")
    assert view.selected_quote().id == "q5"
    assert "q5 · Helena Varga" in [label.text() for label in view.findChildren(QLabel)]


def test_a_new_comparison_keeps_the_selected_quote_if_it_has_it(view, sample_comparison):
    view.select_quote("q4")
    view.set_comparison(replace(sample_comparison))
    assert view.selected_quote().id == "q4"
    view.set_comparison(replace(sample_comparison, quotes=sample_comparison.quotes[:2]))
    assert view.selected_quote().id == "q1"


def test_empty_states(view, sample_comparison):
    stack = view.findChild(QStackedWidget)
    view.set_comparison(replace(sample_comparison, quotes=()))
    assert stack.currentWidget().text() == EMPTY_HINT and stack.currentWidget().isVisible()
    assert view.selected_quote() is None and not view.show_button.isEnabled()
    view.set_comparison(None)
    assert stack.currentWidget().text() == NO_COMPARISON_HINT


def test_rows_with_no_quote_index_answer_nothing(sample_comparison):
    model = QuotesModel()
    model.set_comparison(sample_comparison)
    assert model.data(QModelIndex(), QuoteRole) is None
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
