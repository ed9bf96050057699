"""Tune StoryDiff's default "same statement" threshold on the MRPC train split.

StoryDiff treats two sentences as the same statement when the cosine similarity of
their all-MiniLM-L6-v2 embeddings is at least a threshold. This script measures how
well that rule separates paraphrases from non-paraphrases in the Microsoft Research
Paraphrase Corpus (MRPC), where each pair comes from two outlets' stories about the
same event and ``Quality`` = 1 means "same content".

What it does:

1. Embeds every sentence of the train and val splits with StoryDiff's ``Embedder``
   (the bundled model, or ``--model``), caching vectors in SQLite so reruns are fast.
2. Sweeps thresholds 0.30..0.95 (step 0.01) on TRAIN only, scoring "cosine >= t means
   paraphrase" by accuracy, precision, recall and F1. The threshold with the best train
   accuracy is chosen (the best-F1 threshold is reported too); val is only evaluated.
3. Does the same for a baseline measured in the same run: TF-IDF cosine over lowercased
   word tokens, with IDF fitted on the train sentences (plain Python and numpy).
4. Prints a results table, the MiniLM / TF-IDF val-accuracy ratio, embedding wall time
   and throughput, and the train similarity distributions of positive and negative
   pairs. ``--json OUT`` also writes everything (including the sweep) as JSON.

The data is never copied: it is read from ``--data``, else ``$STORYDIFF_DEVDATA``, else
``../shared/data`` relative to the repository root. Run from the repository root:

    PYTHONPATH=desktop .venv/bin/python benchmarks/tune_threshold.py --data ../shared/data

The first run embeds ~7,800 sentences (about a minute on 2 CPU cores); later runs read
the cache. Use ``--no-cache`` to time the model from scratch.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT / "desktop") not in sys.path:  # benchmark the working tree, installed or not
    sys.path.insert(0, str(REPO_ROOT / "desktop"))

from storydiff.alignment.embedder import DEFAULT_MODEL, Embedder  # noqa: E402
from storydiff.core.errors import StoryDiffError  # noqa: E402
from storydiff.storage.cache import EmbeddingCache, text_key  # noqa: E402

SPLITS = {"train": "msr-para-train.tsv", "val": "msr-para-val.tsv"}
LABEL_COLUMN = "Quality"
THRESHOLDS = np.round(np.arange(0.30, 0.95 + 1e-9, 0.01), 2)
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Pairs:
    """One MRPC split: labels (1 = paraphrase) and the two sentences of each pair."""

    labels: np.ndarray
    first: list[str]
    second: list[str]

    def __len__(self) -> int:
        return len(self.labels)


# --- data -------------------------------------------------------------------------------


def data_folder(arg: str | None) -> Path:
    """``--data``, else ``$STORYDIFF_DEVDATA``, else ``../shared/data`` beside the repo."""
    chosen = arg or os.environ.get("STORYDIFF_DEVDATA")
    return Path(chosen).expanduser() if chosen else (REPO_ROOT.parent / "shared" / "data")


def split_paths(data: Path) -> dict[str, Path]:
    """The MRPC files, or exit with a clear message when any is missing."""
    paths = {name: data / "mrpc" / file for name, file in SPLITS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        sys.exit(
            "error: MRPC data not found: " + ", ".join(missing) + "\n"
            "pass --data PATH (the folder holding mrpc/) or set STORYDIFF_DEVDATA"
        )
    return paths


def read_pairs(path: Path) -> Pairs:
    """Read an MRPC TSV (UTF-8 with BOM, no quoting); columns are found by header name."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], [r for r in rows[1:] if r]
    strings = [i for i, name in enumerate(header) if name.endswith("String")]
    if LABEL_COLUMN not in header or len(strings) != 2:
        sys.exit(f"error: {path}: expected a {LABEL_COLUMN!r} column and two '... String' columns, got {header}")
    label = header.index(LABEL_COLUMN)
    bad = [n for n, r in enumerate(body, start=2) if len(r) != len(header)]
    if bad:
        sys.exit(f"error: {path}: line {bad[0]} has the wrong number of columns")
    return Pairs(
        labels=np.array([int(r[label]) for r in body], dtype=np.int8),
        first=[r[strings[0]] for r in body],
        second=[r[strings[1]] for r in body],
    )


# --- similarities -----------------------------------------------------------------------


def make_embedder(model: str | None, cache_path: Path | None) -> Embedder:
    cache = EmbeddingCache(persistent=False) if cache_path is None else EmbeddingCache(cache_path)
    if cache.warning:
        print(f"warning: {cache.warning}", file=sys.stderr)
    return Embedder(model, cache=cache)


