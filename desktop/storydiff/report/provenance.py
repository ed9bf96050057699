"""Where an export's evidence came from: every export carries it (JSON, HTML, PDF, CSV).

For each version: its label, source (path or URL), a time (when it was downloaded, else the
file's modification time), the sha256 of its text, its encoding and word count. For the whole
comparison: the model, the threshold and the StoryDiff version. And the user's own
contributions, marked as the user's: manual corrections (link, unlink, split, merge, a quote's
status...) and notes. Qt-free.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from storydiff import __version__
from storydiff.core.model import Comparison, Version
from storydiff.report._common import ordered_versions

# How the time of a version was obtained (``VersionOrigin.time_kind``).
RETRIEVED = "retrieved"              # downloaded at that time
FILE_MODIFIED = "file modified"      # the file's modification time; the file still holds this text
FILE_CHANGED = "file changed since"  # the file now holds other bytes (its time is shown)
UNKNOWN = "unknown"                  # pasted, standard input, or the file is gone


@dataclass(frozen=True)
class VersionOrigin:
    """One version's provenance; ``time`` is ISO 8601 UTC or None."""

    id: str
    label: str
    source: str
    time: str | None
    time_kind: str
    sha256: str
    encoding: str | None
    words: int


@dataclass(frozen=True)
class UserEntry:
    """Something the user did by hand: a ``correction`` or a ``note``, on ``target``
    (e.g. "row 4", "quote q2", "version 03-spun"), at ``created`` (ISO 8601)."""

    kind: str
    target: str
    text: str
    created: str


@dataclass(frozen=True)
class Provenance:
    versions: tuple[VersionOrigin, ...]
    model: str
    threshold: float
    storydiff_version: str
    user: tuple[UserEntry, ...] = ()


def build_provenance(comparison: Comparison, *, decisions: Sequence = (), notes: Sequence = ()) -> Provenance:
    """The provenance of ``comparison``; ``decisions`` and ``notes`` are the session's
    (``storage.session_values.Decision`` / ``Note``), listed as the user's own."""
    user = (*(_correction(comparison, d) for d in decisions), *(_note(comparison, n) for n in notes))
    return Provenance(
        versions=tuple(_origin(comparison, v) for v in ordered_versions(comparison)),
        model=comparison.model,
        threshold=comparison.threshold,
        storydiff_version=__version__,
        user=tuple(user),
    )


def provenance_dict(provenance: Provenance) -> dict[str, Any]:
    """JSON-ready data: ``versions`` (one object each), ``model``, ``threshold``,
    ``storydiff``, and ``by_user`` (the user's corrections and notes)."""
    return {
        "versions": [
            {"id": v.id, "label": v.label, "source": v.source, "time": v.time, "time_kind": v.time_kind,
             "sha256": v.sha256, "encoding": v.encoding, "words": v.words}
            for v in provenance.versions
        ],
        "model": provenance.model,
        "threshold": round(provenance.threshold, 4),
        "storydiff": provenance.storydiff_version,
        "by_user": [{"kind": u.kind, "target": u.target, "text": u.text, "created": u.created} for u in provenance.user],
    }


def provenance_lines(provenance: Provenance) -> list[list[str]]:
    """The provenance as table lines (for CSV): a heading line, one line per version with
    its fields, the settings, then one line per correction or note marked "by the user"."""
    lines = [["provenance"], ["version", "source", "time", "time kind", "sha256", "encoding", "words"]]
    lines += [[v.label, v.source, v.time or "", v.time_kind, v.sha256, v.encoding or "", str(v.words)]
              for v in provenance.versions]
    lines.append(["model", provenance.model, "threshold", f"{provenance.threshold:.2f}",
                  "storydiff", provenance.storydiff_version])
    lines += [[f"by the user: {u.kind}", u.target, u.text, u.created] for u in provenance.user]
    return lines


def time_text(origin: VersionOrigin) -> str:
    """How a version's time reads in a report, e.g. "retrieved 2026-12-05T10:00:00+00:00"."""
    if origin.time is None:
        return "unknown"
    return f"{origin.time_kind} {origin.time}"


def _origin(comparison: Comparison, version: Version) -> VersionOrigin:
    stats = comparison.stats.get(version.id)
    words = stats.words if stats is not None else len(version.text.split())
    time, kind = (version.retrieved, RETRIEVED) if version.retrieved else _file_time(version)
    return VersionOrigin(version.id, version.label, version.source, time, kind, version.sha256,
                         version.encoding, words)


def _file_time(version: Version) -> tuple[str | None, str]:
    """The source file's modification time, and whether the file still holds what was read."""
    path = Path(version.source)
    try:
        if not path.is_file():
            return None, UNKNOWN
        stamp = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    except (OSError, ValueError):
        return None, UNKNOWN
    return stamp, FILE_MODIFIED if _still_the_same(version, path) else FILE_CHANGED


def _still_the_same(version: Version, path: Path) -> bool:
    """True when the file's bytes (or, lacking their hash, its decoded text) match the version."""
    try:
        if version.raw_sha256:
            return hashlib.sha256(path.read_bytes()).hexdigest() == version.raw_sha256
        from storydiff.ingest import read_document
        from storydiff.storage.cache import text_key

        return text_key(read_document(os.fspath(path)).text) == version.sha256
    except Exception:  # noqa: BLE001 - any failure to re-read means "not verified", never a failed export
        return False


def _correction(comparison: Comparison, decision) -> UserEntry:
    """A manual correction with what it touched: passages (``label #n``, 1-based) or a quote."""
    from storydiff.decisions.make import describe

    payload = decision.payload if isinstance(decision.payload, dict) else {}
    labels = {v.id: v.label for v in comparison.versions}
    if "quote" in payload:
        wording = str(payload["quote"])
        clipped = wording if len(wording) <= 60 else wording[:59] + "…"
        target = f"quote “{clipped}” in {labels.get(payload.get('version'), payload.get('version'))}"
    else:
        nodes = payload.get("nodes") or ([payload["node"]] if "node" in payload else [])
        target = "passages " + ", ".join(_node_text(node, labels) for node in nodes) if nodes else "rows"
    return UserEntry("correction", target, describe(decision), decision.created)


def _node_text(node, labels: dict[str, str]) -> str:
    try:
        version_id, index = node
        return f"{labels.get(version_id, version_id)} #{int(index) + 1}"
    except (TypeError, ValueError):
        return str(node)


def _note(comparison: Comparison, note) -> UserEntry:
    return UserEntry("note", _note_target(comparison, note.target_kind, note.target_id), note.text, note.created)


def _note_target(comparison: Comparison, kind: str, target_id: str) -> str:
    """A note's target as a reader finds it in the report: "row 4", "quote q2", "version <label>"."""
    if kind == "version":
        labels = {v.id: v.label for v in comparison.versions}
        return f"version {labels.get(target_id, target_id)}"
    if kind == "quote":
        quote = next((q for q in comparison.quotes if q.text[:80] == target_id), None)
        return f"quote {quote.id}" if quote else f"quote “{target_id}”"
    version_id, _, index = target_id.partition(":")
    for row in comparison.rows:
        if index.isdigit() and int(index) in row.cells.get(version_id, ()):
            return f"row {row.index + 1}"
    return "a row no longer present"
