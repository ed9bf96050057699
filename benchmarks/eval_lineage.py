"""Verdicts and sources (issue 9) against labelled development data.

1. The development story sets (``<data>/stories/*/versions.json``): every set is
   compared with the real bundled model, StoryDiff's own default reference and
   threshold; each version's verdict is scored against its ``kind`` and its source
   against ``derived_from``. The kinds map onto verdicts as follows (a kind names
   how a page came to be, a verdict what the text is against the others):

   ========================  ==============================================
   kind                      verdicts counted as right
   ========================  ==============================================
   ``original``              reference, independent, rewrite (its own text)
   ``republish``             reference, copy, light-edit (wire copy run again)
   ``aggregator``            copy, light-edit, rewrite (stitched from copies)
   ``spun``                  spun
   ``translated-garbled``    garbled
   ========================  ==============================================

   Sources: on versions whose ``derived_from`` names a file of the set, the share
   whose ``source`` is that file; on ``original`` versions (no ``derived_from``),
   the share given no source.

2. The Clough-Stevenson development tasks (``<data>/clough-stevenson-plagiarism``,
   tasks a-c): each answer is compared with its task's source text (the reference);
   ``cut`` should be ``copy``, ``light`` ``light-edit``, ``heavy`` ``rewrite``,
   ``non`` ``independent`` (``spun`` and ``garbled`` count as ``light-edit``: a
   student's synonym swaps are a light edit). Against the same answers a
   word-containment baseline (share of the answer's word trigrams found in the
   source) classifies with three cut points fitted on these very answers to give it
   its best accuracy (an optimistic baseline). Both also as derived (cut, light,
   heavy) vs independent (non).

    PYTHONPATH=desktop .venv/bin/python benchmarks/eval_lineage.py [--data ../shared/data]
        [--json RESULTS]

The data is never copied into this repository (see ``../shared/data/README.md``).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.alignment.embedder import Embedder  # noqa: E402
from storydiff.diffing.tokens import norm_words  # noqa: E402
from storydiff.engine import DEFAULT_THRESHOLD, compare, make_version  # noqa: E402
from storydiff.ingest import read_document  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402

KIND_VERDICTS = {
    "original": {"reference", "independent", "rewrite"},
    "republish": {"reference", "copy", "light-edit"},
    "aggregator": {"copy", "light-edit", "rewrite"},
    "spun": {"spun"},
    "translated-garbled": {"garbled"},
}
CLOUGH_VERDICT = {"cut": "copy", "light": "light-edit", "heavy": "rewrite", "non": "independent"}
CLOUGH_ALIASES = {"spun": "light-edit", "garbled": "light-edit"}
CLOUGH_CLASSES = ("cut", "light", "heavy", "non")


def default_data() -> Path:
    return Path(os.environ.get("STORYDIFF_DEVDATA", ROOT.parent / "shared" / "data"))


# --- story sets -----------------------------------------------------------------------------


def run_story_set(folder: Path, embedder: Embedder) -> list[dict]:
    """One line per version: file, kind, gold source, verdict, source, coverage."""
    gold = json.loads((folder / "versions.json").read_text(encoding="utf-8"))
    files = [folder / entry["file"] for entry in gold]
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    comparison = compare(versions, threshold=DEFAULT_THRESHOLD, embedder=embedder)
    file_of = {v.id: entry["file"] for v, entry in zip(versions, gold, strict=True)}
    lines = []
    for version, entry in zip(versions, gold, strict=True):
        stats = comparison.stats[version.id]
        lines.append({
            "set": folder.name, "file": entry["file"], "kind": entry["kind"],
            "derived_from": entry.get("derived_from"), "verdict": stats.verdict,
            "source": file_of.get(stats.source) if stats.source else None,
            "coverage": round(stats.coverage, 3), "change_share": round(stats.change_share, 3),
            "evidence": list(stats.evidence),
        })
    return lines


def score_stories(lines: list[dict]) -> dict:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for line in lines:
        by_kind[line["kind"]].append(line["verdict"] in KIND_VERDICTS[line["kind"]])
    derived = [line for line in lines if line["derived_from"]]
    originals = [line for line in lines if line["kind"] == "original" and not line["derived_from"]]
    judged = [line for line in lines if line["verdict"]]
    judged_by_kind: dict[str, list[bool]] = defaultdict(list)
    for line in judged:
        judged_by_kind[line["kind"]].append(line["verdict"] in KIND_VERDICTS[line["kind"]])
    return {
        "verdict_by_kind": {k: (sum(v), len(v)) for k, v in sorted(by_kind.items())},
        "judged_by_kind": {k: (sum(judged_by_kind[k]), len(judged_by_kind[k])) for k in sorted(by_kind)},
        "verdict_all": (sum(sum(v) for v in by_kind.values()), len(lines)),
        "verdict_judged": (sum(line["verdict"] in KIND_VERDICTS[line["kind"]] for line in judged), len(judged)),
        "source_derived": (sum(line["source"] == line["derived_from"] for line in derived), len(derived)),
        "no_source_originals": (sum(line["source"] is None for line in originals), len(originals)),
    }


# --- Clough-Stevenson -----------------------------------------------------------------------


def clough_answers(folder: Path) -> list[tuple[str, str, str]]:
    """(answer file, task, category) for the development tasks whose source text is here."""
    with (folder / "file_information.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["File"], row["Task"], row["Category"])
        for row in rows
        if row["Category"] in CLOUGH_CLASSES and (folder / f"orig_task{row['Task']}.txt").is_file()
        and (folder / row["File"]).is_file()
    ]


def trigram_containment(answer: str, source: str) -> float:
    """Share of the answer's word trigrams that the source has."""
    a, s = norm_words(answer), norm_words(source)
    grams = set(zip(a, a[1:], a[2:]))
    return len(grams & set(zip(s, s[1:], s[2:]))) / len(grams) if grams else 0.0


