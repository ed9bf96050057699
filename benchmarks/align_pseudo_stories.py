"""Pairwise alignment quality in context, on pseudo-stories built from MRPC pairs.

MRPC pairs are sentences from two outlets' stories about the same event, with
``Quality`` 1 when they say the same thing. Stringing pairs together gives two
"versions" of a story whose correct alignment is known. This script measures how
well ``storydiff.alignment.pairwise.align_pair`` recovers it.

How a pseudo-story pair is built (``--stories`` of them, seeded by ``--seed``, from
the MRPC ``--split``):

1. Draw k = 12..20 MRPC pairs (distinct sentences). The left version is their first
   sentences in a random order; the right version their second sentences in the
   same order.
2. Perturb the right version, each rate applied to its current length with
   stochastic rounding (so the expected share is exact):
   omissions: drop ~10 % of the sentences;
   moves: move ~10 % to a random position at least two places away;
   splits: split ~5 % of the sentences that were not moved and that contain ", ",
   "; " or " and " in their middle third, at the mark nearest the middle (the first
   part ends with a full stop, the second is capitalised);
   additions: insert ~10 % extra sentences, taken from other MRPC pairs, at random
   positions.
3. Gold: left i and right j are linked iff they come from one MRPC pair with
   Quality 1 (a split sentence: both of its parts). A Quality 0 pair left in place
   (neither moved nor split) is a gold non-link about the same event: the hardest
   case.

Every sentence, and the text of every two adjacent sentences of each version joined
by a space (``VersionVectors.pairs``, the evidence for split/merge links), is embedded
with StoryDiff's ``Embedder`` and cached in SQLite. Then for each threshold (and each
``GAP_SLACK`` of the pairwise module, when the module has that constant) the script
runs ``align_pair`` on every story and pools all links over all stories to score:

- overall link precision, recall and F1;
- moved R: recall of the gold links whose right sentence was moved;
- split R: recall of the gold links to the parts of split sentences;
- Q0 false: share of Quality 0 pairs in place that were linked;
- added: share of added sentences that were linked to anything.

A baseline is measured in the same run, "greedy": each right sentence is linked to
its most similar left sentence when the cosine is at least the threshold and that
left sentence is still free (best pairs first); no order constraint, no splits.
The DP / greedy F1 ratio is reported at ``storydiff.engine.DEFAULT_THRESHOLD``.

The data is never copied: it is read from ``--data``, else ``$STORYDIFF_DEVDATA``,
else ``../shared/data`` relative to the repository root. Run from the repository root:

    PYTHONPATH=desktop .venv/bin/python benchmarks/align_pseudo_stories.py --data ../shared/data

The first run embeds ~6,000-7,000 new texts (1.5-2.5 minutes on 2 CPU cores); later
runs read the cache (shared with ``tune_threshold.py``). ``--json OUT`` writes the results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tune_threshold sits beside this file

from tune_threshold import Pairs, data_folder, make_embedder, read_pairs, split_paths  # noqa: E402

from storydiff.alignment import pairwise  # noqa: E402
from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.alignment.pairwise import VersionVectors, align_pair  # noqa: E402
from storydiff.core.errors import StoryDiffError  # noqa: E402
from storydiff.engine import DEFAULT_THRESHOLD  # noqa: E402
from storydiff.storage.cache import text_key  # noqa: E402

THRESHOLDS = (0.55, 0.60, 0.65, 0.70, 0.72, 0.75, 0.80)
GAP_SLACKS = (0.0, 0.10, 0.15, 0.20)
PAIRS_PER_STORY = (12, 20)  # inclusive range of k
DROP_RATE, MOVE_RATE, ADD_RATE, SPLIT_RATE = 0.10, 0.10, 0.10, 0.05
MIN_MOVE = 2  # a moved sentence lands at least this many places from where it was
SPLIT_MARKS = (", ", "; ", " and ")

LinkSet = set[tuple[int, int]]  # (left index, right index)


# --- pseudo-stories ---------------------------------------------------------------------


@dataclass
class RightSentence:
    """One sentence of the right version and where it came from."""

    text: str
    pair: int | None  # its left counterpart's index (the story's pair number); None when added
    moved: bool = False
    split: bool = False


@dataclass(frozen=True)
class Story:
    """A left and a right version with their gold links and the right sentences' fates."""

    left: list[str]
    right: list[str]
    gold: frozenset[tuple[int, int]]
    moved: frozenset[int]  # right indexes of moved sentences
    split: frozenset[int]  # right indexes of the parts of split sentences
    added: frozenset[int]  # right indexes of added sentences
    q0_in_place: frozenset[tuple[int, int]]  # Quality 0 pairs neither moved nor split
    dropped: int


