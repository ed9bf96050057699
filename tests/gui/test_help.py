"""Help: the user guide on F1 from a local file, its links, the keyboard shortcuts window
generated from the actions, and tooltips on every toolbar item and badge."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QToolBar

from storydiff.presentation.quotes import STATUSES
from storydiff.presentation.shortcuts import plain_text
from storydiff.resources import resources_dir
from storydiff.ui.dialogs.help_window import HelpWindow, guide_path, guide_style_sheet
from storydiff.ui.dialogs.shortcuts_dialog import SUBMENU, ShortcutsDialog
from storydiff.ui.models.quotes_model import FIRST_VERSION_COLUMN
from storydiff.ui.palette import CHANGE_BACKGROUNDS

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20000
PASSAGE_STATUSES = ("unchanged", "changed", "moved", "omitted", "added")
VERDICTS = ("copy", "light-edit", "rewrite", "spun", "garbled", "independent")
_NATIVE = QKeySequence.SequenceFormat.NativeText


def open_sample(qtbot, window):
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    return window.comparison()


def help_window(qtbot, window) -> HelpWindow:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    found = window.findChild(HelpWindow, "help_window")
    assert found is not None and found.isVisible()
    return found


# The user guide


def test_the_guide_is_a_file_among_the_resources():
    path = guide_path()
    assert path.is_file()
    assert path.resolve().is_relative_to(resources_dir().resolve())
    assert path.resolve() == (ROOT / "resources" / "help" / "guide.html").resolve()


def test_f1_opens_the_guide_from_the_local_file(qtbot, window):
    assert window.action_user_guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    help = help_window(qtbot, window)
    source = help.browser.source()
    assert source.isLocalFile()
    assert Path(source.toLocalFile()).resolve() == guide_path().resolve()
    text = help.browser.toPlainText()
    for word in PASSAGE_STATUSES + tuple(STATUSES) + VERDICTS:
        assert re.search(rf"\b{re.escape(word)}\b", text), word
    for topic in ("Find", "Copy as evidence", "Zoom", "Preferences", "Keyboard", "Colours and marks"):
        assert topic in text, topic
    # F1 again raises the same window rather than opening another.
    window.activateWindow()
    window.action_user_guide.trigger()
    assert window.findChildren(HelpWindow) == [help]


def test_links_inside_the_guide_are_followed_with_back_and_forward(qtbot, window):
    help = help_window(qtbot, window)
    browser = help.browser
    qtbot.waitExposed(help)
    assert not help.back_button.isEnabled()
    browser.anchorClicked.emit(QUrl("#verdicts"))
    assert browser.source().fragment() == "verdicts"
    assert browser.verticalScrollBar().value() > 0  # scrolled down to the section
    assert help.back_button.isEnabled()
    help.back_button.click()
    assert browser.source().fragment() == ""
    assert help.forward_button.isEnabled()
    help.home_button.click()
    assert browser.verticalScrollBar().value() == 0


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_external_links_go_to_the_desktop_browser(qtbot, window):
    help = help_window(qtbot, window)
    source = help.browser.source()
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        help.browser.anchorClicked.emit(QUrl("https://www.sbert.net/"))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert [url.toString() for url in catcher.urls] == ["https://www.sbert.net/"]
    assert help.browser.source() == source  # the guide stays where it was


def test_every_link_in_the_guide_leads_somewhere():
    html = guide_path().read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    for target in re.findall(r'<a href="([^"]+)"', html):
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert target.startswith("https://"), target


def test_the_colour_samples_are_the_colours_the_window_paints():
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
    for palette, column in ((light, 0), (dark, 1)):
        css = guide_style_sheet(palette)
        for name in ("insertion", "substitution", "serious", "trivial", "moved", "omitted"):
            assert f".{name} {{ background-color: {CHANGE_BACKGROUNDS[name][column]}; }}" in css
        for status in STATUSES:
            assert f".status-{status} " in css
    html = guide_path().read_text(encoding="utf-8")
    for status in STATUSES:
        assert f'class="status-{status}"' in html


def test_the_change_samples_carry_the_windows_own_lines(qtbot, window):
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    from storydiff.ui.accessibility import add_change_cue
    from storydiff.ui.dialogs.help_window import _cue_ranges

    document = help_window(qtbot, window).browser.document()
    ranges = _cue_ranges(document)
    assert {kind for _, _, kind in ranges} == {"insertion", "substitution", "serious", "trivial"}
    for start, end, kind in ranges:
        assert end - start > 3
        cursor = QTextCursor(document)
        cursor.setPosition(end)
        expected = add_change_cue(QTextCharFormat(), kind).underlineStyle()
        assert cursor.charFormat().underlineStyle() == expected, kind


def test_the_guide_is_in_the_packaged_application():
    spec = (ROOT / "packaging" / "storydiff.spec").read_text(encoding="utf-8")
    # The whole resources folder goes into the bundle, and nothing under it is dropped.
    assert 'datas = [(str(ROOT / "resources"), "resources")]' in spec
    drops = spec[spec.index("DROP_PATTERNS = ["):spec.index("def kept")]
    assert "resources" not in drops and "help" not in drops


# The keyboard shortcuts window


def shortcuts_dialog(qtbot, window) -> ShortcutsDialog:
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ShortcutsDialog, "shortcuts_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def listed(dialog: ShortcutsDialog) -> dict[str, list[tuple[str, str]]]:
    """Group heading -> [(command, keys)] as the tree shows them."""
    tree, shown = dialog.tree, {}
    for top in range(tree.topLevelItemCount()):
        heading = tree.topLevelItem(top)
        shown[heading.text(0)] = [(heading.child(n).text(0), heading.child(n).text(1))
                                  for n in range(heading.childCount())]
    return shown


def test_the_shortcuts_window_lists_every_action_with_a_shortcut(qtbot, window):
    dialog = shortcuts_dialog(qtbot, window)
    rows = [row for entries in listed(dialog).values() for row in entries]
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(with_keys) >= 30
    assert len(rows) == len(with_keys)
    for action in with_keys:
        keys = [sequence.toString(_NATIVE) for sequence in action.shortcuts()]
        assert any(command == plain_text(action.text()) and all(k in shown.split(" / ") for k in keys)
                   for command, shown in rows), (action.text(), keys)


def test_shortcuts_are_grouped_by_menu(qtbot, window):
    groups = listed(shortcuts_dialog(qtbot, window))
    assert list(groups)[:3] == ["File", f"File{SUBMENU}Export", "Edit"]
    assert ("Zoom In", window.action_zoom_in.shortcut().toString(_NATIVE)) in groups["View"]
    assert ("HTML Report…", window.action_export_html.shortcut().toString(_NATIVE)) in groups[f"File{SUBMENU}Export"]
    assert ("Keyboard Shortcuts", window.action_shortcuts.shortcut().toString(_NATIVE)) in groups["Help"]


def test_the_filter_keeps_matching_commands_keys_and_menus(qtbot, window):
    dialog = shortcuts_dialog(qtbot, window)
    qtbot.keyClicks(dialog.filter_edit, "zoom")
    groups = listed(dialog)
    assert list(groups) == ["View"]
    assert [command for command, _ in groups["View"]] == ["Zoom In", "Zoom Out"]
    dialog.filter_edit.setText("F3")
    commands = [command for entries in listed(dialog).values() for command, _ in entries]
    assert "Find Next" in commands and "Find Previous" in commands
    dialog.filter_edit.setText("no such command")
    assert listed(dialog) == {}
    dialog.filter_edit.clear()
    assert len(listed(dialog)) > 3


def test_the_list_follows_the_actions(qtbot, window):
    dialog = shortcuts_dialog(qtbot, window)
    dialog.close()
    extra = QAction("&Brand New Thing", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+B"))
    window.menu_export.addAction(extra)
    window.action_zoom_in.setShortcut(QKeySequence("Ctrl+Alt+I"))
    dialog = shortcuts_dialog(qtbot, window)
    groups = listed(dialog)
    assert ("Brand New Thing", QKeySequence("Ctrl+Alt+B").toString(_NATIVE)) in groups[f"File{SUBMENU}Export"]
    assert ("Zoom In", QKeySequence("Ctrl+Alt+I").toString(_NATIVE)) in groups["View"]


# Tooltips


def test_every_toolbar_item_has_a_tooltip(window):
    toolbars = window.findChildren(QToolBar)
    assert toolbars
    items = 0
    for toolbar in toolbars:
        for action in toolbar.actions():
            if action.isSeparator():
                continue
            widget = toolbar.widgetForAction(action)
            tip = widget.toolTip() if widget is not None and widget.toolTip() else action.toolTip()
            name = action.text() or type(widget).__name__
            assert tip.strip(), f"no tooltip on {name!r} in {toolbar.windowTitle()}"
            items += 1
    assert items >= 8


def test_every_badge_has_a_tooltip(qtbot, window):
    comparison = open_sample(qtbot, window)
    # Status badges on the Quotes tab: the version, the status in words and what it means.
    window.action_show_quotes.trigger()
    table = window.quotes_view.table
    model = table.model()
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for column in range(FIRST_VERSION_COLUMN, model.columnCount()):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            status = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert tip and status in tip
    # The "moved" badge in compare cells.
    rows = window.compare_view.table.model()
    moved = [(r, c) for r in range(rows.rowCount()) for c in range(rows.columnCount())
             if rows.cell(r, c).moved]
    assert moved
    for r, c in moved:
        assert "moved" in rows.index(r, c).data(Qt.ItemDataRole.ToolTipRole)
    # The verdict badge in the versions panel.
    judged = [v for v in comparison.versions if v.id != comparison.reference
              and comparison.stats[v.id].verdict]
    assert judged
    tips = _version_tooltips(window)
    for version in judged:
        verdict = comparison.stats[version.id].verdict
        assert f"Verdict: {verdict}" in tips[version.label], version.label


def _version_tooltips(window) -> dict[str, str]:
    from PySide6.QtWidgets import QAbstractItemView

    view = window.versions_panel.findChild(QAbstractItemView)
    model = view.model()
    return {model.index(r, 0).data(): model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(model.rowCount())}


@pytest.fixture(autouse=True)
def _close_help_windows():
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (HelpWindow, ShortcutsDialog)):
            widget.close()