def run_clough(folder: Path, embedder: Embedder) -> list[dict]:
    lines = []
    for name, task, category in clough_answers(folder):
        source_file, answer_file = folder / f"orig_task{task}.txt", folder / name
        versions = [
            make_version(read_document(source_file), source_file.stem, "v1"),
            make_version(read_document(answer_file), answer_file.stem, "v2"),
        ]
        comparison = compare(versions, reference="v1", threshold=DEFAULT_THRESHOLD, embedder=embedder)
        stats = comparison.stats["v2"]
        lines.append({
            "file": name, "category": category, "verdict": CLOUGH_ALIASES.get(stats.verdict, stats.verdict),
            "source": stats.source, "coverage": round(stats.coverage, 3),
            "change_share": round(stats.change_share, 3),
            "containment": trigram_containment(versions[1].text, versions[0].text),
        })
    return lines


def fit_baseline(lines: list[dict]) -> tuple[float, float, float]:
    """Cut points (cut/light, light/heavy, heavy/non) on trigram containment that give
    the baseline its best accuracy on ``lines`` (descending containment = more copied)."""
    values = sorted({round(line["containment"], 3) for line in lines} | {0.0, 1.01})
    best, best_cuts = -1, (0.0, 0.0, 0.0)
    for cuts in itertools.combinations(values, 3):
        right = sum(_baseline_class(line["containment"], cuts) == line["category"] for line in lines)
        if right > best:
            best, best_cuts = right, cuts
    return best_cuts


def _baseline_class(value: float, cuts: tuple[float, float, float]) -> str:
    low, mid, high = cuts
    if value >= high:
        return "cut"
    if value >= mid:
        return "light"
    return "heavy" if value >= low else "non"


