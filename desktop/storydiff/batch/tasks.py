"""The work a batch sends out: plain functions of picklable values, so that a process pool and
Dask workers run exactly the same code. Each returns its result; only the caller writes."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from storydiff.core.errors import StoryDiffError
from storydiff.core.model import Comparison, Version
from storydiff.storage.cache import EmbeddingCache, text_key


@dataclass(frozen=True)
class ModelFactory:
    """Makes the embedding model where the work runs (``model``: a name or folder, None for the
    bundled one). Vectors are cached by the caller, so the worker's cache is memory only."""

    model: str | None = None

    @property
    def model_id(self) -> str:
        from storydiff.alignment.embedder import resolve_model

        return resolve_model(self.model).id

    def __call__(self):
        from storydiff.alignment.embedder import Embedder

        return Embedder(self.model, cache=EmbeddingCache(persistent=False))


_MODELS: dict = {}
_MODELS_LOCK = threading.Lock()


def encode_texts(factory, texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of ``texts`` (float32, one row per text) from the model ``factory()`` makes,
    loaded once per process (a Dask worker keeps it between tasks)."""
    with _MODELS_LOCK:
        model = _MODELS.get(factory)
        if model is None:
            model = _MODELS[factory] = factory()
    return np.asarray(model.embed(list(texts)), dtype=np.float32)


@dataclass(frozen=True)
class StoryTask:
    """One story to compare: its ``versions`` (ids v1..vn) and the vectors of every text the
    engine embeds for them (sha256 of the text -> unit vector) under ``model``."""

    story: str
    key: str
    versions: tuple[Version, ...]
    model: str
    threshold: float
    vectors: Mapping[str, np.ndarray] = field(repr=False, default_factory=dict)


@dataclass(frozen=True)
class StoryResult:
    """A compared story (``comparison``) or the one-line reason it failed (``error``)."""

    story: str
    key: str
    comparison: Comparison | None
    error: str | None = None


class StoredVectors:
    """An embedder that serves the vectors it was given and never loads a model."""

    def __init__(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.model_id = model_id
        self.cache = EmbeddingCache(persistent=False)
        self.cache.put_many(model_id, vectors)

    def embed(self, texts: Sequence[str], *, progress=None) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        found = self.cache.get_many(self.model_id, keys)
        missing = [t for t, k in zip(texts, keys) if k not in found]
        if missing:
            raise StoryDiffError(f"{len(missing)} passages were not embedded, e.g. {missing[0][:60]!r}")
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])


def compare_story(task: StoryTask) -> StoryResult:
    """``engine.compare`` on one story with its given vectors; an expected failure becomes
    ``StoryResult.error`` so that one bad story never stops a batch."""
    from storydiff.engine import compare

    try:
        comparison = compare(task.versions, threshold=task.threshold,
                             embedder=StoredVectors(task.model, task.vectors))
    except StoryDiffError as exc:
        return StoryResult(task.story, task.key, None, str(exc))
    return StoryResult(task.story, task.key, comparison)
