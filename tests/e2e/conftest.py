"""End-to-end fixtures: the real bundled model, loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydiff.alignment.embedder import Embedder
from storydiff.storage.cache import EmbeddingCache

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory) -> Embedder:
    cache = EmbeddingCache(tmp_path_factory.mktemp("cache") / "embeddings.sqlite")
    embedder = Embedder(cache=cache)
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))
