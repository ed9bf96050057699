"""The embedding stage against the raw model, on the same strings, in one run.

Takes real news articles (PolNeAR dev texts), splits them as ``compare`` does, and
builds the texts ``compare`` embeds (every passage and every two adjacent passages).
Then, with one loaded model (load time excluded on every side), it times:

- ``raw``: ``SentenceTransformer.encode`` on all distinct strings in one call
  (the model sorts by length itself), batch size 32;
- ``storydiff``: ``Embedder.embed`` with an empty cache (what ``compare`` does on
  a first run: one length-sorted stream, the cache written as results come);
- ``document order``: batches of 32 in reading order, as StoryDiff did before.

Each is run ``--rounds`` times alternately; medians and the ratio of throughputs
(StoryDiff / raw) are printed, with the largest difference between the vectors.

    PYTHONPATH=desktop .venv/bin/python benchmarks/embed_speed.py [--articles 30] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.alignment.embedder import BATCH_SIZE, Embedder  # noqa: E402
from storydiff.engine import make_version, split_passages  # noqa: E402
from storydiff.ingest import read_document  # noqa: E402
from storydiff.storage.cache import EmbeddingCache, passage_texts  # noqa: E402


def article_texts(data: Path, count: int) -> list[str]:
    """The strings ``compare`` embeds for ``count`` PolNeAR dev articles, distinct, in reading order."""
    files = sorted((data / "polnear" / "data" / "dev" / "text").glob("*.txt"))[:count]
    if not files:
        sys.exit(f"embed_speed: no PolNeAR texts under {data}")
    texts: list[str] = []
    for n, path in enumerate(files):
        version = make_version(read_document(path), path.stem, f"v{n}")
        singles, doubles = passage_texts(version.text, split_passages(version))
        texts += list(singles) + list(doubles)
    return list(dict.fromkeys(texts))


def time_raw(model, texts: list[str]) -> tuple[float, np.ndarray]:
    began = time.perf_counter()
    out = model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True,
                       show_progress_bar=False)
    return time.perf_counter() - began, np.asarray(out, dtype=np.float32)


def time_document_order(model, texts: list[str]) -> float:
    began = time.perf_counter()
    for start in range(0, len(texts), BATCH_SIZE):
        model.encode(texts[start : start + BATCH_SIZE], batch_size=BATCH_SIZE, normalize_embeddings=True,
                     convert_to_numpy=True, show_progress_bar=False)
    return time.perf_counter() - began


def time_storydiff(embedder: Embedder, texts: list[str], folder: Path, n: int) -> tuple[float, np.ndarray]:
    embedder.cache = EmbeddingCache(folder / f"cache-{n}.sqlite")  # empty: every text is a miss
    began = time.perf_counter()
    out = embedder.embed(texts)
    return time.perf_counter() - began, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("STORYDIFF_DEVDATA", ROOT.parent / "shared" / "data")))
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = article_texts(args.data, args.articles)
    with tempfile.TemporaryDirectory() as folder:
        embedder = Embedder(cache=EmbeddingCache(Path(folder) / "warm.sqlite"))
        embedder.load()
        model = embedder._model
        raw, ours, document = [], [], []
        for n in range(args.rounds):
            seconds, raw_vectors = time_raw(model, texts)
            raw.append(seconds)
            seconds, our_vectors = time_storydiff(embedder, texts, Path(folder), n)
            ours.append(seconds)
            document.append(time_document_order(model, texts))
    print(f"{args.articles} PolNeAR articles: {len(texts)} distinct strings (passages and adjacent pairs)")
    for name, times in (("raw encode, one call", raw), ("StoryDiff Embedder", ours), ("document order x32", document)):
        median = statistics.median(times)
        print(f"{name:<22} {median:7.2f} s  {len(texts) / median:7.1f} strings/s")
    print(f"throughput ratio StoryDiff / raw: {statistics.median(raw) / statistics.median(ours):.2f}; "
          f"document order / raw: {statistics.median(raw) / statistics.median(document):.2f}")
    print(f"largest difference between the two sets of vectors: {float(np.abs(raw_vectors - our_vectors).max()):.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
