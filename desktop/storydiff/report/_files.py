"""Writing exports so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from storydiff.core.errors import StoryDiffError
from storydiff.core.files import mode_for

# mkstemp creates files readable by the owner only; a new report is meant to be shared.


class ExportError(StoryDiffError):
    """An export cannot be written (missing folder, no permission, disk full)."""

    exit_code = 2


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, replacing it in one step.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` with ``os.replace``: readers see the old file or the new one.
    Raises ``ExportError`` when the file cannot be written.
    """
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"Cannot write {target}: {error.strerror or error}") from error
    try:
        _fill(fd, text)
        os.chmod(temp, mode_for(target))
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise ExportError(f"Cannot write {target}: {error.strerror or error}") from error
        raise


def _fill(fd: int, text: str) -> None:
    """Write and flush to disk, so the rename never publishes an empty file."""
    # newline="\n": the same bytes on every platform.
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
