"""The Coverage tab: the coverage map with its sort orders, filters and export buttons.

A click on a cell asks the window (``cell_activated``) to show that statement and
version in the comparison.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from storydiff.core.model import Comparison
from storydiff.ui.models.coverage_model import CoverageModel
from storydiff.ui.views.coverage_map import CoverageMapView

STATEMENT_ORDERS = (
    ("reference", "Reading order"),
    ("carried", "Most carried first"),
    ("fewest", "Fewest carriers first"),
    ("reworded", "Most reworded first"),
)
VERSION_ORDERS = (
    ("reference", "Reference first"),
    ("coverage", "By coverage"),
    ("similarity", "By similarity"),
    ("lineage", "By lineage"),
)
FILTERS = (
    (None, "All statements"),
    ("unique", "Unique to one version"),
    ("kept-by-one", "Dropped by all but one"),
    ("dropped-by-one", "Dropped by just one"),
)


class CoverageView(QWidget):
    """Which version carries which statement, at a glance."""

    cell_activated = Signal(int, str)  # row in Comparison.rows, version id ("" = the statement)
    exported = Signal(str)  # the path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(self)
        self.map = CoverageMapView(self.model, self)
        self.statements_box = _combo(self, STATEMENT_ORDERS, "The order of the statements (lines)")
        self.versions_box = _combo(self, VERSION_ORDERS, "The order of the versions (columns); the reference stays first")
        self.filter_box = _combo(self, FILTERS, "Show only statements one version alone carries, or that "
                                                "every version but one dropped")
        self.count_label = QLabel(self)
        self.png_button = QToolButton(self, text="PNG…")
        self.png_button.setToolTip("Export the whole coverage map as a PNG image")
        self.svg_button = QToolButton(self, text="SVG…")
        self.svg_button.setToolTip("Export the whole coverage map as an SVG drawing")
        self._folder = ""
        self._lay_out()
        for box in (self.statements_box, self.versions_box, self.filter_box):
            box.currentIndexChanged.connect(self._on_options_changed)
        self.map.cell_activated.connect(self.cell_activated)
        self.png_button.clicked.connect(lambda: self._export("png"))
        self.svg_button.clicked.connect(lambda: self._export("svg"))
        self._update_count()

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.model.set_comparison(comparison)
        self._update_count()

    def set_start_folder(self, folder: str) -> None:
        """Where the export dialogs open."""
        self._folder = folder

    def choose(self, *, only: str | None = None, statements: str = "reference", versions: str = "reference") -> None:
        """Set the filter and orders as the boxes would (for the window and tests)."""
        for box, value in ((self.filter_box, only), (self.statements_box, statements), (self.versions_box, versions)):
            box.setCurrentIndex(box.findData(value))

    def _on_options_changed(self, _index: int) -> None:
        self.model.set_options(only=self.filter_box.currentData(), statements=self.statements_box.currentData(),
                               versions=self.versions_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        coverage = self.model.coverage()
        lines, versions = len(coverage.lines), len(coverage.versions)
        self.count_label.setText(f"{lines} × {versions}" if versions else "")
        self.count_label.setToolTip(f"{lines} statement{'s' if lines != 1 else ''} shown, {versions} versions")
        for button in (self.png_button, self.svg_button):
            button.setEnabled(bool(lines and versions))

    def _export(self, kind: str) -> None:
        start = str(Path(self._folder) / f"coverage.{kind}") if self._folder else f"coverage.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, f"Export Coverage Map as {kind.upper()}", start,
                                              f"{kind.upper()} (*.{kind})")
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        written = self.map.export_png(path) if kind == "png" else self.map.export_svg(path)
        if written:
            self.exported.emit(path)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for label, box in (("Lines:", self.statements_box), ("Columns:", self.versions_box),
                           ("Show:", self.filter_box)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(box)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.png_button)
        bar.addWidget(self.svg_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.map, 1)


def _combo(parent: QWidget, choices, tip: str) -> QComboBox:
    box = QComboBox(parent)
    for value, name in choices:
        box.addItem(name, value)
    box.setToolTip(tip)
    # Narrow enough that the bar fits a 1024-pixel window; the popup list shows the full names.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(11)
    return box