def how_many(rng: np.random.Generator, rate: float, n: int) -> int:
    """``rate * n`` with stochastic rounding: the expected count is exact."""
    x = rate * n
    return int(x) + int(rng.random() < x - int(x))


def draw_pairs(rng: np.random.Generator, pairs: Pairs, k: int) -> list[int]:
    """``k`` random pair indexes whose sentences are all distinct (MRPC repeats a few)."""
    chosen: list[int] = []
    seen: set[str] = set()
    for p in rng.permutation(len(pairs)):
        texts = {pairs.first[p], pairs.second[p]}
        if not texts & seen:
            chosen.append(int(p))
            seen |= texts
            if len(chosen) == k:
                break
    return chosen


def drop(rng: np.random.Generator, right: list[RightSentence]) -> list[RightSentence]:
    gone = set(rng.choice(len(right), how_many(rng, DROP_RATE, len(right)), replace=False).tolist())
    return [s for j, s in enumerate(right) if j not in gone]


def move(rng: np.random.Generator, right: list[RightSentence]) -> list[RightSentence]:
    right = list(right)
    for sentence in [right[j] for j in rng.permutation(len(right))[: how_many(rng, MOVE_RATE, len(right))]]:
        old = right.index(sentence)
        right.pop(old)
        targets = [q for q in range(len(right) + 1) if abs(q - old) >= MIN_MOVE]
        right.insert(int(rng.choice(targets)), sentence)
        sentence.moved = True
    return right


def split_point(text: str) -> tuple[str, str] | None:
    """``text`` cut at the ", ", "; " or " and " nearest its middle, if one lies in its middle third."""
    middle = len(text) / 2
    cuts = [
        (abs(at - middle), at, mark)
        for mark in SPLIT_MARKS
        for at in _occurrences(text, mark)
        if len(text) / 3 <= at <= 2 * len(text) / 3
    ]
    if not cuts:
        return None
    _, at, mark = min(cuts)
    first, second = text[:at].rstrip(" ,;") + ".", text[at + len(mark) :].lstrip()
    return first, second[:1].upper() + second[1:]


def _occurrences(text: str, mark: str) -> list[int]:
    found, at = [], text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def split(rng: np.random.Generator, right: list[RightSentence]) -> list[RightSentence]:
    candidates = [j for j, s in enumerate(right) if not s.moved and split_point(s.text)]
    count = min(len(candidates), how_many(rng, SPLIT_RATE, len(right)))
    chosen = set(rng.choice(candidates, count, replace=False).tolist()) if count else set()
    out: list[RightSentence] = []
    for j, sentence in enumerate(right):
        if j in chosen:
            out += [RightSentence(part, sentence.pair, split=True) for part in split_point(sentence.text)]
        else:
            out.append(sentence)
    return out


def add(rng: np.random.Generator, right: list[RightSentence], pairs: Pairs, taken: set[str]) -> list[RightSentence]:
    """Insert sentences of pairs outside the story (never one whose text the story already has)."""
    right = list(right)
    for _ in range(how_many(rng, ADD_RATE, len(right))):
        while True:
            p = int(rng.integers(len(pairs)))
            text = (pairs.first, pairs.second)[int(rng.integers(2))][p]
            if text not in taken:
                break
        taken.add(text)
        right.insert(int(rng.integers(len(right) + 1)), RightSentence(text, None))
    return right


def build_story(rng: np.random.Generator, pairs: Pairs) -> Story:
    chosen = draw_pairs(rng, pairs, int(rng.integers(PAIRS_PER_STORY[0], PAIRS_PER_STORY[1] + 1)))
    left = [pairs.first[p] for p in chosen]
    right = [RightSentence(pairs.second[p], i) for i, p in enumerate(chosen)]
    kept = drop(rng, right)
    right = add(rng, split(rng, move(rng, kept)), pairs, set(left) | {pairs.second[p] for p in chosen})
    return finish(left, right, pairs.labels[chosen], dropped=len(chosen) - len(kept))


