"""`storydiff compare` takes http(s) addresses beside files (local server on 127.0.0.1)."""

from __future__ import annotations

import json

import pytest
from fakes import BagOfWordsEmbedder
from import_support import LocalSite, article_page

from storydiff import cli

PARAGRAPHS = ["The city council voted on Tuesday to close the Harbour Bridge for repairs.",
              "Mayor Ana Ruiz said the bridge was no longer safe for heavy traffic.",
              "Ferries will run every twenty minutes while the bridge is shut."]


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", BagOfWordsEmbedder)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_compare_a_url_with_a_file(capsys, tmp_path):
    wire = tmp_path / "wire.txt"
    wire.write_text("Bridge to close\n\n" + " ".join(PARAGRAPHS), encoding="utf-8")
    out = tmp_path / "out.json"
    with LocalSite() as site:
        url = site.page("/news/bridge", article_page("Bridge to close", PARAGRAPHS))
        code = cli.main(["compare", str(wire), url, "--json", str(out), "--quiet", "--label", f"{url}=Daily"])
    _, err = capsys.readouterr()
    assert code == 0, err
    versions = json.loads(out.read_text(encoding="utf-8"))["versions"]
    assert versions[1]["source"] == url and versions[1]["label"] == "Daily"
    assert versions[1]["final_url"] == url and len(versions[1]["raw_sha256"]) == 64
    assert PARAGRAPHS[1] in versions[1]["text"]


def test_a_failing_url_exits_2_with_one_line(capsys, tmp_path):
    wire = tmp_path / "wire.txt"
    wire.write_text("The bridge is closed.", encoding="utf-8")
    with LocalSite() as site:
        url = site.url("/gone")
        code = cli.main(["compare", str(wire), url, "--quiet"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip().endswith(f"{url}: the server answered 404 Not Found (the page was not found or is not public)")
    assert len(err.strip().splitlines()) == 1
