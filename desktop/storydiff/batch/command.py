"""``storydiff batch``: its arguments and its run (called by ``storydiff.cli``).

Only argparse at import time: the engine, the model and Dask are imported when the command runs.
"""

from __future__ import annotations

import argparse
import sys


def add_batch_command(commands) -> None:
    """Add the ``batch`` subcommand to the CLI's subparsers."""
    batch = commands.add_parser(
        "batch",
        help="group many articles into stories and compare each story",
        description="Group articles (folders, @lists or .list files of paths/addresses, .jsonl feeds) into "
        "stories about one event each, compare every story, and write DIR/results.sqlite, DIR/articles.csv, "
        "DIR/stories.csv and a session per story (DIR/stories/*.storydiff). Run it again to finish an "
        "interrupted batch: finished stories are kept.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a folder, @FILE or FILE.list (one path or address a line), FILE.jsonl, a file or an address")
    batch.add_argument("--out", required=True, metavar="DIR", help="the folder for the results (created if needed)")
    batch.add_argument("--threshold", type=float, metavar="X",
                       help="cosine similarity (0-1) from which two passages count as the same statement")
    batch.add_argument("--group-threshold", type=float, metavar="X",
                       help="score (0-1) from which two articles tell the same story (default 0.4)")
    batch.add_argument("--days", type=int, metavar="N",
                       help="most days between two articles of one story (default 7; 0 = dates ignored)")
    batch.add_argument("--model", metavar="NAME_OR_PATH", help="sentence-transformers model (default: bundled)")
    batch.add_argument("--workers", type=int, metavar="N", help="processes comparing stories (default: CPU cores)")
    batch.add_argument("--dask", action="store_true", help="run the work on a local Dask cluster")
    batch.add_argument("--dask-workers", type=int, default=2, metavar="N",
                       help="workers of the local Dask cluster (default 2)")
    batch.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run the work on this Dask cluster")
    batch.add_argument("--quiet", action="store_true", help="print no summary and no progress")


def run_batch_command(args: argparse.Namespace) -> int:
    """Run ``storydiff batch``; returns the exit code (0 even when some articles or stories failed:
    they are listed in the CSV files and on stderr)."""
    from storydiff.batch.progress_bar import ProgressBar
    from storydiff.batch.run import run_batch
    from storydiff.batch.tasks import ModelFactory

    options = batch_options(args)
    factory = ModelFactory(args.model)
    runner = make_runner(args)
    progress = ProgressBar(sys.stderr, enabled=not args.quiet)
    try:
        summary = run_batch(args.inputs, args.out, factory=factory, runner=runner, options=options,
                            progress=progress)
    finally:
        progress.finish()
        runner.close()
    if not args.quiet:
        print(describe(summary))
    return 0


def batch_options(args: argparse.Namespace):
    from dataclasses import replace

    from storydiff.batch.grouping import GroupingOptions
    from storydiff.batch.run import BatchOptions
    from storydiff.core.errors import UsageError
    from storydiff.engine import DEFAULT_THRESHOLD

    grouping = GroupingOptions()
    if args.group_threshold is not None:
        if not 0.0 < args.group_threshold < 1.0:
            raise UsageError(f"--group-threshold must be between 0 and 1, not {args.group_threshold}")
        grouping = replace(grouping, threshold=args.group_threshold)
    if args.days is not None:
        if args.days < 0:
            raise UsageError(f"--days must be 0 or more, not {args.days}")
        grouping = replace(grouping, window_days=args.days or None)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0.0 < threshold < 1.0:
        raise UsageError(f"--threshold must be between 0 and 1, not {threshold}")
    return BatchOptions(threshold=threshold, grouping=grouping)


def make_runner(args: argparse.Namespace):
    """A Dask runner with ``--dask`` or ``--scheduler`` (Dask imported only then), else a local one."""
    from storydiff.core.errors import UsageError

    if args.workers is not None and args.workers < 0:
        raise UsageError(f"--workers must be 0 or more, not {args.workers}")
    if args.dask or args.scheduler:
        from storydiff.batch.runners import DaskRunner

        return DaskRunner(args.scheduler, workers=max(1, args.dask_workers))
    from storydiff.batch.runners import LocalRunner

    return LocalRunner(args.workers)


def describe(summary) -> str:
    """One paragraph on what the run did and where the results are."""
    unreadable = f" ({summary.unreadable} unreadable: see articles.csv)" if summary.unreadable else ""
    failed = f", {summary.failed} failed (see stories.csv)" if summary.failed else ""
    folder = summary.database.parent
    return (f"{summary.articles} articles{unreadable} -> {summary.stories} stories: {summary.compared} compared now, "
            f"{summary.done_before} finished before{failed}; {summary.seconds:.1f} s\n"
            f"results: {summary.database}, {folder / 'articles.csv'}, {folder / 'stories.csv'}, "
            f"sessions in {folder / 'stories'}")
