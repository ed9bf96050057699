"""The command line with a fake embedder: arguments, exit codes, outputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from fakes import BagOfWordsEmbedder

from storydiff import cli
from storydiff.alignment.embedder import Embedder
from storydiff.report import load_schema

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", BagOfWordsEmbedder)


@pytest.fixture
def story(tmp_path):
    files = []
    for name, text in [("wire.txt", "Bridge shut.\n\nThe city closed the bridge. Ferries run hourly."),
                       ("copy.txt", "Bridge shut.\n\nThe city shut the bridge. Ferries run hourly.")]:
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    return files


def run(capsys, *args):
    code = cli.main(list(map(str, args)))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_prints_a_summary(capsys, story):
    code, out, err = run(capsys, "compare", *story, "--reference", story[0])
    assert code == 0, err
    assert "Reference: wire" in out and "copy" in out and "closed→shut" in out


def test_json_and_html_outputs(capsys, story, tmp_path):
    out_json, out_html = tmp_path / "c.json", tmp_path / "c.html"
    code, _, err = run(capsys, "compare", *story, "--reference", story[1], "--label", f"{story[0]}=The Wire",
                       "--json", out_json, "--html", out_html, "--quiet")
    assert code == 0, err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    assert data["reference"] == "v2"
    assert [v["label"] for v in data["versions"]] == ["The Wire", "copy"]
    assert data["quotes"] == []
    assert "The Wire" in out_html.read_text(encoding="utf-8")


def test_sample_story_json_is_schema_valid(capsys, tmp_path):
    out_json = tmp_path / "sample.json"
    code, _, err = run(capsys, "compare", *sorted(SAMPLE.glob("*.txt")), "--json", out_json, "--quiet")
    assert code == 0, err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    ids = {v["id"] for v in data["versions"]}
    assert all(set(row["cells"]) == ids for row in data["rows"])


def test_stdin_is_a_version(capsys, story, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Bridge shut.\n\nThe city closed it.".encode())))
    code, out, err = run(capsys, "compare", story[0], "-")
    assert code == 0, err
    assert "stdin" in out


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"), (b"   \n\n  ", "only whitespace")],
)
def test_bad_input_is_refused_with_exit_2(capsys, story, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run(capsys, "compare", story[0], bad)
    assert code == 2
    assert "bad.txt" in err and message in err
    assert err.count("\n") == 1 and out == ""


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--label", "nope"], "FILE=NAME"),
        (["--label", "other.txt=X"], "not one of the files"),
        (["--reference", "other.txt"], "not one of the files"),
        (["--threshold", "1.5"], "between 0 and 1"),
        (["--json", "/no/such/folder/out.json"], "does not exist"),
    ],
)
def test_bad_usage_exits_2(capsys, story, extra, message):
    code, _, err = run(capsys, "compare", *story, *extra)
    assert code == 2 and message in err


def test_missing_file_and_duplicates(capsys, story, tmp_path):
    code, _, err = run(capsys, "compare", story[0], tmp_path / "gone.txt")
    assert code == 2 and "gone.txt" in err and "no such file" in err
    code, _, err = run(capsys, "compare", story[0], story[0])
    assert code == 2 and "more than once" in err


def test_no_command_shows_help(capsys):
    code, _, err = run(capsys)
    assert code == 2 and "compare" in err


def test_internal_error_exits_1(capsys, story, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("storydiff.engine.compare", broken)
    code, _, err = run(capsys, "compare", *story)
    assert code == 1 and "internal error: boom" in err


def test_missing_model_folder_exits_2(capsys, story, monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", Embedder)
    code, _, err = run(capsys, "compare", *story, "--model", "./no/such/model")
    assert code == 2 and "no such model folder" in err


def test_quotes_command_lists_every_quote(capsys, tmp_path):
    wire = tmp_path / "wire.txt"
    wire.write_text('Bridge shut.\n\n"We will reopen it soon," Mayor Ann Lee said.', encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text('Bridge shut.\n\n"We will reopen it," Mayor Ann Lee said.', encoding="utf-8")
    code, out, err = run(capsys, "quotes", wire, copy, "--reference", wire)
    assert code == 0, err
    assert "Quotes: 1" in out and "Ann Lee" in out
    assert "wire verbatim" in out and "copy trimmed" in out
    code, out, err = run(capsys, "compare", wire, copy, "--reference", wire)
    assert "Quotes: 1 of 1 differ between versions" in out
