"""The report laid out for paper, as the HTML subset that Qt's QTextDocument renders.

Qt-free: ``storydiff.ui.pdf_export`` turns this into a PDF. Up to ``SIDE_BY_SIDE_MAX``
versions the statements are a side-by-side table (on a landscape page from
``LANDSCAPE_FROM`` versions on, so that each column keeps a readable width); with more
versions each statement is a block listing every version's wording under its label.
Changes against the reference are laid over each version's own text as coloured spans
(inline styles: QTextDocument has no class selectors for spans). Every piece of input text
is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff import __version__
from storydiff.core.model import Comparison
from storydiff.presentation.cells import CellView, cell_view
from storydiff.report._common import counts_line, ordered_versions, percent, story_title
from storydiff.report.html_cells import esc
from storydiff.report.provenance import Provenance, build_provenance, time_text

SIDE_BY_SIDE_MAX = 5
LANDSCAPE_FROM = 4

# Background colours of the change classes (presentation.cells.kind_class), light on paper.
_SPAN_STYLES = {
    "insertion": "background-color:#d5f2d5",
    "substitution": "background-color:#fff0a8",
    "serious": "background-color:#ffc9c9; text-decoration:underline",
    "deletion": "background-color:#eeeeee",
    "trivial": "background-color:#eeeeee",
}
_STATUS_COLOURS = {
    "verbatim": "#1b7a1b", "trimmed": "#1f6f8b", "altered": "#a86400",
    "paraphrased": "#7a3a8c", "absent": "#777777", "misattributed": "#b00020",
}


@dataclass(frozen=True)
class PrintLayout:
    """How the statements are laid out: ``side_by_side`` columns or one block per
    statement, on a ``landscape`` page or not."""

    side_by_side: bool
    landscape: bool


def choose_layout(version_count: int) -> PrintLayout:
    """The layout for ``version_count`` versions (see the module docstring)."""
    side_by_side = version_count <= SIDE_BY_SIDE_MAX
    return PrintLayout(side_by_side=side_by_side, landscape=side_by_side and version_count >= LANDSCAPE_FROM)


def print_html(comparison: Comparison, layout: PrintLayout | None = None, provenance: Provenance | None = None) -> str:
    """The whole report for paper: title, versions, statements, quotations, provenance
    (default: built from the comparison alone)."""
    layout = layout or choose_layout(len(comparison.versions))
    statements = _side_by_side(comparison) if layout.side_by_side else _per_statement(comparison)
    return (
        "<html><body>"
        f"<h1>{esc(story_title(comparison))}</h1>"
        f"<p>{_meta_line(comparison)}</p>"
        f"<h2>Versions</h2>{_versions_table(comparison)}"
        f"<h2>Statements</h2><p>{_legend()}</p>{statements}"
        f"<h2>Quotations</h2>{_quotes(comparison, layout)}"
        f"<h2>Provenance</h2>{_provenance(provenance or build_provenance(comparison))}"
        "</body></html>"
    )


def _meta_line(comparison: Comparison) -> str:
    reference = comparison.version(comparison.reference)
    return (
        f"Reference: <b>{esc(reference.label)}</b> · model {esc(comparison.model)} · threshold "
        f"{comparison.threshold:.2f} · {esc(counts_line(comparison))} · storydiff {esc(__version__)}"
    )


def _legend() -> str:
    items = (("insertion", "added"), ("substitution", "reworded"), ("serious", "number, name or negation"),
             ("trivial", "deleted words"))
    return "Changes against the reference: " + " ".join(
        f'<span style="{_SPAN_STYLES[css]}">{label}</span>' for css, label in items
    )


def _versions_table(comparison: Comparison) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("Version", "Source", "Words", "Coverage", "Changed", "Verdict"))
    lines = []
    for version in ordered_versions(comparison):
        stats = comparison.stats.get(version.id)
        reference = " (reference)" if version.id == comparison.reference else ""
        numbers = ("", "", "", "") if stats is None else (
            f"{stats.words:,}", percent(stats.coverage) if stats.verdict else "—",
            percent(stats.change_share), stats.verdict or "—",
        )
        cells = "".join(f"<td>{esc(n)}</td>" for n in numbers)
        lines.append(f"<tr><td><b>{esc(version.label)}</b>{reference}</td><td>{esc(version.source)}</td>{cells}</tr>")
    return _table(f"<tr>{head}</tr>", "".join(lines))


def _side_by_side(comparison: Comparison) -> str:
    versions = ordered_versions(comparison)
    width = 96 // len(versions)
    head = '<th width="4%">#</th>' + "".join(f'<th width="{width}%">{esc(v.label)}</th>' for v in versions)
    lines = []
    for position, row in enumerate(comparison.rows):
        cells = "".join(f"<td>{_cell(cell_view(comparison, position, v.id, show_trivial=False))}</td>" for v in versions)
        lines.append(f"<tr><td>{row.index + 1}</td>{cells}</tr>")
    return _table(f"<tr>{head}</tr>", "".join(lines))


def _per_statement(comparison: Comparison) -> str:
    """One small table per statement: a line per version that has it, the omissions after."""
    versions = ordered_versions(comparison)
    blocks = []
    for position, row in enumerate(comparison.rows):
        lines, missing = [], []
        for version in versions:
            cell = cell_view(comparison, position, version.id, show_trivial=False)
            if cell.omitted or not cell.text:
                missing.append(version.label)
                continue
            lines.append(f'<tr><td width="22%"><b>{esc(version.label)}</b></td><td>{_cell(cell)}</td></tr>')
        if missing:
            lines.append(f'<tr><td width="22%"><i>omitted in</i></td><td><i>{esc(", ".join(missing))}</i></td></tr>')
        blocks.append(f"<p><b>Statement {row.index + 1}</b></p>" + _table("", "".join(lines)))
    return "".join(blocks)


def _cell(cell: CellView) -> str:
    """A cell's text with its change spans; an omission says so."""
    if cell.omitted:
        return '<i style="color:#777777">omitted</i>'
    pieces, cursor = [], 0
    for span in cell.spans:
        pieces.append(esc(cell.text[cursor:span.start]))
        style = _SPAN_STYLES.get(span.kind_class, "")
        pieces.append(f'<span style="{style}">{esc(cell.text[span.start:span.end])}</span>')
        cursor = span.end
    pieces.append(esc(cell.text[cursor:]))
    text = "".join(pieces).replace("\n", "<br>")
    if cell.dimmed:
        text = f'<span style="color:#888888; font-size:small">{text}</span>'
    tags = [t for t in (cell.tag, "moved" if cell.moved else None) if t]
    if tags:
        text = f'<span style="color:#555555; font-size:small">[{esc(", ".join(tags))}]</span> {text}'
    if cell.deleted:
        text += f'<br><span style="{_SPAN_STYLES["deletion"]}">− {esc(" · ".join(cell.deleted))}</span>'
    return text


