"""`python -m storydiff compare` in a real process with the real bundled model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from storydiff.report import load_schema

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"


def storydiff(*args, stdin: bytes | None = None, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYDIFF_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "desktop")}
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *map(str, args)],
        input=stdin, capture_output=True, env=env, timeout=600, check=False,
    )


def test_sample_comparison_end_to_end(tmp_path):
    files = sorted(SAMPLE.glob("*.txt"))
    out_json, out_html = tmp_path / "sample.json", tmp_path / "sample.html"
    done = storydiff("compare", *files, "--reference", files[0], "--json", out_json, "--html", out_html,
                     data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr.decode()
    summary = done.stdout.decode()
    assert "Reference: 01-wire" in summary and "overpass" in summary
    data = json.loads(out_json.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    assert data["model"] == "all-MiniLM-L6-v2" and data["reference"] == "v1"
    assert len(data["rows"]) == 21
    assert (tmp_path / "data" / "embeddings.sqlite").exists()
    html = out_html.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "Port Calder" in html and "01-wire" in html


def test_stdin_version_and_cached_rerun(tmp_path):
    wire = SAMPLE / "01-wire.txt"
    spun = (SAMPLE / "03-spun.txt").read_bytes()
    first = storydiff("compare", wire, "-", "--quiet", "--json", tmp_path / "a.json", stdin=spun,
                      data_dir=tmp_path / "data")
    assert first.returncode == 0, first.stderr.decode()
    again = storydiff("compare", wire, "-", "--quiet", "--json", tmp_path / "b.json", stdin=spun,
                      data_dir=tmp_path / "data")
    assert again.returncode == 0
    a, b = (json.loads((tmp_path / name).read_text(encoding="utf-8")) for name in ("a.json", "b.json"))
    assert a["rows"] == b["rows"] and a["versions"][1]["source"] == "<stdin>"


def test_model_that_cannot_load_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{ not json", encoding="utf-8")
    done = storydiff("compare", SAMPLE / "01-wire.txt", "--model", broken, data_dir=tmp_path / "data")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "cannot be loaded" in err and "Traceback" not in err
