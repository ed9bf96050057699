"""The status bar's alignment progress: a message, a progress bar and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from storydiff.ui.workers.runner import TaskRunner


PROGRESS_STEPS = 1000  # a fraction of work done is shown as steps of this many


def status_progress_bar(bar: QStatusBar, max_width: int) -> QProgressBar:
    """A slim, textless progress bar for the status bar, ranged 0..``PROGRESS_STEPS``."""
    progress = QProgressBar(bar)
    progress.setRange(0, PROGRESS_STEPS)
    progress.setMaximumWidth(max_width)
    progress.setTextVisible(False)
    return progress


class AlignmentStatus:
    """Follows the runner's signals; the bar and button show only while work runs."""

    def __init__(self, bar: QStatusBar, runner: TaskRunner) -> None:
        self.bar = bar
        self.message = QLabel("Ready", bar)
        self.progress = status_progress_bar(bar, 220)
        self.cancel_button = QPushButton("Cancel", bar)
        self.cancel_button.setToolTip("Stop the running alignment (Esc)")
        bar.addWidget(self.message, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._set_busy(False)
        self.cancel_button.clicked.connect(runner.cancel)
        runner.started.connect(self._on_runner_started)
        runner.progressed.connect(self._on_runner_progressed)
        runner.finished.connect(self._on_runner_finished)
        runner.failed.connect(self._on_runner_failed)
        runner.cancelled.connect(self._on_runner_cancelled)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def _on_runner_started(self, _job: int) -> None:
        self._set_busy(True)
        self.message.setText("Aligning…")

    def _on_runner_progressed(self, _job: int, fraction: float, message: str) -> None:
        self.progress.setValue(round(PROGRESS_STEPS * fraction))
        if message:
            self.message.setText(message[:1].upper() + message[1:] + "…")

    def _on_runner_finished(self, _job: int, _result: object) -> None:
        self._set_busy(False)
        self.message.setText("Ready")

    def _on_runner_failed(self, _job: int, message: str, _expected: bool) -> None:
        self._set_busy(False)
        self.message.setText("Alignment failed: " + message.splitlines()[0] if message else "Alignment failed")

    def _on_runner_cancelled(self, _job: int) -> None:
        self._set_busy(False)
        self.message.setText("Alignment cancelled")
