"""Saved vectors, handed to the embedder only when it is needed anyway.

Opening a session never embeds anything: the vectors saved with it wait in
``SessionEmbedderHolder`` until an embedder is needed (a later re-alignment then
encodes nothing twice).
"""

from __future__ import annotations

import threading
from typing import Any

from storydiff.core.model import Comparison
from storydiff.storage.cache import text_key
from storydiff.storage.session import cached_embeddings, embedded_texts
from storydiff.storage.session_values import Embeddings


class SessionEmbedderHolder:
    """Wraps an ``EmbedderHolder``; never creates the embedder or loads the model by itself.

    ``seed`` keeps the vectors saved with a session: they go into the embedder's
    cache the next time ``get`` hands the embedder out (on the worker thread).
    ``embeddings_for`` gives the vectors to save with a comparison.
    """

    def __init__(self, holder: Any) -> None:
        self._holder = holder
        self._lock = threading.Lock()
        self._embedder: Any = None
        self._seeded: Embeddings = {}  # the open document's saved vectors
        self._unfed: Embeddings = {}  # seeded vectors not yet in the embedder's cache

    def __getattr__(self, name: str) -> Any:
        if name == "_holder":
            raise AttributeError(name)
        return getattr(self._holder, name)

    @property
    def model_id(self) -> str:
        return self._holder.model_id

    @property
    def loaded(self) -> bool:
        return self._holder.loaded

    def get(self) -> Any:
        """The embedder (created on first call), its cache fed with every seeded vector."""
        with self._lock:
            if self._embedder is None:
                self._embedder = self._holder.get()
            embedder, unfed, self._unfed = self._embedder, self._unfed, {}
        put_many = getattr(getattr(embedder, "cache", None), "put_many", None)
        if put_many is not None:
            for model, vectors in unfed.items():
                put_many(model, vectors)
        return embedder

    def close(self) -> None:
        """Let the wrapped holder stop its model (process), if it has one to stop."""
        close = getattr(self._holder, "close", None)
        if close is not None:
            close()

    def seed(self, embeddings: Embeddings) -> None:
        """Keep a session's vectors (model id -> text sha256 -> vector) for the embedder and the next save."""
        with self._lock:
            self._seeded = {model: dict(vectors) for model, vectors in embeddings.items()}
            for model, vectors in embeddings.items():
                self._unfed.setdefault(model, {}).update(vectors)

    def embeddings_for(self, comparison: Comparison | None) -> Embeddings:
        """The vectors of ``comparison``'s texts that are at hand (seeded or cached); no model involved."""
        if comparison is None:
            return {}
        with self._lock:
            embedder, seeded = self._embedder, self._seeded.get(comparison.model, {})
        keys = {text_key(text) for text in embedded_texts(comparison)}
        vectors = {key: seeded[key] for key in keys if key in seeded}
        if embedder is not None:
            vectors.update(cached_embeddings(getattr(embedder, "cache", None), comparison).get(comparison.model, {}))
        return {comparison.model: vectors} if vectors else {}
