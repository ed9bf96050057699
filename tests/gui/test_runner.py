"""TaskRunner: one background job at a time, results and failures through queued signals."""

from __future__ import annotations

import threading
import time

import pytest

from storydiff.core.errors import Cancelled, InputError
from storydiff.ui.workers.runner import JobProgress, TaskRunner

TIMEOUT_MS = 5000


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner(debounce_ms=20)
    yield runner
    runner.shutdown()


def double(inputs, *, progress):
    return inputs * 2


def slow_until_cancelled(inputs, *, progress):
    """Loops (up to 10 s) until cancelled; ``inputs`` is an Event set on entry."""
    inputs.set()
    for _ in range(1000):
        if progress.cancelled():
            return "stopped early"  # a result the runner must not report
        time.sleep(0.01)
    return "ran to the end"


def test_result_arrives_on_finished(qtbot, runner):
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS) as blocker:
        runner.run_now(double, 21)
    job_id, result = blocker.args
    assert result == 42
    assert job_id >= 1


def test_started_carries_the_same_id_as_finished(qtbot, runner):
    events = []
    runner.started.connect(lambda job_id: events.append(("started", job_id)))
    runner.finished.connect(lambda job_id, result: events.append(("finished", job_id)))
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
        runner.run_now(double, 1)
    (started, first), (finished, second) = events
    assert (started, finished) == ("started", "finished")
    assert first == second


def test_expected_error_is_shown_as_its_message(qtbot, runner):
    def refuse(inputs, *, progress):
        raise InputError("notes.bin looks like a binary file")

    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT_MS) as blocker:
        runner.run_now(refuse, None)
    _, message, expected = blocker.args
    assert expected is True
    assert message == "notes.bin looks like a binary file"


def test_unexpected_error_is_logged_with_traceback(qtbot, runner, caplog):
    def crash(inputs, *, progress):
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT_MS) as blocker:
        runner.run_now(crash, None)
    _, message, expected = blocker.args
    assert expected is False
    assert "ZeroDivisionError" in message
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)


def test_cancel_stops_a_running_job_without_a_result(qtbot, runner):
    entered = threading.Event()
    finished = []
    runner.finished.connect(lambda *args: finished.append(args))
    with qtbot.waitSignal(runner.started, timeout=TIMEOUT_MS):
        runner.run_now(slow_until_cancelled, entered)
    assert entered.wait(TIMEOUT_MS / 1000)
    assert runner.is_busy()

    with qtbot.waitSignal(runner.cancelled, timeout=TIMEOUT_MS):
        runner.cancel()
    assert runner.wait(TIMEOUT_MS)
    assert finished == []
    assert not runner.is_busy()


def test_job_raising_cancelled_reports_cancelled(qtbot, runner):
    def give_up(inputs, *, progress):
        raise Cancelled("cancelled")

    with qtbot.waitSignal(runner.cancelled, timeout=TIMEOUT_MS):
        runner.run_now(give_up, None)


def test_rapid_requests_run_only_the_last(qtbot, runner):
    calls = []

    def record(inputs, *, progress):
        calls.append(inputs)
        return inputs

    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS) as blocker:
        for value in (1, 2, 3):
            runner.request(record, value)
    assert runner.wait(TIMEOUT_MS)
    assert calls == [3]
    assert blocker.args[1] == 3


def test_a_new_request_cancels_the_running_job(qtbot, runner):
    entered = threading.Event()
    results = []
    runner.finished.connect(lambda job_id, result: results.append(result))
    with qtbot.waitSignal(runner.started, timeout=TIMEOUT_MS):
        runner.run_now(slow_until_cancelled, entered)
    assert entered.wait(TIMEOUT_MS / 1000)

    with qtbot.waitSignals([runner.cancelled, runner.finished], order="strict", timeout=TIMEOUT_MS):
        runner.request(double, 5)
    assert results == [10]


def test_progress_arrives_on_the_ui_thread(qtbot, runner):
    seen = []

    def counting(inputs, *, progress):
        progress.report(0.5, "halfway")
        return None

    def on_progressed(job_id, fraction, message):
        seen.append((fraction, message, threading.current_thread() is threading.main_thread()))

    runner.progressed.connect(on_progressed)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
        runner.run_now(counting, None)
    assert seen == [(0.5, "halfway", True)]


def test_progress_is_throttled():
    emitted = []
    progress = JobProgress(lambda fraction, message: emitted.append(fraction), interval=10.0)
    for step in range(100):
        progress.report(step / 100)
    assert emitted == [0.0]


def test_shutdown_joins_the_worker(qtbot):
    runner = TaskRunner(debounce_ms=20)
    entered, left = threading.Event(), threading.Event()

    def slow(inputs, *, progress):
        entered.set()
        try:
            return slow_until_cancelled(threading.Event(), progress=progress)
        finally:
            left.set()

    with qtbot.waitSignal(runner.started, timeout=TIMEOUT_MS):
        runner.run_now(slow, None)
    assert entered.wait(TIMEOUT_MS / 1000)

    assert runner.shutdown(TIMEOUT_MS)
    assert left.is_set()
    assert not runner.is_busy()
    with qtbot.assertNotEmitted(runner.started, wait=100):
        runner.run_now(double, 1)