def finish(left: list[str], right: list[RightSentence], labels: np.ndarray, dropped: int) -> Story:
    from_pairs = [(j, s) for j, s in enumerate(right) if s.pair is not None]
    return Story(
        left=left,
        right=[s.text for s in right],
        gold=frozenset((s.pair, j) for j, s in from_pairs if labels[s.pair] == 1),
        moved=frozenset(j for j, s in enumerate(right) if s.moved),
        split=frozenset(j for j, s in enumerate(right) if s.split),
        added=frozenset(j for j, s in enumerate(right) if s.pair is None),
        q0_in_place=frozenset(
            (s.pair, j) for j, s in from_pairs if labels[s.pair] == 0 and not s.moved and not s.split
        ),
        dropped=dropped,
    )


def build_stories(pairs: Pairs, count: int, seed: int) -> list[Story]:
    rng = np.random.default_rng(seed)
    return [build_story(rng, pairs) for _ in range(count)]


def describe(stories: list[Story]) -> dict[str, int]:
    return {
        "stories": len(stories),
        "left_sentences": sum(len(s.left) for s in stories),
        "right_sentences": sum(len(s.right) for s in stories),
        "gold_links": sum(len(s.gold) for s in stories),
        "gold_links_moved": sum(1 for s in stories for _, j in s.gold if j in s.moved),
        "gold_links_split": sum(1 for s in stories for _, j in s.gold if j in s.split),
        "q0_pairs_in_place": sum(len(s.q0_in_place) for s in stories),
        "dropped": sum(s.dropped for s in stories),
        "moved": sum(len(s.moved) for s in stories),
        "split_parts": sum(len(s.split) for s in stories),
        "added": sum(len(s.added) for s in stories),
    }


# --- embeddings -------------------------------------------------------------------------


def adjacent(sentences: list[str]) -> list[str]:
    """Every two adjacent sentences read together."""
    return [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]


def embed_texts(embedder: Embedder, texts: list[str]) -> tuple[dict[str, np.ndarray], dict]:
    """Unit vectors of the distinct ``texts``, with timing (model loading timed apart)."""
    cached = embedder.cache.get_many(embedder.model_id, [text_key(t) for t in texts])
    started = time.perf_counter()
    if len(cached) < len(texts):
        embedder.load()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    seconds = time.perf_counter() - started
    timing = {
        "texts": len(texts),
        "encoded": len(texts) - len(cached),
        "from_cache": len(cached),
        "model_load_seconds": round(load_seconds, 2),
        "embed_seconds": round(seconds, 2),
    }
    return dict(zip(texts, vectors)), timing


def story_texts(stories: list[Story]) -> list[str]:
    return list(dict.fromkeys(t for s in stories for side in (s.left, s.right) for t in side + adjacent(side)))


def version_vectors(sentences: list[str], vectors: dict[str, np.ndarray]) -> VersionVectors:
    doubles = adjacent(sentences)
    return VersionVectors(
        np.stack([vectors[t] for t in sentences]),
        np.stack([vectors[t] for t in doubles]) if doubles else None,
    )


# --- aligners ---------------------------------------------------------------------------


def dp_links(left: VersionVectors, right: VersionVectors, threshold: float) -> LinkSet:
    """StoryDiff's alignment, as (left, right) index pairs (a split link gives two)."""
    return {(i, j) for link in align_pair(left, right, threshold) for i in link.left for j in link.right}


def greedy_links(left: VersionVectors, right: VersionVectors, threshold: float) -> LinkSet:
    """Each right sentence to its most similar left one, if similar enough and still free; best first."""
    sim = left.vectors @ right.vectors.T
    best = sim.argmax(axis=0)
    order = sorted(range(sim.shape[1]), key=lambda j: -sim[best[j], j])
    taken: set[int] = set()
    links: LinkSet = set()
    for j in order:
        i = int(best[j])
        if sim[i, j] >= threshold and i not in taken:
            taken.add(i)
            links.add((i, j))
    return links


# --- scoring ----------------------------------------------------------------------------


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(stories: list[Story], predicted: list[LinkSet]) -> dict[str, float]:
    """Pooled link P/R/F1 and the per-case rates (see the module docstring)."""
    correct = sum(len(p & s.gold) for s, p in zip(stories, predicted))
    n_pred, n_gold = sum(len(p) for p in predicted), sum(len(s.gold) for s in stories)
    precision, recall = ratio(correct, n_pred), ratio(correct, n_gold)
    moved = [(link in p) for s, p in zip(stories, predicted) for link in s.gold if link[1] in s.moved]
    split = [(link in p) for s, p in zip(stories, predicted) for link in s.gold if link[1] in s.split]
    q0 = [(pair in p) for s, p in zip(stories, predicted) for pair in s.q0_in_place]
    added = [any(j == b for _, b in p) for s, p in zip(stories, predicted) for j in s.added]
    return {
        "precision": precision,
        "recall": recall,
        "f1": ratio(2 * precision * recall, precision + recall),
        "predicted": n_pred,
        "correct": correct,
        "moved_recall": ratio(sum(moved), len(moved)),
        "split_recall": ratio(sum(split), len(split)),
        "q0_false_link_rate": ratio(sum(q0), len(q0)),
        "added_linked_rate": ratio(sum(added), len(added)),
    }


