"""The SQLite wrapper and the embedding cache, on real files."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from storydiff.core.errors import StorageError
from storydiff.storage.cache import MIGRATIONS, EmbeddingCache, text_key
from storydiff.storage.database import data_dir, open_database


def vec(*values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def test_data_dir_follows_the_override(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path / "here"))
    assert data_dir() == tmp_path / "here"


def test_cache_round_trip_survives_reopening(tmp_path):
    path = tmp_path / "cache.sqlite"
    cache = EmbeddingCache(path)
    cache.put_many("m", {text_key("a"): vec(0.6, 0.8)})
    cache.close()
    again = EmbeddingCache(path)
    found = again.get_many("m", [text_key("a"), text_key("b")])
    assert list(found) == [text_key("a")]
    np.testing.assert_array_equal(found[text_key("a")], vec(0.6, 0.8))
    assert again.get_many("other-model", [text_key("a")]) == {}


def test_database_uses_wal_and_schema_version(tmp_path):
    db = open_database(tmp_path / "x.sqlite", MIGRATIONS, what="embedding cache")
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert "embeddings" in db.table_names()


def test_newer_database_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 99").connection.close()
    with pytest.raises(StorageError, match="newer StoryDiff"):
        open_database(path, MIGRATIONS, what="session")


def test_corrupt_database_is_refused(tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="corrupt"):
        open_database(path, MIGRATIONS, what="session")


def test_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"garbage" * 1000)
    cache = EmbeddingCache(path)
    cache.put_many("m", {"k": vec(1.0, 0.0)})
    assert cache.get_many("m", ["k"])
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"garbage" * 1000


def test_unwritable_cache_location_is_bypassed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = EmbeddingCache(blocker / "cache.sqlite")
    assert cache.warning and "cannot be opened" in cache.warning
    cache.put_many("m", {"k": vec(1.0)})
    assert list(cache.get_many("m", ["k"])) == ["k"]
    assert blocker.read_text() == "a file where the cache folder should be"


def test_locked_cache_write_falls_back_to_memory(tmp_path):
    path = tmp_path / "cache.sqlite"
    cache = EmbeddingCache(path)
    blocker = sqlite3.connect(path, timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        cache._db.conn.execute("PRAGMA busy_timeout = 100")
        cache.put_many("m", {"k": vec(1.0, 0.0)})
        assert cache.warning and "locked" in cache.warning
        assert list(cache.get_many("m", ["k"])) == ["k"]
    finally:
        blocker.rollback()
        blocker.close()