def embed_sentences(embedder: Embedder, sentences: list[str], pairs: int) -> tuple[dict[str, np.ndarray], dict]:
    """Unit vectors of the distinct ``sentences`` of ``pairs`` pairs, with timing (model loading timed apart)."""
    cached = embedder.cache.get_many(embedder.model_id, [text_key(s) for s in sentences])
    to_encode = len(sentences) - len(cached)
    load_seconds = 0.0
    if to_encode:
        started = time.perf_counter()
        embedder.load()
        load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    vectors = embedder.embed(sentences)
    seconds = time.perf_counter() - started
    cold = to_encode == len(sentences) and seconds > 0  # throughput means something only when nothing was cached
    timing = {
        "pairs": pairs,
        "sentences": len(sentences),
        "encoded": to_encode,
        "from_cache": len(cached),
        "model_load_seconds": round(load_seconds, 2),
        "embed_seconds": round(seconds, 2),
        "pairs_per_second": round(pairs / seconds, 1) if cold else None,
        "sentences_per_second": round(len(sentences) / seconds, 1) if cold else None,
    }
    return dict(zip(sentences, vectors)), timing


def embedding_label(embedder: Embedder) -> str:
    return "MiniLM cosine" if embedder.model_id == DEFAULT_MODEL else f"{Path(embedder.model_id).name} cosine"


