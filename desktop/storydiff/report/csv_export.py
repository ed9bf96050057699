"""CSV exports for spreadsheets: the rows (statements) and the quotations.

Both files are UTF-8 **with a byte-order mark** and CRLF line ends (RFC 4180). The mark is
what makes Excel read the file as UTF-8 when it is double-clicked (without it Excel assumes the
system's ANSI code page and garbles every curly quote and accented letter); LibreOffice, Google
Sheets, Numbers and Python's ``csv`` module (``encoding="utf-8-sig"``) all accept it.
Fields holding quotes, commas or line breaks are quoted by the ``csv`` module, so a statement
with embedded newlines stays one cell.

After the table, one empty line, then the provenance (``report.provenance``): a line
``provenance``, the versions' sources, times, sha256, encodings and word counts, the model,
threshold and StoryDiff version, and the user's corrections and notes, each marked "by the
user". The data table is everything before the first empty line.

A cell that a spreadsheet would run as a formula (text from a web page starting with ``=``,
``@``, or ``+``/``-`` followed by a letter or symbol) is written with one leading apostrophe,
the spreadsheet convention for "this is text"; dropping that apostrophe gives the text back.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence

from storydiff.core.model import ChangeKind, Comparison, Version
from storydiff.report._common import ordered_versions
from storydiff.report._files import write_text_atomic
from storydiff.report.provenance import Provenance, build_provenance, provenance_lines

BOM = "\ufeff"
_KIND_ORDER = {kind.value: position for position, kind in enumerate(ChangeKind)}


def column_names(versions: Sequence[Version]) -> dict[str, str]:
    """A header name per version id: its label, with the id added where labels repeat."""
    counts: dict[str, int] = {}
    for version in versions:
        counts[version.label] = counts.get(version.label, 0) + 1
    return {v.id: v.label if counts[v.label] == 1 else f"{v.label} ({v.id})" for v in versions}


def rows_table(comparison: Comparison) -> list[list[str]]:
    """The statements as a table: a header, then one line per row.

    Columns: ``row`` (1-based, as in the window), ``kind`` (headline, body...), one column per
    version with its passages' text (empty: omitted there; reference first), then for every
    other version ``<label>: changes``, its change kinds in that row against the reference
    (``kind ×n``; trivial kinds included), then ``moved`` (labels of versions whose cell is out of
    order).
    """
    versions = ordered_versions(comparison)
    names = column_names(versions)
    others = [v for v in versions if v.id != comparison.reference]
    header = ["row", "kind", *(names[v.id] for v in versions), *(f"{names[v.id]}: changes" for v in others), "moved"]
    kinds = _change_kinds(comparison)
    table = [header]
    for row in comparison.rows:
        texts = [_cell_text(comparison, v.id, row.cells.get(v.id, ())) for v in versions]
        changes = [kinds.get((row.index, v.id), "") for v in others]
        moved = "; ".join(names[v] for v in row.moved if v in names)
        table.append([str(row.index + 1), _row_kind(comparison, row.cells), *texts, *changes, moved])
    return table


def quotes_table(comparison: Comparison) -> list[list[str]]:
    """The quotations as a table: ``quote`` (id), ``speaker``, ``wording`` (canonical), then one
    status column per version (verbatim, trimmed, altered, paraphrased, absent, misattributed)."""
    versions = ordered_versions(comparison)
    names = column_names(versions)
    table = [["quote", "speaker", "wording", *(names[v.id] for v in versions)]]
    for quote in comparison.quotes:
        statuses = [_status(quote.occurrences.get(v.id)) for v in versions]
        table.append([quote.id, quote.speaker or "", quote.text, *statuses])
    return table


def render_csv(table: Iterable[Sequence[str]]) -> str:
    """The table as CSV text, starting with the byte-order mark; formula-like cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in table:
        writer.writerow([defuse(cell) for cell in line])
    return BOM + buffer.getvalue()


def write_csv_rows(comparison: Comparison, path: str | os.PathLike[str], *, provenance: Provenance | None = None) -> None:
    """Write the rows CSV, then its provenance, to ``path`` (atomic; raises ``ExportError``)."""
    write_text_atomic(path, render_csv(with_provenance(rows_table(comparison), comparison, provenance)))


def write_csv_quotes(comparison: Comparison, path: str | os.PathLike[str], *, provenance: Provenance | None = None) -> None:
    """Write the quotes CSV, then its provenance, to ``path`` (atomic; raises ``ExportError``)."""
    write_text_atomic(path, render_csv(with_provenance(quotes_table(comparison), comparison, provenance)))


def with_provenance(table: list[list[str]], comparison: Comparison, provenance: Provenance | None) -> list[list[str]]:
    """``table``, an empty line, and the provenance lines (default: from the comparison alone)."""
    return [*table, [], *provenance_lines(provenance or build_provenance(comparison))]


def defuse(cell: str) -> str:
    """``cell`` with an apostrophe in front when a spreadsheet would read it as a formula."""
    if not cell:
        return cell
    first, second = cell[0], cell[1:2]
    risky = first in "=@\t\r" or (first in "+-" and second != "" and not (second.isspace() or second.isdigit() or second in "-+."))
    return "'" + cell if risky else cell


def _cell_text(comparison: Comparison, version_id: str, indexes: Sequence[int]) -> str:
    passages = comparison.passages.get(version_id, ())
    return " ".join(passages[i].text for i in indexes if 0 <= i < len(passages))


def _row_kind(comparison: Comparison, cells: dict[str, tuple[int, ...]]) -> str:
    """The kind of the row's first passage, reference first (a row keeps one kind of text)."""
    for version in ordered_versions(comparison):
        indexes = cells.get(version.id, ())
        passages = comparison.passages.get(version.id, ())
        if indexes and indexes[0] < len(passages):
            return passages[indexes[0]].kind
    return ""


def _change_kinds(comparison: Comparison) -> dict[tuple[int, str], str]:
    """``(row, version) -> "substitution ×2; number ×1"``, kinds in ChangeKind order."""
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for change in comparison.changes:
        bucket = counts.setdefault((change.row, change.version), {})
        bucket[str(change.kind)] = bucket.get(str(change.kind), 0) + 1
    return {
        key: "; ".join(f"{kind} ×{n}" for kind, n in sorted(bucket.items(), key=lambda kv: _KIND_ORDER.get(kv[0], 99)))
        for key, bucket in counts.items()
    }


def _status(occurrence) -> str:
    return occurrence.status if occurrence is not None else "absent"
