"""Find (Ctrl+F) over the window's Comparison and Quotes tabs, driven as a user would."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storydiff.presentation import cell_view
from storydiff.presentation.columns import ColumnSettings
from storydiff.ui.views.overview_strip import OverviewStrip

TIMEOUT = 20000


@pytest.fixture
def window(window, qtbot):
    """The shared window (conftest) with the sample story compared."""
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    return window


def cells(window):
    """Every shown cell's text: (row, column position, version id) -> text."""
    comparison, view = window.comparison(), window.compare_view
    return {(row, column, vid): cell_view(comparison, row, vid, show_trivial=True).text
            for row in range(len(comparison.rows)) for column, vid in enumerate(view.shown_versions())}


def expected(window, pattern: str, flags=re.IGNORECASE):
    """The matches as reading-order (row, column, version, start) found by ``re`` on the cell texts."""
    return [(row, column, vid, m.start()) for (row, column, vid), text in sorted(cells(window).items())
            for m in re.finditer(pattern, text, flags)]


def find(qtbot, window, text: str) -> None:
    window.action_find.trigger()
    bar = window.finder.bar
    bar.edit.selectAll()
    qtbot.keyClicks(bar.edit, text)
    qtbot.waitUntil(lambda: bar.count_label.text() != "")


def counted(found) -> str:
    versions = len({vid for _, _, vid, _ in found})
    return f"{len(found)} in {versions} versions"


def test_ctrl_f_opens_the_bar_focused_with_its_text_selected(qtbot, window):
    bar = window.finder.bar
    assert not bar.isVisible()
    find(qtbot, window, "varga")
    window.compare_view.table.setFocus()
    window.action_find.trigger()
    assert bar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.edit)
    assert bar.edit.selectedText() == "varga"


def test_counts_and_jumps_match_to_match_with_wrapping(qtbot, window):
    found = expected(window, "varga")
    assert len({vid for _, _, vid, _ in found}) == 5
    find(qtbot, window, "varga")
    bar, view = window.finder.bar, window.compare_view
    assert bar.count_label.text() == f"1 of {counted(found)}"
    assert view.current_cell() == (found[0][0], found[0][2])
    window.action_find_next.trigger()
    assert bar.count_label.text() == f"2 of {counted(found)}"
    assert view.current_cell() == (found[1][0], found[1][2])
    window.action_find_previous.trigger()
    assert view.current_cell() == (found[0][0], found[0][2])
    window.action_find_previous.trigger()
    assert view.current_cell() == (found[-1][0], found[-1][2])
    assert bar.count_label.text() == f"{len(found)} of {counted(found)} · wrapped to the last match"
    window.action_find_next.trigger()
    assert view.current_cell() == (found[0][0], found[0][2])
    assert "wrapped to the first match" in bar.count_label.text()


def test_enter_and_shift_enter_step_from_the_field(qtbot, window):
    found = expected(window, "varga")
    find(qtbot, window, "varga")
    bar, view = window.finder.bar, window.compare_view
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.current_cell() == (found[1][0], found[1][2])
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_cell() == (found[0][0], found[0][2])


def test_the_cell_scrolled_to_is_in_view(qtbot, window):
    find(qtbot, window, "varga")
    window.action_find_previous.trigger()  # the last match, at the bottom
    view = window.compare_view
    row, vid = view.current_cell()
    table = view.table
    y = table.rowViewportPosition(row)
    assert 0 <= y < table.viewport().height()
    if vid != window.comparison().reference:
        x = table.columnViewportPosition(view.shown_versions().index(vid))
        assert table.columnWidth(0) <= x < table.viewport().width()


def test_search_ignores_case_and_accents_by_default(qtbot, window):
    found = expected(window, "varga")
    find(qtbot, window, "VÁRGA")
    assert window.finder.bar.count_label.text() == f"1 of {counted(found)}"
    assert len(window.finder.matches()) == len(found)


def test_match_case(qtbot, window):
    find(qtbot, window, "the")
    bar = window.finder.bar
    bar.case_box.setChecked(True)
    found = expected(window, "the", flags=0)
    qtbot.waitUntil(lambda: len(window.finder.matches()) == len(found))
    assert [(m.row, m.version, m.start) for m in window.finder.matches()] == [(r, v, s) for r, _, v, s in found]


def test_whole_words(qtbot, window):
    find(qtbot, window, "cable")
    bar = window.finder.bar
    assert len(window.finder.matches()) == len(expected(window, "cable"))
    bar.words_box.setChecked(True)
    whole = expected(window, r"\bcable\b")
    qtbot.waitUntil(lambda: len(window.finder.matches()) == len(whole))
    assert 0 < len(whole) < len(expected(window, "cable"))


