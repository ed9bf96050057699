"""Progress on stderr for the command line, shown only when stderr is a terminal."""

from __future__ import annotations

from typing import TextIO


class TerminalProgress:
    """A one-line progress indicator; never cancelled (Ctrl+C interrupts instead)."""

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self._stream = stream
        self._enabled = enabled and stream.isatty()
        self._last = ""

    def report(self, fraction: float, message: str = "") -> None:
        if not self._enabled:
            return
        line = f"[{round(100 * fraction):3d}%] {message}"[:79]
        if line != self._last:
            self._stream.write("\r" + line.ljust(len(self._last)))
            self._stream.flush()
            self._last = line

    def cancelled(self) -> bool:
        return False

    def finish(self) -> None:
        """Clear the progress line."""
        if self._enabled and self._last:
            self._stream.write("\r" + " " * len(self._last) + "\r")
            self._stream.flush()
            self._last = ""
