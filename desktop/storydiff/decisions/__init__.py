"""The user's manual corrections of a comparison, kept as decisions and replayed on demand.

A decision names passages by ``Node`` (version id, passage index), never by row
number, so the same decisions can be replayed on a fresh alignment of the same
versions (another threshold, a version added): that is what "pinned" means.
Decisions that no longer fit are skipped and reported, never raised.

- ``link``, ``unlink``, ``split``, ``merge``, ``mark_moved``, ``quote_status``
  build a ``storage.session_values.Decision`` whose payload is plain JSON;
- ``apply_decisions(comparison, decisions)`` replays them in order and rebuilds
  the comparison with ``engine.assemble`` (no model needed);
- ``describe(decision)`` is a short label for an undo menu.

Qt-free: the window wraps these in undo commands.
"""

from storydiff.decisions.apply import Applied, apply_decisions
from storydiff.decisions.make import (
    KINDS,
    STATUSES,
    Node,
    describe,
    link,
    mark_moved,
    merge,
    quote_status,
    split,
    unlink,
)

__all__ = [
    "KINDS", "STATUSES", "Applied", "Node", "apply_decisions", "describe", "link", "mark_moved", "merge",
    "quote_status", "split", "unlink",
]