def test_regular_expression(qtbot, window):
    find(qtbot, window, r"\d+(,\d{3})*")
    bar = window.finder.bar
    assert bar.count_label.text() == "No matches"
    bar.regex_box.setChecked(True)
    found = expected(window, r"\d+(,\d{3})*")
    assert found
    qtbot.waitUntil(lambda: bar.count_label.text() != "No matches")
    assert bar.count_label.text() == f"1 of {counted(found)}"
    assert [(m.row, m.version, m.start) for m in window.finder.matches()] == [(r, v, s) for r, _, v, s in found]


def test_an_invalid_regular_expression_is_said_not_raised(qtbot, window):
    bar = window.finder.bar
    bar.regex_box.setChecked(True)
    find(qtbot, window, "cable(")
    assert bar.count_label.text().startswith("Invalid regular expression")
    assert "color" in bar.count_label.styleSheet()
    assert window.finder.matches() == []
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.finder.matches() != [])
    assert bar.count_label.styleSheet() == ""


def rows_shown(window) -> set[int]:
    table = window.compare_view.table
    shown = {row for row in range(table.model().rowCount()) if not table.isRowHidden(row)}
    frozen = window.compare_view.frozen_table
    assert shown == {row for row in range(table.model().rowCount()) if not frozen.isRowHidden(row)}
    return shown


def choose_filter(window, key: str) -> None:
    combo = window.finder.bar.filter_combo
    combo.setCurrentIndex(combo.findData(key))


def test_row_filter_any_all_and_chosen_versions(qtbot, window):
    find(qtbot, window, "cables")
    found = expected(window, "cables")
    by_row: dict[int, set[str]] = {}
    for row, _, vid, _ in found:
        by_row.setdefault(row, set()).add(vid)
    everyone = set(window.compare_view.shown_versions())
    assert len(rows_shown(window)) == len(window.comparison().rows)
    choose_filter(window, "any")
    assert rows_shown(window) == set(by_row)
    choose_filter(window, "every")
    assert rows_shown(window) == {row for row, vids in by_row.items() if vids == everyone}
    assert rows_shown(window) != set(by_row)
    choose_filter(window, "chosen")
    bar = window.finder.bar
    assert bar.versions_button.isEnabled()
    for action in bar.versions_menu.actions():
        action.setChecked(action.data() == "v3")
    assert rows_shown(window) == {row for row, vids in by_row.items() if "v3" in vids}
    for action in bar.versions_menu.actions():
        action.setChecked(action.data() in ("v2", "v4"))
    assert rows_shown(window) == {row for row, vids in by_row.items() if {"v2", "v4"} <= vids}
    # Jumps stay in the rows shown.
    window.action_find_next.trigger()
    assert window.compare_view.current_row() in rows_shown(window)
    choose_filter(window, "all")
    assert len(rows_shown(window)) == len(window.comparison().rows)


def test_the_filter_stays_through_a_column_change(qtbot, window):
    find(qtbot, window, "varga")
    choose_filter(window, "any")
    shown = rows_shown(window)
    window.action_show_trivial.toggle()  # a model reset shows every row again, unless kept
    assert rows_shown(window) == shown


def test_next_and_previous_change_skip_the_rows_the_filter_hides(qtbot, window):
    find(qtbot, window, "varga")
    choose_filter(window, "any")
    shown, view = rows_shown(window), window.compare_view
    assert 0 < len(shown) < len(window.comparison().rows)
    visited = []
    view.select_row(min(shown))
    while (row := view.next_change()) is not None:
        visited.append(row)
    while (row := view.previous_omission()) is not None:
        visited.append(row)
    assert visited and set(visited) <= shown


def test_the_overview_strip_marks_matching_rows(qtbot, window):
    strip = window.compare_view.findChild(OverviewStrip)
    assert strip.found_rows() == frozenset()
    find(qtbot, window, "ferry")
    rows = {row for row, _, _, _ in expected(window, "ferry")}
    assert strip.found_rows() == rows
    assert f"Matches in statement{'s' if len(rows) > 1 else ''} {min(rows) + 1}" in strip.accessibleDescription()
    strip.grab()  # paints the third lane


def test_matches_in_hidden_versions_are_counted_not_lost(qtbot, window):
    find(qtbot, window, "varga")
    found = expected(window, "varga")
    in_v2 = [f for f in found if f[2] == "v2"]
    window.compare_view.set_column_settings(ColumnSettings(hidden=frozenset({"v2"})))
    qtbot.waitUntil(lambda: "hidden" in window.finder.bar.count_label.text())
    text = window.finder.bar.count_label.text()
    assert text.endswith(f" in 4 versions ({len(in_v2)} in hidden versions)")
    assert all(m.version != "v2" for m in window.finder.matches())


def test_matches_are_painted_over_the_cells(qtbot, window):
    find(qtbot, window, "varga")
    finder, view = window.finder, window.compare_view
    match = finder.current_match()
    index = view.table.model().index(match.row, view.shown_versions().index(match.version))
    spans, current = view.cell_delegate.find_marks(index)
    assert (match.start, match.end) in spans and spans[current] == (match.start, match.end)
    assert view.table.viewport().grab().width() > 0


