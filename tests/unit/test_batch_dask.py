"""The same batch on Dask distributed (a local cluster of 2 workers) gives the same database."""

from __future__ import annotations

import sqlite3

import pytest
from fakes import BagOfWordsEmbedder
from test_batch_corpus import write_corpus

from storydiff.batch.run import BatchOptions, run_batch
from storydiff.batch.runners import DaskRunner, LocalRunner

# Every table but ``runs`` (start and end times) must be the same, line for line.
TABLES = ("articles", "stories", "versions", "rows", "quotes", "verdicts")


def dump(path):
    with sqlite3.connect(path) as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def run_with(runner, feed, out):
    try:
        # Small embedding batches: several embedding tasks, as on a real corpus.
        return run_batch([str(feed)], out, factory=BagOfWordsEmbedder, runner=runner,
                         options=BatchOptions(embed_batch=40))
    finally:
        runner.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_dask_and_the_process_pool_write_the_same_database(tmp_path, monkeypatch):
    feed = write_corpus(tmp_path)
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path / "pool-cache"))
    pool = run_with(LocalRunner(2), feed, tmp_path / "pool")
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path / "dask-cache"))  # nothing cached: Dask embeds
    dask = run_with(DaskRunner(workers=2, processes=False), feed, tmp_path / "dask")
    assert (dask.stories, dask.compared, dask.failed) == (pool.stories, pool.compared, 0)
    first, second = dump(tmp_path / "pool" / "results.sqlite"), dump(tmp_path / "dask" / "results.sqlite")
    assert all(first[t] for t in TABLES)
    assert first == second
