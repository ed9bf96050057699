"""The ``storydiff.comparison/1`` JSON that other tools read, and its bundled schema.

The field names follow DESIGN.md ("The JSON that storydiff compare writes");
fields may be added, none may change meaning without a new schema version.
"""

from __future__ import annotations

import json
import math
import os
from importlib import resources
from typing import Any

from storydiff import __version__
from storydiff.core.model import (
    Change,
    Comparison,
    Occurrence,
    Passage,
    Quote,
    Row,
    Version,
    VersionStats,
)
from storydiff.report._files import write_text_atomic
from storydiff.report.provenance import Provenance, build_provenance, provenance_dict

SCHEMA_ID = "storydiff.comparison/1"
SCHEMA_FILE = "comparison-1.schema.json"

# Version metadata written only when known, so readers can tell "unknown" from "".
_OPTIONAL_VERSION_FIELDS = ("title", "date", "author", "encoding", "retrieved", "final_url", "canonical_url",
                            "raw_sha256")
_ABSENT = Occurrence(status="absent")


def comparison_to_dict(comparison: Comparison, *, provenance: Provenance | None = None) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, in the schema's shape, ending with its
    ``provenance`` (default: built from the comparison alone, without the user's entries).

    Every version id appears in every row's ``cells`` (``[]`` where omitted)
    and in every quote's ``occurrences`` (``absent`` where missing).
    Similarities and shares are rounded to 4 decimals.
    """
    ids = [version.id for version in comparison.versions]
    return {
        "schema": SCHEMA_ID,
        "generator": f"storydiff {__version__}",
        "model": comparison.model,
        "threshold": _round(comparison.threshold),
        "reference": comparison.reference,
        "versions": [
            _version_dict(v, comparison.passages.get(v.id, ())) for v in comparison.versions
        ],
        "rows": [_row_dict(row, ids, comparison.reference) for row in comparison.rows],
        "changes": [_change_dict(change) for change in comparison.changes],
        "quotes": [_quote_dict(quote, ids) for quote in comparison.quotes],
        "stats": {
            vid: _stats_dict(comparison.stats[vid]) for vid in ids if vid in comparison.stats
        },
        "provenance": provenance_dict(provenance or build_provenance(comparison)),
    }


def write_json(comparison: Comparison, path: str | os.PathLike[str], *, provenance: Provenance | None = None) -> None:
    """Write the comparison's JSON to ``path`` (UTF-8, indented, atomic), with its ``provenance``
    (default: built from the comparison alone, without the user's corrections and notes)."""
    data = comparison_to_dict(comparison, provenance=provenance)
    # allow_nan=False: NaN is not JSON; failing loudly beats a file others cannot parse.
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    write_text_atomic(path, text + "\n")


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``storydiff.comparison/1`` bundled with the package."""
    text = resources.files("storydiff.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def _round(value: float | None) -> float | None:
    """Round to 4 decimals; a missing or non-finite score becomes ``None`` (null)."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 4)


def _version_dict(version: Version, passages: tuple[Passage, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": version.id,
        "label": version.label,
        "source": version.source,
        "sha256": version.sha256,
    }
    for name in _OPTIONAL_VERSION_FIELDS:
        if getattr(version, name) is not None:
            data[name] = getattr(version, name)
    if version.edit is not None:  # the check step's edit, stored as JSON text
        data["edit"] = json.loads(version.edit)
    data["text"] = version.text
    data["passages"] = [_passage_dict(p) for p in passages]
    return data


def _passage_dict(passage: Passage) -> dict[str, Any]:
    return {
        "index": passage.index,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "kind": str(passage.kind),
    }


def _row_dict(row: Row, ids: list[str], reference: str) -> dict[str, Any]:
    # The reference has no similarity to itself unless the engine gave one.
    scored = [vid for vid in ids if vid != reference or vid in row.similarity]
    return {
        "index": row.index,
        "cells": {vid: list(row.cells.get(vid, ())) for vid in ids},
        "similarity": {vid: _round(row.similarity.get(vid)) for vid in scored},
        "moved": list(row.moved),
    }


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "row": change.row,
        "version": change.version,
        "kind": change.kind.value,
        "before": change.before,
        "after": change.after,
        "start": change.start,
        "end": change.end,
        "in_reference": change.in_reference,
        "trivial": change.trivial,
    }


def _quote_dict(quote: Quote, ids: list[str]) -> dict[str, Any]:
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "text": quote.text,
        "occurrences": {
            vid: _occurrence_dict(quote.occurrences.get(vid, _ABSENT)) for vid in ids
        },
    }


def _occurrence_dict(occurrence: Occurrence) -> dict[str, Any]:
    return {
        "status": occurrence.status,
        "text": occurrence.text,
        "start": occurrence.start,
        "end": occurrence.end,
        "speaker": occurrence.speaker,
    }


def _stats_dict(stats: VersionStats) -> dict[str, Any]:
    return {
        "words": stats.words,
        "rows_shared": stats.rows_shared,
        "omitted": stats.omitted,
        "unique": stats.unique,
        "moved": stats.moved,
        "words_changed": stats.words_changed,
        "change_share": _round(stats.change_share),
        "trivial_share": _round(stats.trivial_share),
        "substitutions": [[before, after] for before, after in stats.substitutions],
        **_lineage_dict(stats),
    }


def _lineage_dict(stats: VersionStats) -> dict[str, Any]:
    """Coverage, verdict, source, evidence and the spin figures; nothing when the
    version was never judged (``verdict`` "")."""
    if not stats.verdict:
        return {}
    return {
        "coverage": _round(stats.coverage),
        "verdict": stats.verdict,
        "source": stats.source,
        "source_score": _round(stats.source_score),
        "evidence": list(stats.evidence),
        "narrative_substituted": _round(stats.narrative_substituted),
        "quotes_touched": stats.quotes_touched,
        "quotes_untouched": stats.quotes_untouched,
        "spin_pairs": [[before, after, n] for before, after, n in stats.spin_pairs],
    }
