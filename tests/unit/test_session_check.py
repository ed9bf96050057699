"""Validation on open (issue 13): damaged work refused in one line, damaged derived data rebuilt,
planted objects ignored and never run, the file never written."""

from __future__ import annotations

import json
import sqlite3

import pytest
from fakes import BagOfWordsEmbedder
from session_samples import DECISIONS, NOTES, damage, sample_comparison, save_sample

from storydiff import cli
from storydiff.core.errors import StorageError
from storydiff.decisions import apply_decisions
from storydiff.storage import session_schema
from storydiff.storage.session import load_session
from storydiff.storage.session_consistency import comparison_problem, stale_notes


@pytest.fixture(scope="module")
def comparison():
    return sample_comparison()


@pytest.fixture
def path(tmp_path, comparison):
    return save_sample(tmp_path / "story.storydiff", comparison)


def _refused(path, *statements) -> str:
    damage(path, *statements)
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        load_session(path)
    assert path.read_bytes() == before
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def _loaded(path, *statements):
    damage(path, *statements)
    before = path.read_bytes()
    session = load_session(path)
    assert path.read_bytes() == before
    return session


def test_a_valid_session_has_nothing_to_rebuild_or_ignore(path, comparison):
    session = load_session(path)
    assert session.comparison == comparison and comparison_problem(session.comparison) is None
    assert session.rebuild == () and session.ignored == () and not session.realign
    assert stale_notes(NOTES, comparison) == ()


# ---- the user's work damaged: refused, one line naming the problem ----


@pytest.mark.parametrize("statements, expected", [
    (["UPDATE versions SET text = CAST(text AS BLOB) WHERE id = 'v2'"],
     "versions “v2”: column “text” holds binary data (a blob), not text"),
    (["UPDATE versions SET sha256 = '" + "0" * 64 + "' WHERE id = 'v3'"],
     "the text of version “03-"),
    (["UPDATE versions SET text = text || ' Edited.' WHERE id = 'v1'"], "does not match its sha256"),
    (["UPDATE versions SET label = 7 WHERE id = 'v1'"], None),  # TEXT affinity stores '7': still a label
    (["UPDATE versions SET id = 'v1' WHERE id = 'v2'"], "two versions in the comparison have the id “v1”"),
    (["UPDATE decisions SET payload = '{not json' WHERE position = 0"], "decision 1 is not JSON"),
    (["UPDATE decisions SET payload = '[1, 2]' WHERE position = 0"], "decision 1 (“link”) holds [1, 2]"),
    (["UPDATE notes SET target_kind = 'paragraph' WHERE position = 0"], "note 1 targets a “paragraph”"),
    (["UPDATE meta SET value = json_set(value, '$.threshold', 5) WHERE key = 'workspace'"],
     "the workspace threshold is 5"),
    (["UPDATE meta SET value = json_set(value, '$.reference', 'v99') WHERE key = 'workspace'"],
     "reference “v99” is not one of its versions"),
    (["DELETE FROM meta WHERE key = 'workspace'"], "the workspace settings are missing"),
    (["DROP TABLE notes"], "table notes is missing"),
    (["UPDATE notes SET text = zeroblob(10) WHERE position = 1"], "notes line 2: column “text” holds binary data"),
])
def test_damaged_work_is_refused_with_the_problem_named(path, statements, expected):
    if expected is None:
        assert _loaded(path, *statements).workspace.versions[0].label == "7"
        return
    message = _refused(path, *statements)
    assert "the session is damaged" in message and expected in message


def test_huge_text_is_refused_before_hashing(path):
    assert "characters (at most" in _refused(path, "UPDATE versions SET text = zeroblob(9000000) || '' WHERE id = 'v1'")


# ---- derived data damaged: left out, said why, the work kept ----


