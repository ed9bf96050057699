"""The window's actions, menus and toolbar, built from one table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar


@dataclass(frozen=True)
class ActionSpec:
    name: str  # attribute name on the window: action_<verb>
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    checkable: bool = False
    icon: str = ""  # freedesktop theme icon name


@dataclass(frozen=True)
class SubmenuSpec:
    name: str  # attribute name on the window: menu_<noun>
    text: str
    actions: tuple[ActionSpec | None, ...] = ()  # filled here; empty: filled by the window


MENUS: dict[str, tuple[ActionSpec | SubmenuSpec | None, ...]] = {
    "&File": (
        ActionSpec("action_new", "&New", "Ctrl+N", "Start a new, empty session", icon="document-new"),
        ActionSpec("action_open_session", "&Open…", "Ctrl+Shift+O", "Open a saved StoryDiff session"),
        SubmenuSpec("menu_open_recent", "Open &Recent"),
        None,
        ActionSpec("action_open", "Open &Versions…", QKeySequence.StandardKey.Open, "Add versions from files", icon="document-open"),
        ActionSpec("action_paste", "&Paste as Version…", "Ctrl+Shift+V", "Add a version from pasted text", icon="edit-paste"),
        ActionSpec("action_open_sample", "Open Sa&mple Story", None, "Compare the bundled sample story"),
        None,
        ActionSpec("action_save", "&Save", "Ctrl+S", "Save the session", icon="document-save"),
        ActionSpec("action_save_as", "Save &As…", "Ctrl+Shift+S", "Save the session under another name",
                   icon="document-save-as"),
        ActionSpec("action_revert", "Rever&t", None, "Go back to the saved session", icon="document-revert"),
        None,
        SubmenuSpec("menu_export", "&Export", (
            ActionSpec("action_export", "&Export…", None, "Export in the format used last time"),
            None,
            ActionSpec("action_export_html", "&HTML Report…", "Ctrl+E", "Write a self-contained HTML report"),
            ActionSpec("action_export_pdf", "&PDF Report…", "Ctrl+Shift+P", "Write the report as a PDF (A4 or Letter)"),
            ActionSpec("action_export_json", "&JSON…", "Ctrl+Shift+E", "Write the comparison as JSON"),
            ActionSpec("action_export_csv_rows", "CSV of &Statements…", None,
                       "Write the statements as CSV: one column per version"),
            ActionSpec("action_export_csv_quotes", "CSV of &Quotations…", None,
                       "Write the quotations as CSV: one status column per version"),
        )),
        None,
        # Not StandardKey.Quit: it is empty on Windows and on Linux without a desktop platform theme.
        ActionSpec("action_quit", "&Quit", "Ctrl+Q", "Close the window", icon="application-exit"),
    ),
    "&Edit": (
        ActionSpec("action_copy", "&Copy as Evidence", QKeySequence.StandardKey.Copy,
                   "Copy the selected statements, cell or quotation with each version's label and source",
                   icon="edit-copy"),
        None,
        ActionSpec("action_find", "&Find…", QKeySequence.StandardKey.Find,
                   "Find a word or a name in every version", icon="edit-find"),
        ActionSpec("action_find_next", "Find &Next", QKeySequence.StandardKey.FindNext, "Go to the next match"),
        ActionSpec("action_find_previous", "Find Pre&vious", QKeySequence.StandardKey.FindPrevious,
                   "Go to the previous match"),
        None,
        ActionSpec("action_remove", "&Remove Version", None, "Remove the selected version"),
        ActionSpec("action_set_reference", "Set as &Reference", "Ctrl+R", "Compare the others against the selected version"),
        None,
        ActionSpec("action_preferences", "Pre&ferences…", "Ctrl+,",
                   "Model, threshold, font, theme, autosave and cache", icon="preferences-system"),
    ),
    "&View": (
        ActionSpec("action_show_comparison", "&Comparison", "Ctrl+1", "Show the statements side by side"),
        ActionSpec("action_show_quotes", "&Quotes", "Ctrl+3", "Show every quotation and how each version prints it"),
        ActionSpec("action_show_coverage", "Co&verage Map", "Ctrl+4",
                   "Show which version carries which statement, at a glance"),
        None,
        ActionSpec("action_show_trivial", "Show &Trivial Changes", "Ctrl+T",
                   "Show punctuation, case, quote-mark and spacing changes", checkable=True),
        ActionSpec("action_focus", "&Focus on Two Versions", "Ctrl+2",
                   "Show only the reference and one other version", checkable=True),
        None,
        ActionSpec("action_zoom_in", "Zoom &In", QKeySequence.StandardKey.ZoomIn, "Make the text larger",
                   icon="zoom-in"),
        ActionSpec("action_zoom_out", "Zoom O&ut", QKeySequence.StandardKey.ZoomOut, "Make the text smaller",
                   icon="zoom-out"),
        ActionSpec("action_zoom_reset", "&Actual Size", "Ctrl+0", "Show the text at its normal size",
                   icon="zoom-original"),
        None,
        ActionSpec("action_next_change", "&Next Change", "Alt+Down", "Go to the next changed statement", icon="go-down"),
        ActionSpec("action_previous_change", "&Previous Change", "Alt+Up", "Go to the previous changed statement", icon="go-up"),
        ActionSpec("action_next_omission", "Next &Omission", "Alt+Shift+Down", "Go to the next statement a version lacks"),
        ActionSpec("action_previous_omission", "Previous O&mission", "Alt+Shift+Up", "Go to the previous statement a version lacks"),
    ),
    "&Alignment": (
        ActionSpec("action_realign", "&Re-align", "F5", "Align the versions again", icon="view-refresh"),
        ActionSpec("action_cancel", "&Cancel", "Esc", "Stop the running alignment", icon="process-stop"),
    ),
    "&Help": (
        ActionSpec("action_user_guide", "StoryDiff &Help", QKeySequence.StandardKey.HelpContents,
                   "Open the user guide: statuses, verdicts and what the colours mean", icon="help-contents"),
        ActionSpec("action_shortcuts", "&Keyboard Shortcuts", "Ctrl+/", "List every keyboard shortcut"),
        None,
        ActionSpec("action_about", "&About StoryDiff", None, icon="help-about"),
    ),
}

TOOLBAR = ("action_open", "action_paste", None, "action_previous_change", "action_next_change",
           "action_show_trivial", "action_focus")


def build_actions(window: QMainWindow) -> None:
    """Create every action (and submenu) as ``window.<name>`` and fill the menu bar."""
    menubar: QMenuBar = window.menuBar()
    for title, specs in MENUS.items():
        _fill(window, menubar.addMenu(title), specs)


def _fill(window: QMainWindow, menu, specs: tuple[ActionSpec | SubmenuSpec | None, ...]) -> None:
    for spec in specs:
        if spec is None:
            menu.addSeparator()
            continue
        if isinstance(spec, SubmenuSpec):
            submenu = menu.addMenu(spec.text)
            submenu.setObjectName(spec.name)
            setattr(window, spec.name, submenu)
            _fill(window, submenu, spec.actions)
            continue
        action = _make_action(window, spec)
        setattr(window, spec.name, action)
        menu.addAction(action)


def build_toolbar(window: QMainWindow) -> QToolBar:
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main_toolbar")
    for name in TOOLBAR:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(getattr(window, name))
    return toolbar


def _make_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    action = QAction(spec.text, window)
    if spec.icon:
        action.setIcon(QIcon.fromTheme(spec.icon))
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    if spec.shortcut is not None:
        tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setCheckable(spec.checkable)
    return action
