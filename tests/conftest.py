"""Shared fixtures: every user directory points at a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep the embedding cache and any settings out of the real home directory."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(data))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    yield data
