"""Find (Ctrl+F): a bar under the Comparison and Quotes tabs that searches every version's text.

``FindBar`` is the widget: the field, the options (Match case, Whole words,
Regular expression), the count, previous/next, the row filter and the close
button. ``FindController`` owns the search: it connects the window's Find
actions, searches the tab shown (``presentation.find``), lays the matches over
the cells (``CellDelegate.find_marks``), marks the overview strip, filters the
compare view's rows and jumps match to match (quote to quote on the Quotes tab).
Matches in versions whose columns are hidden are counted and said ("(4 in hidden
versions)"), never shown: hiding a version is the user's choice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison
from storydiff.presentation.find import (
    ALL_ROWS,
    ANY_VERSION,
    CHOSEN_VERSIONS,
    EVERY_VERSION,
    FindError,
    FindOptions,
    Match,
    QuoteHit,
    SearchIndex,
    cell_matches,
    compile_query,
    count_text,
    matching_rows,
    ordered,
    quotes_count_text,
    search_quotes,
    search_text,
    step,
)
from storydiff.ui.models.quotes_model import QuoteRole
from storydiff.ui.models.rows_model import VersionIdRole
from storydiff.ui.palette import is_dark
from storydiff.ui.views.find_highlight import MATCH_TEXT, highlight_document, match_colour

FILTER_CHOICES = (
    ("All rows", ALL_ROWS),
    ("Rows: any version matches", ANY_VERSION),
    ("Rows: all versions match", EVERY_VERSION),
    ("Rows: chosen versions match", CHOSEN_VERSIONS),
)
_BIG_INDEX = 800  # cells: above this, typing is debounced
_DEBOUNCE_MS = 150
_ERROR_COLOURS = ("#b3261e", "#ff8a80")  # light, dark: red that keeps 4.5:1 on the window
NOT_HERE = "Find searches the Comparison and Quotes tabs"


class FindBar(QWidget):
    """The find bar's widgets; what they ask for is signalled, the controller does it."""

    changed = Signal()  # the text or an option changed: search again
    filter_changed = Signal()  # the row filter or the chosen versions changed
    step_requested = Signal(bool)  # True: next match, False: previous
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.edit = QLineEdit(placeholderText="Find in every version", clearButtonEnabled=True)
        self.edit.setAccessibleName("Find")
        self.case_box = QCheckBox("Match &case", toolTip="Tell capitals and accents apart (é is not e)")
        self.words_box = QCheckBox("&Whole words", toolTip="Only matches that are not part of a longer word")
        self.regex_box = QCheckBox("Re&gex", toolTip="A regular expression (Python syntax)")
        self.previous_button = _tool_button("‹", "Previous match (Shift+F3, Shift+Enter)")
        self.next_button = _tool_button("›", "Next match (F3, Enter)")
        self.count_label = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Matches")
        self.filter_combo = QComboBox(toolTip="Which rows of the comparison to show: all, those where "
                                      "any shown version matches, where every shown version matches, "
                                      "or where every version chosen under Versions matches")
        for text, key in FILTER_CHOICES:
            self.filter_combo.addItem(text, key)
        self.filter_combo.setAccessibleName("Row filter")
        self.versions_menu = QMenu(self)
        self.versions_button = QToolButton(text="Versions", toolTip="The versions that must match",
                                           popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.versions_button.setMenu(self.versions_menu)
        self.versions_button.setEnabled(False)
        self.close_button = _tool_button("✕", "Close the find bar (Esc)")
        self._build_layout()
        self._connect()
        for child in self.findChildren(QWidget):
            if not child.isWindow():  # a popup (the Versions menu) keeps Esc to close itself
                child.installEventFilter(self)

    def options(self) -> FindOptions:
        return FindOptions(self.edit.text(), self.case_box.isChecked(), self.words_box.isChecked(),
                           self.regex_box.isChecked())

    def row_filter(self) -> str:
        return self.filter_combo.currentData()

    def chosen_versions(self) -> list[str]:
        return [action.data() for action in self.versions_menu.actions() if action.isChecked()]

    def set_versions(self, comparison: Comparison | None) -> None:
        """One checkable entry per version; versions chosen before stay chosen, new ones are."""
        before = {action.data(): action.isChecked() for action in self.versions_menu.actions()}
        self.versions_menu.clear()
        for version in comparison.versions if comparison is not None else ():
            action = self.versions_menu.addAction(version.label)
            action.setData(version.id)
            action.setCheckable(True)
            action.setChecked(before.get(version.id, True))
            action.toggled.connect(lambda _on: self.filter_changed.emit())

    def open(self) -> None:
        """Show the bar, the field focused with its text selected (typing replaces it)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` beside the field; an error in red (and in words: the colour is no cue alone)."""
        self.count_label.setText(text)
        colour = _ERROR_COLOURS[is_dark(self.palette())] if error else ""
        self.count_label.setStyleSheet(f"color: {colour};" if colour else "")

    def set_filter_enabled(self, enabled: bool) -> None:
        """The row filter applies to the comparison only."""
        self.filter_combo.setEnabled(enabled)
        self.versions_button.setEnabled(enabled and self.row_filter() == CHOSEN_VERSIONS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window's Cancel action owns Esc; inside the bar Esc closes the bar instead,
        # so it is claimed here (ShortcutOverride) rather than made a second shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.close_requested.emit()
                return True
            if watched is self.edit and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step_requested.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
        return super().eventFilter(watched, event)

    def _build_layout(self) -> None:
        # Two lines: in one the bar would set the window's minimum width above 1024 pixels.
        self.edit.setMinimumWidth(160)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.edit, 2)
        for widget in (self.previous_button, self.next_button):
            first.addWidget(widget)
        first.addWidget(self.count_label, 3)
        first.addWidget(self.close_button)
        for widget in (self.case_box, self.words_box, self.regex_box):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.filter_combo)
        second.addWidget(self.versions_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 3, 4, 3)
        column.setSpacing(2)
        column.addLayout(first)
        column.addLayout(second)

    def _connect(self) -> None:
        self.edit.textChanged.connect(self.changed)
        for box in (self.case_box, self.words_box, self.regex_box):
            box.toggled.connect(self.changed)
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(False))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(True))
        self.close_button.clicked.connect(self.close_requested)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_current_index_changed)

    def _on_filter_combo_current_index_changed(self, _position: int) -> None:
        self.versions_button.setEnabled(self.row_filter() == CHOSEN_VERSIONS)
        self.filter_changed.emit()


