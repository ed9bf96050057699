"""Help ▸ Keyboard Shortcuts: every action of the window that has a shortcut, by menu, with a
filter box.

The list is read from the actions themselves each time the window is shown (menus first, in
their order, then actions that live only on a panel or a view), so it is never out of date.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storydiff.presentation.shortcuts import ShortcutEntry, grouped, plain_text
from storydiff.ui.dialogs.single import show_one

SUBMENU = " ▸ "
_NATIVE = QKeySequence.SequenceFormat.NativeText


def collect_shortcuts(window: QMainWindow) -> list[ShortcutEntry]:
    """Every action under ``window`` with at least one shortcut: those in the menu bar grouped
    by menu ("File ▸ Export" for a submenu), in menu order, then the others grouped by the
    panel or view that owns them."""
    entries: list[ShortcutEntry] = []
    seen: set[int] = set()
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            _walk_menu(menu_action.menu(), plain_text(menu_action.text()), entries, seen)
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.shortcuts():
            seen.add(id(action))
            entries.append(_entry(action, _owner_group(action)))
    return entries


def _walk_menu(menu: QMenu, group: str, entries: list[ShortcutEntry], seen: set[int]) -> None:
    for action in menu.actions():
        if action.menu() is not None:
            _walk_menu(action.menu(), group + SUBMENU + plain_text(action.text()), entries, seen)
        elif action.shortcuts() and id(action) not in seen:
            seen.add(id(action))
            entries.append(_entry(action, group))


def _entry(action: QAction, group: str) -> ShortcutEntry:
    keys = tuple(sequence.toString(_NATIVE) for sequence in action.shortcuts())
    command = plain_text(action.text()) or plain_text(action.iconText()) or action.objectName()
    return ShortcutEntry(group, command, keys, action.statusTip() or action.toolTip())


def _owner_group(action: QAction) -> str:
    """The panel or view an action outside the menus belongs to, in words ("Versions panel")."""
    owner = action.parent()
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    if owner is None:
        return "Other"
    if owner.accessibleName():
        return owner.accessibleName()
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", type(owner).__name__.removeprefix("Q"))
    return " ".join(words).capitalize() or "Other"


class ShortcutsDialog(QDialog):
    """The shortcuts of ``window``'s actions in a two-column tree (command, keys) under one
    heading per menu; typing in the filter keeps the commands, keys or menus that match."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self._window = window
        self._entries: list[ShortcutEntry] = []
        self.filter_edit = QLineEdit(placeholderText="Filter by command, key or menu", clearButtonEnabled=True)
        self.filter_edit.setAccessibleName("Filter shortcuts")
        self.tree = _make_tree()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.resize(560, 620)

    def entries(self) -> list[ShortcutEntry]:
        """The entries listed before filtering (read from the actions when last shown)."""
        return list(self._entries)

    def refresh(self) -> None:
        """Read the actions again and show those the filter keeps."""
        self._entries = collect_shortcuts(self._window)
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
        self.filter_edit.setFocus()

    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        for group, entries in grouped(self._entries, self.filter_edit.text()):
            heading = QTreeWidgetItem(self.tree, [group])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for entry in entries:
                item = QTreeWidgetItem(heading, [entry.command, " / ".join(entry.keys)])
                item.setToolTip(0, entry.tip or entry.command)
        self.tree.expandAll()


def _make_tree() -> QTreeWidget:
    tree = QTreeWidget()
    tree.setColumnCount(2)
    tree.setHeaderLabels(["Command", "Shortcut"])
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAccessibleName("Keyboard shortcuts")
    header = tree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    return tree


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Show (or raise) the window's Keyboard Shortcuts dialog; it is not modal."""
    return show_one(window, ShortcutsDialog, "shortcuts_dialog")