@pytest.mark.parametrize("statements, expected", [
    (['UPDATE passages SET "end" = "end" + 100000 WHERE version = \'v2\' AND "index" = 3'],
     "passage 4 of “02-"),
    (["UPDATE cells SET passages = '[40]' WHERE row = 11 AND version = 'v2'"],
     "row 12 names passage 41 of “02-"),
    (["UPDATE occurrences SET status = 'invented' WHERE quote = 0 AND version = 'v1'"],
     "status “invented”, not one of absent, altered"),
    (["UPDATE changes SET kind = 'rewording' WHERE position = 2"], "change 3 is of kind “rewording”"),
    (["UPDATE changes SET start = start + 1 WHERE position = 0"], "change 1 spans"),
    (["UPDATE stats SET change_share = 7.5 WHERE position = 1"], "not a share in [0, 1]"),
    (["UPDATE stats SET lineage = '{broken' WHERE position = 1"], "is not JSON"),
    (["UPDATE stats SET lineage = json_set(lineage, '$.verdict', 'forged') WHERE position = 1"],
     "the verdict of “02-"),
    (["DELETE FROM rows WHERE position = 4"], "cells belong to row line 5, which does not exist"),
    (["DELETE FROM passages WHERE version = 'v3' AND \"index\" = 2"], "passage 3 of “03-"),
    (["INSERT INTO rows SELECT position + 1000, \"index\" FROM rows WHERE position = 0"], "is numbered 0"),
    (["DROP TABLE changes"], "table changes is missing"),
    (["UPDATE quotes SET id = 'q1'"], "two quotes have the id “q1”"),
    (["UPDATE cells SET similarity = 'high' WHERE row = 0 AND version = 'v2'"],
     "cells 0 / “v2”: column “similarity” holds text, not a number"),
    (["UPDATE meta SET value = '\"v42\"' WHERE key = 'reference'"], "reference “v42” is not one of"),
])
def test_damaged_alignment_is_left_out_and_the_work_kept(path, comparison, statements, expected):
    session = _loaded(path, *statements)
    assert session.comparison is None and session.realign
    assert len(session.rebuild) == 1 and session.rebuild[0].startswith("the alignment")
    assert expected in session.rebuild[0] and "\n" not in session.rebuild[0]
    assert session.workspace.versions == comparison.versions
    assert session.decisions == DECISIONS and session.notes == NOTES
    assert session.embeddings  # the vectors were fine: kept for the re-alignment


def test_damaged_vectors_are_dropped_and_the_comparison_kept(path, comparison):
    session = _loaded(path, "UPDATE embeddings SET vector = substr(vector, 1, 10) WHERE rowid = 3")
    assert session.comparison == comparison and not session.realign and session.embeddings == {}
    assert len(session.rebuild) == 1 and session.rebuild[0].startswith("the saved passage vectors: vector ")
    assert "holds 10 bytes, not 256 values" in session.rebuild[0]


def test_a_decision_of_an_unknown_kind_is_kept_and_listed(path, comparison):
    session = _loaded(path, "UPDATE decisions SET kind = 'recolour' WHERE position = 0")
    assert session.decisions[0].kind == "recolour" and session.comparison == comparison
    conflicts = apply_decisions(session.comparison, session.decisions).conflicts
    assert conflicts == ("recolour: not a kind of decision this StoryDiff knows",)


def test_notes_whose_targets_are_gone_are_listed(comparison):
    notes = (*NOTES, NOTES[0].__class__("row", "v2:999", "gone"), NOTES[0].__class__("version", "v9", "x"))
    assert stale_notes(notes, comparison) == (
        "note on row “v2:999” (“gone”): the row is no longer there",
        "note on version “v9” (“x”): the version is no longer there",
    )


# ---- what StoryDiff did not create: named, never run, never kept ----


PLANTED = [
    "CREATE TABLE audit (what TEXT)",
    "CREATE TRIGGER spy AFTER INSERT ON notes BEGIN INSERT INTO audit VALUES (new.text); END",
    "CREATE VIEW everything AS SELECT * FROM versions",
    "CREATE INDEX by_label ON versions (label)",
    "ALTER TABLE versions ADD COLUMN payload TEXT",
]


def test_planted_objects_are_named_and_the_file_left_alone(path, comparison):
    session = _loaded(path, *PLANTED)
    assert session.comparison == comparison and session.rebuild == ()
    assert sorted(session.ignored) == ["column “payload” of table versions", "index “by_label”", "table “audit”",
                                       "trigger “spy”", "view “everything”"]


