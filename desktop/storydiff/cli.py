"""The headless commands: ``storydiff compare FILE...``, ``quotes``, ``export``, ``batch``. Same engine as the window.

Exit codes: 0 ok, 2 bad usage or bad input (one-line message), 1 internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from storydiff import __version__
from storydiff.batch.command import add_batch_command, run_batch_command
from storydiff.core.errors import StoryDiffError, UsageError
from storydiff.core.model import Comparison, Version

log = logging.getLogger("storydiff")

STDIN = "-"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Compare several versions of one story: aligned statements, word changes, quotes.",
    )
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    compare = commands.add_parser(
        "compare",
        help="align and diff versions of a story",
        description="Align and diff versions of a story (.txt, .md, .html; '-' reads standard input).",
    )
    _add_common_arguments(compare)
    compare.add_argument("--html", metavar="OUT", help="write a self-contained HTML report")
    _add_document_outputs(compare)
    compare.add_argument(
        "--save", metavar="FILE.storydiff", help="save the session (reopen it in the window, or `storydiff export` it)"
    )
    quotes = commands.add_parser(
        "quotes",
        help="how each version prints every quotation",
        description="List every quotation with its speaker and its status in each version "
        "(verbatim, trimmed, altered, paraphrased, absent, misattributed).",
    )
    _add_common_arguments(quotes)
    _add_export_command(commands)
    add_batch_command(commands)
    return parser


def _add_export_command(commands) -> None:
    export = commands.add_parser(
        "export",
        help="write the JSON or HTML of a saved session",
        description="Write the JSON (storydiff.comparison/1) or HTML report of a saved .storydiff session, "
        "without loading the model.",
    )
    export.add_argument("session", metavar="FILE.storydiff", help="a session saved by StoryDiff")
    export.add_argument("--json", metavar="OUT", help="write the comparison as JSON (storydiff.comparison/1)")
    export.add_argument("--html", metavar="OUT", help="write a self-contained HTML report")
    _add_document_outputs(export)
    export.add_argument("--quiet", action="store_true", help="print no summary")
    export.add_argument("--rebuild", action="store_true",
                        help="when the saved alignment is damaged, align the versions again (loads the model)")


def _add_document_outputs(command: argparse.ArgumentParser) -> None:
    """--pdf, --page-size, --csv-rows and --csv-quotes (issue 11)."""
    command.add_argument("--pdf", metavar="OUT", help="write the report as a PDF (page numbers; landscape when wide)")
    command.add_argument("--page-size", type=str.lower, choices=("a4", "letter"), metavar="A4|Letter",
                         help="the PDF's paper (default: Letter in US-unit locales, else A4)")
    command.add_argument("--csv-rows", metavar="OUT", help="write the statements as CSV (one column per version)")
    command.add_argument("--csv-quotes", metavar="OUT", help="write the quotations as CSV (one status column per version)")


def _add_common_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("files", nargs="+", metavar="FILE", help="a version: a file, an http(s) address or '-' (stdin)")
    command.add_argument("--reference", metavar="FILE", help="the version others are compared against")
    command.add_argument(
        "--label", action="append", default=[], metavar="FILE=NAME", help="name a version (repeatable)"
    )
    command.add_argument(
        "--threshold", type=float, metavar="X",
        help="cosine similarity (0-1) from which two passages count as the same statement",
    )
    command.add_argument("--model", metavar="NAME_OR_PATH", help="sentence-transformers model (default: bundled)")
    command.add_argument("--json", metavar="OUT", help="write the comparison as JSON (storydiff.comparison/1)")
    command.add_argument("--quiet", action="store_true", help="print no summary and no progress")


def main(argv: Sequence[str] | None = None, *, pdf_writer=None) -> int:
    """Run the command line; returns the exit code. ``pdf_writer(comparison, path, page_size)``
    writes ``--pdf`` (Qt draws it, so ``storydiff.app`` passes it in: this layer imports no Qt)."""
    logging.basicConfig(level=logging.WARNING, format="storydiff: %(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.pdf_writer = pdf_writer
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "batch":
            return run_batch_command(args)
        return run_export(args) if args.command == "export" else run_compare(args)
    except StoryDiffError as exc:
        print(f"storydiff: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: keep the traceback for the report
        log.exception("internal error")
        print(f"storydiff: internal error: {exc}", file=sys.stderr)
        return 1


def run_compare(args: argparse.Namespace) -> int:
    # Imported here so that `storydiff --help` stays instant.
    from storydiff.alignment.embedder import Embedder
    from storydiff.engine import DEFAULT_THRESHOLD, compare
    from storydiff.report import render_quote_table, render_summary, write_html, write_json
    from storydiff.cli_progress import TerminalProgress

    versions, reference = load_versions(args.files, args.label, args.reference)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0.0 < threshold < 1.0:
        raise UsageError(f"--threshold must be between 0 and 1, not {threshold}")
    html_out = getattr(args, "html", None)
    save_out = getattr(args, "save", None)
    _check_outputs([args.json, html_out, save_out, *_document_outputs(args)])
    with _session_target(save_out) as target:
        progress = TerminalProgress(sys.stderr, enabled=not args.quiet)
        embedder = Embedder(args.model)
        if embedder.cache.warning:
            print(f"storydiff: warning: {embedder.cache.warning}", file=sys.stderr)
        comparison = compare(versions, reference=reference, threshold=threshold, embedder=embedder, progress=progress)
        progress.finish()
        _write_outputs(comparison, args.json, html_out, write_json, write_html)
        _write_documents(comparison, args)
        if target is not None:
            _save(target, comparison, versions, reference, args.model, embedder)
    if not args.quiet:
        color = _wants_color(sys.stdout)
        if args.command == "quotes":
            sys.stdout.write(render_quote_table(comparison, color=color))
        else:
            sys.stdout.write(render_summary(comparison, color=color))
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``storydiff export``: the outputs of a saved session; loads the model only for ``--rebuild``."""
    from storydiff.report import render_summary, write_html, write_json
    from storydiff.storage.session import load_session
    from storydiff.cli_session import list_stale_notes, rebuilt, warn_about

    _check_outputs([args.json, args.html, *_document_outputs(args)])
    session = load_session(args.session)
    warn_about(session, args.session)
    realigned = session.realign
    session = rebuilt(session, args.session, rebuild=args.rebuild, quiet=args.quiet)
    if realigned:
        list_stale_notes(session, args.session)
    if session.comparison is None:
        raise UsageError(f"{args.session}: this session has no comparison yet; open it in StoryDiff to compare")
    comparison = _with_decisions(session, quiet=args.quiet)
    args.provenance = _session_provenance(comparison, session)
    _write_outputs(comparison, args.json, args.html, write_json, write_html, args.provenance)
    _write_documents(comparison, args)
    if not args.quiet:
        sys.stdout.write(render_summary(comparison, color=_wants_color(sys.stdout)))
    return 0


