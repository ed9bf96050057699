"""An imported version's origin (URL, final URL, retrieval time, raw sha256, check-step edit)
goes into the session and the JSON report and comes back unchanged."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import jsonschema
from fakes import BagOfWordsEmbedder

from storydiff.engine import compare, make_version
from storydiff.ingest import Document
from storydiff.ingest.check import ImportEdit
from storydiff.report.json_export import comparison_to_dict, load_schema
from storydiff.storage.session import load_session, save_session
from storydiff.workspace import Workspace

WIRE = "Bridge to close\n\nThe council voted to close the bridge. The mayor said it was unsafe."
PAGE = "Bridge closes\n\nThe council voted on Tuesday to close the bridge. Mayor Ruiz said it was not safe."
EDIT = ImportEdit(proposed_label="example.org: Bridge closes", label="Example", cut_start=1, cut_end=0)


def imported_version():
    document = Document(PAGE, "https://example.org/a", "utf-8", title="Bridge closes",
                        final_url="https://www.example.org/news/a", canonical_url="https://example.org/news/a",
                        retrieved="2026-03-05T10:00:00+00:00", raw_sha256="0f" * 32)
    return replace(make_version(document, "Example", "v2"), edit=EDIT.to_json())


def comparison():
    wire = make_version(Document(WIRE, "wire.txt", "utf-8"), "Wire", "v1")
    return compare([wire, imported_version()], reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


def test_make_version_keeps_the_origin():
    version = imported_version()
    assert (version.source, version.final_url, version.retrieved, version.raw_sha256) == (
        "https://example.org/a", "https://www.example.org/news/a", "2026-03-05T10:00:00+00:00", "0f" * 32)
    assert version.canonical_url == "https://example.org/news/a"


def test_session_round_trip_keeps_origin_and_edit(tmp_path):
    result = comparison()
    workspace = Workspace(versions=result.versions, next_id=3)
    path = tmp_path / "story.storydiff"
    save_session(path, result, workspace=workspace)
    loaded = load_session(path)
    assert loaded.comparison.versions == result.versions
    assert loaded.workspace.versions[1].edit == EDIT.to_json()
    assert ImportEdit.from_json(loaded.workspace.versions[1].edit) == EDIT


def test_a_session_from_before_schema_4_opens_with_no_origin(tmp_path):
    result = comparison()
    path = tmp_path / "old.storydiff"
    save_session(path, result)
    with sqlite3.connect(path) as db:
        for column in ("final_url", "canonical_url", "raw_sha256", "edit"):
            db.execute(f"ALTER TABLE versions DROP COLUMN {column}")
        db.execute("PRAGMA user_version = 3")
    db.close()
    versions = load_session(path).comparison.versions
    assert versions[1].source == "https://example.org/a" and versions[1].raw_sha256 is None


def test_json_report_carries_origin_and_edit_and_validates():
    data = comparison_to_dict(comparison())
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    imported = data["versions"][1]
    assert imported["source"] == "https://example.org/a"
    assert imported["final_url"] == "https://www.example.org/news/a"
    assert imported["retrieved"] == "2026-03-05T10:00:00+00:00" and imported["raw_sha256"] == "0f" * 32
    assert imported["edit"] == json.loads(EDIT.to_json())
    assert "edit" not in data["versions"][0] and "final_url" not in data["versions"][0]
