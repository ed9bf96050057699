"""A progress bar on stderr for ``storydiff batch``, drawn only when stderr is a terminal."""

from __future__ import annotations

import time
from typing import TextIO

WIDTH = 24


class ProgressBar:
    """``report(fraction, message)`` redraws one line: a bar, the percentage, the elapsed time and
    the message; redraws at most ten times a second. Never cancelled (Ctrl+C interrupts)."""

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self._stream = stream
        self._enabled = enabled and stream.isatty()
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def report(self, fraction: float, message: str = "") -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if now - self._drawn < 0.1 and fraction < 1.0:
            return
        self._drawn = now
        self._draw(render_bar(fraction, message, now - self._start))

    def cancelled(self) -> bool:
        return False

    def finish(self) -> None:
        if self._enabled and self._width:
            self._draw("")
            self._stream.write("\r")
            self._stream.flush()

    def _draw(self, line: str) -> None:
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)


def render_bar(fraction: float, message: str, seconds: float) -> str:
    """``[#########---------------]  37%  1:05  message``, at most 100 characters."""
    fraction = min(1.0, max(0.0, fraction))
    filled = round(WIDTH * fraction)
    minutes, secs = divmod(int(seconds), 60)
    return f"[{'#' * filled}{'-' * (WIDTH - filled)}] {round(100 * fraction):3d}% {minutes}:{secs:02d}  {message}"[:100]
