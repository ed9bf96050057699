"""The slim bar above the comparison: column order, and which versions are shown.

It edits nothing itself: each choice is a request signal that the compare view
answers with ``show_settings``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from storydiff.core.model import Comparison
from storydiff.presentation.columns import ORDER_NAMES, ORDERS, ColumnSettings
from storydiff.ui.models.version_choice_model import VersionChoiceModel

_LIST_ROWS = 16  # the popup list scrolls beyond this many versions


class ColumnBar(QWidget):
    """Order box, a checkable list of versions, "differ here" and "show all" buttons."""

    order_chosen = Signal(str)  # one of ``ORDERS``
    hidden_chosen = Signal(frozenset)  # version ids to hide
    differ_here_requested = Signal()
    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = VersionChoiceModel(self)
        self.order_box = QComboBox(self)
        for order in ORDERS:
            self.order_box.addItem(ORDER_NAMES[order], order)
        self.order_box.setToolTip("The order of the version columns (the reference stays first)")
        self.order_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.order_box.setMinimumContentsLength(14)
        self.versions_button = QToolButton(self)
        self.versions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.versions_button.setToolTip("Tick the versions to show; hiding one re-aligns nothing")
        self.versions_list = QListView()
        self.versions_list.setModel(self.choices)
        self.versions_button.setMenu(self._make_menu())
        self.differ_button = QToolButton(self, text="Only Those That Differ Here")
        self.differ_button.setToolTip("Hide the versions whose cell in the selected row says what the reference says")
        self.show_all_button = QToolButton(self, text="Show All")
        self.show_all_button.setToolTip("Show every version")
        self._lay_out()
        self.order_box.activated.connect(lambda i: self.order_chosen.emit(self.order_box.itemData(i)))
        self.choices.hidden_changed.connect(self.hidden_chosen)
        self.differ_button.clicked.connect(self.differ_here_requested)
        self.show_all_button.clicked.connect(self.show_all_requested)

    def show_settings(self, comparison: Comparison | None, order: list[str], settings: ColumnSettings) -> None:
        """Show ``settings`` for ``comparison``, listing its versions in ``order``."""
        self.order_box.setCurrentIndex(max(self.order_box.findData(settings.order), 0))
        hidden = frozenset(v for v in settings.hidden if v in order)
        self.choices.set_versions(comparison, order, hidden)
        shown = len(order) - len(hidden)
        self.versions_button.setText(f"Versions: {shown} of {len(order)}" if comparison else "Versions")
        self.show_all_button.setEnabled(bool(hidden))
        for widget in (self.order_box, self.versions_button, self.differ_button):
            widget.setEnabled(comparison is not None)

    def set_row_chosen(self, chosen: bool) -> None:
        """"Differ here" needs a selected row."""
        self.differ_button.setEnabled(chosen)

    def _make_menu(self) -> QMenu:
        # A list inside the menu: ticking a version leaves the menu open for the next.
        menu = QMenu(self)
        holder = QWidget(menu)
        column = QVBoxLayout(holder)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.versions_list)
        self.versions_list.setMinimumWidth(320)
        self.versions_list.setMinimumHeight(_LIST_ROWS * self.fontMetrics().height())
        action = QWidgetAction(menu)
        action.setDefaultWidget(holder)
        menu.addAction(action)
        return menu

    def _lay_out(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel("Columns:", self))
        row.addWidget(self.order_box)
        row.addWidget(self.versions_button)
        row.addWidget(self.differ_button)
        row.addWidget(self.show_all_button)
        row.addStretch(1)