def evaluate(aligner, stories: list[Story], vectors: list[tuple[VersionVectors, VersionVectors]], threshold: float) -> dict:
    started = time.perf_counter()
    predicted = [aligner(left, right, threshold) for left, right in vectors]
    seconds = time.perf_counter() - started
    return {"threshold": threshold, **score(stories, predicted), "seconds": round(seconds, 3)}


def sweep(stories, vectors, slacks: Sequence[float | None]) -> tuple[list[dict], list[dict]]:
    """DP rows for every (GAP_SLACK, threshold), greedy rows for every threshold.

    ``slacks`` of ``[None]`` leaves the module alone (it has no GAP_SLACK); otherwise the
    module constant is set before each run and restored afterwards.
    """
    original = getattr(pairwise, "GAP_SLACK", None)
    dp: list[dict] = []
    try:
        for slack in slacks:
            if slack is not None:
                pairwise.GAP_SLACK = slack
            dp += [{"gap_slack": slack, **evaluate(dp_links, stories, vectors, t)} for t in THRESHOLDS]
    finally:
        if original is not None:
            pairwise.GAP_SLACK = original
    greedy = [evaluate(greedy_links, stories, vectors, t) for t in THRESHOLDS]
    return dp, greedy


# --- report -----------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def print_setup(data: Path, split_name: str, pairs: Pairs, facts: dict, seed: int, timing: dict) -> None:
    print(f"MRPC {split_name} from {data.resolve()}: {len(pairs)} pairs ({pct(pairs.labels.mean()).strip()} % Quality 1)")
    print(
        f"{facts['stories']} pseudo-story pairs (seed {seed}): {facts['left_sentences']} left, "
        f"{facts['right_sentences']} right sentences; {facts['dropped']} dropped, {facts['moved']} moved, "
        f"{facts['split_parts'] // 2} split, {facts['added']} added"
    )
    print(
        f"gold links {facts['gold_links']} (to moved sentences {facts['gold_links_moved']}, "
        f"to split parts {facts['gold_links_split']}); Quality 0 pairs in place {facts['q0_pairs_in_place']}"
    )
    print(
        f"embedding: {timing['texts']} distinct texts ({timing['encoded']} encoded, {timing['from_cache']} from cache) "
        f"in {timing['embed_seconds']:.1f} s wall, model load {timing['model_load_seconds']:.1f} s"
    )


def print_rows(dp: list[dict], greedy: list[dict]) -> None:
    print()
    print(f"{'method':<7} {'thresh':>6} {'slack':>5}  {'P':>5} {'R':>5} {'F1':>5}  "
          f"{'moved R':>7} {'split R':>7} {'Q0 false':>8} {'added':>5}")
    print("-" * 75)
    for name, rows in (("DP", dp), ("greedy", greedy)):
        for r in rows:
            slack = "-" if r.get("gap_slack") is None else f"{r['gap_slack']:.2f}"
            print(
                f"{name:<7} {r['threshold']:>6.2f} {slack:>5}  {pct(r['precision'])} {pct(r['recall'])} "
                f"{pct(r['f1'])}  {pct(r['moved_recall']):>7} {pct(r['split_recall']):>7} "
                f"{pct(r['q0_false_link_rate']):>8} {pct(r['added_linked_rate'])}"
            )


def print_f1_grid(dp: list[dict], greedy: list[dict], slacks: Sequence[float | None]) -> None:
    print("\nF1 by threshold" + (" and GAP_SLACK" if slacks != [None] else ""))
    heads = ["DP" if s is None else f"DP {s:.2f}" for s in slacks] + ["greedy"]
    print(f"{'thresh':>6}  " + " ".join(f"{h:>8}" for h in heads))
    for k, t in enumerate(THRESHOLDS):
        cells = [r["f1"] for s in slacks for r in dp if r["gap_slack"] == s and r["threshold"] == t]
        print(f"{t:>6.2f}  " + " ".join(f"{pct(f):>8}" for f in cells + [greedy[k]["f1"]]))


