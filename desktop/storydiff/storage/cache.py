"""The embedding cache: normalised vectors keyed by (model id, sha256 of the text).

A cache is derived data, so a cache that cannot be used never stops a comparison:
a corrupt file is moved aside and rebuilt, and a locked or read-only one is
bypassed with a warning.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import sqlite_utils

from storydiff.core.errors import StorageError
from storydiff.core.model import Passage
from storydiff.storage.database import data_dir, open_database

log = logging.getLogger(__name__)

CACHE_FILE = "embeddings.sqlite"


def text_key(text: str) -> str:
    """sha256 hex digest of the UTF-8 text: the cache key of one passage."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def passage_texts(text: str, passages: Sequence[Passage]) -> tuple[list[str], list[str]]:
    """What a version's alignment embeds: each passage, and each two adjacent passages
    read together (the evidence for split and merged sentences)."""
    return [p.text for p in passages], [text[a.start : b.end] for a, b in zip(passages, passages[1:])]


def embedding_row(model: str, key: str, vector: np.ndarray) -> dict:
    """One stored vector: float32 bytes with its length, keyed by (model, sha256)."""
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    return {"model": model, "sha256": key, "dim": int(vector.shape[0]), "vector": vector.tobytes()}


def _create_embeddings(db: sqlite_utils.Database) -> None:
    db["embeddings"].create(
        {"model": str, "sha256": str, "dim": int, "vector": bytes},
        pk=("model", "sha256"),
    )


MIGRATIONS = (_create_embeddings,)


class EmbeddingCache:
    """Vectors of passages already embedded, in memory and (when possible) on disk."""

    def __init__(self, path: Path | None = None, *, persistent: bool = True) -> None:
        self.path = path or data_dir() / CACHE_FILE
        self.warning: str | None = None
        self._memory: dict[tuple[str, str], np.ndarray] = {}
        self._db = self._open() if persistent else None

    def get_many(self, model: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those ``keys`` that have one (float32, shape (dim,))."""
        keys = list(dict.fromkeys(keys))
        found = {k: self._memory[(model, k)] for k in keys if (model, k) in self._memory}
        missing = [k for k in keys if k not in found]
        if self._db is not None and missing:
            found.update(self._read(model, missing))
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors (already normalised) under ``model``."""
        for key, vector in vectors.items():
            self._memory[(model, key)] = np.asarray(vector, dtype=np.float32)
        if self._db is not None and vectors:
            self._write(model, vectors)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite_utils.Database | None:
        try:
            return open_database(self.path, MIGRATIONS, what="embedding cache")
        except StorageError as exc:
            if "corrupt" not in str(exc):
                return self._bypass(str(exc))
        return self._rebuild()

    def _rebuild(self) -> sqlite_utils.Database | None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        log.warning("embedding cache %s is corrupt; moved aside to %s", self.path, aside)
        try:
            self.path.replace(aside)
            return open_database(self.path, MIGRATIONS, what="embedding cache")
        except (OSError, StorageError) as exc:
            return self._bypass(str(exc))

    def _bypass(self, reason: str) -> None:
        self.warning = f"embedding cache not used: {reason}"
        log.warning(self.warning)
        return None

    def _read(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT sha256, vector FROM embeddings WHERE model = ? AND sha256 IN ({marks})",
                    [model, *chunk],
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        except sqlite3.DatabaseError as exc:
            self._db = self._bypass(str(exc))
        self._memory.update(((model, k), v) for k, v in found.items())
        return found

    def _write(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [embedding_row(model, k, v) for k, v in vectors.items()]
        try:
            with self._db.conn:
                self._db["embeddings"].insert_all(rows, replace=True)
        except sqlite3.DatabaseError as exc:
            self._db = self._bypass(str(exc))
