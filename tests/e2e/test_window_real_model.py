"""The real window with the real model: start-up stays light, the sample shows up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

STARTUP_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from storydiff.app import build_window
window = build_window()
window.show()
app.processEvents()
heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
window.runner.shutdown()
"""


def test_window_is_shown_before_torch_is_imported(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "desktop"),
           "STORYDIFF_DATA_DIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", STARTUP_PROBE], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "HEAVY:\n" in done.stdout


def test_sample_opens_with_the_real_model(qtbot, tmp_path):
    from storydiff.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.comparison_shown, timeout=180_000,
                          check_params_cb=lambda c: c is not None) as blocker:
        window.open_sample()
    comparison = blocker.args[0]
    assert comparison.model == "all-MiniLM-L6-v2"
    assert len(comparison.rows) == 21
    assert any(c.after == "overpass" for c in comparison.changes)
    window.close()
