"""Header data for a column that shows one version: label, colour chip, tooltip, bold reference.

Shared by the comparison and quotes tables so that a version looks the same everywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon, QPixmap

from storydiff.core.model import Comparison
from storydiff.ui.palette import comparison_colour

_Role = Qt.ItemDataRole


class VersionHeaders:
    """Answers header roles for version columns; caches one chip icon per version."""

    def __init__(self) -> None:
        self._chips: dict[str, QIcon] = {}

    def reset(self) -> None:
        """Forget the chips (a new comparison may order its versions differently)."""
        self._chips.clear()

    def data(self, comparison: Comparison, version_id: str, role: int) -> Any:
        version = comparison.version(version_id)
        is_reference = version_id == comparison.reference
        if role == _Role.DisplayRole:
            return version.label
        if role == _Role.ToolTipRole:
            return f"{version.label}{' (reference)' if is_reference else ''}\n{version.source}"
        if role == _Role.DecorationRole:
            return self._chip(comparison, version_id)
        if role == _Role.FontRole and is_reference:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _chip(self, comparison: Comparison, version_id: str) -> QIcon:
        # The chip follows the version's place in the comparison, as in the versions panel.
        if version_id not in self._chips:
            chip = QPixmap(10, 10)
            chip.fill(comparison_colour(comparison, version_id))
            self._chips[version_id] = QIcon(chip)
        return self._chips[version_id]
