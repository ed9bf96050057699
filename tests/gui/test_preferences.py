"""Preferences: each one set in the dialog, applied to the window at once and read back from
a new QSettings; a bad model folder refused in one line; bad stored values back to defaults."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableView

from storydiff.core.errors import ModelError
from storydiff.engine import DEFAULT_THRESHOLD
from storydiff.presentation.preferences import Preferences
from storydiff.storage.cache import CACHE_FILE, EmbeddingCache, text_key
from storydiff.ui.palette import is_dark
from storydiff.ui.preferences import load_preferences
from storydiff.ui.theme import apply_theme, current_theme
from storydiff.ui.workers.embedding import EmbedderHolder


@pytest.fixture(autouse=True)
def _system_theme_after(qapp):
    """The application is shared by every test: leave it in the system theme."""
    yield
    apply_theme(qapp, "system")


def open_dialog(window):
    window.action_preferences.trigger()
    dialog = window.preferences.dialog()
    assert dialog is not None and dialog.isVisible()
    return dialog


def press_ok(dialog):
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.model_message()
    ok.click()


def stored() -> Preferences:
    return load_preferences(QSettings())  # a fresh read of the settings file


def model_folder(tmp_path, name="model"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "modules.json").write_text("[]")
    return folder


def test_preferences_action_sits_in_the_platform_place(window):
    assert window.action_preferences.menuRole() == QAction.MenuRole.PreferencesRole
    dialog = open_dialog(window)
    assert dialog.preferences() == Preferences()
    dialog.reject()


def test_threshold_default_applies_to_an_empty_window_and_new_windows(window, new_window):
    dialog = open_dialog(window)
    dialog.threshold_box.setValue(0.61)
    press_ok(dialog)
    assert window.workspace().threshold == pytest.approx(0.61)
    assert window.controls.threshold_box.value() == pytest.approx(0.61)
    assert not window.sessions.modified
    assert stored().threshold == pytest.approx(0.61)
    assert new_window().workspace().threshold == pytest.approx(0.61)


def test_threshold_default_leaves_an_open_comparison_alone(qtbot, new_window, sample_files):
    win = new_window()
    win.open_files([str(f) for f in sample_files])
    dialog = open_dialog(win)
    dialog.threshold_box.setValue(0.5)
    press_ok(dialog)
    assert win.workspace().threshold == pytest.approx(DEFAULT_THRESHOLD)
    assert stored().threshold == pytest.approx(0.5)


def test_trivial_changes_switch_default(window, new_window):
    assert window.action_show_trivial.isChecked()
    dialog = open_dialog(window)
    dialog.trivial_box.setChecked(False)
    press_ok(dialog)
    assert not window.action_show_trivial.isChecked()
    assert stored().show_trivial is False
    assert not new_window().action_show_trivial.isChecked()


def test_reading_font(window):
    dialog = open_dialog(window)
    dialog.own_font_box.setChecked(True)
    family = QApplication.font().family()
    dialog.size_box.setValue(17.0)
    press_ok(dialog)
    font = window.zoom.base_font()
    assert font.pointSizeF() == pytest.approx(17.0)
    assert font.family() == family
    assert (stored().font_family, stored().font_size) == (family, 17.0)
    dialog = open_dialog(window)
    dialog.own_font_box.setChecked(False)
    press_ok(dialog)
    assert window.zoom.base_font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    assert (stored().font_family, stored().font_size) == ("", 0.0)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_theme_applies_live(qtbot, qapp, window, theme):
    dialog = open_dialog(window)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData(theme))
    press_ok(dialog)
    assert current_theme(qapp) == theme
    qtbot.waitUntil(lambda: is_dark(window.palette()) == (theme == "dark"))  # widgets hear it from the event loop
    # A widget with a style sheet (the frozen reference column) is restyled too.
    frozen = window.findChild(QTableView, "frozen_reference")
    qtbot.waitUntil(lambda: is_dark(frozen.palette()) == (theme == "dark"))
    assert is_dark(window.compare_view.palette()) == (theme == "dark")
    assert qapp.style().baseStyle().name().lower() == "fusion"  # under OutlinedIndicators
    assert stored().theme == theme


def test_system_theme_gives_the_platform_palette_back(qapp):
    before = qapp.palette().color(qapp.palette().ColorRole.Window).name()
    apply_theme(qapp, "dark")
    apply_theme(qapp, "system")
    assert qapp.palette().color(qapp.palette().ColorRole.Window).name() == before


def test_autosave_interval_and_off(window):
    assert window.sessions.autosave_minutes() == 1
    dialog = open_dialog(window)
    dialog.autosave_box.setValue(5)
    press_ok(dialog)
    assert window.sessions.autosave_minutes() == 5
    assert stored().autosave_minutes == 5
    dialog = open_dialog(window)
    dialog.autosave_box.setValue(0)
    assert dialog.autosave_box.text() == "Off"
    press_ok(dialog)
    assert window.sessions.autosave_minutes() == 0
    assert stored().autosave_minutes == 0


def test_a_model_folder_is_checked_in_the_background_then_used(qtbot, new_window, tmp_path, monkeypatch):
    calls = []

    def fake_check(folder, *, progress):
        calls.append(folder)
        return "loads: 384-dimensional vectors"

    monkeypatch.setattr("storydiff.ui.dialogs.preferences_dialog.check_model_task", fake_check)
    holder = EmbedderHolder()
    win = new_window(holder)
    folder = model_folder(tmp_path)
    dialog = open_dialog(win)
    dialog.folder_button.setChecked(True)
    dialog.model_edit.setText(str(folder))
    dialog.model_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: "✓" in dialog.model_message())
    assert calls == [str(folder)]
    press_ok(dialog)
    assert holder.model_id == str(folder.resolve())
    assert stored().model == str(folder)
    dialog = open_dialog(win)
    dialog.bundled_button.setChecked(True)
    press_ok(dialog)
    assert holder.model_id == "all-MiniLM-L6-v2"
    assert stored().model == ""


@pytest.mark.parametrize("make, reason", [
    (lambda tmp: tmp / "missing", "no such folder"),
    (lambda tmp: tmp, "not a sentence-transformers model"),
])
def test_a_bad_model_folder_is_refused_in_one_line(window, tmp_path, make, reason):
    folder = make(tmp_path)
    dialog = open_dialog(window)
    dialog.folder_button.setChecked(True)
    dialog.model_edit.setText(str(folder))
    dialog.model_edit.editingFinished.emit()
    message = dialog.model_message()
    assert message.startswith(str(folder)) and reason in message
    assert "\n" not in message
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()  # Enter: still refused
    assert dialog.isVisible()
    dialog.reject()
    assert stored().model == ""


def test_a_model_that_fails_to_load_is_refused_in_one_line(qtbot, window, tmp_path, monkeypatch):
    def failing(folder, *, progress):
        raise ModelError(f"model {folder!r} cannot be loaded: Unrecognized model in {folder}")

    monkeypatch.setattr("storydiff.ui.dialogs.preferences_dialog.check_model_task", failing)
    folder = model_folder(tmp_path, "broken")
    dialog = open_dialog(window)
    dialog.folder_button.setChecked(True)
    dialog.model_edit.setText(str(folder))
    dialog.model_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: "cannot be loaded" in dialog.model_message())
    assert "\n" not in dialog.model_message() and str(folder) in dialog.model_message()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()


def _filled_cache(folder, count=300):
    cache = EmbeddingCache(folder / CACHE_FILE)
    cache.put_many("m", {text_key(str(n)): np.full(384, n, dtype=np.float32) for n in range(count)})
    return cache


def test_cache_folder_size_and_clear(qtbot, new_window, tmp_path):
    holder = EmbedderHolder()
    win = new_window(holder)
    folder = tmp_path / "cache"
    folder.mkdir()
    open_cache = _filled_cache(folder)  # held open, as a running comparison holds it
    dialog = open_dialog(win)
    assert dialog.cache_edit.placeholderText()  # the default folder is shown
    dialog.cache_edit.setText(str(folder))
    dialog.cache_edit.editingFinished.emit()
    assert dialog.cache_size_label.text().endswith("KB")
    questions = []
    dialog._confirm = lambda question: questions.append(question) or False
    dialog.clear_button.click()
    assert open_cache.get_many("m", [text_key("1")])  # declined: nothing cleared
    dialog._confirm = lambda question: questions.append(question) or True
    dialog.clear_button.click()
    assert str(folder) in questions[-1]
    assert dialog.cache_size_label.text().endswith("bytes") or dialog.cache_size_label.text().startswith(("4", "8"))
    open_cache.close()
    assert EmbeddingCache(folder / CACHE_FILE).get_many("m", [text_key("1")]) == {}
    press_ok(dialog)
    assert stored().cache_folder == str(folder)
    assert holder.get().cache.path == folder / CACHE_FILE


def test_bad_stored_values_fall_back_with_a_warning(caplog, new_window):
    settings = QSettings()
    settings.setValue("preferences/threshold", "abc")
    settings.setValue("preferences/theme", "purple")
    settings.setValue("preferences/autosave_minutes", "7.5")
    settings.sync()
    with caplog.at_level(logging.WARNING):
        prefs = stored()
        win = new_window()
    assert (prefs.threshold, prefs.theme, prefs.autosave_minutes) == (DEFAULT_THRESHOLD, "system", 1)
    warned = " ".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert "threshold" in warned and "purple" in warned and "autosave_minutes" in warned
    assert win.workspace().threshold == DEFAULT_THRESHOLD


def test_a_new_window_warns_about_a_bad_stored_value_once(caplog, new_window):
    QSettings().setValue("preferences/threshold", "abc")
    with caplog.at_level(logging.WARNING):
        new_window()
    assert sum("threshold" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING) == 1


def test_out_of_range_threshold_falls_back(caplog):
    QSettings().setValue("preferences/threshold", 7.0)
    with caplog.at_level(logging.WARNING):
        assert stored().threshold == DEFAULT_THRESHOLD
    assert any("threshold" in r.getMessage() for r in caplog.records)


def test_restore_defaults(window):
    dialog = open_dialog(window)
    dialog.threshold_box.setValue(0.5)
    dialog.autosave_box.setValue(9)
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.preferences() == Preferences()
    dialog.reject()


def _blocked_check(monkeypatch):
    """A model check that holds until the returned event is set (a model still loading)."""
    release = threading.Event()

    def slow_check(folder, *, progress):
        release.wait(10)
        return "loads: 384-dimensional vectors"

    monkeypatch.setattr("storydiff.ui.dialogs.preferences_dialog.check_model_task", slow_check)
    return release


def test_a_check_still_running_does_not_vouch_for_a_folder_refused_meanwhile(window, tmp_path, monkeypatch):
    release = _blocked_check(monkeypatch)
    dialog = open_dialog(window)
    dialog.folder_button.setChecked(True)
    dialog.model_edit.setText(str(model_folder(tmp_path)))
    dialog.model_edit.editingFinished.emit()
    missing = tmp_path / "missing"
    dialog.model_edit.setText(str(missing))
    dialog.model_edit.editingFinished.emit()
    release.set()
    assert dialog._runner.wait()
    assert "no such folder" in dialog.model_message()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_a_check_vouches_only_for_the_folder_it_loaded(window, tmp_path, monkeypatch):
    release = _blocked_check(monkeypatch)
    checked, other = model_folder(tmp_path, "checked"), model_folder(tmp_path, "other")
    dialog = open_dialog(window)
    dialog.folder_button.setChecked(True)
    dialog.model_edit.setText(str(checked))
    dialog.model_edit.editingFinished.emit()
    dialog.model_edit.setText(str(other))  # typed while the check runs, not yet finished editing
    release.set()
    assert dialog._runner.wait()
    assert str(checked) in dialog.model_message()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()
