"""``run_batch`` and ``storydiff batch`` on the hand-written corpus, with the fake embedder."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder
from test_batch_corpus import EVENTS, corpus_items, event_of, write_corpus

from storydiff import cli
from storydiff.batch.run import BatchOptions, run_batch
from storydiff.batch.runners import LocalRunner
from storydiff.core.errors import UsageError
from storydiff.storage.session import load_session

ROOT = Path(__file__).resolve().parents[2]


def batch(inputs, out, workers=0, **options):
    runner = LocalRunner(workers)
    try:
        return run_batch([str(i) for i in inputs], out, factory=BagOfWordsEmbedder, runner=runner,
                         options=BatchOptions(**options))
    finally:
        runner.close()


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table(db_path, name):
    with sqlite3.connect(db_path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(f"SELECT * FROM {name}")]


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    summary = batch([write_corpus(folder)], folder / "out", workers=2)
    return summary, folder / "out"


def test_every_article_lands_in_the_story_of_its_event(finished):
    summary, out = finished
    lines = read_csv(out / "articles.csv")
    assert [line["source"] for line in lines] == [f"https://{o}.example/{e}" for e, o, _, _ in corpus_items()]
    by_story = {}
    for line in lines:
        by_story.setdefault(line["story"], set()).add(event_of(line["source"]))
    assert sorted(map(sorted, by_story.values())) == sorted([e] for e in EVENTS)
    assert summary.stories == len(EVENTS) and summary.compared == len(EVENTS) and summary.failed == 0
    assert {line["label"] for line in lines} == {"wire", "herald", "copy", "radio"}


def test_stories_csv_has_one_line_per_story_with_its_session(finished):
    _, out = finished
    stories = read_csv(out / "stories.csv")
    assert [s["story"] for s in stories] == ["s0001", "s0002", "s0003", "s0004"]
    sizes = sorted(int(s["articles"]) for s in stories)
    assert sizes == sorted(len(outlets) for outlets in EVENTS.values())
    for story in stories:
        session = load_session(out / story["session"])  # each story opens in the window as a session
        assert len(session.comparison.versions) == int(story["articles"])
        assert story["title"] and story["reference"]


def test_the_database_holds_versions_rows_quotes_and_verdicts(finished):
    _, out = finished
    db = out / "results.sqlite"
    stories = {s["story"]: s for s in table(db, "stories")}
    versions = table(db, "versions")
    assert len(versions) == sum(len(o) for o in EVENTS.values())
    bridge = next(s for s, row in stories.items() if "Calder" in row["title"])
    rows = [r for r in table(db, "rows") if r["story"] == bridge]
    shared = [r for r in rows if r["versions"] == 3]
    assert shared and all(len([c for c in json.loads(r["cells"]).values() if c]) == 3 for r in shared)
    quotes = [q for q in table(db, "quotes") if q["story"] == bridge]
    assert any("risk with people" in q["text"] for q in quotes)
    verdicts = {(v["story"], v["version"]): v for v in table(db, "verdicts")}
    labels = {(v["story"], v["version"]): v["label"] for v in versions}
    copy = next(k for k, label in labels.items() if label == "copy")
    assert verdicts[copy]["verdict"] in {"reference", "copy"}
    assert all(0.0 <= v["coverage"] <= 1.0 for v in verdicts.values())


def test_a_second_run_redoes_nothing(finished, tmp_path):
    _, out = finished
    before = table(out / "results.sqlite", "stories")
    summary = batch([write_corpus(tmp_path)], out)
    assert (summary.done_before, summary.compared) == (len(EVENTS), 0)
    assert table(out / "results.sqlite", "stories") == before


def test_a_changed_article_redoes_only_its_story(tmp_path):
    feed = write_corpus(tmp_path)
    batch([feed], tmp_path / "out")
    lines = feed.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    panda = next(r for r in records if r["source"].endswith("/panda"))
    panda["text"] += " The twins are doing well."
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    summary = batch([feed], tmp_path / "out")
    assert (summary.done_before, summary.compared) == (len(EVENTS) - 1, 1)
    runs = {s["story"]: s["run"] for s in table(tmp_path / "out" / "results.sqlite", "stories")}
    assert sorted(runs.values()) == [1, 1, 1, 2]


def test_folders_and_lists_of_files_are_inputs(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for event, outlet, _, text in corpus_items():
        (folder / f"{event}-{outlet}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an article file: ignored
    listing = tmp_path / "more.list"
    listing.write_text("# one more\narticles/panda-wire.txt\n", encoding="utf-8")
    summary = batch([folder, f"@{listing}"], tmp_path / "out")
    assert summary.articles == len(corpus_items())  # the listed file is already in the folder
    assert {line["label"] for line in read_csv(tmp_path / "out" / "articles.csv")} >= {"panda-wire", "fire-radio"}


def test_an_unreadable_article_is_listed_not_fatal(tmp_path):
    feed = write_corpus(tmp_path)
    with feed.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"path": "missing.txt", "label": "ghost"}) + "\n")
    summary = batch([feed], tmp_path / "out")
    assert summary.unreadable == 1 and summary.stories == len(EVENTS)
    ghost = [line for line in read_csv(tmp_path / "out" / "articles.csv") if line["label"] == "ghost"]
    assert ghost[0]["story"] == "" and "missing.txt" in ghost[0]["error"]


@pytest.mark.parametrize("bad", ['{"label": "x"}', "not json", '{"text": 3}'])
def test_a_malformed_feed_line_is_a_usage_error(tmp_path, bad):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(bad + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="feed.jsonl:1"):
        batch([feed], tmp_path / "out")


def test_the_command_line_writes_the_results(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("storydiff.batch.tasks.ModelFactory", lambda model=None: BagOfWordsEmbedder)
    feed = write_corpus(tmp_path)
    code = cli.main(["batch", str(feed), "--out", str(tmp_path / "out"), "--workers", "0"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"{len(corpus_items())} articles -> {len(EVENTS)} stories: {len(EVENTS)} compared now" in out
    assert (tmp_path / "out" / "stories.csv").exists()
    assert cli.main(["batch", str(feed), "--out", str(tmp_path / "out"), "--group-threshold", "2"]) == 2
    assert cli.main(["batch", str(tmp_path / "nothing"), "--out", str(tmp_path / "o2")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_local_batch_never_imports_dask(tmp_path):
    feed = write_corpus(tmp_path)
    script = (
        "import sys; sys.path[:0] = [%r, %r]\n"
        "from fakes import BagOfWordsEmbedder\n"
        "import storydiff.batch.tasks as tasks\n"
        "tasks.ModelFactory = lambda model=None: BagOfWordsEmbedder\n"
        "from storydiff import cli\n"
        "code = cli.main(['batch', %r, '--out', %r, '--quiet', '--workers', '0'])\n"
        "print(code, 'distributed' in sys.modules, 'dask' in sys.modules)\n"
    ) % (str(ROOT / "tests"), str(ROOT / "desktop"), str(feed), str(tmp_path / "out"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", "False", "False"], done.stderr