def _quotes(comparison: Comparison, layout: PrintLayout) -> str:
    if not comparison.quotes:
        return "<p>No quotations extracted.</p>"
    versions = ordered_versions(comparison)
    if layout.side_by_side:
        head = "<th>Speaker</th><th>Quotation</th>" + "".join(f"<th>{esc(v.label)}</th>" for v in versions)
        lines = "".join(
            f"<tr><td>{esc(q.speaker or 'unknown')}</td><td>{esc(q.text)}</td>"
            + "".join(f"<td>{_status(q.occurrences.get(v.id))}</td>" for v in versions) + "</tr>"
            for q in comparison.quotes
        )
        return _table(f"<tr>{head}</tr>", lines)
    lines = "".join(
        f"<tr><td>{esc(q.speaker or 'unknown')}</td><td>{esc(q.text)}<br>"
        + " · ".join(f"{esc(v.label)}: {_status(q.occurrences.get(v.id))}" for v in versions)
        + "</td></tr>"
        for q in comparison.quotes
    )
    return _table("<tr><th>Speaker</th><th>Quotation and status in each version</th></tr>", lines)


def _provenance(provenance: Provenance) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("Version", "Source", "Time", "SHA-256 of the text", "Encoding", "Words"))
    lines = "".join(
        f"<tr><td><b>{esc(v.label)}</b></td><td>{esc(v.source)}</td><td>{esc(time_text(v))}</td>"
        f'<td><span style="font-size:small">{esc(v.sha256)}</span></td><td>{esc(v.encoding or "—")}</td>'
        f"<td>{v.words:,}</td></tr>"
        for v in provenance.versions
    )
    settings = (f"<p>Model {esc(provenance.model)} · threshold {provenance.threshold:.2f} · "
                f"StoryDiff {esc(provenance.storydiff_version)}</p>")
    if not provenance.user:
        return _table(f"<tr>{head}</tr>", lines) + settings + "<p>No manual corrections or notes.</p>"
    entries = "".join(
        f'<tr><td><b style="color:#7a3a8c">by the user</b>: {esc(u.kind)}</td><td>{esc(u.target)}</td>'
        f"<td>{esc(u.text)}</td><td>{esc(u.created)}</td></tr>"
        for u in provenance.user
    )
    return (_table(f"<tr>{head}</tr>", lines) + settings + "<h3>The user's corrections and notes</h3>"
            + _table("", entries))


def _status(occurrence) -> str:
    status = occurrence.status if occurrence is not None else "absent"
    return f'<span style="color:{_STATUS_COLOURS.get(status, "#000000")}">{esc(status)}</span>'


def _table(head: str, body: str) -> str:
    thead = f"<thead>{head}</thead>" if head else ""
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-color:#999999">'
        f"{thead}<tbody>{body}</tbody></table>"
    )

