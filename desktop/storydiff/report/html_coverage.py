"""The coverage map of the HTML report: one line per statement, one column per version.

A plain table built from ``presentation.coverage_map``: each cell says at a glance
whether the version carries the statement unchanged, reworded (and how much), moved,
omitted, or added where the reference has nothing. The row number is the statement's
number in the side-by-side table (no links: the report loads and follows nothing).
Every label and opening is escaped.
"""

from __future__ import annotations

from storydiff.core.model import Comparison
from storydiff.presentation.coverage import CellState, CoverageCell, coverage_map
from storydiff.report.html_cells import esc

# What a cell shows (kept short so 40 columns fit) and says on hover.
_SYMBOLS = {
    CellState.UNCHANGED: ("■", "carried unchanged"),
    CellState.REWORDED: ("◧", "reworded"),
    CellState.MOVED: ("↕", "moved"),
    CellState.OMITTED: ("·", "omitted"),
    CellState.ADDED: ("+", "carried; not in the reference"),
}

KEY = (
    '<p class="legend cov-key"><span class="cov unchanged">■</span> unchanged '
    '<span class="cov reworded">◧</span> reworded (share of words) '
    '<span class="cov moved">↕</span> moved <span class="cov omitted">·</span> omitted '
    '<span class="cov added">+</span> not in the reference</p>'
)


def render_coverage_map(comparison: Comparison) -> str:
    """The coverage map as an HTML table (no script), with its key."""
    cmap = coverage_map(comparison)
    if not cmap.lines:
        return '<p class="muted">No statements.</p>'
    labels = {v.id: v.label for v in comparison.versions}
    head = "".join(f'<th scope="col" title="{esc(labels[vid])}">{esc(_short(labels[vid]))}</th>'
                   for vid in cmap.versions)
    body = "\n".join(
        f'<tr><th scope="row" class="rownum">{line.row + 1}</th>'
        f'<td class="opening">{esc(line.opening)}</td>'
        + "".join(_cell(line.cells[vid], labels[vid]) for vid in cmap.versions)
        + "</tr>"
        for line in cmap.lines
    )
    return (
        f'{KEY}\n<div class="cov-wrap"><table class="coverage">\n<thead><tr><th scope="col">#</th>'
        f'<th scope="col">Statement</th>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>'
    )


def _cell(cell: CoverageCell, label: str) -> str:
    state = CellState(cell.state)
    symbol, words = _SYMBOLS[state]
    amount = f" {cell.amount:.0%}" if cell.amount and state in (CellState.REWORDED, CellState.MOVED) else ""
    return f'<td class="cov {state.value}" title="{esc(label)}: {words}{amount}">{symbol}{amount}</td>'


def _short(label: str, width: int = 14) -> str:
    """A column label elided in the middle so that both ends stay readable."""
    if len(label) <= width:
        return label
    half = (width - 1) // 2
    return label[:half] + "…" + label[-(width - 1 - half):]
