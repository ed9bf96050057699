"""Accessibility helpers for the window: change cues beside colour, focus frames, names.

- ``add_change_cue`` gives each change class a text decoration, so the kinds
  differ without colour: insertions underlined, rewordings dash-underlined,
  facts changed (numbers, names, negations) with a wavy line, trivial changes
  dotted; deleted words are struck out where they are listed. (Find marks its
  matches with an overline, so no change kind uses one.)
- ``paint_focus_frame`` draws the current cell's frame in item delegates that
  paint cells themselves (a painted cell otherwise shows no keyboard focus).
- ``FocusRing`` outlines whichever widget of a window has the keyboard focus.
- ``name_widgets`` gives the main window's unlabelled widgets an accessible
  name and description (what a screen reader announces on focus).
- ``install`` does all of it for the main window, and removes keyboard dead
  ends: Tab leaves tables, Ctrl+1/3/4 focus the tab's view, Enter on a quote
  opens it as a double-click does.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

# kind class -> underline style. Only decorations: the cells are laid out once and their
# highlights drawn over the layout, where a bold weight or another font would be ignored.
_UNDERLINE = QTextCharFormat.UnderlineStyle
CHANGE_CUES = {
    "insertion": _UNDERLINE.SingleUnderline,
    "substitution": _UNDERLINE.DashUnderline,
    "serious": _UNDERLINE.WaveUnderline,  # facts changed: the squiggle of a spelling checker's error
    "deletion": _UNDERLINE.DashDotLine,  # an ellipsis standing for cut words
    "trivial": _UNDERLINE.DotLine,
}
FOCUS_WIDTH = 2  # pixels: the frame of the focused cell and the ring around the focused widget


def add_change_cue(style: QTextCharFormat, kind_class: str) -> QTextCharFormat:
    """``style`` with the decoration of ``kind_class`` (see ``CHANGE_CUES``); returns ``style``."""
    style.setUnderlineStyle(CHANGE_CUES.get(kind_class, _UNDERLINE.NoUnderline))
    return style


def has_focus_frame(option: QStyleOptionViewItem) -> bool:
    """True for the current cell of a view that has the keyboard focus."""
    return bool(option.state & QStyle.StateFlag.State_HasFocus)


def paint_focus_frame(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """A solid frame in the highlight colour just inside ``rect`` (viewport pixels)."""
    painter.save()
    pen = QPen(focus_colour(palette), FOCUS_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = FOCUS_WIDTH / 2
    painter.drawRect(QRectF(rect).adjusted(inset, inset, -inset, -inset))
    painter.restore()


def focus_colour(palette: QPalette) -> QColor:
    """The highlight colour, fully opaque: focus must show on any background."""
    colour = QColor(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
    colour.setAlpha(255)
    return colour


class FocusRing(QWidget):
    """A frame drawn over the edge of the focused widget of ``window`` (mouse-transparent).

    Qt's styles mark focus faintly or not at all on item views, scroll areas and
    text browsers; the ring makes every stop of the Tab order visible. It follows
    the widget when it moves or resizes and hides when focus leaves the window.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None
        self.hide()
        QApplication.instance().focusChanged.connect(self._on_app_focus_changed)

    def target(self) -> QWidget | None:
        """The widget outlined now, or None."""
        return self._target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (QEvent.Type.Move, QEvent.Type.Resize,
                                                        QEvent.Type.Show, QEvent.Type.Hide):
            self._place()
        return False

    def paintEvent(self, _event) -> None:
        paint_focus_frame(QPainter(self), self.rect(), self.palette())

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The application outlives windows: a ring (or the widget it outlined) may be gone by now.
        if not shiboken6.isValid(self):
            return
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
            self._target.destroyed.disconnect(self._on_target_destroyed)
        # Menus and popups are other windows; the window itself is no stop.
        inside = new is not None and new is not self.parentWidget() and new.window() is self.parentWidget()
        self._target = new if inside else None
        if self._target is not None:
            self._target.installEventFilter(self)
            self._target.destroyed.connect(self._on_target_destroyed)
        self._place()

    def _on_target_destroyed(self, *_) -> None:
        # A focused widget can be deleted before focus moves on (a toolbar rebuilt, a dialog closed).
        self._target = None
        self.hide()

    def _place(self) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            self.hide()
            return
        top_left = target.mapTo(self.parentWidget(), target.rect().topLeft())
        self.setGeometry(QRect(top_left, target.size()))
        self.show()
        self.raise_()
        self.update()


def name_widgets(window) -> None:
    """Accessible names and descriptions for the main window's widgets that show no
    text of their own (tables, text panes, filters, combo boxes that show a value)."""
    view, quotes, coverage = window.compare_view, window.quotes_view, window.coverage_view
    named = (
        (window.centre_tabs, "Views", "Comparison, Quotes and Coverage Map tabs"),
        (view.table, "Comparison", "One row per statement, one column per version; "
         "arrow keys move between cells, each cell reads its version, statement, text and changes"),
        (view.frozen_table, "Comparison, reference column", "The frozen reference column"),
        (view.column_bar.order_box, "Column order", view.column_bar.order_box.toolTip()),
        (quotes.table, "Quotes", "One row per quotation: speaker, wording and each version's status; "
         "Enter shows the quote in the comparison"),
        (quotes.speaker_edit, "Filter quotes by speaker", ""),
        (quotes.status_combo, "Filter quotes by status", ""),
        (quotes.details, "Selected quote in every version", ""),
        (coverage.map, "Coverage map", "Statements down, versions across; arrow keys move between "
         "cells, Enter shows the cell in the comparison"),
        (coverage.statements_box, "Statement order", coverage.statements_box.toolTip()),
        (coverage.versions_box, "Version order", coverage.versions_box.toolTip()),
        (coverage.filter_box, "Show statements", coverage.filter_box.toolTip()),
        (window.details_pane.text_view, "Selected statement in every version", ""),
        (window.details_pane.changes_view, "Changes of the selected statement", ""),
        (window.lineage_pane.pairs, "Substitution pairs of the selected version", ""),
        (window.controls.focus_box, "Version beside the reference in focus mode", window.controls.focus_box.toolTip()),
        (window.controls.threshold_box, "Same statement at (similarity threshold)",
         window.controls.threshold_box.toolTip()),
    )
    for widget, name, description in named:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
    for box in window.findChildren(QAbstractSpinBox):
        # The editor inside a spin box takes the focus: it is what a screen reader announces.
        box.findChild(QLineEdit).setAccessibleName(box.accessibleName() or box.toolTip())


def install(window) -> FocusRing:
    """Names the main window's widgets, makes it drivable from the keyboard alone and
    outlines its focused widget; returns the ring."""
    name_widgets(window)
    for view in window.findChildren(QAbstractItemView):
        # Tab leaves a table (arrows move between cells): 160 cells are no Tab stops to wade through.
        view.setTabKeyNavigation(False)
    for action, target in ((window.action_show_comparison, window.compare_view.table),
                           (window.action_show_quotes, window.quotes_view.table),
                           (window.action_show_coverage, window.coverage_view.map)):
        # Ctrl+1/3/4 put the keyboard in the tab's view, so the arrows work at once.
        action.triggered.connect(lambda _=False, view=target: view.setFocus(Qt.FocusReason.ShortcutFocusReason))
    EnterActivates(window.quotes_view.table)
    return FocusRing(window)


class EnterActivates(QObject):
    """Enter or Return on ``view``'s current item does what a double-click on it does."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() and self._view.currentIndex().isValid():
            self._view.doubleClicked.emit(self._view.currentIndex())
            return True
        return False