def test_escape_closes_the_bar_and_clears_everything(qtbot, window):
    find(qtbot, window, "varga")
    choose_filter(window, "any")
    bar, view = window.finder.bar, window.compare_view
    cancelled = []
    window.action_cancel.triggered.connect(lambda: cancelled.append(True))
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert cancelled == []  # the bar took Esc, not the window's Cancel
    assert len(rows_shown(window)) == len(window.comparison().rows)
    assert view.findChild(OverviewStrip).found_rows() == frozenset()
    index = view.table.model().index(0, 0)
    assert view.cell_delegate.find_marks(index) == ((), None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)


def test_emptying_the_field_or_an_invalid_query_lifts_the_filter_and_the_marks(qtbot, window):
    find(qtbot, window, "varga")
    choose_filter(window, "any")
    bar, view = window.finder.bar, window.compare_view
    strip = view.findChild(OverviewStrip)
    everything = len(window.comparison().rows)
    assert len(rows_shown(window)) < everything and strip.found_rows()
    bar.edit.clear()
    qtbot.waitUntil(lambda: len(rows_shown(window)) == everything)
    assert strip.found_rows() == frozenset()
    bar.regex_box.setChecked(True)
    find(qtbot, window, "varga")
    assert len(rows_shown(window)) < everything
    qtbot.keyClicks(bar.edit, "(")
    qtbot.waitUntil(lambda: bar.count_label.text().startswith("Invalid regular expression"))
    assert len(rows_shown(window)) == everything
    assert strip.found_rows() == frozenset()


def test_emptying_the_field_clears_the_quotes_marks(qtbot, window):
    window.action_show_quotes.trigger()
    find(qtbot, window, "we")
    model = window.quotes_view.table.model().sourceModel()

    def lit():
        return [row for row in range(model.rowCount()) if model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole)]

    assert lit()
    window.finder.bar.edit.clear()
    qtbot.waitUntil(lambda: lit() == [])
    assert not window.quotes_view.details.document().find("we").charFormat().fontOverline()


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_escape_in_the_versions_menu_closes_the_menu_not_the_bar(qtbot, window):
    find(qtbot, window, "varga")
    choose_filter(window, "chosen")
    bar = window.finder.bar
    bar.versions_menu.popup(bar.versions_button.mapToGlobal(bar.versions_button.rect().bottomLeft()))
    qtbot.waitUntil(bar.versions_menu.isVisible)
    qtbot.keyClick(bar.versions_menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar.versions_menu.isVisible())
    assert bar.isVisible() and window.finder.matches()


def test_find_in_the_quotes_tab_jumps_quote_to_quote(qtbot, window):
    window.action_show_quotes.trigger()
    quotes_view = window.quotes_view
    comparison = window.comparison()
    table = quotes_view.table
    order = [table.model().index(row, 0).data(Qt.ItemDataRole.UserRole + 2).id
             for row in range(table.model().rowCount())]

    def says(quote, word):
        texts = [quote.speaker or "", quote.text] + [o.text or "" for o in quote.occurrences.values()]
        return any(word in text.lower() for text in texts)

    wanted = [qid for qid in order if says(next(q for q in comparison.quotes if q.id == qid), "we")]
    assert 1 < len(wanted) < len(order)
    find(qtbot, window, "we")
    bar = window.finder.bar
    assert bar.count_label.text().startswith(f"1 of {len(wanted)} quotes")
    assert quotes_view.selected_quote().id == wanted[0]
    window.action_find_next.trigger()
    assert quotes_view.selected_quote().id == wanted[1]
    assert bar.count_label.text().startswith(f"2 of {len(wanted)} quotes")
    document = quotes_view.details.document()
    text = document.toPlainText()
    at = text.lower().index("we")
    cursor = document.find("we")
    assert cursor.charFormat().fontOverline()
    assert at >= 0
    model = table.model().sourceModel()
    row = model.row_of(wanted[0])
    assert model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not quotes_view.details.document().find("we").charFormat().fontOverline()


def test_f3_with_the_bar_closed_goes_to_the_first_quote_from_the_selection(qtbot, window):
    window.action_show_quotes.trigger()
    quotes_view, bar = window.quotes_view, window.finder.bar
    find(qtbot, window, "we")
    first = quotes_view.selected_quote().id
    assert bar.count_label.text().startswith("1 of ")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    quotes_view.select_quote(first)
    window.action_find_next.trigger()  # opens the bar and goes to the first match, as on the Comparison tab
    assert bar.isVisible()
    assert quotes_view.selected_quote().id == first
    assert bar.count_label.text().startswith("1 of ")


def test_match_colours_keep_their_text_readable_in_both_themes():
    from storydiff.presentation.contrast import contrast_ratio
    from storydiff.ui.views.find_highlight import MATCH_BACKGROUNDS, MATCH_TEXT

    for light, dark in MATCH_BACKGROUNDS.values():
        assert contrast_ratio(light, MATCH_TEXT) >= 4.5
        assert contrast_ratio(dark, MATCH_TEXT) >= 4.5
