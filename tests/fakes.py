"""Test doubles shared by the unit tests."""

from __future__ import annotations

import hashlib
import re
from types import SimpleNamespace

import numpy as np

DIM = 256


class BagOfWordsEmbedder:
    """Deterministic stand-in for the model: hashed bag of lower-cased words."""

    model_id = "fake-bag-of-words"

    def __init__(self, model=None, **_):
        self.cache = SimpleNamespace(warning=None)
        self.loaded = False

    def load(self, progress=None):
        self.loaded = True

    def embed(self, texts, *, progress=None):
        rows = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in zip(rows, texts):
            for word in re.findall(r"\w+", text.lower()):
                row[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1.0)




class SlowEmbedder(BagOfWordsEmbedder):
    """Takes ``seconds`` per call, in small steps that honour cancellation."""

    def __init__(self, seconds: float = 5.0, **kwargs):
        super().__init__(**kwargs)
        self.seconds = seconds

    def embed(self, texts, *, progress=None):
        import time

        from storydiff.core.progress import check

        steps = max(1, int(self.seconds / 0.02))
        for step in range(steps):
            if progress is not None:
                check(progress)
                progress.report(step / steps, "embedding (slow fake)")
            time.sleep(0.02)
        return super().embed(texts)


class FakeHolder:
    """Stands in for ``ui.workers.embedding.EmbedderHolder`` with a fake embedder."""

    def __init__(self, embedder=None):
        self.embedder = embedder or BagOfWordsEmbedder()

    model_id = "fake-bag-of-words"

    @property
    def loaded(self):
        return True

    def get(self):
        return self.embedder
