"""One StoryDiff at a time per session file: an OS lock on ``<file>.lock``.

The lock sits on a side file, not on the session itself, because every save
replaces the session file with a new one (a lock on the old file would go with
it). The side file holds the owner's pid, for the message the next opener sees.
The OS drops the lock when its owner dies, so a lock left by a crash (or a
SIGKILL) is never in the way: the stale file is simply locked again.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from pathlib import Path

from storydiff.core.errors import StorageError

try:  # POSIX
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

log = logging.getLogger(__name__)

# Windows locks are mandatory: lock a byte far past the pid so others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 30
# A file system without locks (some network shares) must not keep the user from their work.
_NO_LOCKING = {errno.ENOLCK, errno.ENOTSUP, errno.EOPNOTSUPP}


def lock_path(path: Path) -> Path:
    """The side file that guards ``path``."""
    return path.with_name(path.name + ".lock")


class SessionLock:
    """An exclusive, non-blocking hold on one session file."""

    def __init__(self, path: Path) -> None:
        self.session = path
        self.path = lock_path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise ``StorageError`` naming the process that has it."""
        # Retry when the owner removed the side file between our open and our lock.
        for _ in range(5):
            fd = self._open()
            if not self._try_lock(fd):
                return
            if _same_file(fd, self.path):
                self._fd = fd
                _write_pid(fd)
                return
            os.close(fd)
        raise StorageError(f"{self.session}: cannot lock the session (its lock file keeps changing)")

    def release(self) -> None:
        """Give the lock up and remove the side file; harmless when not held."""
        if self._fd is None:
            return
        if fcntl is not None:
            # Removed while still locked, so that a waiting opener notices a new file.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError(f"{self.session}: cannot lock the session ({exc.strerror or exc})") from exc

    def _try_lock(self, fd: int) -> bool:
        """True when locked; False when this file system has no locks (then go unlocked)."""
        try:
            _lock(fd)
            return True
        except OSError as exc:
            pid = _read_pid(fd)
            os.close(fd)
            if exc.errno in _NO_LOCKING:
                log.warning("%s: file locks are not supported here; opening without a lock", self.session)
                return False
            owner = f"pid {pid}" if pid else "pid unknown"
            raise StorageError(f"{self.session}: already open in another StoryDiff window ({owner})") from exc


def _lock(fd: int) -> None:
    if fcntl is not None:
        # flock, not lockf: it also conflicts with a second open in the same process.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode())


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return int(os.read(fd, 32).decode("ascii").strip() or "0") or None
    except (OSError, ValueError):
        return None
