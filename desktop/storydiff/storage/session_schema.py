"""The tables of a ``.storydiff`` session file, as ordered migrations.

``PRAGMA user_version`` counts the migrations a file has had (see
``storage.database``); ``PRAGMA application_id`` marks the file as a StoryDiff
session, so that another SQLite file (the embedding cache, say) is recognised
and refused instead of being read as an empty session.

Layout, one table per kind of value (positions keep tuple order; JSON columns
hold small lists and dicts whose order matters):

- ``meta``: key -> JSON value (format, app version, saved time, settings, workspace);
- ``versions``: one line per version (with where an import came from, from schema 4);
  ``position`` is its place in the comparison,
  ``workspace_position`` its place in the workspace (a version renamed or added
  since the last comparison has two lines, one for each);
- ``passages`` (with each passage's ``kind``, from schema 2), ``rows`` + ``cells``, ``changes``, ``stats`` (with the lineage figures as JSON, from schema 3), ``quotes`` +
  ``occurrences``: the comparison;
- ``embeddings``: (model, sha256 of the text) -> float32 vector, as in the cache;
- ``decisions`` and ``notes``: what the user did by hand.
"""

from __future__ import annotations

import sqlite_utils

FORMAT = "storydiff.session"
# "SDSN" read as a big-endian 32-bit integer.
APPLICATION_ID = int.from_bytes(b"SDSN", "big")


def _create_v1(db: sqlite_utils.Database) -> None:
    """Schema 1: every table of a session."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["versions"].create(
        {"key": int, "id": str, "position": int, "workspace_position": int, "label": str, "source": str,
         "text": str, "sha256": str, "title": str, "date": str, "author": str, "encoding": str,
         "retrieved": str},
        pk="key", not_null={"id", "label", "source", "text", "sha256"},
    )
    db["passages"].create(
        {"version": str, "index": int, "start": int, "end": int, "text": str, "paragraph": int},
        pk=("version", "index"), not_null={"start", "end", "text", "paragraph"},
    )
    _create_rows(db)
    _create_quotes(db)
    db["embeddings"].create({"model": str, "sha256": str, "dim": int, "vector": bytes}, pk=("model", "sha256"))
    db["decisions"].create({"position": int, "kind": str, "payload": str, "created": str}, pk="position")
    db["notes"].create(
        {"position": int, "target_kind": str, "target_id": str, "text": str, "created": str, "modified": str},
        pk="position",
    )


def _create_rows(db: sqlite_utils.Database) -> None:
    """Rows, their cells (one line per version of a row) and the changes in them.

    A cell's ``passages`` is a JSON list (NULL: the version is not a key of the
    row's cells); ``scored`` says whether the row has a similarity entry for it
    (the value may still be NULL); ``moved`` is its rank in the row's moved list.
    """
    db["rows"].create({"position": int, "index": int}, pk="position")
    db["cells"].create(
        {"row": int, "version": str, "position": int, "passages": str, "scored": int,
         "similarity": float, "moved": int},
        pk=("row", "version"),
    )
    db["changes"].create(
        {"position": int, "row": int, "version": str, "kind": str, "before": str, "after": str,
         "start": int, "end": int, "in_reference": int},
        pk="position",
    )
    db["stats"].create(
        {"version": str, "position": int, "words": int, "rows_shared": int, "omitted": int, "unique": int,
         "moved": int, "words_changed": int, "change_share": float, "trivial_share": float,
         "substitutions": str},
        pk="version",
    )


def _create_quotes(db: sqlite_utils.Database) -> None:
    db["quotes"].create({"position": int, "id": str, "speaker": str, "text": str}, pk="position")
    db["occurrences"].create(
        {"quote": int, "version": str, "position": int, "status": str, "text": str, "start": int,
         "end": int, "speaker": str},
        pk=("quote", "version"),
    )


def _add_passage_kinds_v2(db: sqlite_utils.Database) -> None:
    """Schema 2: each passage's kind (body, headline, byline, dateline, caption, furniture).

    Sessions saved before kinds existed read every passage as ``body``: their rows and
    figures were made that way, and the next comparison recomputes the kinds.
    """
    db["passages"].add_column("kind", str, not_null_default="body")


def _add_lineage_v3(db: sqlite_utils.Database) -> None:
    """Schema 3: each version's lineage figures (coverage, verdict, source, evidence, spin)
    as one JSON object in ``stats.lineage``.

    Sessions saved before have NULL there; reading them recomputes the figures from the
    saved comparison (``storydiff.lineage``), which needs no model.
    """
    if "lineage" not in db["stats"].columns_dict:  # a file rewound to an older version by hand
        db["stats"].add_column("lineage", str)


def _add_import_origin_v4(db: sqlite_utils.Database) -> None:
    """Schema 4: where an imported version came from (issue 10): the address after redirects,
    the page's canonical address, the sha256 of the raw bytes read and the check step's edit
    (JSON). ``retrieved`` existed from schema 1. Versions saved before have NULL there."""
    for column in ("final_url", "canonical_url", "raw_sha256", "edit"):
        if column not in db["versions"].columns_dict:  # a file rewound to an older version by hand
            db["versions"].add_column(column, str)


MIGRATIONS = (_create_v1, _add_passage_kinds_v2, _add_lineage_v3, _add_import_origin_v4)
