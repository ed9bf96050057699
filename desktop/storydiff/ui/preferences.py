"""Preferences: read from and written to ``QSettings``, and applied to the window and the
application (Edit ▸ Preferences, or the application menu on macOS).

The values and their checks are Qt-free (``presentation.preferences``); this module only
stores them and applies them: the theme to the application, the rest to a main window.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QApplication, QMainWindow

from storydiff.presentation.preferences import Preferences, check_preferences, parse_preferences
from storydiff.ui.theme import apply_theme, current_theme, restyle_widgets
from storydiff.ui.workers.runner import TaskRunner

log = logging.getLogger(__name__)

GROUP = "preferences"
# The trivial-changes switch was remembered under this key before Preferences existed: the
# switch and its default are one setting (Ctrl+T in a window changes it too).
OWN_KEYS = {"show_trivial": "show_trivial"}


def _key(name: str) -> str:
    return OWN_KEYS.get(name, f"{GROUP}/{name}")


def load_preferences(settings: QSettings | None = None) -> Preferences:
    """The stored preferences; a bad stored value is logged and replaced by its default."""
    settings = settings or QSettings()
    # A missing key reads as None: parse_preferences keeps its default quietly.
    return parse_preferences({name: settings.value(_key(name)) for name in Preferences().to_raw()})


def save_preferences(preferences: Preferences, settings: QSettings | None = None) -> None:
    """Store every preference (read back by ``load_preferences``)."""
    settings = settings or QSettings()
    for name, value in preferences.to_raw().items():
        settings.setValue(_key(name), value)
    settings.sync()


def reading_font(preferences: Preferences) -> QFont:
    """The font of the reading text (compare view, quotes, details): the application's
    font with the chosen family and size (points) where they are set."""
    font = QFont(QApplication.font())
    if preferences.font_family:
        font.setFamily(preferences.font_family)
    if preferences.font_size > 0:
        font.setPointSizeF(preferences.font_size)
    return font


def apply_to_application(app: QApplication, preferences: Preferences) -> None:
    """What belongs to the whole application: the theme."""
    apply_theme(app, preferences.theme)


def apply_to_window(window: QMainWindow, holder, preferences: Preferences, *, start: bool = False) -> None:
    """Apply ``preferences`` to ``window`` and its embedder ``holder``: model and cache, reading
    font, autosave interval, the trivial-changes switch, and the threshold of a window with
    nothing in it yet. ``start``: the window is being built, its switch and threshold were
    read from the same settings already."""
    # A test's fake holder has no model to switch.
    switch = getattr(holder, "switch", None)
    if switch is not None and switch(preferences.model or None, preferences.cache_folder or None):
        if window.workspace().versions and not start:
            window.realign()  # the comparison on screen was made with the other model
    window.zoom.set_base_font(reading_font(preferences))
    window.sessions.set_autosave_minutes(preferences.autosave_minutes)
    if start:
        return
    window.action_show_trivial.setChecked(preferences.show_trivial)
    workspace = window.workspace()
    if not workspace.versions and window.sessions.path is None and workspace.threshold != preferences.threshold:
        window.show_document(replace(workspace, threshold=preferences.threshold), None)


class PreferencesController(QObject):
    """Owns Edit ▸ Preferences of one window: opens the dialog, stores and applies what is
    accepted (the theme to the application, the rest to every main window)."""

    def __init__(self, window: QMainWindow, holder, preferences: Preferences | None = None) -> None:
        """``holder``: the window's ``EmbedderHolder`` (or a test's stand-in); ``preferences``:
        as the window read them while it was built (else read here)."""
        super().__init__(window)
        self._window = window
        self._holder = holder
        # Model checks outlive a closed dialog (a model load cannot be interrupted).
        self._check_runner = TaskRunner(self, debounce_ms=0)
        self._dialog = None
        self.preferences = preferences if preferences is not None else load_preferences()
        action: QAction = window.action_preferences
        action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: the application menu
        action.triggered.connect(self.show_dialog)
        apply_to_window(window, holder, self.preferences, start=True)

    def show_dialog(self) -> None:
        """Open the Preferences dialog (window-modal; one at a time)."""
        from storydiff.ui.dialogs.preferences_dialog import PreferencesDialog

        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        self._dialog = PreferencesDialog(load_preferences(), self._window, runner=self._check_runner)
        self._dialog.accepted_preferences.connect(self.accept)
        self._dialog.finished.connect(self._on_dialog_finished)
        self._dialog.open()

    def dialog(self):
        """The open Preferences dialog, or None (for tests and screenshots)."""
        return self._dialog

    def accept(self, preferences: Preferences) -> None:
        """Store ``preferences`` and apply them to the application and every main window."""
        preferences = check_preferences(preferences)
        save_preferences(preferences)
        app = QApplication.instance()
        theme_changed = preferences.theme != current_theme(app)
        apply_to_application(app, preferences)
        for controller in self._controllers(app):
            controller.apply(preferences)
        if theme_changed:
            # The widgets hear of the new palette from the event loop; what was drawn
            # from the old one is redone after that.
            QTimer.singleShot(0, lambda: self._after_theme_change(app))

    @staticmethod
    def _controllers(app: QApplication) -> list[PreferencesController]:
        found = (getattr(widget, "preferences", None) for widget in app.topLevelWidgets())
        return [c for c in found if isinstance(c, PreferencesController)]

    def _after_theme_change(self, app: QApplication) -> None:
        restyle_widgets(app)
        for controller in self._controllers(app):
            controller._window.quotes_view.refresh_details()  # the selected quote's details carry colours of their own

    def apply(self, preferences: Preferences) -> None:
        """Apply ``preferences`` (already stored) to this controller's window."""
        self.preferences = preferences
        apply_to_window(self._window, self._holder, preferences)

    def _on_dialog_finished(self, _result: int) -> None:
        self._dialog.deleteLater()
        self._dialog = None
