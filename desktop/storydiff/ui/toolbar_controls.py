"""Toolbar widgets: the similarity threshold and the focus-mode version chooser."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QToolBar

from storydiff.core.model import Comparison
from storydiff.presentation.preferences import THRESHOLD_RANGE, THRESHOLD_TIP
from storydiff.workspace import Workspace


class ToolbarControls(QObject):
    """Owns the threshold spin box and the focus combo box on the main toolbar."""

    threshold_changed = Signal(float)
    focus_changed = Signal(object)  # a version id, or None for all versions

    def __init__(self, toolbar: QToolBar, threshold: float) -> None:
        super().__init__(toolbar)
        self.focus_box = QComboBox(toolbar)
        self.focus_box.setToolTip("The version shown beside the reference in focus mode")
        self.focus_box.setMinimumContentsLength(14)
        self.focus_box.setEnabled(False)
        toolbar.addWidget(self.focus_box)
        toolbar.addSeparator()
        label = QLabel(" Same statement at ", toolbar)
        label.setToolTip(THRESHOLD_TIP)
        toolbar.addWidget(label)
        self.threshold_box = QDoubleSpinBox(toolbar)
        self.threshold_box.setRange(*THRESHOLD_RANGE)
        self.threshold_box.setSingleStep(0.01)
        self.threshold_box.setDecimals(2)
        self.threshold_box.setValue(threshold)
        self.threshold_box.setToolTip(THRESHOLD_TIP)
        toolbar.addWidget(self.threshold_box)
        self.threshold_box.valueChanged.connect(self.threshold_changed)
        self.focus_box.currentIndexChanged.connect(self._on_focus_box_current_index_changed)

    def set_versions(self, workspace: Workspace, comparison: Comparison | None = None) -> None:
        """Offer every version but the reference for focus mode, keeping the choice."""
        reference = comparison.reference if comparison is not None else workspace.reference
        current = self.focus_box.currentData()
        self.focus_box.blockSignals(True)
        self.focus_box.clear()
        for version in workspace.versions:
            if version.id != reference:
                self.focus_box.addItem(version.label, version.id)
        index = self.focus_box.findData(current)
        self.focus_box.setCurrentIndex(max(index, 0))
        self.focus_box.blockSignals(False)
        if index < 0 and self.focus_box.isEnabled():
            self._on_focus_box_current_index_changed(self.focus_box.currentIndex())

    def set_focus_enabled(self, enabled: bool) -> None:
        self.focus_box.setEnabled(enabled)
        self.focus_changed.emit(self.focus_box.currentData() if enabled else None)

    def _on_focus_box_current_index_changed(self, _index: int) -> None:
        if self.focus_box.isEnabled():
            self.focus_changed.emit(self.focus_box.currentData())
