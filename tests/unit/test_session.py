"""Session files: round trips, the CLI's --save and export, and every in-process fault."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fakes import BagOfWordsEmbedder

from storydiff import cli
from storydiff.core.errors import StorageError
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.storage import session_schema
from storydiff.storage.cache import EmbeddingCache, text_key
from storydiff.storage.session import (
    Decision,
    Note,
    cached_embeddings,
    embedded_texts,
    load_session,
    open_session,
    save_session,
    workspace_of,
)
from storydiff.storage.session_lock import lock_path
from storydiff.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"
DECISIONS = (
    Decision("link", {"nodes": [["v1", 3], ["v2", 4]]}, "2026-11-25T10:00:00+00:00"),
    Decision("quote-status", {"quote": "We found corrosion far worse than anything the last inspection predicted, "
                                       "and we cannot let a single car cross until those cables are replaced",
                              "version": "v4", "status": "altered",
                              "why": "garbled — «sic»"}),
)
NOTES = (
    Note("row", "3", "Check the date with the wire desk.", "2026-11-25T10:01:00+00:00"),
    Note("quote", "q2", "Spun copy changes the verb.", modified="2026-11-25T11:00:00+00:00"),
    Note("version", "v3", "Content farm; ignore its headline 🙂"),
)


@pytest.fixture(scope="module")
def comparison():
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", embedder=BagOfWordsEmbedder())


@pytest.fixture
def saved(tmp_path, comparison):
    """A session saved with decisions, notes and embeddings: (path, embeddings)."""
    path = tmp_path / "story.storydiff"
    embeddings = {comparison.model: {text_key(t): _vector(t) for t in embedded_texts(comparison)}}
    save_session(path, comparison, decisions=DECISIONS, notes=NOTES, embeddings=embeddings)
    return path, embeddings


def _vector(text: str) -> np.ndarray:
    return BagOfWordsEmbedder().embed([text])[0]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---- round trips through the API ----


def test_round_trip_rebuilds_everything(saved, comparison):
    path, embeddings = saved
    session = load_session(path)
    assert session.comparison == comparison
    assert session.workspace == workspace_of(comparison)
    assert session.decisions == DECISIONS and session.notes == NOTES
    assert session.read_only is False and session.saved_at and session.app_version
    assert session.embeddings.keys() == embeddings.keys()
    for key, vector in embeddings[comparison.model].items():
        np.testing.assert_array_equal(session.embeddings[comparison.model][key], vector)


def test_file_is_a_versioned_wal_database_and_leaves_nothing_beside_it(saved):
    path, _ = saved
    load_session(path)
    assert _files(path.parent) == ["story.storydiff"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(session_schema.MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA application_id").fetchone()[0] == session_schema.APPLICATION_ID
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "versions", "passages", "rows", "cells", "changes", "quotes", "occurrences",
            "embeddings", "decisions", "notes"} <= tables


def test_settings_are_in_meta(saved, comparison):
    path, _ = saved
    with sqlite3.connect(path) as db:
        meta = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM meta")}
    assert (meta["model"], meta["threshold"], meta["reference"]) == (comparison.model, comparison.threshold, "v1")


def test_workspace_that_moved_on_since_the_comparison(tmp_path, comparison):
    """A renamed, an added and a removed version: both lists come back as they were."""
    renamed = replace(comparison.versions[1], label="Rewrite desk")
    extra = replace(comparison.versions[0], id="v9", label="Late copy")
    workspace = Workspace(
        versions=(comparison.versions[0], renamed, *comparison.versions[3:], extra),
        reference=None, threshold=0.6, model="./my-model", next_id=10,
    )
    path = tmp_path / "moved.storydiff"
    save_session(path, comparison, workspace=workspace)
    session = load_session(path)
    assert session.workspace == workspace and session.comparison == comparison


def test_session_without_a_comparison(tmp_path, comparison, capsys):
    workspace = Workspace(versions=comparison.versions[:2], next_id=3)
    path = tmp_path / "new.storydiff"
    save_session(path, None, workspace=workspace, notes=NOTES[:1])
    session = load_session(path)
    assert session.comparison is None and session.workspace == workspace and session.notes == NOTES[:1]
    assert cli.main(["export", str(path), "--quiet"]) == 2
    assert "no comparison yet" in capsys.readouterr().err


def test_saving_again_replaces_the_session(saved, comparison):
    path, _ = saved
    save_session(path, comparison, notes=NOTES[:1])
    session = load_session(path)
    assert session.notes == NOTES[:1] and session.decisions == () and session.embeddings == {}


def test_bad_decision_payload_and_note_target_are_refused(saved, comparison):
    path, _ = saved
    before = path.read_bytes()
    with pytest.raises(ValueError, match="not JSON"):
        save_session(path, comparison, decisions=[Decision("link", {"when": object()})])
    with pytest.raises(ValueError, match="row, a quote or a version"):
        Note("paragraph", "1", "x")
    assert path.read_bytes() == before and _files(path.parent) == ["story.storydiff"]


def test_cached_embeddings_reads_the_cache_and_tolerates_none(comparison):
    cache = EmbeddingCache(persistent=False)
    texts = embedded_texts(comparison)
    cache.put_many(comparison.model, {text_key(t): _vector(t) for t in texts[:5]})
    found = cached_embeddings(cache, comparison)
    assert list(found) == [comparison.model] and len(found[comparison.model]) == len(set(texts[:5]))
    assert cached_embeddings(None, comparison) == {}
    assert cached_embeddings(BagOfWordsEmbedder().cache, comparison) == {}


def test_older_schema_is_upgraded_in_memory_and_the_file_left_alone(saved, comparison, monkeypatch):
    path, _ = saved
    before = path.read_bytes()

    def add_colour(db):
        db["versions"].add_column("colour", str)

    monkeypatch.setattr(session_schema, "MIGRATIONS", (*session_schema.MIGRATIONS, add_colour))
    assert load_session(path).comparison == comparison
    assert path.read_bytes() == before


# ---- the command line: compare --save, export ----


class CachingEmbedder(BagOfWordsEmbedder):
    """The fake model with a real (in-memory) cache, as the real Embedder has."""

    def __init__(self, model=None, **_):
        super().__init__(model)
        self.cache = EmbeddingCache(persistent=False)

    def embed(self, texts, *, progress=None):
        vectors = super().embed(texts)
        self.cache.put_many(self.model_id, {text_key(t): v for t, v in zip(texts, vectors)})
        return vectors


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", CachingEmbedder)


def run(capsys, *args):
    code = cli.main(list(map(str, args)))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_save_export_gives_the_same_json(capsys, tmp_path, fake_model):
    files = sorted(SAMPLE.glob("*.txt"))
    path, first, second = tmp_path / "s.storydiff", tmp_path / "compare.json", tmp_path / "export.json"
    code, _, err = run(capsys, "compare", *files, "--reference", files[0], "--json", first, "--save", path, "--quiet")
    assert code == 0, err
    code, _, err = run(capsys, "export", path, "--json", second, "--html", tmp_path / "r.html", "--quiet")
    assert code == 0, err
    assert second.read_bytes() == first.read_bytes()
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_decisions_and_notes_survive_and_export_is_unchanged(capsys, tmp_path, fake_model):
    files = sorted(SAMPLE.glob("*.txt"))
    path, first, second = tmp_path / "s.storydiff", tmp_path / "compare.json", tmp_path / "export.json"
    assert run(capsys, "compare", *files, "--json", first, "--save", path, "--quiet")[0] == 0
    session = load_session(path)
    with open_session(path) as handle:
        handle.save(session.comparison, workspace=session.workspace, decisions=DECISIONS, notes=NOTES,
                    embeddings=session.embeddings)
    again = load_session(path)
    assert (again.decisions, again.notes, again.comparison) == (DECISIONS, NOTES, session.comparison)
    assert run(capsys, "export", path, "--json", second, "--quiet")[0] == 0
    # The export is the saved alignment with the decisions applied, byte for byte.
    from storydiff.decisions import apply_decisions
    from storydiff.report import write_json
    from storydiff.report.provenance import build_provenance

    applied = apply_decisions(session.comparison, DECISIONS)
    assert not applied.conflicts
    expected = tmp_path / "expected.json"
    # The provenance lists the corrections and notes as the user's (issue 11).
    write_json(applied.comparison, expected,
               provenance=build_provenance(applied.comparison, decisions=DECISIONS, notes=NOTES))
    assert second.read_bytes() == expected.read_bytes() != first.read_bytes()


def test_compare_save_keeps_the_settings_and_the_vectors(capsys, tmp_path, fake_model):
    files = sorted(SAMPLE.glob("*.txt"))
    path = tmp_path / "s.storydiff"
    code, _, err = run(capsys, "compare", *files, "--threshold", "0.7", "--save", path, "--quiet")
    assert code == 0, err
    session = load_session(path)
    assert session.workspace.threshold == 0.7 and session.workspace.reference is None
    assert session.workspace.model is None and session.workspace.next_id == len(files) + 1
    assert [v.id for v in session.workspace.versions] == [f"v{n}" for n in range(1, len(files) + 1)]
    vectors = session.embeddings[CachingEmbedder.model_id]
    assert set(vectors) == {text_key(t) for t in embedded_texts(session.comparison)}


def test_export_prints_the_summary(capsys, saved):
    path, _ = saved
    code, out, _ = run(capsys, "export", path)
    assert code == 0 and "Reference: 01-wire" in out


def test_export_and_load_never_import_the_model(saved, tmp_path):
    path, _ = saved
    script = (
        "import sys\n"
        "from storydiff.storage.session import load_session\n"
        "from storydiff import cli\n"
        f"assert load_session({str(path)!r}).comparison is not None\n"
        f"assert cli.main(['export', {str(path)!r}, '--json', {str(tmp_path / 'x.json')!r}, '--quiet']) == 0\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


# ---- faults: unusable files ----


def _truncate(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


@pytest.mark.parametrize("fraction", [0.001, 0.05, 0.3, 0.6, 0.95])
def test_truncated_file_is_a_clear_error(saved, fraction):
    path, _ = saved
    _truncate(path, fraction)
    with pytest.raises(StorageError) as info:
        load_session(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_random_bytes_are_a_clear_error(tmp_path):
    path = tmp_path / "noise.storydiff"
    path.write_bytes(np.random.default_rng(5).bytes(64 * 1024))
    with pytest.raises(StorageError, match="corrupt or not a StoryDiff session"):
        load_session(path)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: None, "no such session file"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: EmbeddingCache(p).close(), "not a StoryDiff session"),
        (lambda p: p.write_text('{"schema": "storydiff.comparison/1"}'), "corrupt or not a StoryDiff session"),
    ],
)
def test_other_files_are_refused(tmp_path, make, message):
    path = tmp_path / "x.storydiff"
    make(path)
    with pytest.raises(StorageError, match=message):
        load_session(path)


def test_newer_session_is_refused(saved):
    path, _ = saved
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StorageError, match="newer StoryDiff.*update StoryDiff"):
        load_session(path)


def test_damaged_content_is_a_clear_error(saved):
    path, _ = saved
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = 'workspace'")
    with pytest.raises(StorageError, match="damaged"):
        load_session(path)


@pytest.mark.parametrize("damage", ["truncate", "newer", "noise", "missing"])
def test_export_of_a_bad_file_exits_2_with_one_line(capsys, saved, damage):
    path, _ = saved
    if damage == "truncate":
        _truncate(path, 0.5)
    elif damage == "newer":
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version = 99")
    elif damage == "noise":
        path.write_bytes(b"\x00\xff" * 5000)
    else:
        path.unlink()
    code, out, err = run(capsys, "export", path, "--json", path.with_suffix(".json"))
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("storydiff: error:")
    assert not path.with_suffix(".json").exists()


# ---- faults: read-only files, a second window, a failing disk ----


def test_read_only_file_opens_read_only_and_refuses_to_save(saved, comparison, capsys, fake_model):
    path, _ = saved
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        assert load_session(path).read_only is True
        with open_session(path) as handle:
            assert handle.read_only and handle.load().comparison == comparison
            with pytest.raises(StorageError, match="read-only"):
                handle.save(comparison)
        with pytest.raises(StorageError, match="read-only"):
            save_session(path, comparison)
        code, _, err = run(capsys, "compare", *sorted(SAMPLE.glob("*.txt")), "--save", path, "--quiet")
        assert code == 2 and "read-only" in err
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before and _files(path.parent) == ["story.storydiff"]


def test_read_only_folder_opens_read_only_without_writing_there(saved, comparison):
    path, _ = saved
    path.parent.chmod(0o555)
    try:
        session = load_session(path)
        assert session.read_only and session.comparison == comparison
        with pytest.raises(StorageError, match="read-only"):
            save_session(path, comparison)
        assert _files(path.parent) == ["story.storydiff"]
    finally:
        path.parent.chmod(0o755)


def test_second_opener_gets_a_clear_message(saved, comparison):
    path, _ = saved
    with open_session(path) as first:
        assert lock_path(path).read_text().strip() == str(os.getpid())
        with pytest.raises(StorageError, match=rf"already open in another StoryDiff window \(pid {os.getpid()}\)"):
            open_session(path)
        with pytest.raises(StorageError, match="already open"):
            save_session(path, comparison, notes=NOTES)
        first.save(comparison, notes=NOTES[:1])
    assert not lock_path(path).exists()
    assert load_session(path).notes == NOTES[:1]
    with open_session(path) as again:  # released on close
        assert again.load().notes == NOTES[:1]


def test_stale_lock_file_does_not_block(saved):
    path, _ = saved
    lock_path(path).write_text("999999\n")  # left by a crash: no process holds the OS lock
    with open_session(path) as handle:
        assert handle.load().comparison is not None


def test_closed_handle_refuses_work(saved):
    path, _ = saved
    handle = open_session(path)
    handle.close()
    with pytest.raises(ValueError, match="closed"):
        handle.load()


def test_missing_folder_is_a_clear_error(tmp_path, comparison):
    with pytest.raises(StorageError, match="does not exist"):
        save_session(tmp_path / "nowhere" / "s.storydiff", comparison)


def _failing(monkeypatch, error: BaseException) -> None:
    """Make the next save fail half-way through writing its tables."""
    from storydiff.storage import session as session_module

    original = session_module.write_session

    def half_then_fail(db, *args):
        original(db, *args)
        raise error

    monkeypatch.setattr(session_module, "write_session", half_then_fail)


@pytest.mark.parametrize(
    "error, message",
    [
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (OSError(28, "No space left on device"), "disk is full"),
        (sqlite3.OperationalError("disk I/O error"), "disk I/O error"),
    ],
)
def test_full_disk_loses_nothing(saved, comparison, monkeypatch, error, message):
    path, _ = saved
    before = path.read_bytes()
    _failing(monkeypatch, error)
    with pytest.raises(StorageError, match=message) as info:
        save_session(path, comparison, notes=NOTES[:1])
    assert "earlier save is unchanged" in str(info.value)
    assert path.read_bytes() == before and _files(path.parent) == ["story.storydiff"]
    assert load_session(path).notes == NOTES


def test_failing_flush_or_rename_loses_nothing(saved, comparison, monkeypatch):
    path, _ = saved
    before = path.read_bytes()
    for name in ("fsync", "replace"):
        with monkeypatch.context() as patch:
            patch.setattr(os, name, _raise(OSError(28, "No space left on device")))
            with pytest.raises(StorageError, match="disk is full"):
                save_session(path, comparison)
        assert path.read_bytes() == before and _files(path.parent) == ["story.storydiff"]


def _raise(error):
    def fail(*args, **kwargs):
        raise error

    return fail


def test_interrupted_save_removes_its_temporary_file(saved, comparison, monkeypatch):
    path, _ = saved
    before = path.read_bytes()
    _failing(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        save_session(path, comparison)
    assert path.read_bytes() == before and _files(path.parent) == ["story.storydiff"]


def test_leftovers_of_a_killed_save_are_removed_on_open(saved):
    path, _ = saved
    for name in (".story.storydiff.abc123.saving", ".story.storydiff.abc123.saving-wal"):
        (path.parent / name).write_bytes(b"half a save")
    (path.parent / ".other.storydiff.x.saving").write_bytes(b"not ours")
    with open_session(path):
        pass
    assert _files(path.parent) == [".other.storydiff.x.saving", "story.storydiff"]


def test_new_file_gets_document_permissions_and_old_ones_keep_theirs(tmp_path, comparison):
    path = tmp_path / "p.storydiff"
    save_session(path, comparison)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o600)
    save_session(path, comparison)
    assert path.stat().st_mode & 0o777 == 0o600


def test_saving_through_a_symlink_updates_the_real_file(tmp_path, comparison):
    real = tmp_path / "real.storydiff"
    save_session(real, comparison)
    link = tmp_path / "link.storydiff"
    link.symlink_to(real)
    save_session(link, comparison, notes=NOTES[:1])
    assert link.is_symlink() and load_session(real).notes == NOTES[:1]


def test_changes_another_program_left_in_a_wal_are_read_then_dropped_by_a_save(saved, comparison):
    path, _ = saved
    other = sqlite3.connect(path)  # left open: its change stays in story.storydiff-wal
    with other:
        other.execute("UPDATE notes SET text = 'edited elsewhere' WHERE position = 0")
    assert Path(f"{path}-wal").stat().st_size > 0
    assert load_session(path).notes[0].text == "edited elsewhere"
    save_session(path, comparison, notes=NOTES[:1])
    other.close()
    assert load_session(path).notes == NOTES[:1]
    with sqlite3.connect(path) as db:  # a plain SQLite reader sees the new file, intact
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert db.execute("SELECT text FROM notes").fetchall() == [(NOTES[0].text,)]


def test_lock_holds_through_a_symlink(tmp_path, comparison):
    real = tmp_path / "real.storydiff"
    save_session(real, comparison)
    link = tmp_path / "link.storydiff"
    link.symlink_to(real)
    with open_session(real), pytest.raises(StorageError, match="already open"):
        open_session(link)


def test_storydiff_export_goes_to_the_command_line(saved, capsys):
    from storydiff.app import main as app_main

    path, _ = saved
    assert app_main(["export", str(path), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