def best_row(rows: list[dict]) -> dict:
    """Highest F1; ties to the lowest threshold, then the lowest slack."""
    return max(rows, key=lambda r: (r["f1"], -r["threshold"], -(r.get("gap_slack") or 0.0)))


def default_comparison(dp: list[dict], greedy: list[dict], default_slack: float | None) -> dict:
    here = [r for r in dp if r["threshold"] == DEFAULT_THRESHOLD and r["gap_slack"] == default_slack]
    base = [r for r in greedy if r["threshold"] == DEFAULT_THRESHOLD]
    if not here or not base:
        return {}
    return {
        "threshold": DEFAULT_THRESHOLD,
        "gap_slack": default_slack,
        "dp_f1": here[0]["f1"],
        "greedy_f1": base[0]["f1"],
        "ratio": ratio(here[0]["f1"], base[0]["f1"]),
    }


# --- main -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder holding mrpc/ (default: $STORYDIFF_DEVDATA or ../shared/data)")
    parser.add_argument("--split", choices=("train", "val"), default="val", help="MRPC split (default: %(default)s)")
    parser.add_argument("--stories", type=int, default=200, help="pseudo-story pairs (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    parser.add_argument("--model", help="embedding model folder or hub name (default: the bundled all-MiniLM-L6-v2)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "storydiff-bench" / "embeddings.sqlite",
        help="embedding cache file (default: %(default)s)",
    )
    parser.add_argument("--no-cache", action="store_true", help="embed everything afresh, keep nothing on disk")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON to OUT")
    args = parser.parse_args(argv)
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data = data_folder(args.data)
    pairs = read_pairs(split_paths(data)[args.split])
    stories = build_stories(pairs, args.stories, args.seed)

    try:
        embedder = make_embedder(args.model, None if args.no_cache else args.cache)
        vectors, timing = embed_texts(embedder, story_texts(stories))
    except StoryDiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    story_vectors = [(version_vectors(s.left, vectors), version_vectors(s.right, vectors)) for s in stories]

    has_slack = hasattr(pairwise, "GAP_SLACK")
    default_slack = getattr(pairwise, "GAP_SLACK", None)
    slacks: list[float | None] = list(GAP_SLACKS) if has_slack else [None]
    dp, greedy = sweep(stories, story_vectors, slacks)
    facts = describe(stories)

    print_setup(data, args.split, pairs, facts, args.seed, timing)
    if not has_slack:
        print("note: storydiff.alignment.pairwise has no GAP_SLACK; sweeping the threshold only")
    print_rows(dp, greedy)
    print_f1_grid(dp, greedy, slacks)
    best, versus = best_row(dp), default_comparison(dp, greedy, default_slack)
    slack_text = "" if best["gap_slack"] is None else f", GAP_SLACK {best['gap_slack']:.2f}"
    print(f"\nbest DP F1: {pct(best['f1']).strip()} at threshold {best['threshold']:.2f}{slack_text}; "
          f"best greedy F1: {pct(best_row(greedy)['f1']).strip()} at {best_row(greedy)['threshold']:.2f}")
    if versus:
        slack_text = "" if default_slack is None else f", GAP_SLACK {default_slack:.2f}"
        print(f"DP / greedy F1 at the default threshold {DEFAULT_THRESHOLD:.2f}{slack_text}: "
              f"{pct(versus['dp_f1']).strip()} / {pct(versus['greedy_f1']).strip()} = {versus['ratio']:.3f}")

    if args.json:
        write_json(args, data, embedder, facts, slacks, default_slack, dp, greedy, versus, timing)
    return 0


def write_json(args, data, embedder, facts, slacks, default_slack, dp, greedy, versus, timing) -> None:
    report = {
        "benchmark": "align-pseudo-stories",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "data": str(data),
        "split": args.split,
        "seed": args.seed,
        "model": embedder.model_id,
        "perturbation": {
            "pairs_per_story": list(PAIRS_PER_STORY),
            "drop": DROP_RATE, "move": MOVE_RATE, "add": ADD_RATE, "split": SPLIT_RATE,
            "min_move": MIN_MOVE, "split_marks": list(SPLIT_MARKS),
        },
        "stories": facts,
        "thresholds": list(THRESHOLDS),
        "gap_slacks": None if slacks == [None] else list(slacks),
        "module_gap_slack": default_slack,
        "default_threshold": DEFAULT_THRESHOLD,
        "dp": dp,
        "greedy": greedy,
        "best_dp": best_row(dp),
        "dp_over_greedy_at_default": versus,
        "timing": timing,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    sys.exit(main())
