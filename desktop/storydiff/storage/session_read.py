"""Session tables -> objects (the reverse of ``session_write``).

A damaged file may hold anything: callers turn the ``KeyError``/``ValueError``/
``TypeError`` raised here into a ``StorageError``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from storydiff.core.model import (
    LINEAGE_FIELDS,
    Change,
    ChangeKind,
    Comparison,
    Occurrence,
    Passage,
    Quote,
    Row,
    Version,
    VersionStats,
)
from storydiff.lineage import lineage_stats
from storydiff.storage.session_schema import FORMAT
from storydiff.storage.session_values import Decision, Embeddings, Note, Session

_VERSION_FIELDS = tuple(f.name for f in fields(Version))
_OCCURRENCE_FIELDS = tuple(f.name for f in fields(Occurrence))


def read_session(db: sqlite_utils.Database, path: Path, *, read_only: bool) -> Session:
    """The whole session held by ``db`` (already checked to be a session of a known schema)."""
    meta = {row["key"]: json.loads(row["value"]) for row in db["meta"].rows}
    if meta.get("format") != FORMAT:
        raise ValueError("no session format marker")
    versions = list(_rows(db, "versions", "key"))
    comparison = _read_comparison(db, meta, versions) if meta["has_comparison"] else None
    return Session(
        path=path,
        comparison=comparison,
        workspace=_read_workspace(meta["workspace"], versions),
        decisions=tuple(
            Decision(row["kind"], json.loads(row["payload"]), row["created"]) for row in _rows(db, "decisions")
        ),
        notes=tuple(Note(**_without(row, "position")) for row in _rows(db, "notes")),
        embeddings=_read_embeddings(db),
        app_version=meta.get("app_version", ""),
        saved_at=meta.get("saved_at", ""),
        read_only=read_only,
        view=meta["view"] if isinstance(meta.get("view"), dict) else {},
    )


def _rows(db: sqlite_utils.Database, table: str, *order: str):
    """The table's lines as dicts, sorted by the ``order`` columns (default: position)."""
    return db[table].rows_where(order_by=", ".join(f"[{column}]" for column in order or ("position",)))


def _without(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in names}


def _versions_at(versions: list[dict[str, Any]], column: str) -> tuple[Version, ...]:
    """The versions that have a place in ``column``, in that order."""
    placed = sorted((row for row in versions if row[column] is not None), key=lambda row: row[column])
    return tuple(Version(**{name: row[name] for name in _VERSION_FIELDS}) for row in placed)


def _read_workspace(settings: dict[str, Any], versions: list[dict[str, Any]]):
    # Imported here: the workspace module pulls in the engine, which sits above storage.
    from storydiff.workspace import Workspace

    return Workspace(
        versions=_versions_at(versions, "workspace_position"),
        reference=settings["reference"],
        threshold=float(settings["threshold"]),
        model=settings["model"],
        next_id=int(settings["next_id"]),
    )


def _read_comparison(db: sqlite_utils.Database, meta: dict[str, Any], versions: list[dict[str, Any]]) -> Comparison:
    compared = _versions_at(versions, "position")
    passages: dict[str, list[Passage]] = {v.id: [] for v in compared}
    for row in _rows(db, "passages", "version", "index"):
        passages[row["version"]].append(Passage(**row))
    comparison = Comparison(
        model=meta["model"],
        threshold=float(meta["threshold"]),
        reference=meta["reference"],
        versions=compared,
        passages={vid: tuple(ps) for vid, ps in passages.items()},
        rows=_read_rows(db),
        changes=tuple(
            Change(**_without(row, "position", "kind", "in_reference"), kind=ChangeKind(row["kind"]),
                   in_reference=bool(row["in_reference"]))
            for row in _rows(db, "changes")
        ),
        stats={row["version"]: _stats(row) for row in _rows(db, "stats")},
        quotes=_read_quotes(db),
    )
    judged = all(row.get("lineage") is not None for row in _rows(db, "stats"))
    # A session saved before schema 3: the figures follow from what was saved.
    return comparison if judged else replace(comparison, stats=lineage_stats(comparison))


def _stats(row: dict[str, Any]) -> VersionStats:
    """One stats line; a line saved before schema 3 has no lineage figures (NULL)."""
    lineage = json.loads(row["lineage"]) if row.get("lineage") is not None else {}
    return VersionStats(
        **_without(row, "position", "substitutions", "lineage"),
        substitutions=tuple(tuple(pair) for pair in json.loads(row["substitutions"])),
        **_lineage_values(lineage),
    )


def _lineage_values(lineage: dict[str, Any]) -> dict[str, Any]:
    values = {name: lineage[name] for name in LINEAGE_FIELDS if name in lineage}
    if "evidence" in values:
        values["evidence"] = tuple(values["evidence"])
    if "spin_pairs" in values:
        values["spin_pairs"] = tuple((b, a, int(n)) for b, a, n in values["spin_pairs"])
    return values


def _read_rows(db: sqlite_utils.Database) -> tuple[Row, ...]:
    cells_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cell in _rows(db, "cells", "row", "position"):
        cells_of[cell["row"]].append(cell)
    return tuple(_row(row["index"], cells_of[row["position"]]) for row in _rows(db, "rows"))


def _row(index: int, cells: list[dict[str, Any]]) -> Row:
    moved = sorted((c for c in cells if c["moved"] is not None), key=lambda c: c["moved"])
    return Row(
        index=index,
        cells={c["version"]: tuple(json.loads(c["passages"])) for c in cells if c["passages"] is not None},
        similarity={c["version"]: c["similarity"] for c in cells if c["scored"]},
        moved=tuple(c["version"] for c in moved),
    )


def _read_quotes(db: sqlite_utils.Database) -> tuple[Quote, ...]:
    occurrences: dict[int, dict[str, Occurrence]] = defaultdict(dict)
    for row in _rows(db, "occurrences", "quote", "position"):
        occurrences[row["quote"]][row["version"]] = Occurrence(**{k: row[k] for k in _OCCURRENCE_FIELDS})
    return tuple(
        Quote(row["id"], row["speaker"], row["text"], occurrences[row["position"]]) for row in _rows(db, "quotes")
    )


def _read_embeddings(db: sqlite_utils.Database) -> Embeddings:
    embeddings: Embeddings = defaultdict(dict)
    for model, key, dim, blob in db.execute("SELECT model, sha256, dim, vector FROM embeddings"):
        vector = np.frombuffer(blob, dtype=np.float32)
        if vector.shape != (dim,):
            raise ValueError(f"embedding {key[:12]} has {vector.shape[0]} values, not {dim}")
        embeddings[model][key] = vector.copy()
    return dict(embeddings)
