"""What ``storydiff export`` says about a session file it read, and ``--rebuild`` (issue 13).

A session whose versions, decisions and notes are intact but whose saved alignment
was damaged comes back from ``load_session`` without a comparison
(``Session.realign``): exporting it then needs a re-alignment with the model, which
only ``--rebuild`` runs. Without it, ``needs_rebuild`` raises a one-line ``UsageError``
(exit 2).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TextIO

from storydiff.core.errors import UsageError
from storydiff.storage.session_values import Session


def warn_about(session: Session, name: str, *, stream: TextIO | None = None) -> None:
    """One warning line per thing ignored or left out of ``session`` (read from ``name``)."""
    stream = stream or sys.stderr
    if session.ignored:
        print(f"storydiff: warning: {name}: ignored what StoryDiff did not create: {', '.join(session.ignored)}",
              file=stream)
    for line in session.rebuild:
        if not session.realign or not line.startswith("the alignment"):
            print(f"storydiff: warning: {name}: left out {line}", file=stream)


def rebuilt(session: Session, name: str, *, rebuild: bool, quiet: bool, stream: TextIO | None = None) -> Session:
    """``session`` with its damaged alignment made again from its versions (``rebuild``), or a
    ``UsageError`` saying a re-alignment is needed. A session that needs none comes back as it is."""
    stream = stream or sys.stderr
    if not session.realign:
        return session
    problem = next(line for line in session.rebuild if line.startswith("the alignment"))
    if not rebuild:
        raise UsageError(f"{name}: {problem}; it needs a re-alignment: add --rebuild to align the versions again "
                         "(loads the model)")
    if not session.workspace.versions:
        raise UsageError(f"{name}: {problem}; the session has no versions to align again")
    comparison = _align(session, quiet=quiet)
    print(f"storydiff: warning: {name}: rebuilt {problem}", file=stream)
    return replace(session, comparison=comparison, realign=False)


def list_stale_notes(session: Session, name: str, *, stream: TextIO | None = None) -> None:
    """One warning per note whose target the (rebuilt) comparison no longer has."""
    from storydiff.storage.session_consistency import stale_notes

    stream = stream or sys.stderr
    for line in stale_notes(session.notes, session.comparison):
        print(f"storydiff: warning: {name}: {line}", file=stream)


def _align(session: Session, *, quiet: bool):
    # Imported here: loading the model costs seconds, and only --rebuild needs it.
    from storydiff.alignment.embedder import Embedder
    from storydiff.cli_progress import TerminalProgress
    from storydiff.workspace import run_comparison

    progress = TerminalProgress(sys.stderr, enabled=not quiet)
    embedder = Embedder(session.workspace.model)
    comparison = run_comparison(session.workspace, embedder=embedder, progress=progress)
    progress.finish()
    return comparison