def embedding_cosines(pairs: Pairs, vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Cosine of each pair; the vectors are unit length, so a dot product."""
    a = np.stack([vectors[s] for s in pairs.first])
    b = np.stack([vectors[s] for s in pairs.second])
    return np.einsum("ij,ij->i", a, b).astype(np.float64)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def fit_idf(sentences: Sequence[str]) -> dict[str, float]:
    """Smoothed IDF, ln((1 + N) / (1 + df)) + 1, each distinct sentence one document."""
    documents = list(dict.fromkeys(sentences))
    df = Counter(term for doc in documents for term in set(tokens(doc)))
    n = len(documents)
    return {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}


def tfidf_vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    """L2-normalised raw-count TF x IDF; words not seen in train are ignored."""
    weights = {t: c * idf[t] for t, c in Counter(tokens(text)).items() if t in idf}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def tfidf_cosines(pairs: Pairs, idf: dict[str, float]) -> np.ndarray:
    scores = []
    for left, right in zip(pairs.first, pairs.second):
        u, v = tfidf_vector(left, idf), tfidf_vector(right, idf)
        scores.append(sum(w * v[t] for t, w in u.items() if t in v))
    return np.array(scores, dtype=np.float64)


# --- metrics ----------------------------------------------------------------------------


def metrics(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, float]:
    """Accuracy, precision, recall, F1 of "score >= threshold means paraphrase"."""
    predicted = scores >= threshold
    gold = labels == 1
    tp = int(np.sum(predicted & gold))
    fp = int(np.sum(predicted & ~gold))
    fn = int(np.sum(~predicted & gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": float(threshold),
        "accuracy": float(np.mean(predicted == gold)),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def sweep(scores: np.ndarray, labels: np.ndarray) -> list[dict[str, float]]:
    return [metrics(scores, labels, t) for t in THRESHOLDS]


def best(curve: list[dict[str, float]], key: str) -> dict[str, float]:
    """The row maximising ``key``; ties go to the lowest threshold."""
    return max(curve, key=lambda row: (row[key], -row["threshold"]))


def near_best(curve: list[dict[str, float]], key: str, tolerance: float = 0.005) -> list[float]:
    """[lowest, highest] threshold whose ``key`` is within ``tolerance`` of the best: how flat the optimum is."""
    top = best(curve, key)[key]
    close = [row["threshold"] for row in curve if row[key] >= top - tolerance]
    return [min(close), max(close)]


def distribution(scores: np.ndarray) -> dict[str, float]:
    p10, p50, p90 = (float(x) for x in np.percentile(scores, [10, 50, 90]))
    return {"n": int(scores.size), "mean": float(scores.mean()), "p10": p10, "p50": p50, "p90": p90}


def evaluate(name: str, train_scores: np.ndarray, val_scores: np.ndarray, train: Pairs, val: Pairs) -> dict:
    """Tune on train (best accuracy, and best F1 for reference), evaluate on val."""
    curve = sweep(train_scores, train.labels)
    by_accuracy, by_f1 = best(curve, "accuracy"), best(curve, "f1")
    edge = by_accuracy["threshold"] in (THRESHOLDS[0], THRESHOLDS[-1])
    return {
        "method": name,
        "threshold": by_accuracy["threshold"],
        "threshold_at_grid_edge": bool(edge),
        "accuracy_within_half_point": near_best(curve, "accuracy"),
        "train": by_accuracy,
        "val": metrics(val_scores, val.labels, by_accuracy["threshold"]),
        "best_f1_threshold": by_f1["threshold"],
        "train_at_best_f1": by_f1,
        "val_at_best_f1": metrics(val_scores, val.labels, by_f1["threshold"]),
        "train_distribution": {
            "positive": distribution(train_scores[train.labels == 1]),
            "negative": distribution(train_scores[train.labels == 0]),
        },
        "train_sweep": curve,
    }


def always_paraphrase(pairs: Pairs) -> dict[str, float]:
    """The trivial baseline: every pair called a paraphrase (MRPC is about two-thirds positive)."""
    return metrics(np.ones(len(pairs)), pairs.labels, 0.5)


# --- report -----------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def print_table(results: list[dict], majority: dict[str, dict]) -> None:
    print()
    print(f"{'method':<20} {'thresh':>6}  {'train acc':>9} {'train F1':>8}  {'val acc':>7} {'val F1':>6}")
    print("-" * 64)
    for r in results:
        mark = "*" if r["threshold_at_grid_edge"] else " "
        print(
            f"{r['method']:<20} {r['threshold']:>5.2f}{mark}  {pct(r['train']['accuracy']):>9} "
            f"{pct(r['train']['f1']):>8}  {pct(r['val']['accuracy']):>7} {pct(r['val']['f1']):>6}"
        )
    print(
        f"{'always paraphrase':<20} {'-':>6}  {pct(majority['train']['accuracy']):>9} "
        f"{pct(majority['train']['f1']):>8}  {pct(majority['val']['accuracy']):>7} {pct(majority['val']['f1']):>6}"
    )
    if any(r["threshold_at_grid_edge"] for r in results):
        print("* chosen threshold is at the edge of the sweep 0.30..0.95")
    print()
    for r in results:
        low, high = r["accuracy_within_half_point"]
        print(f"{r['method']}: train accuracy within 0.5 pt of its best for thresholds {low:.2f}..{high:.2f}")
    for r in results:
        print(
            f"{r['method']}: best-F1 threshold on train {r['best_f1_threshold']:.2f} "
            f"(train F1 {pct(r['train_at_best_f1']['f1']).strip()}, "
            f"val acc {pct(r['val_at_best_f1']['accuracy']).strip()}, val F1 {pct(r['val_at_best_f1']['f1']).strip()})"
        )


def print_distributions(results: list[dict]) -> None:
    print("\ntrain similarity distributions")
    print(f"{'method':<20} {'pairs':<9} {'n':>5} {'mean':>6} {'p10':>6} {'p50':>6} {'p90':>6}")
    for r in results:
        for side in ("positive", "negative"):
            d = r["train_distribution"][side]
            print(
                f"{r['method']:<20} {side:<9} {d['n']:>5} {d['mean']:>6.3f} "
                f"{d['p10']:>6.3f} {d['p50']:>6.3f} {d['p90']:>6.3f}"
            )


def print_timing(timing: dict) -> None:
    print(
        f"\nembedding: {timing['sentences']} distinct sentences ({timing['encoded']} encoded, "
        f"{timing['from_cache']} from cache) for {timing['pairs']} pairs in {timing['embed_seconds']:.1f} s wall, "
        f"model load {timing['model_load_seconds']:.1f} s"
    )
    if timing["pairs_per_second"] is None:
        print("throughput not measured: vectors came from the cache (use --no-cache to time the model)")
    else:
        print(f"throughput: {timing['pairs_per_second']:.1f} pairs/s, {timing['sentences_per_second']:.1f} sentences/s")


# --- main -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder holding mrpc/ (default: $STORYDIFF_DEVDATA or ../shared/data)")
    parser.add_argument("--model", help="embedding model folder or hub name (default: the bundled all-MiniLM-L6-v2)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "storydiff-bench" / "embeddings.sqlite",
        help="embedding cache file (default: %(default)s)",
    )
    parser.add_argument("--no-cache", action="store_true", help="embed everything afresh, keep nothing on disk")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON to OUT")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data = data_folder(args.data)
    paths = split_paths(data)
    train, val = read_pairs(paths["train"]), read_pairs(paths["val"])
    print(f"MRPC from {data.resolve()}: train {len(train)} pairs ({pct(train.labels.mean()).strip()} % positive), "
          f"val {len(val)} pairs ({pct(val.labels.mean()).strip()} % positive)")

    try:
        embedder = make_embedder(args.model, None if args.no_cache else args.cache)
        sentences = list(dict.fromkeys(train.first + train.second + val.first + val.second))
        vectors, timing = embed_sentences(embedder, sentences, pairs=len(train) + len(val))
    except StoryDiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code

    idf = fit_idf(train.first + train.second)
    results = [
        evaluate(embedding_label(embedder), *(embedding_cosines(s, vectors) for s in (train, val)), train, val),
        evaluate("TF-IDF cosine", *(tfidf_cosines(s, idf) for s in (train, val)), train, val),
    ]
    majority = {name: always_paraphrase(s) for name, s in (("train", train), ("val", val))}
    ratio = results[0]["val"]["accuracy"] / results[1]["val"]["accuracy"]

    print_table(results, majority)
    print(f"\nval accuracy ratio, {results[0]['method']} / TF-IDF cosine: {ratio:.3f}")
    print_timing(timing)
    print_distributions(results)

    if args.json:
        write_json(args, data, embedder, train, val, results, majority, ratio, timing)
    return 0


def write_json(args, data, embedder, train, val, results, majority, ratio, timing) -> None:
    report = {
        "benchmark": "mrpc-threshold",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "data": str(data),
        "model": embedder.model_id,
        "selection": "threshold maximising train accuracy; ties to the lowest threshold",
        "thresholds": [float(t) for t in THRESHOLDS],
        "pairs": {"train": len(train), "val": len(val)},
        "results": results,
        "always_paraphrase": majority,
        "val_accuracy_ratio_embedding_over_tfidf": ratio,
        "timing": timing,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    sys.exit(main())
