"""Embedding cache on disk: its path, its size and clearing it (also while it is open)."""

from __future__ import annotations

import numpy as np

from storydiff.storage.cache import CACHE_FILE, EmbeddingCache, text_key
from storydiff.storage.cache_files import cache_path, cache_size, clear_cache, format_size


def _filled(path, count=200):
    cache = EmbeddingCache(path)
    vectors = {text_key(str(n)): np.random.default_rng(n).random(384).astype(np.float32) for n in range(count)}
    cache.put_many("m", vectors)
    return cache, vectors


def test_default_path_is_in_the_user_data_folder(_isolated_user_dirs, tmp_path):
    assert cache_path("") == _isolated_user_dirs / CACHE_FILE
    assert cache_path(tmp_path) == tmp_path / CACHE_FILE


def test_size_counts_the_database_files(tmp_path):
    path = tmp_path / CACHE_FILE
    assert cache_size(path) == 0
    cache, _ = _filled(path)
    assert cache_size(path) > 200 * 384 * 4
    cache.close()


def test_clear_empties_the_cache_and_shrinks_it(tmp_path):
    path = tmp_path / CACHE_FILE
    cache, vectors = _filled(path)
    before = cache_size(path)
    clear_cache(path)  # while ``cache`` still has it open, as a running comparison would
    assert cache_size(path) < before / 10
    cache.close()
    reopened = EmbeddingCache(path)
    assert reopened.get_many("m", list(vectors)) == {}
    reopened.put_many("m", {"k": np.ones(3, dtype=np.float32)})  # still a working cache
    assert set(reopened.get_many("m", ["k"])) == {"k"}
    reopened.close()


def test_clear_removes_corrupt_copies_and_accepts_a_missing_cache(tmp_path):
    path = tmp_path / CACHE_FILE
    (tmp_path / f"{CACHE_FILE}.corrupt-1").write_bytes(b"x" * 10)
    clear_cache(path)
    assert cache_size(path) == 0


def test_clear_deletes_a_cache_that_is_not_a_database(tmp_path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"not a database, a damaged file " * 64)
    clear_cache(path)
    assert not path.exists() and cache_size(path) == 0


def test_format_size():
    assert format_size(0) == "0 bytes"
    assert format_size(812_000) == "812 KB"
    assert format_size(3_400_000) == "3.4 MB"
    assert format_size(1_200_000_000) == "1.2 GB"
