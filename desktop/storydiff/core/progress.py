"""Progress and cancellation for long pure functions: ``f(inputs, *, progress)``."""

from __future__ import annotations

from typing import Protocol

from storydiff.core.errors import Cancelled


class Progress(Protocol):
    def report(self, fraction: float, message: str = "") -> None:
        """Report completion as a fraction in [0, 1] with a short message."""

    def cancelled(self) -> bool:
        """True once the caller wants the work to stop."""


class NullProgress:
    """Reports nowhere and is never cancelled."""

    def report(self, fraction: float, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return False


class SubProgress:
    """Maps a child's [0, 1] onto ``[low, high]`` of a parent progress."""

    def __init__(self, parent: Progress, low: float, high: float) -> None:
        self._parent, self._low, self._high = parent, low, high

    def report(self, fraction: float, message: str = "") -> None:
        fraction = min(1.0, max(0.0, fraction))
        self._parent.report(self._low + (self._high - self._low) * fraction, message)

    def cancelled(self) -> bool:
        return self._parent.cancelled()


def check(progress: Progress) -> None:
    """Raise ``Cancelled`` if the caller asked to stop."""
    if progress.cancelled():
        raise Cancelled("cancelled")
