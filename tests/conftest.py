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


@pytest.fixture
def no_proxy(monkeypatch):
    """No proxy variables: downloads in the test go straight to the address (127.0.0.1)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site(no_proxy):
    """A local web server on 127.0.0.1 serving the pages a test adds (``import_support.LocalSite``)."""
    from import_support import LocalSite

    with LocalSite() as local:
        yield local