def test_saving_a_planted_session_writes_none_of_it(path, comparison):
    from storydiff.storage.session import open_session

    session = _loaded(path, *PLANTED)
    with open_session(path) as handle:
        handle.save(session.comparison, workspace=session.workspace, decisions=session.decisions,
                    notes=session.notes, embeddings=session.embeddings)
    with sqlite3.connect(path) as db:
        kinds = {kind for (kind,) in db.execute("SELECT type FROM sqlite_master")}
        columns = {row[1] for row in db.execute("PRAGMA table_info(versions)")}
    assert kinds == {"table", "index"} and "payload" not in columns
    assert load_session(path).ignored == ()


def test_a_view_in_place_of_a_table_is_not_read(path):
    session = _loaded(path, "DROP TABLE quotes", "CREATE VIEW quotes AS SELECT 1 AS position, 'x' AS id")
    assert session.realign and "table quotes is missing" in session.rebuild[0]
    assert "view “quotes”" in session.ignored


def test_connection_distrusts_the_schema(path):
    from storydiff.storage.session_check import harden

    db = sqlite3.connect(path)
    harden(db)
    assert db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    db.close()


def test_an_older_file_with_a_trigger_is_upgraded_without_it(path, comparison, monkeypatch):
    damage(path, "CREATE TRIGGER t AFTER UPDATE ON versions BEGIN DELETE FROM notes; END")
    before = path.read_bytes()

    def add_colour(db):
        db["versions"].add_column("colour", str)

    monkeypatch.setattr(session_schema, "MIGRATIONS", (*session_schema.MIGRATIONS, add_colour))
    session = load_session(path)
    assert session.comparison == comparison and session.notes == NOTES and session.ignored == ("trigger “t”",)
    assert path.read_bytes() == before


# ---- storydiff export ----


class _Model(BagOfWordsEmbedder):
    def __init__(self, model=None, **_):
        super().__init__(model)


def _export(capsys, *args):
    code = cli.main(list(map(str, args)))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_of_damaged_rows_asks_for_a_rebuild(capsys, path):
    damage(path, "UPDATE cells SET passages = '[40]' WHERE row = 11 AND version = 'v2'")
    out_json = path.with_suffix(".json")
    code, out, err = _export(capsys, "export", path, "--json", out_json)
    assert code == 2 and out == "" and err.count("\n") == 1 and not out_json.exists()
    assert "row 12 names passage 41" in err and "needs a re-alignment" in err and "--rebuild" in err


def test_export_rebuild_aligns_again_and_lists_what_no_longer_applies(capsys, path, comparison, monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", _Model)
    damage(path, "UPDATE occurrences SET status = 'invented' WHERE quote = 0 AND version = 'v1'",
           "INSERT INTO notes VALUES (9, 'row', 'v2:999', 'lost', NULL, NULL)")
    out_json = path.with_suffix(".json")
    before = path.read_bytes()
    code, out, err = _export(capsys, "export", path, "--json", out_json, "--rebuild", "--quiet")
    assert code == 0 and path.read_bytes() == before
    assert "rebuilt the alignment" in err and "note on row “v2:999” (“lost”)" in err
    exported = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(exported["rows"]) == len(apply_decisions(comparison, DECISIONS).comparison.rows)


def test_export_names_planted_objects(capsys, path):
    damage(path, *PLANTED[:2])
    code, out, err = _export(capsys, "export", path, "--quiet", "--json", path.with_suffix(".json"))
    assert code == 0
    assert err == (f"storydiff: warning: {path}: ignored what StoryDiff did not create: table “audit”, "
                   "trigger “spy”\n")


def test_text_that_is_not_utf8_is_damage_of_its_part(path, comparison):
    session = _loaded(path, "UPDATE passages SET text = CAST(X'ff41fe' AS TEXT) WHERE version = 'v2' AND \"index\" = 1")
    assert session.realign and "table passages holds text that is not valid UTF-8" in session.rebuild[0]
    message = _refused(path, "UPDATE versions SET label = CAST(X'ff41fe' AS TEXT) WHERE id = 'v2'")
    assert message.endswith("table versions holds text that is not valid UTF-8")


def test_a_planted_virtual_table_is_named_not_read(path, comparison):
    session = _loaded(path, "CREATE VIRTUAL TABLE search USING fts5(words)", "INSERT INTO search VALUES ('x')")
    assert session.comparison == comparison and "table “search”" in session.ignored