def _with_decisions(session, *, quiet: bool) -> Comparison:
    """The saved comparison with the user's manual decisions applied, as the window shows it.

    A decision that no longer fits is skipped with a warning (unless ``quiet``):
    the export still succeeds, as the window still opens.
    """
    if not session.decisions:
        return session.comparison
    from storydiff.decisions import apply_decisions

    applied = apply_decisions(session.comparison, session.decisions)
    if not quiet:
        for conflict in applied.conflicts:
            print(f"storydiff: warning: decision skipped: {conflict}", file=sys.stderr)
    return applied.comparison


def _session_target(out: str | None):
    """The ``--save`` file, locked before the slow work (a context manager; None without --save).

    Fails early when the file is read-only or open in a StoryDiff window.
    """
    if out is None:
        return contextlib.nullcontext(None)
    from storydiff.storage.session import open_session

    handle = open_session(out)
    if handle.read_only:
        handle.close()
        raise UsageError(f"{out}: the session is read-only; save it under another name")
    return handle


def _save(target, comparison: Comparison, versions, reference, model, embedder) -> None:
    """Save the session with the passage vectors the embedder's cache holds (if it has one)."""
    from storydiff.storage.session import cached_embeddings
    from storydiff.workspace import Workspace

    workspace = Workspace(
        versions=tuple(versions), reference=reference, threshold=comparison.threshold, model=model,
        next_id=len(versions) + 1,
    )
    embeddings = cached_embeddings(getattr(embedder, "cache", None), comparison)
    target.save(comparison, workspace=workspace, embeddings=embeddings)


