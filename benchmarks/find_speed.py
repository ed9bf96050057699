"""Find (issue 14): the search behind each keystroke against a plain regular-expression scan.

Builds generated comparisons (``gui_bench.big_comparison``: the bag-of-words fake, no model) of
40 versions x 40 and x 200 statements, then times, alternately and in one run: building
``presentation.find.SearchIndex`` (once per comparison), ``SearchIndex.search`` (case- and
accent-insensitive, offsets mapped back to the shown text), and the baseline: ``re.finditer`` with
IGNORECASE over the same cell texts, which neither folds accents nor maps offsets. Prints medians
and the ratio per query.

    PYTHONPATH=desktop .venv/bin/python benchmarks/find_speed.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1] / "tests")]

from gui_bench import big_comparison  # noqa: E402

from storydiff.presentation.find import FindOptions, SearchIndex, _indexed_cells  # noqa: E402

QUERIES = ("council", "the", "t", "varga")


def timed(function, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    for rows, versions in ((40, 40), (200, 40)):
        comparison = big_comparison(rows=rows, versions=versions)
        texts = [cell.text for cell in _indexed_cells(comparison)]
        build, index = timed(lambda: SearchIndex(comparison), args.rounds)
        print(f"{versions} versions x {len(comparison.rows)} rows: {len(texts)} cells, "
              f"{sum(map(len, texts)):,} characters; index built in {build * 1000:.1f} ms")
        print(f"  {'query':<10}{'matches':>9}{'find ms':>10}{'re ms':>9}{'ratio':>8}")
        for query in QUERIES:
            options = FindOptions(query)
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            ours, found = timed(lambda: index.search(options), args.rounds)
            plain, spans = timed(lambda: [m.span() for t in texts for m in pattern.finditer(t)], args.rounds)
            print(f"  {query:<10}{len(found):>9,}{ours * 1000:>10.1f}{plain * 1000:>9.1f}{ours / plain:>8.2f}"
                  + ("" if len(found) == len(spans) else f"  (re found {len(spans):,})"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
