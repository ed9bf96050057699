"""Objects -> session tables (the reverse of ``session_read``).

Every function here only inserts into a fresh database made by the schema's
migrations; the caller owns the transaction and the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

import sqlite_utils

from storydiff import __version__
from storydiff.core.model import LINEAGE_FIELDS, Comparison, Quote, Row, Version, VersionStats
from storydiff.storage.session_schema import FORMAT
from storydiff.storage.session_values import Decision, Embeddings, Note, now_iso
from storydiff.storage.cache import embedding_row

if TYPE_CHECKING:  # the engine sits above storage
    from storydiff.workspace import Workspace

_VERSION_FIELDS = tuple(f.name for f in fields(Version))


def write_session(db: sqlite_utils.Database, comparison: Comparison | None, workspace: Workspace,
                  decisions: Sequence[Decision], notes: Sequence[Note], embeddings: Embeddings,
                  view: dict[str, Any] | None = None) -> None:
    """Insert everything into ``db`` (whose tables are empty); ``view`` is the window's JSON data."""
    meta = _meta(comparison, workspace)
    if view:
        meta["view"] = view
    db["meta"].insert_all({"key": k, "value": json.dumps(v)} for k, v in meta.items())
    db["versions"].insert_all(_version_rows(comparison, workspace))
    if comparison is not None:
        _write_comparison(db, comparison)
    db["embeddings"].insert_all(_embedding_rows(embeddings))
    db["decisions"].insert_all(
        {"position": n, "kind": d.kind, "payload": _json(d.payload), "created": d.created}
        for n, d in enumerate(decisions)
    )
    db["notes"].insert_all(dict(asdict(note), position=n) for n, note in enumerate(notes))


def check_payloads(decisions: Iterable[Decision]) -> None:
    """Raise ``ValueError`` before anything is written if a payload is not JSON data."""
    for decision in decisions:
        try:
            json.dumps(decision.payload, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"decision {decision.kind!r}: payload is not JSON data ({exc})") from exc


def _meta(comparison: Comparison | None, workspace: Workspace) -> dict[str, Any]:
    meta = {
        "format": FORMAT,
        "app_version": __version__,
        "saved_at": now_iso(),
        "has_comparison": comparison is not None,
        "workspace": {
            "reference": workspace.reference,
            "threshold": workspace.threshold,
            "model": workspace.model,
            "next_id": workspace.next_id,
        },
    }
    if comparison is not None:
        meta.update(model=comparison.model, threshold=comparison.threshold, reference=comparison.reference)
    return meta


def _version_rows(comparison: Comparison | None, workspace: Workspace) -> list[dict[str, Any]]:
    """One line per distinct version; an unchanged version is shared by comparison and workspace."""
    compared = comparison.versions if comparison is not None else ()
    rows = [_version_row(v, position=n) for n, v in enumerate(compared)]
    shared = dict(zip(compared, rows))  # Version equality covers the id and every field
    for n, version in enumerate(workspace.versions):
        row = shared.get(version)
        if row is None:
            row = _version_row(version, position=None)
            rows.append(row)
        row["workspace_position"] = n
    return [dict(row, key=n) for n, row in enumerate(rows)]


def _version_row(version: Version, *, position: int | None) -> dict[str, Any]:
    row = {name: getattr(version, name) for name in _VERSION_FIELDS}
    return dict(row, position=position, workspace_position=None)


def _write_comparison(db: sqlite_utils.Database, comparison: Comparison) -> None:
    db["passages"].insert_all(
        asdict(p) for v in comparison.versions for p in comparison.passages.get(v.id, ())
    )
    db["rows"].insert_all({"position": n, "index": row.index} for n, row in enumerate(comparison.rows))
    db["cells"].insert_all(cell for n, row in enumerate(comparison.rows) for cell in _cell_rows(n, row))
    db["changes"].insert_all(
        dict(asdict(c), position=n, kind=c.kind.value) for n, c in enumerate(comparison.changes)
    )
    db["stats"].insert_all(_stats_row(n, s) for n, s in enumerate(comparison.stats.values()))
    db["quotes"].insert_all(
        {"position": n, "id": q.id, "speaker": q.speaker, "text": q.text} for n, q in enumerate(comparison.quotes)
    )
    db["occurrences"].insert_all(row for n, q in enumerate(comparison.quotes) for row in _occurrence_rows(n, q))


def _stats_row(position: int, stats: VersionStats) -> dict[str, Any]:
    """The stats line: the lineage figures go together into one JSON column."""
    row = {k: v for k, v in asdict(stats).items() if k not in LINEAGE_FIELDS}
    lineage = {name: getattr(stats, name) for name in LINEAGE_FIELDS}
    return dict(row, position=position, substitutions=_json(stats.substitutions), lineage=_json(lineage))


def _cell_rows(position: int, row: Row) -> list[dict[str, Any]]:
    """One line per version named in the row's cells, similarity or moved list."""
    ids = list(dict.fromkeys([*row.cells, *row.similarity, *row.moved]))
    return [
        {
            "row": position,
            "version": vid,
            "position": n,
            "passages": json.dumps(list(row.cells[vid])) if vid in row.cells else None,
            "scored": vid in row.similarity,
            "similarity": _float(row.similarity.get(vid)),
            "moved": row.moved.index(vid) if vid in row.moved else None,
        }
        for n, vid in enumerate(ids)
    ]


def _occurrence_rows(position: int, quote: Quote) -> list[dict[str, Any]]:
    return [
        dict(asdict(occurrence), quote=position, version=vid, position=n)
        for n, (vid, occurrence) in enumerate(quote.occurrences.items())
    ]


def _embedding_rows(embeddings: Embeddings) -> list[dict[str, Any]]:
    return [embedding_row(model, key, vector) for model, vectors in embeddings.items()
            for key, vector in vectors.items()]


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def _float(value: float | None) -> float | None:
    # numpy scalars cannot be bound by sqlite3; float() is exact for float32 and float64.
    return None if value is None else float(value)
