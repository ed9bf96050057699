"""The Preferences dialog: model, default threshold and trivial-changes switch, reading font,
theme, autosave interval and the embedding cache (where, how big, Clear).

It edits a ``Preferences`` value and emits it when accepted; storing and applying it is
``ui.preferences``'s job. A model folder is checked before it can be accepted: at once for
the obvious (no folder, no model files), then by loading it in the background (a child
process, as the window's model runs), so the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storydiff.alignment.embedder import DEFAULT_MODEL
from storydiff.core.errors import ModelError, StorageError
from storydiff.presentation.preferences import (
    AUTOSAVE_RANGE,
    FONT_SIZE_RANGE,
    THRESHOLD_RANGE,
    THRESHOLD_TIP,
    Preferences,
)
from storydiff.storage.cache_files import cache_path, cache_size, clear_cache, format_size
from storydiff.ui.workers.embedding import check_model_folder, check_model_task
from storydiff.ui.workers.runner import TaskRunner

THEME_NAMES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, (QLineEdit, QFontComboBox)) else 0)
    return box


class PreferencesDialog(QDialog):
    """Edits ``preferences``; ``accepted_preferences(Preferences)`` when OK is pressed.

    ``runner`` runs the model check off the UI thread (the dialog makes its own if None);
    ``model_check(folder, *, progress) -> str`` loads a model folder or raises ``ModelError``.
    """

    accepted_preferences = Signal(object)

    def __init__(self, preferences: Preferences, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None, model_check=None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self._initial = preferences
        self._model_check = model_check or check_model_task
        self._runner = runner or TaskRunner(self, debounce_ms=0)
        self._checked_folder = preferences.model  # a folder already accepted needs no new check
        self._checking: str | None = None  # the folder whose check runs now
        layout = QVBoxLayout(self)
        layout.addWidget(self._model_group(preferences))
        layout.addWidget(self._comparison_group(preferences))
        layout.addWidget(self._appearance_group(preferences))
        layout.addWidget(self._storage_group(preferences))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.set_preferences(Preferences()))
        layout.addWidget(self.buttons)
        self._runner.finished.connect(self._on_runner_finished)
        self._runner.failed.connect(self._on_runner_failed)
        self._update_model_state()
        self._update_cache_size()

    # Building

    def _model_group(self, prefs: Preferences) -> QGroupBox:
        group = QGroupBox("Embedding model", self)
        self.bundled_button = QRadioButton(f"Bundled ({DEFAULT_MODEL})", group)
        self.folder_button = QRadioButton("Local folder:", group)
        self.model_edit = QLineEdit(prefs.model, group)
        self.model_edit.setPlaceholderText("a sentence-transformers model folder")
        self.model_edit.setAccessibleName("Model folder")
        choose = QPushButton("Choose…", group)
        choose.clicked.connect(self._on_choose_model_clicked)
        self.model_status = QLabel(group)
        self.model_status.setObjectName("model_status")
        self.model_status.setWordWrap(True)
        self.model_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        (self.folder_button if prefs.model else self.bundled_button).setChecked(True)
        self.folder_button.toggled.connect(lambda _on: self._on_model_changed())
        self.model_edit.editingFinished.connect(self._on_model_changed)
        self.model_edit.textEdited.connect(lambda _text: self.folder_button.setChecked(True))
        box = QVBoxLayout(group)
        box.addWidget(self.bundled_button)
        box.addWidget(_row(self.folder_button, self.model_edit, choose))
        box.addWidget(self.model_status)
        return group

    def _comparison_group(self, prefs: Preferences) -> QGroupBox:
        group = QGroupBox("New comparisons", self)
        self.threshold_box = QDoubleSpinBox(group)
        self.threshold_box.setRange(*THRESHOLD_RANGE)
        self.threshold_box.setDecimals(2)
        self.threshold_box.setSingleStep(0.01)
        self.threshold_box.setToolTip(THRESHOLD_TIP)
        self.trivial_box = QCheckBox("Show trivial changes (quote marks, punctuation, case)", group)
        form = QFormLayout(group)
        form.addRow("Same statement at:", self.threshold_box)
        form.addRow(self.trivial_box)
        self._set_comparison(prefs)
        return group

    def _appearance_group(self, prefs: Preferences) -> QGroupBox:
        group = QGroupBox("Appearance", self)
        self.theme_box = QComboBox(group)
        for key, name in THEME_NAMES:
            self.theme_box.addItem(name, key)
        self.own_font_box = QCheckBox("Own font:", group)
        self.font_box = QFontComboBox(group)
        self.font_box.setAccessibleName("Reading font")
        self.size_box = QDoubleSpinBox(group)
        self.size_box.setRange(*FONT_SIZE_RANGE)
        self.size_box.setDecimals(1)
        self.size_box.setSuffix(" pt")
        self.size_box.setAccessibleName("Reading font size")
        self.own_font_box.toggled.connect(self._on_own_font_toggled)
        form = QFormLayout(group)
        form.addRow("Theme:", self.theme_box)
        form.addRow("Reading text:", _row(self.own_font_box, self.font_box, self.size_box))
        self._set_appearance(prefs)
        return group

    def _storage_group(self, prefs: Preferences) -> QGroupBox:
        group = QGroupBox("Saving and cache", self)
        self.autosave_box = QSpinBox(group)
        self.autosave_box.setRange(*AUTOSAVE_RANGE)
        self.autosave_box.setSpecialValueText("Off")
        self.autosave_box.setSuffix(" min")
        self.autosave_box.setToolTip("How often unsaved work is copied to the recovery file")
        self.cache_edit = QLineEdit(group)
        self.cache_edit.setPlaceholderText(str(cache_path("").parent))
        self.cache_edit.setAccessibleName("Embedding cache folder")
        self.cache_edit.editingFinished.connect(self._update_cache_size)
        choose = QPushButton("Choose…", group)
        choose.clicked.connect(self._on_choose_cache_clicked)
        self.cache_size_label = QLabel(group)
        self.cache_size_label.setObjectName("cache_size")
        self.clear_button = QPushButton("Clear…", group)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        form = QFormLayout(group)
        form.addRow("Autosave every:", self.autosave_box)
        form.addRow("Embedding cache:", _row(self.cache_edit, choose))
        form.addRow("Size on disk:", _row(self.cache_size_label, self.clear_button))
        self._set_storage(prefs)
        return group

    # Values

    def set_preferences(self, prefs: Preferences) -> None:
        """Show ``prefs`` in every field (Restore Defaults shows the defaults)."""
        (self.folder_button if prefs.model else self.bundled_button).setChecked(True)
        self.model_edit.setText(prefs.model)
        self._set_comparison(prefs)
        self._set_appearance(prefs)
        self._set_storage(prefs)
        self._on_model_changed()
        self._update_cache_size()

    def _set_comparison(self, prefs: Preferences) -> None:
        self.threshold_box.setValue(prefs.threshold)
        self.trivial_box.setChecked(prefs.show_trivial)

    def _set_appearance(self, prefs: Preferences) -> None:
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(prefs.theme)))
        base = self.font()
        self.own_font_box.setChecked(bool(prefs.font_family or prefs.font_size))
        self.font_box.setCurrentFont(QFont(prefs.font_family or base.family()))
        self.size_box.setValue(prefs.font_size or base.pointSizeF())
        self._on_own_font_toggled(self.own_font_box.isChecked())

    def _set_storage(self, prefs: Preferences) -> None:
        self.autosave_box.setValue(prefs.autosave_minutes)
        self.cache_edit.setText(prefs.cache_folder)

    def preferences(self) -> Preferences:
        """What the fields say now."""
        own_font = self.own_font_box.isChecked()
        return Preferences(
            model=self.model_edit.text().strip() if self.folder_button.isChecked() else "",
            threshold=round(self.threshold_box.value(), 2),
            show_trivial=self.trivial_box.isChecked(),
            font_family=self.font_box.currentFont().family() if own_font else "",
            font_size=self.size_box.value() if own_font else 0.0,
            theme=self.theme_box.currentData(),
            autosave_minutes=self.autosave_box.value(),
            cache_folder=self.cache_edit.text().strip(),
        )

    def accept(self) -> None:
        if not self._ok_allowed():
            return
        self.accepted_preferences.emit(self.preferences())
        super().accept()

    def done(self, result: int) -> None:
        self._runner.finished.disconnect(self._on_runner_finished)
        self._runner.failed.disconnect(self._on_runner_failed)
        self._runner.cancel()
        super().done(result)

    # The model

    def model_message(self) -> str:
        """The one line under the model choice (empty for the bundled model)."""
        return self.model_status.text()

    def _ok_allowed(self) -> bool:
        return not self.folder_button.isChecked() or (
            self._checking is None and self._checked_folder == self.model_edit.text().strip() != "")

    def _on_choose_model_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Model Folder", self.model_edit.text() or str(Path.home()))
        if folder:
            self.model_edit.setText(folder)
            self.folder_button.setChecked(True)
            self._on_model_changed()

    def _on_model_changed(self) -> None:
        folder = self.model_edit.text().strip()
        if not self.folder_button.isChecked() or folder == self._checked_folder:
            self._update_model_state()
            return
        self._checked_folder = None
        self._runner.cancel()  # a check still running of another folder must not vouch for this one
        self._checking = None
        if not folder:
            self._update_model_state("Choose a model folder.", error=True)
            return
        try:
            check_model_folder(folder)  # the obvious refusals at once, without loading anything
        except ModelError as exc:
            self._update_model_state(str(exc), error=True)
            return
        self._checking = folder
        self._update_model_state(f"Checking that {folder} loads…")
        self._runner.run_now(self._model_check, folder)

    def _on_runner_finished(self, _job: int, description: object) -> None:
        self._checked_folder, self._checking = self._checking, None  # what was loaded, not what is typed now
        self._update_model_state(f"✓ {self._checked_folder} {description}")

    def _on_runner_failed(self, _job: int, message: str, _expected: bool) -> None:
        self._checking = None
        self._update_model_state(message.splitlines()[0] if message else "the model cannot be loaded", error=True)

    def _update_model_state(self, message: str | None = None, *, error: bool = False) -> None:
        if message is None:
            message = "" if not self.folder_button.isChecked() else self.model_status.text()
        self.model_status.setText(message)
        # A refusal is marked by a word as well as by colour.
        self.model_status.setAccessibleDescription("error" if error else "")
        self.model_status.setStyleSheet("font-weight: bold" if error else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ok_allowed())

    # Font

    def _on_own_font_toggled(self, on: bool) -> None:
        self.font_box.setEnabled(on)
        self.size_box.setEnabled(on)

    # The cache

    def cache_file(self) -> Path:
        return cache_path(self.cache_edit.text().strip())

    def _on_choose_cache_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Embedding Cache Folder", str(self.cache_file().parent))
        if folder:
            self.cache_edit.setText(folder)
            self._update_cache_size()

    def _update_cache_size(self) -> None:
        self.cache_size_label.setText(format_size(cache_size(self.cache_file())))

    def _on_clear_clicked(self) -> None:
        path = self.cache_file()
        question = (f"Remove every stored passage vector from {path}? Nothing of yours is lost; "
                    "passages are embedded again when next compared.")
        if not self._confirm(question):
            return
        try:
            clear_cache(path)
        except StorageError as exc:
            QMessageBox.warning(self, "StoryDiff", str(exc))
        self._update_cache_size()

    def _confirm(self, question: str) -> bool:
        """Yes/No (tests replace it)."""
        answer = QMessageBox.question(self, "Clear the Embedding Cache", question)
        return answer == QMessageBox.StandardButton.Yes
