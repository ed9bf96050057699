"""The embedding stage feeds the model one length-sorted stream (no model: a recording fake)."""

from __future__ import annotations

import numpy as np
import pytest

from storydiff.alignment.embedder import CHUNK, Embedder
from storydiff.core.errors import Cancelled
from storydiff.storage.cache import EmbeddingCache, text_key


class RecordingModel:
    """Stands in for a SentenceTransformer: a vector from each text's length, calls recorded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts, **options):
        self.calls.append(list(texts))
        return np.stack([np.eye(4, dtype=np.float32)[len(t) % 4] for t in texts])


class CancelAfter:
    """Progress that asks to stop once ``reports`` progress reports were made."""

    def __init__(self, reports: int) -> None:
        self.left = reports

    def report(self, fraction, message=""):
        self.left -= 1

    def cancelled(self) -> bool:
        return self.left < 0


def embedder_with(model, tmp_path) -> Embedder:
    embedder = Embedder(cache=EmbeddingCache(tmp_path / "cache.sqlite"))
    embedder._model = model  # loaded: the fake is the model
    return embedder


def test_misses_go_to_the_model_longest_first_in_chunks(tmp_path):
    texts = [f"passage {'x' * (n % 37)} number {n}" for n in range(CHUNK + 40)]
    model = RecordingModel()
    vectors = embedder_with(model, tmp_path).embed(texts + texts[:5])  # repeats are encoded once
    sent = [t for call in model.calls for t in call]
    assert sorted(sent) == sorted(texts)
    assert [len(t) for t in sent] == sorted((len(t) for t in sent), reverse=True)
    assert [len(call) for call in model.calls] == [CHUNK, 40]
    np.testing.assert_array_equal(vectors[-1], vectors[4])  # rows keep the caller's order


def test_cancel_between_chunks_keeps_what_was_encoded(tmp_path):
    texts = [f"sentence {n} " + "y" * (n % 11) for n in range(2 * CHUNK + 1)]
    model = RecordingModel()
    embedder = embedder_with(model, tmp_path)
    with pytest.raises(Cancelled):
        embedder.embed(texts, progress=CancelAfter(reports=0))  # stop after the first chunk
    cached = embedder.cache.get_many(embedder.model_id, [text_key(t) for t in texts])
    assert len(model.calls) == 1 and len(cached) == CHUNK
    assert len(cached) < len(texts)
