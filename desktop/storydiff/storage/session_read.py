"""Session tables -> objects (the reverse of ``session_write``), checked as they are read.

The file was opened read-only and hardened (``session_check.harden``). The user's
work (settings, versions, decisions, notes) is read and checked first: a problem
there raises ``Damage`` and the file is refused. The comparison and the saved
vectors are derived: a problem there drops them, and ``Session.rebuild`` says
what and why (the window re-aligns, ``storydiff export`` asks for ``--rebuild``).
Only StoryDiff's own columns are read, by name.
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
from storydiff.storage.session_check import COLUMNS, Damage, Part, one_line, check_types, structure_problems, undecodable
from storydiff.storage.session_consistency import (
    MAX_DIM,
    check_decision_lines,
    check_meta,
    check_note_lines,
    check_version_lines,
    comparison_problem,
    comparison_settings_problem,
)
from storydiff.storage.session_values import Decision, Embeddings, Note, Session

_VERSION_FIELDS = tuple(f.name for f in fields(Version))
_OCCURRENCE_FIELDS = tuple(f.name for f in fields(Occurrence))
# What reading a damaged derived table can raise, besides ``Damage``.
_READ_ERRORS = (LookupError, ValueError, TypeError, AttributeError, RecursionError, OverflowError)
_REBUILT = {Part.COMPARISON: "the alignment (rows, changes, quotes, statistics)",
            Part.VECTORS: "the saved passage vectors"}


def read_session(db: sqlite_utils.Database, path: Path, *, read_only: bool,
                 ignored: tuple[str, ...] = (), validate: bool = True) -> Session:
    """The session held by ``db`` (a session of a known schema, upgraded if older).

    Raises ``Damage`` (a ``ValueError``) when the user's work is damaged. ``validate=False``
    skips the checks (only ``benchmarks/session_bench.py`` does, to time them).
    """
    problems = structure_problems(db) if validate else {}
    tables = _Tables(db, check=validate)
    if Part.WORK in problems:
        raise Damage(Part.WORK, problems[Part.WORK])
    meta = _read_meta(tables)
    versions = tables.lines("versions", "key")
    if validate:
        check_meta(meta)
        check_version_lines(versions, meta["workspace"]["reference"])
    rebuild = {}
    comparison = None
    if meta["has_comparison"]:
        comparison, rebuild[Part.COMPARISON] = _checked_comparison(tables, meta, versions, problems, validate)
    embeddings, rebuild[Part.VECTORS] = _checked_embeddings(db, problems, validate)
    return Session(
        path=path,
        comparison=comparison,
        workspace=_read_workspace(meta["workspace"], versions),
        decisions=_read_decisions(tables),
        notes=_read_notes(tables),
        embeddings=embeddings,
        app_version=_text(meta.get("app_version")),
        saved_at=_text(meta.get("saved_at")),
        read_only=read_only,
        view=meta["view"] if isinstance(meta.get("view"), dict) else {},
        rebuild=tuple(f"{_REBUILT[part]}: {problem}" for part, problem in rebuild.items() if problem),
        realign=bool(rebuild.get(Part.COMPARISON)),
        ignored=ignored,
    )


class _Tables:
    """StoryDiff's columns of each table, read by name; their values' types checked unless told not to."""

    def __init__(self, db: sqlite_utils.Database, *, check: bool) -> None:
        self.db, self.check = db, check

    def lines(self, table: str, *order: str) -> list[dict[str, Any]]:
        """The lines of ``table`` as dicts, sorted by the ``order`` columns (default: position)."""
        columns = list(COLUMNS[table])
        order_by = ", ".join(f"[{column}]" for column in order or ("position",))
        with undecodable(table):
            values = self.db.execute(
                f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}] ORDER BY {order_by}"
            ).fetchall()
        if self.check:
            check_types(table, values)
        return [dict(zip(columns, line)) for line in values]


def _json(text: str, what: str, part: Part) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Damage(part, f"{what} is not JSON ({type(exc).__name__})") from exc


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _read_meta(tables: _Tables) -> dict[str, Any]:
    return {line["key"]: _json(line["value"], f"the setting {one_line(line['key'], 40)}", Part.WORK)
            for line in tables.lines("meta", "key")}


def _read_decisions(tables: _Tables) -> tuple[Decision, ...]:
    lines = tables.lines("decisions")
    payloads = [_json(line["payload"], f"decision {n}", Part.WORK) for n, line in enumerate(lines, start=1)]
    check_decision_lines(lines, payloads)
    return tuple(Decision(line["kind"], payload, line["created"]) for line, payload in zip(lines, payloads))


def _read_notes(tables: _Tables) -> tuple[Note, ...]:
    lines = tables.lines("notes")
    check_note_lines(lines)
    return tuple(Note(**{k: v for k, v in line.items() if k != "position"}) for line in lines)


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


# --- the comparison (derived) --------------------------------------------------------------


def _checked_comparison(tables: _Tables, meta: dict[str, Any], versions: list[dict[str, Any]],
                        problems: dict[Part, str], validate: bool) -> tuple[Comparison | None, str | None]:
    """The saved comparison, or None and the first problem that makes it unusable."""
    problem = problems.get(Part.COMPARISON) or (comparison_settings_problem(meta) if validate else None)
    if problem is not None:
        return None, problem
    try:
        comparison, judged = _read_comparison(tables, meta, versions)
        problem = comparison_problem(comparison) if validate else None
        if problem is None and not judged:
            # A session saved before schema 3: the figures follow from what was saved.
            comparison = replace(comparison, stats=lineage_stats(comparison))
    except Damage as exc:
        return None, str(exc)
    except _READ_ERRORS as exc:
        return None, f"it cannot be read ({type(exc).__name__}: {one_line(str(exc), 120)})"
    return (None, problem) if problem else (comparison, None)


def _read_comparison(tables: _Tables, meta: dict[str, Any],
                     versions: list[dict[str, Any]]) -> tuple[Comparison, bool]:
    """The comparison as saved, and whether its stats hold lineage figures (schema 3 on)."""
    compared = _versions_at(versions, "position")
    passages: dict[str, list[Passage]] = {v.id: [] for v in compared}
    for line in tables.lines("passages", "version", "index"):
        if line["version"] not in passages:
            raise Damage(Part.COMPARISON, f"passages belong to “{one_line(line['version'], 40)}”, "
                                          "which is not a compared version")
        passages[line["version"]].append(Passage(**line))
    stats_lines = tables.lines("stats")
    comparison = Comparison(
        model=meta["model"],
        threshold=float(meta["threshold"]),
        reference=meta["reference"],
        versions=compared,
        passages={vid: tuple(ps) for vid, ps in passages.items()},
        rows=_read_rows(tables),
        changes=tuple(_change(line) for line in tables.lines("changes")),
        stats={line["version"]: _stats(line) for line in stats_lines},
        quotes=_read_quotes(tables),
    )
    return comparison, all(line["lineage"] is not None for line in stats_lines)


def _change(line: dict[str, Any]) -> Change:
    try:
        kind = ChangeKind(line["kind"])
    except ValueError:
        raise Damage(Part.COMPARISON, f"change {line['position'] + 1} is of kind “{one_line(line['kind'], 40)}”, "
                                      "which is not a kind of change") from None
    values = {k: v for k, v in line.items() if k not in ("position", "kind", "in_reference")}
    return Change(**values, kind=kind, in_reference=bool(line["in_reference"]))


def _stats(line: dict[str, Any]) -> VersionStats:
    """One stats line; a line saved before schema 3 has no lineage figures (NULL)."""
    where = f"the statistics of “{one_line(line['version'], 40)}”"
    lineage = _json(line["lineage"], where, Part.COMPARISON) if line["lineage"] is not None else {}
    return VersionStats(
        **{k: v for k, v in line.items() if k not in ("position", "substitutions", "lineage")},
        substitutions=tuple(tuple(pair) for pair in _json(line["substitutions"], where, Part.COMPARISON)),
        **_lineage_values(lineage),
    )


def _lineage_values(lineage: dict[str, Any]) -> dict[str, Any]:
    values = {name: lineage[name] for name in LINEAGE_FIELDS if name in lineage}
    if "evidence" in values:
        values["evidence"] = tuple(values["evidence"])
    if "spin_pairs" in values:
        values["spin_pairs"] = tuple((b, a, int(n)) for b, a, n in values["spin_pairs"])
    return values


def _read_rows(tables: _Tables) -> tuple[Row, ...]:
    rows = tables.lines("rows")
    cells_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cell in tables.lines("cells", "row", "position"):
        cells_of[cell["row"]].append(cell)
    orphans = set(cells_of) - {row["position"] for row in rows}
    if orphans:
        raise Damage(Part.COMPARISON, f"cells belong to row line {min(orphans) + 1}, which does not exist")
    return tuple(_row(row["index"], cells_of[row["position"]]) for row in rows)


def _row(index: int, cells: list[dict[str, Any]]) -> Row:
    moved = sorted((c for c in cells if c["moved"] is not None), key=lambda c: c["moved"])
    return Row(
        index=index,
        cells={c["version"]: tuple(_json(c["passages"], f"row {index + 1}", Part.COMPARISON))
               for c in cells if c["passages"] is not None},
        similarity={c["version"]: c["similarity"] for c in cells if c["scored"]},
        moved=tuple(c["version"] for c in moved),
    )


def _read_quotes(tables: _Tables) -> tuple[Quote, ...]:
    quotes = tables.lines("quotes")
    occurrences: dict[int, dict[str, Occurrence]] = defaultdict(dict)
    for line in tables.lines("occurrences", "quote", "position"):
        occurrences[line["quote"]][line["version"]] = Occurrence(**{k: line[k] for k in _OCCURRENCE_FIELDS})
    orphans = set(occurrences) - {quote["position"] for quote in quotes}
    if orphans:
        raise Damage(Part.COMPARISON, f"occurrences belong to quote line {min(orphans) + 1}, which does not exist")
    return tuple(Quote(q["id"], q["speaker"], q["text"], occurrences[q["position"]]) for q in quotes)


# --- the saved vectors (a cache) ---------------------------------------------------------


def _checked_embeddings(db: sqlite_utils.Database, problems: dict[Part, str],
                        validate: bool) -> tuple[Embeddings, str | None]:
    """The saved vectors, or none and the first problem found in them."""
    if Part.VECTORS in problems:
        return {}, problems[Part.VECTORS]
    try:
        return _read_embeddings(db, validate), None
    except Damage as exc:
        return {}, str(exc)


def _read_embeddings(db: sqlite_utils.Database, validate: bool) -> Embeddings:
    with undecodable("embeddings"):
        lines = db.execute("SELECT model, sha256, dim, vector FROM embeddings").fetchall()
    if validate:
        _check_embeddings(lines)
    embeddings: Embeddings = defaultdict(dict)
    for model, key, dim, blob in lines:
        vector = np.frombuffer(blob, dtype=np.float32)
        if vector.shape != (dim,):
            raise Damage(Part.VECTORS, f"vector {one_line(key[:12])} holds {len(blob)} bytes, not {dim} values")
        embeddings[model][key] = vector.copy()
    return dict(embeddings)


def _check_embeddings(lines: list[tuple]) -> None:
    check_types("embeddings", lines)
    for _, key, dim, blob in lines:
        if not 0 < dim <= MAX_DIM or len(blob) != 4 * dim or len(key) != 64:
            raise Damage(Part.VECTORS, f"vector {one_line(key[:12])} holds {len(blob)} bytes, not {dim} values")
    if lines and not np.isfinite(np.frombuffer(b"".join(line[3] for line in lines), dtype=np.float32)).all():
        raise Damage(Part.VECTORS, "a vector holds values that are not numbers")