def _tool_button(text: str, tip: str) -> QToolButton:
    """A flat button showing ``text`` (a glyph: icon themes are missing on many desktops)."""
    button = QToolButton(text=text, toolTip=tip, autoRaise=True)
    button.setAccessibleName(tip.split(" (")[0])
    return button


def _wrap_note(wrapped: bool, forward: bool) -> str:
    if not wrapped:
        return ""
    return " · wrapped to the first match" if forward else " · wrapped to the last match"


class FindController(QObject):
    """Find over the window's Comparison and Quotes tabs (see the module docstring).

    Uses the window's ``action_find``, ``action_find_next``, ``action_find_previous``,
    ``compare_view``, ``quotes_view``, ``centre_tabs``, ``centre_splitter`` and
    ``comparison_shown``; puts the bar under the tabs.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.bar = FindBar()
        self.bar.hide()
        self._index: SearchIndex | None = None
        self._matches: tuple[Match, ...] = ()  # every match in the comparison
        self._shown: list[Match] = []  # those in shown columns and rows, in reading order
        self._hidden: list[Match] = []  # those in hidden versions
        self._cells: dict[tuple[int, str], tuple[tuple[int, int], ...]] = {}
        self._current: int | None = None  # position in _shown
        self._hits: tuple[QuoteHit, ...] = ()
        self._current_quote: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._arrange_timer = QTimer(self, singleShot=True, interval=0)
        self._place_bar()
        self._connect()
        window.compare_view.cell_delegate.find_marks = self._marks_at
        self._update_actions()

    # Public API (and for tests)

    def open(self) -> None:
        """Ctrl+F: show the bar (on the Comparison tab from the Coverage Map) and search its text."""
        if self._tab() is None:
            self._window.centre_tabs.setCurrentWidget(self._window.compare_view)
        self.bar.set_versions(self._window.comparison())
        self.bar.open()
        self._search()

    def close(self) -> None:
        """Esc: hide the bar, clear the highlights and the row filter, focus the view."""
        self.bar.hide()
        self._clear()
        self._window.centre_tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def step(self, forward: bool) -> None:
        """F3 / Shift+F3: the next (previous) match, wrapping; opens the bar if it is closed."""
        if not self.bar.isVisible():
            self.open()
            moved = self._current_quote if self._tab() == "quotes" else self._current
            if moved is not None:
                return  # opening went to the first match from the selection already
        if self._tab() == "quotes":
            self._step_quote(forward)
        elif self._tab() == "compare":
            self._step_match(forward)

    def matches(self) -> list[Match]:
        """The matches the compare view shows, in reading order."""
        return list(self._shown)

    def current_match(self) -> Match | None:
        return self._shown[self._current] if self._current is not None else None

    # Wiring

    def _place_bar(self) -> None:
        """Under the tabs, in the tabs' place in the splitter."""
        window = self._window
        splitter, tabs = window.centre_splitter, window.centre_tabs
        holder = QWidget(window)  # owned by Qt: the splitter takes it from the window
        holder.setObjectName("find_holder")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        splitter.replaceWidget(splitter.indexOf(tabs), holder)
        column.addWidget(tabs, 1)
        column.addWidget(self.bar)

    def _connect(self) -> None:
        window, bar = self._window, self.bar
        window.action_find.triggered.connect(self.open)
        window.action_find_next.triggered.connect(lambda: self.step(True))
        window.action_find_previous.triggered.connect(lambda: self.step(False))
        bar.changed.connect(self._on_bar_changed)
        bar.filter_changed.connect(self._arrange)
        bar.step_requested.connect(self.step)
        bar.close_requested.connect(self.close)
        self._timer.timeout.connect(self._search)
        self._arrange_timer.timeout.connect(self._arrange)
        window.comparison_shown.connect(self._on_window_comparison_shown)
        window.centre_tabs.currentChanged.connect(self._on_centre_tabs_current_changed)
        window.compare_view.table.model().modelReset.connect(self._arrange_timer.start)
        window.quotes_view.details_rendered.connect(self._on_quotes_view_details_rendered)
        window.quotes_view.table.model().layoutChanged.connect(self._on_quotes_order_changed)

    def _on_bar_changed(self) -> None:
        big = self._index is not None and len(self._index) > _BIG_INDEX
        self._timer.start(_DEBOUNCE_MS if big else 0)

    def _on_window_comparison_shown(self, comparison: Comparison | None) -> None:
        self._index = None
        self._current, self._current_quote = None, None
        self.bar.set_versions(comparison)
        self._update_actions()
        if self.bar.isVisible():
            self._search(move=False)

    def _on_centre_tabs_current_changed(self, _index: int) -> None:
        if self.bar.isVisible():
            self._search(move=False)

    def _on_quotes_view_details_rendered(self) -> None:
        view = self._window.quotes_view
        if not self._hits or not self.bar.isVisible():
            return
        try:
            pattern = compile_query(self.bar.options())
        except FindError:
            return
        document = view.details.document()
        spans = search_text(document.toPlainText(), pattern, match_case=self.bar.options().match_case)
        highlight_document(document, spans, view.details.palette())

    def _on_quotes_order_changed(self, *_) -> None:
        self._current_quote = None  # sorted or filtered: the next step starts from the selection

    # Searching

    def _tab(self) -> str | None:
        current = self._window.centre_tabs.currentWidget()
        if current is self._window.compare_view:
            return "compare"
        return "quotes" if current is self._window.quotes_view else None

    def _search(self, move: bool = True) -> None:
        """Search the tab shown for the bar's text; ``move`` goes to the first match from the selection."""
        self._clear_marks()
        tab, options = self._tab(), self.bar.options()
        self.bar.set_filter_enabled(tab == "compare")
        comparison = self._window.comparison()
        if tab is None:
            self.bar.say(NOT_HERE)
            return
        if comparison is None or not options.text:
            self._clear()  # nothing to look for: the last search's filter and marks go
            self.bar.say("")
            return
        try:
            if tab == "compare":
                self._search_comparison(comparison, options, move)
            else:
                self._search_quotes(comparison, options, move)
        except FindError as exc:
            self._clear()
            self.bar.say(str(exc)[0].upper() + str(exc)[1:], error=True)

    def _search_comparison(self, comparison: Comparison, options: FindOptions, move: bool) -> None:
        if self._index is None or self._index.comparison is not comparison:
            self._index = SearchIndex(comparison)
        self._matches = self._index.search(options)
        self._arrange()
        if move and self._shown:
            self._go(*step(self._keys(), None, True, origin=self._selected_origin()))

    def _search_quotes(self, comparison: Comparison, options: FindOptions, move: bool) -> None:
        self._hits = search_quotes(comparison.quotes, options)
        model = self._window.quotes_view.table.model().sourceModel()
        model.set_found(frozenset(h.quote_id for h in self._hits), match_colour("match", self.bar.palette()),
                        QColor(MATCH_TEXT))
        if move and self._hits:
            self._step_quote(True, from_selection=True)
        else:
            self._window.quotes_view.refresh_details()
            self.bar.say(quotes_count_text(None, self._hits))

    def _arrange(self) -> None:
        """Order the matches by the columns shown, filter the rows, mark the strip, count."""
        if self._tab() != "compare" or not self.bar.isVisible():
            return
        view = self._window.compare_view
        columns = view.shown_versions()
        rows = matching_rows(self._matches, self.bar.row_filter(), self._filter_versions(columns))
        view.set_row_filter(rows)
        previous = self.current_match()
        self._shown = [m for m in ordered(self._matches, columns) if rows is None or m.row in rows]
        self._hidden = [m for m in self._matches if m.version not in columns]
        self._cells = cell_matches(self._shown)
        self._current = self._shown.index(previous) if previous in self._shown else None
        view.set_found_rows(frozenset(m.row for m in self._shown))
        self.bar.say(count_text(self._current, self._shown, self._hidden))
        self._repaint_cells()

    def _filter_versions(self, columns: list[str]) -> list[str]:
        if self.bar.row_filter() == CHOSEN_VERSIONS:
            return self.bar.chosen_versions()
        return columns

    # Jumping

    def _keys(self) -> list[tuple[int, int, int]]:
        place = {vid: n for n, vid in enumerate(self._window.compare_view.shown_versions())}
        return [(m.row, place[m.version], m.start) for m in self._shown]

    def _selected_origin(self) -> tuple[int, int] | None:
        view = self._window.compare_view
        cell = view.current_cell()
        if cell is None:
            return None
        return cell[0], view.shown_versions().index(cell[1])

    def _step_match(self, forward: bool) -> None:
        current = self._current
        match = self.current_match()
        if match is not None and self._window.compare_view.current_cell() != (match.row, match.version):
            current = None  # the user chose another cell: go on from there
        origin = self._selected_origin() if current is None else None
        if origin is not None:
            # From a cell of one's own choosing, the next match is after it (the previous one before it).
            origin = (origin[0], origin[1] + (1 if forward else -1))
        self._go(*step(self._keys(), current, forward, origin=origin), forward=forward)

    def _go(self, position: int | None, wrapped: bool, forward: bool = True) -> None:
        if position is None:
            return
        self._current = position
        match = self._shown[position]
        self._window.compare_view.show_cell(match.row, match.version)
        self.bar.say(count_text(position, self._shown, self._hidden) + _wrap_note(wrapped, forward))
        self._repaint_cells()

    def _step_quote(self, forward: bool, *, from_selection: bool = False) -> None:
        """Select the next (previous) matching quote in the table's order; ``from_selection``:
        the first one at or after the selected quote (when a search starts)."""
        view = self._window.quotes_view
        rows = self._quote_rows()
        hits = sorted((hit for hit in self._hits if hit.quote_id in rows), key=lambda h: rows[h.quote_id])
        ids = [hit.quote_id for hit in hits]
        if not ids:
            view.refresh_details()
            self.bar.say(quotes_count_text(None, self._hits) if not self._hits else "No matches shown")
            return
        selected = view.selected_quote()
        selected_id = selected.id if selected is not None else None
        if not from_selection and self._current_quote in ids and selected_id == self._current_quote:
            position, wrapped = step(ids, ids.index(self._current_quote), forward)
        else:
            origin = None
            if selected_id in rows:
                origin = (rows[selected_id] + (0 if from_selection else 1 if forward else -1),)
            position, wrapped = step([(rows[q],) for q in ids], None, forward, origin=origin)
        self._current_quote = ids[position]
        view.select_quote(self._current_quote)
        view.refresh_details()
        self.bar.say(quotes_count_text(position, hits) + _wrap_note(wrapped, forward))

    def _quote_rows(self) -> dict[str, int]:
        """The quotes the Quotes table shows (filters applied): id -> table row."""
        proxy = self._window.quotes_view.table.model()
        return {proxy.index(row, 0).data(QuoteRole).id: row for row in range(proxy.rowCount())}

    # Marks

    def _marks_at(self, index: QModelIndex) -> tuple[tuple[tuple[int, int], ...], int | None]:
        """The delegate's question: the matches in the cell at ``index`` and which is current."""
        if not self._cells:
            return (), None
        version = index.data(VersionIdRole)
        spans = self._cells.get((index.row(), version), ())
        match = self.current_match()
        current = None
        if spans and match is not None and (match.row, match.version) == (index.row(), version):
            current = spans.index((match.start, match.end))
        return spans, current

    def _repaint_cells(self) -> None:
        """Paint the compare view's cells again (their marks come from ``_marks_at``)."""
        view = self._window.compare_view
        view.table.viewport().update()
        view.frozen_table.viewport().update()

    def _clear_marks(self) -> None:
        self._matches, self._shown, self._hidden, self._cells = (), [], [], {}
        self._current = None
        self._hits = ()

    def _clear(self) -> None:
        self._clear_marks()
        self._current_quote = None
        view = self._window.compare_view
        view.set_row_filter(None)
        view.set_found_rows(frozenset())
        self._repaint_cells()
        self._window.quotes_view.table.model().sourceModel().set_found(frozenset())
        self._window.quotes_view.refresh_details()

    def _update_actions(self) -> None:
        has_comparison = self._window.comparison() is not None
        self._window.action_find_next.setEnabled(has_comparison)
        self._window.action_find_previous.setEnabled(has_comparison)
