"""Time ``compare`` on the sample story: this checkout against an earlier revision, in one run.

Both trees run the same real model on the same five versions with one warm
embedding cache, so what is timed is segmentation, alignment, diffing, quotes and
lineage plus reading vectors from the cache. What a tree keeps between comparisons
(pairwise links, word diffs, word counts) is cleared before every timed call, so each call
compares from scratch. Each
tree runs in its own process, alternately, ``--rounds`` times; the median of each
is reported with the ratio (this checkout / baseline). Machines are shared and
noisy: only the ratio measured in one run means anything.

    PYTHONPATH=desktop .venv/bin/python benchmarks/compare_speed.py [--baseline REV] [--rounds 7]

``--baseline`` is a git revision (default: 4196f4a, main before issue 8); it is
checked out into a temporary worktree and removed afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run inside each tree's process: time ``compare`` on the sample, print seconds per call.
_CHILD = """
import sys, time
from pathlib import Path
from storydiff.alignment.embedder import Embedder
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.storage.cache import EmbeddingCache
files = sorted(Path(sys.argv[1]).glob("*.txt"))
versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
embedder = Embedder(cache=EmbeddingCache(Path(sys.argv[2])))
compare(versions, embedder=embedder)  # warm: model, cache, imports


def forget():
    # Clear what a tree keeps between comparisons (pair links, word diffs), if it keeps any:
    # every timed call compares from scratch, as a first comparison in the window does.
    try:
        from storydiff.alignment.pair_cache import PAIRS
        PAIRS.clear()
    except ImportError:
        pass
    try:
        from storydiff.diffing.edits import _diff_passages
        _diff_passages.cache_clear()
    except ImportError:
        pass
    from storydiff.diffing import tokens
    for name in ("word_count", "_norm_words"):
        if hasattr(getattr(tokens, name, None), "cache_clear"):
            getattr(tokens, name).cache_clear()


calls = int(sys.argv[3])
spent = 0.0
for _ in range(calls):
    forget()
    began = time.perf_counter()
    compare(versions, embedder=embedder)
    spent += time.perf_counter() - began
print(spent / calls)
"""


def time_tree(tree: Path, cache: Path, calls: int) -> float:
    """Seconds per ``compare`` call of the sample in the tree at ``tree``."""
    sample = ROOT / "resources" / "samples" / "harbour-bridge"
    env = {"PYTHONPATH": str(tree / "desktop"), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(sample), str(cache), str(calls)],
        env=env, check=True, capture_output=True, text=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="4196f4a")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=5, help="compare calls per round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        worktree = Path(folder) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.baseline],
                       check=True, capture_output=True)
        try:
            cache = Path(folder) / "cache.sqlite"
            now, then = [], []
            for _ in range(args.rounds):
                then.append(time_tree(worktree, cache, args.calls))
                now.append(time_tree(ROOT, cache, args.calls))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=False)
    base, mine = statistics.median(then), statistics.median(now)
    print(f"sample compare, median of {args.rounds} rounds x {args.calls} calls (warm cache)")
    print(f"baseline {args.baseline}: {base * 1000:.1f} ms   this checkout: {mine * 1000:.1f} ms   "
          f"ratio {mine / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
