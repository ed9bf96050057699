"""Where the coverage map puts things, in pixels, and what is under a point (Qt-free).

The map is a grid: a band of statement labels at the left, a band of rotated
version labels at the top, then one cell per (statement line, version). All
coordinates are content pixels (before scrolling); the widget adds its scroll
offsets and asks these functions. Also the colour recipe of a cell's state,
as plain numbers, so that the widget, the PNG/SVG export and the legend agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.presentation.contrast import contrast_ratio
from storydiff.presentation.coverage import CellState


@dataclass(frozen=True)
class MapGeometry:
    """Sizes in pixels: ``label_width`` of the statement band, ``header_height`` of the
    version band, one cell ``cell_width`` x ``cell_height``; ``lines`` x ``columns`` cells."""

    lines: int
    columns: int
    label_width: int = 280
    header_height: int = 130
    cell_width: int = 20
    cell_height: int = 20

    @property
    def width(self) -> int:
        return self.label_width + self.columns * self.cell_width

    @property
    def height(self) -> int:
        return self.header_height + self.lines * self.cell_height

    def cell_rect(self, line: int, column: int, scroll_x: int = 0, scroll_y: int = 0) -> tuple[int, int, int, int]:
        """(x, y, width, height) of a cell in viewport pixels, the grid scrolled by (scroll_x, scroll_y)."""
        return (self.label_width + column * self.cell_width - scroll_x,
                self.header_height + line * self.cell_height - scroll_y, self.cell_width, self.cell_height)

    def cell_at(self, x: float, y: float, scroll_x: int = 0, scroll_y: int = 0) -> tuple[int, int] | None:
        """(line, column) of the cell under viewport point (x, y); None over the bands or past the grid."""
        line, column = self.line_at(y, scroll_y), self.column_at(x, scroll_x)
        return None if line is None or column is None else (line, column)

    def line_at(self, y: float, scroll_y: int = 0) -> int | None:
        """The statement line at viewport height ``y`` (cells or label band); None above or below."""
        if y < self.header_height:
            return None
        line = int((y - self.header_height + scroll_y) // self.cell_height)
        return line if 0 <= line < self.lines else None

    def column_at(self, x: float, scroll_x: int = 0) -> int | None:
        """The version column at viewport ``x`` (cells or header band); None in the label band or past the last."""
        if x < self.label_width:
            return None
        column = int((x - self.label_width + scroll_x) // self.cell_width)
        return column if 0 <= column < self.columns else None

    def visible_lines(self, scroll_y: int, viewport_height: int) -> range:
        """The lines a viewport ``viewport_height`` pixels high shows, the grid scrolled by ``scroll_y``."""
        return _visible(scroll_y, viewport_height - self.header_height, self.cell_height, self.lines)

    def visible_columns(self, scroll_x: int, viewport_width: int) -> range:
        """The columns a viewport ``viewport_width`` pixels wide shows, the grid scrolled by ``scroll_x``."""
        return _visible(scroll_x, viewport_width - self.label_width, self.cell_width, self.columns)

    def scroll_ranges(self, viewport_width: int, viewport_height: int) -> tuple[int, int]:
        """The largest horizontal and vertical scroll offsets of the grid (0 when it fits)."""
        return (max(0, self.width - viewport_width), max(0, self.height - viewport_height))


def _visible(offset: int, span: int, size: int, count: int) -> range:
    if span <= 0 or count <= 0:
        return range(0)
    first = max(0, offset // size)
    last = min(count, (offset + span + size - 1) // size)
    return range(min(first, count), max(first, last) if first < count else count)


# State -> (red, green, blue) at no rewording and at full rewording; the fill is mixed
# between them by the cell's amount, so "how much" reads as a shade.
_COLOURS = {
    CellState.UNCHANGED: ((76, 160, 90), (76, 160, 90)),
    CellState.REWORDED: ((250, 226, 140), (214, 96, 20)),
    CellState.MOVED: ((120, 160, 230), (40, 80, 170)),
    CellState.ADDED: ((170, 130, 215), (170, 130, 215)),
}
OMITTED_FILL = None  # an omitted statement is an empty box: nothing is carried there

LEGEND = (
    (CellState.UNCHANGED, 0.0, "unchanged"),
    (CellState.REWORDED, 0.1, "lightly reworded"),
    (CellState.REWORDED, 0.9, "heavily reworded"),
    (CellState.MOVED, 0.0, "moved"),
    (CellState.ADDED, 0.0, "not in the reference"),
    (CellState.OMITTED, 0.0, "omitted"),
)


def cell_colour(state: str, amount: float) -> tuple[int, int, int] | None:
    """The fill of a cell as (red, green, blue), or None for an empty (omitted) box.

    ``amount`` in [0, 1] (how much of the statement is reworded) darkens reworded and
    moved cells; values outside are clamped.
    """
    pair = _COLOURS.get(CellState(state)) if state in CellState.__members__.values() else None
    if pair is None:
        return OMITTED_FILL
    share = max(0.0, min(1.0, amount))
    low, high = pair
    return tuple(round(a + (b - a) * share) for a, b in zip(low, high))  # type: ignore[return-value]


def cell_mark(state: str, amount: float) -> tuple[str, float] | None:
    """What a cell draws besides its fill, so that colour is not the only cue (WCAG 1.4.1).

    ("bar", share): a bar along the bottom edge, ``share`` of the width (how much is
    reworded); ("corner", 1): a triangle in the top-right corner (moved); ("plus", 1): a
    plus in the top-left corner (not in the reference); None: no mark (unchanged, and
    omitted, which is an empty box). Marks keep clear of the cell's centre.
    """
    share = max(0.0, min(1.0, amount))
    if state == CellState.REWORDED:
        return ("bar", max(share, 0.15))  # even a light rewording shows a stub
    if state == CellState.MOVED:
        return ("corner", 1.0)
    if state == CellState.ADDED:
        return ("plus", 1.0)
    return None


def mark_colour(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever stands out more against ``fill``."""
    return (0, 0, 0) if contrast_ratio(fill, (0, 0, 0)) >= contrast_ratio(fill, (255, 255, 255)) else (255, 255, 255)


def cell_description(state: str, amount: float) -> str:
    """E.g. "reworded (34% of its words)", "moved", "omitted"."""
    if state in (CellState.REWORDED, CellState.MOVED) and amount > 0:
        words = f"{round(amount * 100)}% of its words"
        return f"reworded ({words})" if state == CellState.REWORDED else f"moved and reworded ({words})"
    if state == CellState.ADDED:
        return "carried, not in the reference"
    return str(state)
