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

    def embed(self, texts, *, progress=None):
        rows = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in zip(rows, texts):
            for word in re.findall(r"\w+", text.lower()):
                row[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1.0)


