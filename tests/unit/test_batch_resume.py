"""A batch killed mid-run and started again finishes the rest without redoing finished stories."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_batch_corpus import EVENTS, write_corpus

ROOT = Path(__file__).resolve().parents[2]

# The batch in a child process, with every story slowed down so that a kill lands mid-run.
SCRIPT = """
import sys, time
sys.path[:0] = [{tests!r}, {desktop!r}]
from fakes import BagOfWordsEmbedder
import storydiff.batch.runners as runners
import storydiff.batch.tasks as tasks

def slow_compare(task):
    time.sleep({delay})
    return tasks.compare_story(task)

runners.compare_story = slow_compare
tasks.ModelFactory = lambda model=None: BagOfWordsEmbedder
from storydiff import cli
sys.exit(cli.main(["batch", {feed!r}, "--out", {out!r}, "--workers", "2", "--quiet"]))
"""


def start(feed: Path, out: Path, delay: float) -> subprocess.Popen:
    script = SCRIPT.format(tests=str(ROOT / "tests"), desktop=str(ROOT / "desktop"), delay=delay,
                           feed=str(feed), out=str(out))
    # A session of its own, so that the kill reaches the pool's processes too.
    return subprocess.Popen([sys.executable, "-c", script], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished_stories(database: Path) -> dict[str, int]:
    if not database.exists():
        return {}
    try:
        with sqlite3.connect(database, timeout=1) as db:
            return dict(db.execute("SELECT story, run FROM stories").fetchall())
    except sqlite3.OperationalError:  # the tables are being created
        return {}


def test_a_killed_batch_finishes_the_rest_without_redoing_finished_stories(tmp_path):
    feed = write_corpus(tmp_path)
    out = tmp_path / "out"
    database = out / "results.sqlite"
    child = start(feed, out, delay=1.5)
    deadline = time.monotonic() + 90
    while not finished_stories(database) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    first = finished_stories(database)
    assert 0 < len(first) < len(EVENTS), child.stderr.read().decode()

    again = start(feed, out, delay=0.0)
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr.decode()
    final = finished_stories(database)
    assert len(final) == len(EVENTS)
    assert {s: final[s] for s in first} == first  # written by the first run, not redone
    assert set(final[s] for s in final if s not in first) == {2}
    with sqlite3.connect(database) as db:
        compared = db.execute("SELECT compared FROM runs ORDER BY run").fetchall()
    assert compared[-1] == (len(EVENTS) - len(first),)
    assert all((out / "stories" / f"{s}.storydiff").exists() for s in final)
    assert len((out / "stories.csv").read_text(encoding="utf-8").splitlines()) == len(EVENTS) + 1
