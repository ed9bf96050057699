"""`storydiff batch` on the BASIL development articles: are the events found again, and how fast?

BASIL has 40 events, each covered by NYT, Fox News and HuffPost (120 articles, 2010-2013).
The articles are written as a JSON Lines feed (inline text: title, blank line, paragraphs;
label = outlet, date) into a temporary folder outside the repository, then grouped and compared
by the same code as `storydiff batch`. Reports purity (each story's share of its main event) and
the adjusted Rand index of the stories against the events, the number of stories, the time per
article with an empty embedding cache (model load included) and the stage times; `--dask` runs
the same work on a local Dask cluster of 2 workers and checks that it writes the same database.

    PYTHONPATH=desktop .venv/bin/python benchmarks/batch_basil.py [--data ../shared/data] [--dask]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))


def write_feed(basil: Path, folder: Path) -> tuple[Path, dict[str, str]]:
    """The feed, and the event (triplet id) of every article's source."""
    lines, events = [], {}
    for path in sorted(glob.glob(str(basil / "articles" / "*" / "*.json"))):
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in record["body-paragraphs"]]
        text = record["title"] + "\n\n" + "\n\n".join(paragraphs)
        lines.append(json.dumps({"source": path, "label": record["source"], "date": record["date"], "text": text}))
        events[path] = record["triplet-uuid"]
    feed = folder / "basil.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed, events


def scores(database: Path, events: dict[str, str]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    with sqlite3.connect(database) as db:
        placed = dict(db.execute("SELECT source, story FROM articles").fetchall())
    sources = sorted(events)
    gold = [events[s] for s in sources]
    found = [placed[s] for s in sources]
    stories: dict[str, list[str]] = {}
    for source in sources:
        stories.setdefault(placed[source], []).append(events[source])
    purity = sum(Counter(members).most_common(1)[0][1] for members in stories.values()) / len(sources)
    return {"purity": purity, "ari": adjusted_rand_score(gold, found), "stories": len(stories)}


class StageTimes:
    """A progress sink that notes when each stage starts (the messages of run_batch)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: dict[str, float] = {}

    def report(self, fraction: float, message: str = "") -> None:
        stage = message.split(" ")[0]
        self.marks.setdefault(stage, time.perf_counter() - self.start)

    def cancelled(self) -> bool:
        return False


def run(feed: Path, out: Path, runner, data_dir: Path):
    from storydiff.batch.run import run_batch
    from storydiff.batch.tasks import ModelFactory

    os.environ["STORYDIFF_DATA_DIR"] = str(data_dir)  # an empty embedding cache
    stages = StageTimes()
    try:
        summary = run_batch([str(feed)], out, factory=ModelFactory(), runner=runner, progress=stages)
    finally:
        runner.close()
    return summary, stages.marks


def table_dump(database: Path) -> dict:
    with sqlite3.connect(database) as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in ("articles", "stories", "versions", "rows", "quotes", "verdicts")}


def differences(first: dict, second: dict) -> list[str]:
    """Per table: identical, or how many values differ and by how much at most (floats, also
    inside JSON columns: the model's vectors can differ in the last bits between processes)."""
    lines = []
    for table in first:
        if first[table] == second[table]:
            lines.append(f"{table} identical ({len(first[table])} lines)")
            continue
        other, largest = 0, 0.0
        for a_row, b_row in zip(first[table], second[table]):
            for a, b in zip(a_row, b_row):
                gap = _gap(a, b)
                if gap is None:
                    other += 1
                else:
                    largest = max(largest, gap)
        other += abs(len(first[table]) - len(second[table]))
        lines.append(f"{table}: {other} values differ otherwise than in floats; floats differ by at most {largest:.2g}")
    return lines


def _gap(a, b) -> float | None:
    """Largest float difference between a and b, or None if they differ otherwise."""
    if a == b:
        return 0.0
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b)
    if isinstance(a, str) and isinstance(b, str):
        try:
            a, b = json.loads(a), json.loads(b)
        except ValueError:
            return None
        return _gap_json(a, b)
    return None


def _gap_json(a, b) -> float | None:
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        gaps = [_gap_json(a[k], b[k]) for k in a]
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        gaps = [_gap_json(x, y) for x, y in zip(a, b)]
    elif isinstance(a, float) and isinstance(b, float):
        return abs(a - b)
    else:
        return 0.0 if a == b else None
    return None if None in gaps else max(gaps, default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("STORYDIFF_DEVDATA", str(ROOT.parent / "shared" / "data")))
    parser.add_argument("--dask", action="store_true", help="also run on a local Dask cluster of 2 workers")
    parser.add_argument("--workers", type=int, default=None, help="process pool size (default: cores)")
    args = parser.parse_args()
    basil = Path(args.data) / "basil"
    if not basil.is_dir():
        print(f"no BASIL data at {basil}", file=sys.stderr)
        return 2
    from storydiff.batch.runners import DaskRunner, LocalRunner

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        feed, events = write_feed(basil, tmp)
        summary, marks = run(feed, tmp / "pool", LocalRunner(args.workers), tmp / "cache-pool")
        report("process pool", summary, marks, scores(summary.database, events))
        if args.dask:
            dask, marks = run(feed, tmp / "dask", DaskRunner(workers=2), tmp / "cache-dask")
            report("Dask, local cluster of 2 workers", dask, marks, scores(dask.database, events))
            for line in differences(table_dump(summary.database), table_dump(dask.database)):
                print(f"  against the process pool: {line}")
    return 0


def report(title: str, summary, marks: dict[str, float], found: dict[str, float]) -> None:
    per_article = summary.seconds / summary.articles
    print(f"{title}: {summary.articles} articles -> {summary.stories} stories "
          f"(40 events); purity {found['purity']:.3f}, adjusted Rand index {found['ari']:.3f}")
    print(f"  {summary.seconds:.1f} s in all, {per_article:.2f} s per article (empty embedding cache, "
          f"model load included); stages from the start: "
          + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in marks.items()))


if __name__ == "__main__":
    raise SystemExit(main())