def score_clough(lines: list[dict]) -> dict:
    cuts = fit_baseline(lines)
    ours = Counter()
    base = Counter()
    confusion = Counter()
    for line in lines:
        cat = line["category"]
        ours[(cat, line["verdict"] == CLOUGH_VERDICT[cat])] += 1
        base[(cat, _baseline_class(line["containment"], cuts) == cat)] += 1
        confusion[(cat, line["verdict"])] += 1
    binary_ours = sum((line["verdict"] == "independent") == (line["category"] == "non") for line in lines)
    binary_base = sum((_baseline_class(line["containment"], cuts) == "non") == (line["category"] == "non")
                      for line in lines)
    return {
        "per_class": {c: {"ours": (ours[(c, True)], ours[(c, True)] + ours[(c, False)]),
                          "baseline": (base[(c, True)], base[(c, True)] + base[(c, False)])}
                      for c in CLOUGH_CLASSES},
        "all": {"ours": sum(n for (c, ok), n in ours.items() if ok), "baseline":
                sum(n for (c, ok), n in base.items() if ok), "n": len(lines)},
        "derived_vs_non": {"ours": binary_ours, "baseline": binary_base, "n": len(lines)},
        "judged": {"right": sum(line["verdict"] == CLOUGH_VERDICT[line["category"]] for line in lines if line["verdict"]),
                   "n": sum(bool(line["verdict"]) for line in lines)},
        "baseline_cuts": cuts,
        "confusion": {f"{c}->{v}": n for (c, v), n in sorted(confusion.items())},
    }


# --- output ---------------------------------------------------------------------------------


def _pct(pair) -> str:
    right, n = pair
    return f"{right}/{n} ({right / n:.0%})" if n else "-"


def print_report(story_lines, stories, clough) -> None:
    print("Story sets: verdict by kind")
    for line in story_lines:
        ok = "ok " if line["verdict"] in KIND_VERDICTS[line["kind"]] else "XX "
        print(f"  {ok}{line['set']:<20} {Path(line['file']).name:<42} {line['kind']:<19}"
              f" {line['verdict']:<12} cov {line['coverage']:.2f} src {Path(line['source']).name if line['source'] else '-'}"
              f" (gold {Path(line['derived_from']).name if line['derived_from'] else '-'})")
    for kind, pair in stories["verdict_by_kind"].items():
        print(f"  {kind:<20} {_pct(pair):<12} judged {_pct(stories['judged_by_kind'][kind])}")
    print(f"  all verdicts         {_pct(stories['verdict_all'])}")
    judged = stories["verdict_judged"]
    print(f"  judged verdicts      {_pct(judged)} (coverage {judged[1]}/{len(story_lines)} judged)")
    print(f"  source = derived_from {_pct(stories['source_derived'])}")
    print(f"  originals without a source {_pct(stories['no_source_originals'])}")
    print("\nClough-Stevenson (tasks a-c): ours vs trigram-containment baseline (fitted cut points "
          f"{', '.join(f'{c:.3f}' for c in clough['baseline_cuts'])})")
    for c, figures in clough["per_class"].items():
        print(f"  {c:<6} ours {_pct(figures['ours']):<14} baseline {_pct(figures['baseline'])}")
    a = clough["all"]
    print(f"  all    ours {_pct((a['ours'], a['n'])):<14} baseline {_pct((a['baseline'], a['n']))}")
    j = clough["judged"]
    print(f"  judged ours {_pct((j['right'], j['n']))} (coverage {j['n']}/{a['n']} judged)")
    b = clough["derived_vs_non"]
    print(f"  derived vs non: ours {_pct((b['ours'], b['n']))} baseline {_pct((b['baseline'], b['n']))}")
    print(f"  confusion (category->verdict): {clough['confusion']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--json", type=Path, help="write every line and score here")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "storydiff-bench" / "embeddings.sqlite")
    args = parser.parse_args(argv)
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    embedder = Embedder(cache=EmbeddingCache(args.cache))
    began = time.perf_counter()
    sets = sorted(p.parent for p in (args.data / "stories").glob("*/versions.json"))
    story_lines = [line for folder in sets for line in run_story_set(folder, embedder)]
    clough_lines = run_clough(args.data / "clough-stevenson-plagiarism" / "data", embedder)
    stories, clough = score_stories(story_lines), score_clough(clough_lines)
    print_report(story_lines, stories, clough)
    print(f"\n{time.perf_counter() - began:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"stories": story_lines, "clough": clough_lines,
                                         "scores": {"stories": stories, "clough": clough}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
