"""The self-contained HTML report: header, version table, side-by-side table, quotations.

Every piece of input text goes through ``esc`` before it reaches the page.
"""

from __future__ import annotations

import os

from storydiff import __version__
from storydiff.core.model import Comparison, Occurrence, Quote, Version, VersionStats
from storydiff.report._common import (
    changed_text,
    counts_line,
    ordered_versions,
    percent,
    story_title,
    substitution_pairs,
)
from storydiff.report._files import write_text_atomic
from storydiff.report._html_template import CSS, LEGEND, PAGE
from storydiff.report.html_cells import esc, render_compare_table
from storydiff.report.html_coverage import render_coverage_map
from storydiff.report.html_provenance import render_provenance
from storydiff.report.provenance import Provenance, build_provenance

# Statuses with their own badge colour; anything else is shown plainly.
_STATUSES = frozenset({"verbatim", "trimmed", "altered", "paraphrased", "absent", "misattributed"})
_STAT_COLUMNS = (
    "Verdict", "Derives from", "Coverage", "Words", "Rows shared", "Omitted", "Unique", "Moved", "Changed",
    "Trivial", "Top substitutions", "Evidence",
)


def render_html(comparison: Comparison, *, provenance: Provenance | None = None) -> str:
    """The whole report as one HTML5 document (inline CSS, no script, no external resource),
    ending with its ``provenance`` (default: built from the comparison alone)."""
    return PAGE.substitute(
        generator=esc(f"storydiff {__version__}"),
        title=esc(f"StoryDiff: {story_title(comparison)}"),
        css=CSS,
        header=_header_html(comparison),
        legend=LEGEND,
        versions=_versions_table(comparison),
        coverage=render_coverage_map(comparison),
        compare=render_compare_table(comparison),
        quotes=_quotes_html(comparison),
        provenance=render_provenance(provenance or build_provenance(comparison)),
    )


def write_html(comparison: Comparison, path: str | os.PathLike[str], *, provenance: Provenance | None = None) -> None:
    """Write the HTML report to ``path`` (UTF-8, atomic)."""
    write_text_atomic(path, render_html(comparison, provenance=provenance))


def _header_html(comparison: Comparison) -> str:
    reference = comparison.version(comparison.reference)
    return (
        f"<h1>{esc(story_title(comparison))}</h1>\n"
        f'<p class="meta">Reference: {esc(reference.label)} · model {esc(comparison.model)}'
        f" · threshold {comparison.threshold:.2f}</p>\n"
        f'<p class="meta">{counts_line(comparison)} · made by storydiff {esc(__version__)}</p>'
    )


def _versions_table(comparison: Comparison) -> str:
    """One line per version: where it came from and how far it strays from the reference."""
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Version", "Source", *_STAT_COLUMNS))
    labels = {v.id: v.label for v in comparison.versions}
    rows = "\n".join(
        _version_row(v, comparison.stats.get(v.id), v.id == comparison.reference, labels)
        for v in ordered_versions(comparison)
    )
    return (
        f'<table class="versions">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _version_row(version: Version, stats: VersionStats | None, is_reference: bool, labels: dict[str, str]) -> str:
    badge = ' <span class="badge ref">reference</span>' if is_reference else ""
    return (
        f'<tr><th scope="row">{esc(version.label)}{badge}</th>'
        f'<td class="source">{esc(version.source)}</td>{_stats_cells(stats, is_reference, labels)}</tr>'
    )


def _stats_cells(stats: VersionStats | None, is_reference: bool, labels: dict[str, str]) -> str:
    if stats is None:
        return '<td class="muted">—</td>' * len(_STAT_COLUMNS)
    source = labels.get(stats.source, stats.source) if stats.source else "—"
    lineage = (
        f'<td class="verdict">{esc(stats.verdict or "—")}</td><td>{esc(source)}</td>'
        f'<td class="num">{percent(stats.coverage) if stats.verdict else "—"}</td>'
    )
    numbers = (
        f"{stats.words:,}", str(stats.rows_shared), str(stats.omitted), str(stats.unique),
        str(stats.moved), changed_text(stats, is_reference), percent(stats.trivial_share),
    )
    cells = "".join(f'<td class="num">{n}</td>' for n in numbers)
    evidence = "".join(f"<li>{esc(line)}</li>" for line in stats.evidence)
    return (lineage + cells + f"<td>{esc(', '.join(substitution_pairs(stats)))}</td>"
            + (f'<td><ul class="evidence">{evidence}</ul></td>' if evidence else "<td></td>"))


def _quotes_html(comparison: Comparison) -> str:
    """Each quote with one status badge per version; hover a badge for that version's wording."""
    if not comparison.quotes:
        return '<p class="muted">No quotations extracted yet.</p>'
    versions = ordered_versions(comparison)
    head = "".join(f'<th scope="col">{esc(v.label)}</th>' for v in versions)
    rows = "\n".join(_quote_row(q, versions) for q in comparison.quotes)
    return (
        '<table class="quotes">\n<thead><tr><th scope="col">Speaker</th>'
        f'<th scope="col">Quotation</th>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>'
    )


def _quote_row(quote: Quote, versions: tuple[Version, ...]) -> str:
    speaker = esc(quote.speaker) if quote.speaker else '<span class="muted">unknown</span>'
    badges = "".join(f"<td>{_status_badge(quote.occurrences.get(v.id))}</td>" for v in versions)
    return f"<tr><td>{speaker}</td><td>{esc(quote.text)}</td>{badges}</tr>"


def _status_badge(occurrence: Occurrence | None) -> str:
    status = occurrence.status if occurrence else "absent"
    # Only known statuses become class names; the text is escaped either way.
    css = status if status in _STATUSES else "other"
    tip = esc(_occurrence_tip(occurrence))
    return f'<span class="badge status-{css}" title="{tip}">{esc(status)}</span>'


def _occurrence_tip(occurrence: Occurrence | None) -> str:
    if occurrence is None or occurrence.text is None:
        return "not quoted in this version"
    speaker = f" — {occurrence.speaker}" if occurrence.speaker else ""
    return f"“{occurrence.text}”{speaker}"
