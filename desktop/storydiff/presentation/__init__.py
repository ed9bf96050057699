"""What the compare view shows, computed without Qt.

Cell texts with their change spans, row navigation and the overview strip's
maths live here so that they can be unit-tested without a display; the
widgets in ``storydiff.ui`` only convert pixels and call these functions.
"""

from storydiff.presentation.cells import CellView, Span, cell_view, change_tooltip, deleted_line, kind_class
from storydiff.presentation.navigation import (
    change_marks,
    change_rows,
    default_columns,
    omission_rows,
    step,
)
from storydiff.presentation.overview import overview_marks, row_at_fraction, visible_band

__all__ = [
    "CellView",
    "Span",
    "cell_view",
    "change_marks",
    "change_rows",
    "change_tooltip",
    "default_columns",
    "deleted_line",
    "kind_class",
    "omission_rows",
    "overview_marks",
    "row_at_fraction",
    "step",
    "visible_band",
]
