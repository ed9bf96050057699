"""Writing exports so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from storydiff.core.errors import StoryDiffError
from storydiff.core.files import mode_for

# mkstemp creates files readable by the owner only; a new report is meant to be shared.


class ExportError(StoryDiffError):
    """An export cannot be written (missing folder, no permission, disk full)."""

    exit_code = 2


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, replacing it in one step (see ``replace_atomic``).
    Raises ``ExportError`` when the file cannot be written."""
    replace_atomic(path, lambda temp: _fill(temp, text))


def replace_atomic(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """Have ``write(temp)`` fill a temporary file in ``path``'s folder, which then replaces
    ``path`` with ``os.replace``: readers see the old file or the new one, never half of one.
    Raises ``ExportError`` when the file cannot be written (other errors of ``write`` pass
    through, and the temporary file is removed either way)."""
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"Cannot write {target}: {error.strerror or error}") from error
    os.close(fd)
    try:
        write(temp)
        os.chmod(temp, mode_for(target))
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise ExportError(f"Cannot write {target}: {error.strerror or error}") from error
        raise


def _fill(temp: str, text: str) -> None:
    """Write and flush to disk, so the rename never publishes an empty file."""
    # newline="\n": the same bytes on every platform.
    with open(temp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
