"""StoryDiff on real multi-outlet stories: rows, quote statuses and speakers against gold.

Runs ``compare`` (the real bundled model, StoryDiff's own default reference and
threshold) on every story set under ``<data>/stories/`` and scores it with the
sets' own scorer (``<data>/../eval/score_story.py``): the row F1 of every gold
pair of versions, the quote status accuracy on the cells where the gold quote is
present, the speaker accuracy, and the time ``compare`` took. Prints one table
per set and a summary; ``--out DIR`` keeps each comparison's JSON so that
``score_story.py --explain`` can show every false link and wrong verdict.

    PYTHONPATH=desktop .venv/bin/python benchmarks/eval_stories.py [--data ../shared/data]
        [--threshold X] [--out DIR] [--json RESULTS]

The data is never copied into this repository (see ``../shared/data/README.md``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.engine import DEFAULT_THRESHOLD, compare, make_version  # noqa: E402
from storydiff.ingest import read_document  # noqa: E402
from storydiff.report.json_export import comparison_to_dict  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402


def default_data() -> Path:
    return Path(os.environ.get("STORYDIFF_DEVDATA", ROOT.parent / "shared" / "data"))


def load_scorer(data: Path):
    """The story sets' own scorer, imported as a module."""
    path = data.parent / "eval" / "score_story.py"
    if not path.is_file():
        sys.exit(f"eval_stories: no scorer at {path}")
    spec = importlib.util.spec_from_file_location("score_story", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_set(folder: Path, embedder: Embedder, threshold: float) -> tuple[dict, float]:
    """The comparison of the set's versions as JSON, and the seconds ``compare`` took."""
    files = sorted((folder / "versions").glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    began = time.perf_counter()
    comparison = compare(versions, threshold=threshold, embedder=embedder)
    elapsed = time.perf_counter() - began
    return comparison_to_dict(comparison), elapsed


def score_set(scorer, folder: Path, doc: dict) -> dict:
    """Row F1 per gold pair, quote figures: the scorer's own functions."""
    scorer.HERE = folder
    statements, alignment = scorer.load_gold()
    vmap = scorer.version_map(doc)
    maps = {k: scorer.OffsetMap(v.get("text", ""), (folder / k).read_text(encoding="utf-8")) for k, v in vmap.items()}
    rows = scorer.score_rows(doc, vmap, alignment, maps)
    quotes = scorer.score_quotes(doc, vmap, statements, maps)
    pairs = {pid: r for pid, r in rows if r is not None}
    return {"pairs": pairs, "quotes": quotes, "reference": _reference_file(doc)}


def _reference_file(doc: dict) -> str:
    ref = next(v for v in doc["versions"] if v["id"] == doc["reference"])
    return Path(ref["source"]).name


def print_set(name: str, result: dict, elapsed: float) -> None:
    print(f"\n## {name}  (reference {result['reference']}, compare {elapsed:.1f} s)")
    print(f"{'pair':<28} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'false':>6} {'gold':>5}")
    for pid, r in result["pairs"].items():
        recall = "n/a" if r["recall"] is None else f"{r['recall']:.3f}"
        f1 = "n/a" if r["f1"] is None else f"{r['f1']:.3f}"
        print(f"{pid[:28]:<28} {r['precision']:>6.3f} {recall:>6} {f1:>6} {r['pred']:>5} "
              f"{r['false_links']:>6} {r['gold_eq']:>5}")
    q = result["quotes"]
    print(f"quotes: status accuracy on present cells {q['accuracy_present']:.3f} ({q['present']} cells), "
          f"all cells {q['accuracy']:.3f}, speaker {q['speaker']:.3f} ({q['speaker_n']}), "
          f"unmatched statements {q['unmatched_statements']}, spurious quotes {q['spurious_quotes']}")
    wrong = sorted(((n, g, p) for (g, p), n in q["confusion"].items() if g != p), reverse=True)
    print("  wrong (gold->pred): " + ", ".join(f"{g}->{p} {n}" for n, g, p in wrong))


def summary(results: dict[str, tuple[dict, float]]) -> dict:
    f1s = [r["f1"] for res, _ in results.values() for r in res["pairs"].values() if r["f1"] is not None]
    present = sum(res["quotes"]["present"] for res, _ in results.values())
    right = sum(res["quotes"]["accuracy_present"] * res["quotes"]["present"] for res, _ in results.values())
    speaker_n = sum(res["quotes"]["speaker_n"] for res, _ in results.values())
    speaker = sum(res["quotes"]["speaker"] * res["quotes"]["speaker_n"] for res, _ in results.values())
    return {
        "mean_row_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "min_row_f1": min(f1s) if f1s else 0.0,
        "status_present": right / present if present else 0.0,
        "speaker": speaker / speaker_n if speaker_n else 0.0,
        "seconds": sum(t for _, t in results.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storydiff-bench" / "embeddings.sqlite")
    parser.add_argument("--out", type=Path, help="keep each comparison's JSON in this folder")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    sets = sorted(p for p in (args.data / "stories").glob("*") if (p / "statements.json").is_file())
    if not sets:
        sys.exit(f"eval_stories: no story sets under {args.data / 'stories'}")
    scorer = load_scorer(args.data)
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    embedder = Embedder(cache=EmbeddingCache(args.cache))
    results = {}
    for folder in sets:
        doc, elapsed = run_set(folder, embedder, args.threshold)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{folder.name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        results[folder.name] = (score_set(scorer, folder, doc), elapsed)
        print_set(folder.name, *results[folder.name])
    total = summary(results)
    print(f"\noverall: mean row F1 {total['mean_row_f1']:.3f} (lowest pair {total['min_row_f1']:.3f}), "
          f"quote status on present cells {total['status_present']:.3f}, speaker {total['speaker']:.3f}, "
          f"compare {total['seconds']:.1f} s (threshold {args.threshold})")
    if args.json:
        plain = {name: {"pairs": res["pairs"], "quotes": {k: v for k, v in res["quotes"].items() if k != "confusion"},
                        "reference": res["reference"], "seconds": t} for name, (res, t) in results.items()}
        args.json.write_text(json.dumps({"sets": plain, "overall": total}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
