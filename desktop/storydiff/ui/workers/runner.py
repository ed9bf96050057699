"""One background executor for long pure functions ``fn(inputs, *, progress) -> result``.

The window hands work to a ``TaskRunner`` and gets the outcome back through queued
signals on the UI thread. Only one job runs at a time; a newer request cancels the
running job (its ``progress.cancelled()`` turns True) and replaces any request still
waiting, so work is merged, never queued (the Orange3 pattern). ``request`` also
waits for a quiet period (debounce), so a dragged slider starts one job, not fifty.

Every job that starts gets an id, a ``started(id)`` signal, and then exactly one of
``finished``, ``failed`` or ``cancelled`` with that id. The job function runs on the
worker thread and must not touch widgets; results come back as plain objects.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, Qt, QThreadPool, QTimer, Signal

from storydiff.core.errors import Cancelled, StoryDiffError

log = logging.getLogger(__name__)

TaskFunction = Callable[..., Any]  # fn(inputs, *, progress) -> result

# At most one progress signal per this many seconds, so a tight loop cannot flood the UI.
PROGRESS_INTERVAL = 0.05


class JobProgress:
    """The ``Progress`` handed to a job: a thread-safe cancel flag and throttled reports.

    ``report`` is called on the worker thread; ``emit(fraction, message)`` must be
    safe to call from there (a signal emission is).
    """

    def __init__(self, emit: Callable[[float, str], None], interval: float = PROGRESS_INTERVAL) -> None:
        self._emit = emit
        self._interval = interval
        self._last = float("-inf")
        self._cancel = threading.Event()

    def report(self, fraction: float, message: str = "") -> None:
        """Forward ``fraction`` in [0, 1] and ``message``, dropping reports that come too fast."""
        now = time.monotonic()
        if self._cancel.is_set() or now - self._last < self._interval:
            return
        self._last = now
        self._emit(min(1.0, max(0.0, float(fraction))), str(message))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


@dataclass
class _Job:
    id: int
    fn: TaskFunction
    inputs: Any
    progress: JobProgress | None = None


@dataclass(frozen=True)
class _Outcome:
    """What a job ended with, sent from the worker thread to the UI thread."""

    job_id: int
    kind: str  # "finished", "failed" or "cancelled"
    result: Any = None
    message: str = ""
    expected: bool = False


def _execute(job: _Job) -> _Outcome:
    """Run ``job`` on the calling (worker) thread and describe how it ended."""
    try:
        result = job.fn(job.inputs, progress=job.progress)
    except Cancelled:
        return _Outcome(job.id, "cancelled")
    except StoryDiffError as exc:
        return _Outcome(job.id, "failed", message=str(exc) or type(exc).__name__, expected=True)
    except Exception as exc:  # a bug: keep the traceback in the log, show a short line
        log.exception("background job %d (%s) failed", job.id, getattr(job.fn, "__name__", job.fn))
        message = f"Unexpected error: {type(exc).__name__}: {exc} (details in the log)"
        return _Outcome(job.id, "failed", message=message, expected=False)
    return _Outcome(job.id, "finished", result=result)


def _emit_safely(signal: Any, *args: Any) -> None:
    """Emit from the worker thread; the runner may be gone if nobody called ``shutdown``."""
    try:
        signal.emit(*args)
    except RuntimeError:  # its C++ object was deleted: nobody is listening any more
        log.debug("task runner gone; dropping %r", args[:1])


class TaskRunner(QObject):
    """Runs one ``fn(inputs, *, progress)`` at a time off the UI thread.

    Call ``shutdown()`` before the owner goes away (from ``closeEvent``): it cancels
    and joins the running job, and no signal is emitted after it.
    """

    started = Signal(int)
    progressed = Signal(int, float, str)
    finished = Signal(int, object)
    failed = Signal(int, str, bool)
    cancelled = Signal(int)

    # Emitted on the worker thread, delivered queued on the UI thread.
    _job_progressed = Signal(int, float, str)
    _job_ended = Signal(object)

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = 200) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._job_progressed.connect(self._on_job_progressed, Qt.ConnectionType.QueuedConnection)
        self._job_ended.connect(self._on_job_ended, Qt.ConnectionType.QueuedConnection)
        self._pending: _Job | None = None  # the newest request, not started yet
        self._running: _Job | None = None
        self._next_id = 1
        self._closed = False

    # -- public API ------------------------------------------------------------

    def request(self, fn: TaskFunction, inputs: Any) -> None:
        """Run ``fn(inputs)`` once requests have been quiet for the debounce interval.

        A request replaces any earlier one that has not started; when the timer
        fires, the running job is cancelled and this one starts once it has stopped.
        """
        if self._accept(fn, inputs):
            self._debounce.start()

    def run_now(self, fn: TaskFunction, inputs: Any) -> None:
        """Like ``request`` without the debounce: cancel the running job, then start."""
        if self._accept(fn, inputs):
            self._debounce.stop()
            self._launch_pending()

    def cancel(self) -> None:
        """Drop any waiting request and ask the running job to stop.

        The running job ends with ``cancelled`` once its function notices.
        """
        self._debounce.stop()
        self._pending = None
        if self._running is not None:
            self._running.progress.cancel()

    def is_busy(self) -> bool:
        """True while a job runs or a request waits (for the debounce or the worker)."""
        return self._running is not None or self._pending is not None

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Process events until nothing runs or waits; False on timeout. For tests and shutdown."""
        clock = QElapsedTimer()
        clock.start()
        while self.is_busy():
            if clock.elapsed() >= timeout_ms:
                return False
            self._pool.waitForDone(10)
            QCoreApplication.processEvents()
        return True

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel everything and join the worker (``-1``: wait as long as it takes).

        Returns False if the job did not stop in time. No signal follows, and later
        requests are ignored.
        """
        self.cancel()
        self._closed = True
        self._running = None
        return self._pool.waitForDone(timeout_ms)

    # -- scheduling (UI thread) --------------------------------------------------

    def _accept(self, fn: TaskFunction, inputs: Any) -> bool:
        """Keep ``fn(inputs)`` as the newest request; False once shut down."""
        if self._closed:
            log.debug("ignoring a request after shutdown: %s", fn)
            return False
        self._pending = _Job(0, fn, inputs)
        return True

    def _on_debounce_timeout(self) -> None:
        self._launch_pending()

    def _launch_pending(self) -> None:
        """Start the waiting request now if the worker is free, else stop the running job first."""
        if self._running is not None:
            self._running.progress.cancel()  # _on_job_ended starts the pending job
            return
        if self._pending is None:
            return
        job, self._pending = self._pending, None
        self._start(job)

    def _start(self, job: _Job) -> None:
        job.id, self._next_id = self._next_id, self._next_id + 1
        job_id, progressed, ended = job.id, self._job_progressed, self._job_ended

        # Both closures run on the worker thread: they only emit, never read runner state.
        def emit_progress(fraction: float, message: str) -> None:
            _emit_safely(progressed, job_id, fraction, message)

        job.progress = JobProgress(emit_progress)
        self._running = job
        self.started.emit(job.id)
        self._pool.start(lambda: _emit_safely(ended, _execute(job)))

    # -- results (UI thread) -----------------------------------------------------

    def _on_job_progressed(self, job_id: int, fraction: float, message: str) -> None:
        job = self._running
        # A superseded or cancelled job's progress would only confuse the status bar.
        if job is not None and job.id == job_id and not job.progress.cancelled():
            self.progressed.emit(job_id, fraction, message)

    def _on_job_ended(self, outcome: _Outcome) -> None:
        job = self._running
        if job is None or job.id != outcome.job_id:
            return  # ended after shutdown
        self._running = None
        self._announce(job, outcome)
        self._launch_pending()

    def _announce(self, job: _Job, outcome: _Outcome) -> None:
        """Emit the one terminal signal for ``job``; a cancelled job never reports a result."""
        if job.progress.cancelled() or outcome.kind == "cancelled":
            self.cancelled.emit(job.id)
        elif outcome.kind == "failed":
            self.failed.emit(job.id, outcome.message, outcome.expected)
        else:
            self.finished.emit(job.id, outcome.result)
