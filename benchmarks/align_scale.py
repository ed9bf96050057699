"""Alignment time against the number of versions, warm cache (no model in the timing).

Builds N versions from real ones: the development story sets' versions (their
passages and cached vectors), then, past those, edited copies of them (about a
fifth of the passages dropped, two adjacent ones swapped), so that the copies
share statements the way outlets' versions do. Times ``cluster_passages`` (every
pair of versions aligned, rows built strongest link first) plus ``order_rows``
for N = 5, 10, 20, 40, 80 (``--sizes``), median of ``--rounds``, with no pair
cache; then the same with one version added to a comparison whose pairs are
cached (what the window does when a version is added).

    PYTHONPATH=desktop .venv/bin/python benchmarks/align_scale.py [--sizes 5 10 20 40 80] [--join 3]

``--join K`` makes each version K real versions long (about 40 passages at K = 3).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.alignment.pair_cache import PairCache  # noqa: E402
from storydiff.alignment.pairwise import VersionVectors  # noqa: E402
from storydiff.alignment.rows import cluster_passages, order_rows  # noqa: E402
from storydiff.core.progress import NullProgress  # noqa: E402
from storydiff.engine import _embed, make_version, split_passages  # noqa: E402
from storydiff.ingest import read_document  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402


def real_versions(data: Path, cache: Path):
    """(vectors, kinds) of every development story version, keyed by file stem."""
    files = sorted((data / "stories").glob("*/versions/*.txt"))
    if not files:
        sys.exit(f"align_scale: no story versions under {data / 'stories'}")
    versions = {f.stem: make_version(read_document(f), f.stem, f.stem) for f in files}
    passages = {vid: split_passages(v) for vid, v in versions.items()}
    vectors = _embed(versions, passages, Embedder(cache=EmbeddingCache(cache)), NullProgress())
    kinds = {vid: [p.kind for p in ps] for vid, ps in passages.items()}
    return vectors, kinds


def edited_copy(vectors: VersionVectors, kinds: list[str], rng: random.Random):
    """The version with about a fifth of its passages dropped and two neighbours swapped."""
    keep = [i for i in range(len(vectors)) if rng.random() > 0.2] or [0]
    if len(keep) > 3:
        k = rng.randrange(len(keep) - 1)
        keep[k], keep[k + 1] = keep[k + 1], keep[k]
    return VersionVectors(vectors.vectors[keep]), [kinds[i] for i in keep]


def joined(base_vectors, base_kinds, parts: int):
    """Longer versions: each real version followed by the next ``parts - 1`` of the list."""
    names = sorted(base_vectors)
    vectors, kinds = {}, {}
    for k, name in enumerate(names):
        group = [names[(k + j) % len(names)] for j in range(parts)]
        vectors[name] = VersionVectors(np.concatenate([base_vectors[g].vectors for g in group]))
        kinds[name] = [kind for g in group for kind in base_kinds[g]]
    return vectors, kinds


def build(n: int, base_vectors, base_kinds, seed: int):
    rng = random.Random(seed)
    names = sorted(base_vectors)
    vectors, kinds = {}, {}
    for k in range(n):
        name = names[k % len(names)]
        vid = f"v{k:03d}"
        if k < len(names):
            vectors[vid], kinds[vid] = base_vectors[name], base_kinds[name]
        else:
            vectors[vid], kinds[vid] = edited_copy(base_vectors[name], base_kinds[name], rng)
    return vectors, kinds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("STORYDIFF_DEVDATA", ROOT.parent / "shared" / "data")))
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 40, 80])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--join", type=int, default=1, help="join this many real versions into one (longer versions)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storydiff-bench" / "embeddings.sqlite")
    args = parser.parse_args()
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    base_vectors, base_kinds = real_versions(args.data, args.cache)
    if args.join > 1:
        base_vectors, base_kinds = joined(base_vectors, base_kinds, args.join)
    print(f"{'versions':>8} {'passages':>9} {'pairs':>6} {'rows':>5} {'seconds':>8} {'one more':>9}")
    for n in args.sizes:
        vectors, kinds = build(n + 1, base_vectors, base_kinds, seed=n)
        rank = sorted(vectors)
        first, last = rank[:-1], rank[-1]
        times, added = [], []
        for _ in range(args.rounds):
            times.append(timed(vectors, kinds, first, None))
            cache = PairCache()
            timed(vectors, kinds, first, cache)  # the comparison as it stood
            added.append(timed(vectors, kinds, first + [last], cache))  # one version added
        passages = sum(len(vectors[v]) for v in first)
        rows = len(cluster_passages({v: vectors[v] for v in first}, first, 0.72, kinds, cache=None))
        print(f"{n:>8} {passages:>9} {n * (n - 1) // 2:>6} {rows:>5} {statistics.median(times):>8.3f} "
              f"{statistics.median(added):>9.3f}")
    print("seconds: every pair aligned afresh; one more: one version added, the other pairs reused")
    return 0


def timed(vectors, kinds, rank: list[str], cache: PairCache | None) -> float:
    """Seconds to build the rows of the versions in ``rank``."""
    began = time.perf_counter()
    chosen = {v: vectors[v] for v in rank}
    cells = cluster_passages(chosen, rank, 0.72, kinds, cache=cache)
    order_rows(cells, rank[0], chosen, rank)
    return time.perf_counter() - began


if __name__ == "__main__":
    sys.exit(main())
