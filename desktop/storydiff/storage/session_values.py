"""The values a session file holds besides the comparison: decisions, notes, the session itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from storydiff.core.model import Comparison

if TYPE_CHECKING:  # the engine sits above storage; only the loader builds one
    from storydiff.workspace import Workspace

# What a note can be attached to. ``Note.target_id`` is, for a row, its first reference
# passage as "version_id:passage_index" (stable across re-alignment); for a quote, the
# first 80 characters of its canonical wording; for a version, the version id.
NOTE_TARGETS = frozenset({"row", "quote", "version"})

# model id -> sha256 of the text (``storage.cache.text_key``) -> unit float32 vector.
Embeddings = dict[str, dict[str, np.ndarray]]


def now_iso() -> str:
    """The current UTC time as ISO 8601 to the second, e.g. ``2026-11-25T10:00:00+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Decision:
    """One manual correction (link, unlink, split, merge, a quote status...).

    ``payload`` is JSON-ready data whose shape depends on ``kind``; ``created``
    is an ISO 8601 time. The session keeps decisions in the order given.
    """

    kind: str
    payload: dict[str, Any]
    created: str = field(default_factory=now_iso)


@dataclass(frozen=True)
class Note:
    """A user's note on a row, a quote or a version (see ``NOTE_TARGETS``)."""

    target_kind: str
    target_id: str
    text: str
    created: str = field(default_factory=now_iso)
    modified: str | None = None

    def __post_init__(self) -> None:
        if self.target_kind not in NOTE_TARGETS:
            raise ValueError(f"a note targets a row, a quote or a version, not {self.target_kind!r}")


@dataclass(frozen=True)
class Session:
    """Everything read back from a session file.

    ``comparison`` is None when the file was saved before the first comparison
    finished. ``read_only`` is True when the file (or its folder) cannot be
    written: saving to it raises ``StorageError``. ``embeddings`` are the
    passage vectors saved with it (not compared: numpy arrays have no ``==``).
    """

    path: Path
    comparison: Comparison | None
    workspace: Workspace
    decisions: tuple[Decision, ...] = ()
    notes: tuple[Note, ...] = ()
    embeddings: Embeddings = field(default_factory=dict, compare=False)
    app_version: str = ""
    saved_at: str = ""
    read_only: bool = False
    # How the window showed it (column order, hidden versions...): JSON data the window reads.
    view: dict[str, Any] = field(default_factory=dict)
    # What was damaged and left out, to be rebuilt: one line each, e.g. "the alignment (rows,
    # changes, quotes, statistics): row 12 names passage 40 of “Reuters”, which has 31 passages".
    rebuild: tuple[str, ...] = ()
    # True when the saved comparison was damaged and left out (``comparison`` is None): the
    # versions need aligning again, with the model.
    realign: bool = False
    # What the file held that StoryDiff did not create (triggers, views, tables...): never run,
    # never read, left out of the next save.
    ignored: tuple[str, ...] = ()
