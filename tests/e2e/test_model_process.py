"""The model in a child process gives the same vectors as in-process, and clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from storydiff.alignment.embedder import Embedder
from storydiff.core.errors import ModelError
from storydiff.storage.cache import EmbeddingCache

pytestmark = pytest.mark.e2e

TEXTS = ["The city closed the harbour bridge.", "Ferries will run every twenty minutes.", "Café 😀 ünïcode."]


def test_isolated_model_matches_the_in_process_model(tmp_path, real_embedder):
    isolated = Embedder(cache=EmbeddingCache(tmp_path / "a.sqlite"), isolated=True)
    try:
        vectors = isolated.embed(TEXTS)
        assert isolated.dimension() == 384
    finally:
        isolated.close()
    expected = real_embedder.embed(TEXTS)
    np.testing.assert_allclose(vectors, expected, atol=1e-5)


def test_isolated_model_that_cannot_load(tmp_path):
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{ not json", encoding="utf-8")
    embedder = Embedder(str(broken), cache=EmbeddingCache(tmp_path / "b.sqlite"), isolated=True)
    with pytest.raises(ModelError, match="cannot be loaded"):
        embedder.embed(["text"])
