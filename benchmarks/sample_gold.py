"""Rows and quote statuses of the bundled sample story against its gold file.

Runs the real bundled model on resources/samples/harbour-bridge and prints, for a
few thresholds, the link precision/recall/F1 of the rows (two passages of
different versions are linked when they share a row) and how many gold quote
statuses come out exactly. No development data is needed.

    PYTHONPATH=desktop .venv/bin/python benchmarks/sample_gold.py [--thresholds 0.6 0.72 0.8]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.alignment.scoring import score_links  # noqa: E402
from storydiff.engine import DEFAULT_THRESHOLD, compare, make_version  # noqa: E402
from storydiff.ingest import read_document  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"


def gold_rows(gold: dict, comparison) -> list[dict[str, list[int]]]:
    index = {(v.label, p.text): p.index for v in comparison.versions for p in comparison.passages[v.id]}
    ids = {v.label: v.id for v in comparison.versions}
    return [{ids[n]: [index[(n, t)] for t in texts] for n, texts in row.items()} for row in gold["rows"]]


def quote_hits(gold: dict, comparison) -> tuple[int, int]:
    """(statuses right, statuses in the gold)."""
    labels = {v.id: v.label for v in comparison.versions}
    right = total = 0
    for expected in gold["quotes"]:
        words = set(expected["text"].lower().split())
        quote = max(comparison.quotes, key=lambda q: len(words & set(q.text.lower().split())), default=None)
        found = {labels[v]: o.status for v, o in quote.occurrences.items()} if quote else {}
        for label, status in expected["occurrences"].items():
            total += 1
            right += found.get(label) == status
    return right, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.6, 0.65, DEFAULT_THRESHOLD, 0.8])
    args = parser.parse_args()
    gold = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.name, f"v{n}") for n, f in enumerate(files, start=1)]
    reference = next(v.id for v in versions if v.label == gold["reference"])
    with tempfile.TemporaryDirectory() as folder:
        embedder = Embedder(cache=EmbeddingCache(Path(folder) / "cache.sqlite"))
        print(f"{'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'rows':>5} {'quote statuses':>15}")
        for threshold in args.thresholds:
            comparison = compare(versions, reference=reference, threshold=threshold, embedder=embedder)
            score = score_links([r.cells for r in comparison.rows], gold_rows(gold, comparison))
            right, total = quote_hits(gold, comparison)
            print(f"{threshold:>9.2f} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
                  f"{len(comparison.rows):>5} {right:>8}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