def load_versions(
    files: Sequence[str], labels: Sequence[str], reference: str | None
) -> tuple[list[Version], str | None]:
    """Read every FILE (or stdin for '-') into versions v1..vn; resolve --label and
    --reference against the FILE arguments. Raises ``UsageError``/``InputError``."""
    from storydiff.engine import make_version

    _check_files(files)
    names = _parse_labels(labels, files)
    versions = []
    for number, name in enumerate(files, start=1):
        document, label = _read_one(name)
        versions.append(make_version(document, names.get(name) or label, f"v{number}"))
    reference_id = None
    if reference is not None:
        reference_id = f"v{_find_file(reference, files, '--reference') + 1}"
    return versions, reference_id


def _read_one(name: str):
    """The document of one FILE argument (a path, '-' or an http(s) address) and its default label."""
    from storydiff.ingest import read_bytes, read_document
    from storydiff.ingest.fetch import looks_like_url
    from storydiff.ingest.imports import import_url

    if name == STDIN:
        return read_bytes(sys.stdin.buffer.read(), "<stdin>"), "stdin"
    if looks_like_url(name):
        imported = import_url(name)
        return imported.document, imported.label
    return read_document(name), _default_label(name)


def _check_files(files: Sequence[str]) -> None:
    if files.count(STDIN) > 1:
        raise UsageError("standard input ('-') can be given only once")
    keys = [_file_key(f) for f in files]
    for key, name in zip(keys, files):
        if keys.count(key) > 1:
            raise UsageError(f"{name}: given more than once")


def _parse_labels(labels: Sequence[str], files: Sequence[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in labels:
        file, sep, name = item.rpartition("=")
        if not sep or not file or not name.strip():
            raise UsageError(f"--label expects FILE=NAME, not {item!r}")
        names[files[_find_file(file, files, "--label")]] = name.strip()
    return names


def _find_file(name: str, files: Sequence[str], option: str) -> int:
    key = _file_key(name)
    for position, candidate in enumerate(files):
        if _file_key(candidate) == key:
            return position
    raise UsageError(f"{option} {name}: not one of the files being compared")


def _file_key(name: str) -> str:
    from storydiff.ingest.fetch import looks_like_url

    if name == STDIN or looks_like_url(name):
        return name.strip()
    return os.path.normcase(os.path.abspath(name))


def _default_label(name: str) -> str:
    return "stdin" if name == STDIN else Path(name).stem


def _check_outputs(outputs: Sequence[str | None]) -> None:
    """Fail before the slow work if an output cannot be written."""
    for out in outputs:
        if out is None:
            continue
        folder = Path(out).resolve().parent
        if not folder.is_dir():
            raise UsageError(f"{out}: folder {folder} does not exist")
        if Path(out).is_dir():
            raise UsageError(f"{out}: is a folder, not a file")
        if not os.access(folder, os.W_OK):
            raise UsageError(f"{out}: cannot write in {folder}")


def _write_outputs(comparison: Comparison, json_out, html_out, write_json, write_html, provenance=None) -> None:
    # Write failures arrive as ExportError (exit code 2) from the atomic writer.
    if json_out:
        write_json(comparison, json_out, provenance=provenance)
    if html_out:
        write_html(comparison, html_out, provenance=provenance)


def _session_provenance(comparison: Comparison, session):
    """The exports' provenance, with the session's corrections and notes as the user's."""
    from storydiff.report.provenance import build_provenance

    return build_provenance(comparison, decisions=session.decisions, notes=session.notes)


def _document_outputs(args: argparse.Namespace) -> list[str | None]:
    """The --pdf/--csv-* files asked for; fails early when --pdf cannot be drawn here."""
    outputs = [getattr(args, name, None) for name in ("pdf", "csv_rows", "csv_quotes")]
    if outputs[0] and args.pdf_writer is None:
        raise UsageError("--pdf needs the StoryDiff application (run the `storydiff` command)")
    return outputs


def _write_documents(comparison: Comparison, args: argparse.Namespace) -> None:
    """Write the --pdf, --csv-rows and --csv-quotes files that were asked for."""
    from storydiff.report.csv_export import write_csv_quotes, write_csv_rows

    provenance = getattr(args, "provenance", None)
    if getattr(args, "pdf", None):
        args.pdf_writer(comparison, args.pdf, getattr(args, "page_size", None), provenance)
    if getattr(args, "csv_rows", None):
        write_csv_rows(comparison, args.csv_rows, provenance=provenance)
    if getattr(args, "csv_quotes", None):
        write_csv_quotes(comparison, args.csv_quotes, provenance=provenance)


def _wants_color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ
