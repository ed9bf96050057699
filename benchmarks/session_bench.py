"""Reopening a saved session against computing the comparison from scratch.

Issue 5 asks that reopening a saved 10-version x 100-sentence session take under
5 % of the time it takes to compute that comparison, and that it never import
torch. In one run, this script:

1. builds a story of 10 versions of 100 sentences each: MRPC train pairs judged
   paraphrases (``Quality`` 1), version 1 takes each pair's first sentence, the
   others take the first or the second at random, drop ~3 % and add ~3 % from
   other pairs (no MRPC: generated sentences, said so in the output);
2. computes the comparison with the real bundled model and an EMPTY embedding
   cache, twice: "cold" (a fresh ``Embedder``: the model is imported and loaded
   inside the timing, as on a first compare) and "warm model" (the model already
   in memory, another empty cache: only embedding, alignment, diffs, quotes);
3. saves the session with its passage vectors, then times ``load_session`` (the
   median of ``--repeat`` loads) and checks the result equals the computed one;
   interleaved with those, ``load_session(validate=False)`` (the reader without the
   checks of issue 13), for the cost of validation (target: at most 1.2x);
4. in a fresh Python process: imports ``storydiff.storage.session``, loads the
   file, and reports whether torch, transformers or sentence-transformers got
   imported, with that process's import + load time.

Ratios are load / compute; the issue's target is judged on the stricter
"warm model" one. Run from the repository root:

    PYTHONPATH=desktop .venv/bin/python benchmarks/session_bench.py --data ../shared/data

Without ``--data`` it uses ``$STORYDIFF_DEVDATA``, else ``../shared/data``.
``--json OUT`` writes the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tune_threshold sits beside this file

from tune_threshold import SPLITS, data_folder, read_pairs  # noqa: E402

from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.core.model import Comparison, Version  # noqa: E402
from storydiff.engine import compare, make_version  # noqa: E402
from storydiff.ingest import Document  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402
from storydiff.storage.session import cached_embeddings, load_session, save_session  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
VERSIONS, SENTENCES = 10, 100
DROP_RATE = ADD_RATE = 0.03
PARAGRAPH = 5  # sentences per paragraph
HEAVY = ("torch", "transformers", "sentence_transformers")
TARGET = 0.05
VALIDATION_TARGET = 1.2  # issue 13: load with validation <= 1.2x the load without

# Imports the session module and loads the file in a fresh process; prints JSON.
PROBE = """
import json, sys, time
start = time.perf_counter()
from storydiff.storage.session import load_session
session = load_session(sys.argv[1])
seconds = time.perf_counter() - start
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"seconds": seconds, "heavy": heavy, "rows": len(session.comparison.rows)}}))
"""


# --- the story ----------------------------------------------------------------------------


def mrpc_sentences(data: Path) -> list[tuple[str, str]] | None:
    """Paraphrase pairs from MRPC train, or None when the data is not there."""
    path = data / "mrpc" / SPLITS["train"]
    if not path.is_file():
        return None
    pairs = read_pairs(path)
    return [(a, b) for label, a, b in zip(pairs.labels, pairs.first, pairs.second) if label == 1]


def generated_sentences(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    """Stand-in pairs when MRPC is missing: template sentences and a reworded twin."""
    nouns = ["council", "bridge", "ferry", "union", "mayor", "engineer", "budget", "harbour", "court", "police"]
    verbs = [("said", "stated"), ("closed", "shut"), ("approved", "backed"), ("warned", "cautioned")]
    pairs = []
    for i in range(n):
        a, b = rng.choice(nouns, 2, replace=False)
        verb, twin = verbs[i % len(verbs)]
        number = int(rng.integers(2, 900))
        pairs.append((f"The {a} {verb} on Monday that {number} {b} workers would be affected.",
                      f"On Monday the {a} {twin} that {number} {b} staff would be affected."))
    return pairs


def build_versions(pairs: list[tuple[str, str]], rng: np.random.Generator) -> list[Version]:
    """Version 1 from the first sentences of ``SENTENCES`` pairs, the others reworded and perturbed."""
    chosen = [pairs[i] for i in rng.choice(len(pairs), SENTENCES + 50, replace=False)]
    story, spare = chosen[:SENTENCES], [p[0] for p in chosen[SENTENCES:]]
    versions = [_version([a for a, _ in story], 1)]
    for number in range(2, VERSIONS + 1):
        sentences = [pair[int(rng.random() < 0.5)] for pair in story if rng.random() >= DROP_RATE]
        for _ in range(round(ADD_RATE * SENTENCES)):
            sentences.insert(int(rng.integers(0, len(sentences) + 1)), spare[int(rng.integers(0, len(spare)))])
        versions.append(_version(sentences, number))
    return versions


def _version(sentences: list[str], number: int) -> Version:
    paragraphs = [" ".join(sentences[i : i + PARAGRAPH]) for i in range(0, len(sentences), PARAGRAPH)]
    text = "\n\n".join(paragraphs) + "\n"
    return make_version(Document(text, f"outlet-{number}.txt", "utf-8"), f"Outlet {number}", f"v{number}")


# --- timings ------------------------------------------------------------------------------


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def compute(versions: list[Version], embedder: Embedder) -> tuple[Comparison, float]:
    return timed(compare, versions, reference="v1", embedder=embedder)


def fresh_process_load(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "desktop")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), str(path)],
        capture_output=True, text=True, env=env, check=True, timeout=300,
    )
    probe = json.loads(result.stdout)
    probe["process_seconds"] = time.perf_counter() - start
    return probe


def run(versions: list[Version], folder: Path, repeat: int) -> dict:
    """All timings of one run (see the module docstring)."""
    cold = Embedder(cache=EmbeddingCache(folder / "cold.sqlite"))
    comparison, cold_seconds = compute(versions, cold)
    warm = cold  # the model stays loaded; only the cache is new and empty
    warm.cache = EmbeddingCache(folder / "warm.sqlite")
    again, warm_seconds = compute(versions, warm)
    assert again == comparison, "the comparison should not depend on the cache"
    path = folder / "story.storydiff"
    embeddings = cached_embeddings(warm.cache, comparison)
    _, save_seconds = timed(save_session, path, comparison, embeddings=embeddings)
    loads, unchecked = [], []
    for _ in range(repeat):  # interleaved, so that a busy machine slows both alike
        session, seconds = timed(load_session, path)
        loads.append(seconds)
        assert session.comparison == comparison, "the reopened comparison should equal the computed one"
        assert not session.rebuild and not session.ignored, "a valid session should pass validation"
        unchecked.append(timed(load_session, path, validate=False)[1])
    load = statistics.median(loads)
    return {
        "passages": {v.id: len(ps) for v, ps in zip(comparison.versions, comparison.passages.values())},
        "rows": len(comparison.rows),
        "changes": len(comparison.changes),
        "quotes": len(comparison.quotes),
        "vectors_saved": sum(len(v) for v in embeddings.values()),
        "file_bytes": path.stat().st_size,
        "compute_cold_s": cold_seconds,
        "compute_warm_model_s": warm_seconds,
        "save_s": save_seconds,
        "load_median_s": load,
        "load_min_s": min(loads),
        "load_max_s": max(loads),
        "load_unvalidated_median_s": statistics.median(unchecked),
        "validation_ratio": load / statistics.median(unchecked),
        "ratio_warm_model": load / warm_seconds,
        "ratio_cold": load / cold_seconds,
        "fresh_process": fresh_process_load(path),
    }


# --- output -------------------------------------------------------------------------------


def report(result: dict, source: str) -> None:
    passages = list(result["passages"].values())
    probe = result["fresh_process"]
    ratio = result["ratio_warm_model"]
    print(f"story: {source}; {VERSIONS} versions, passages per version {min(passages)}-{max(passages)} "
          f"(total {sum(passages)}), {result['rows']} rows, {result['changes']} changes, {result['quotes']} quotes")
    print(f"session file: {result['file_bytes'] / 1e6:.2f} MB with {result['vectors_saved']} vectors")
    print(f"compute, cold (model load + embed, empty cache)   {result['compute_cold_s']:8.3f} s")
    print(f"compute, warm model (embed, empty cache)          {result['compute_warm_model_s']:8.3f} s")
    print(f"save_session                                      {result['save_s']:8.3f} s")
    print(f"load_session, median of runs                      {result['load_median_s']:8.3f} s "
          f"(min {result['load_min_s']:.3f}, max {result['load_max_s']:.3f})")
    print(f"load_session without validation (issue 13), median {result['load_unvalidated_median_s']:8.3f} s; "
          f"with / without {result['validation_ratio']:.3f} "
          f"({'meets' if result['validation_ratio'] <= VALIDATION_TARGET else 'misses'} the {VALIDATION_TARGET} target)")
    print(f"ratio load / compute, warm model                  {ratio:8.4f}  "
          f"({'meets' if ratio < TARGET else 'misses'} the {TARGET} target)")
    print(f"ratio load / compute, cold                        {result['ratio_cold']:8.4f}")
    print(f"fresh process: import + load {probe['seconds']:.3f} s, whole process {probe['process_seconds']:.3f} s; "
          f"heavy modules imported: {', '.join(probe['heavy']) or 'none'}")


def environment() -> str:
    import torch

    return f"Python {platform.python_version()}, torch {torch.__version__}, {os.cpu_count()} CPUs, {platform.machine()}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="folder holding mrpc/ (default: $STORYDIFF_DEVDATA, else ../shared/data)")
    parser.add_argument("--seed", type=int, default=5, help="random seed of the story (default 5)")
    parser.add_argument("--repeat", type=int, default=20, help="loads to time (default 20)")
    parser.add_argument("--json", metavar="OUT", help="write the results as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rng = np.random.default_rng(args.seed)
    pairs = mrpc_sentences(data_folder(args.data))
    source = "MRPC train paraphrase pairs"
    if pairs is None:
        pairs, source = generated_sentences(rng, 400), "generated sentences (MRPC not found)"
    versions = build_versions(pairs, rng)
    with tempfile.TemporaryDirectory(prefix="storydiff-session-bench-") as folder:
        result = run(versions, Path(folder), args.repeat)
    print(environment())
    report(result, source)
    if args.json:
        Path(args.json).write_text(json.dumps(dict(result, source=source), indent=2) + "\n", encoding="utf-8")
    heavy = result["fresh_process"]["heavy"]
    validated = result["validation_ratio"] <= VALIDATION_TARGET
    return 0 if result["ratio_warm_model"] < TARGET and not heavy and validated else 1


if __name__ == "__main__":
    sys.exit(main())
