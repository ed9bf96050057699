"""GUI fixtures: settings in a temporary folder, a sample comparison without the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.core.model import Comparison
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """QSettings (INI format) and every user folder point into ``tmp_path``."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("StoryDiffTests")
    QCoreApplication.setApplicationName("StoryDiffTests")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _clipboard_left_empty():
    """Every test leaves the clipboard empty: with Qt's offscreen platform (PySide6 6.11) a
    process that exits while the clipboard holds a QMimeData it was given crashes in Qt's
    teardown after every test passed (five lines of setMimeData and exit show it; xcb does
    not). Copy as Evidence puts QMimeData there."""
    yield
    from PySide6.QtGui import QGuiApplication

    if isinstance(QGuiApplication.instance(), QGuiApplication):
        QGuiApplication.clipboard().clear()


@pytest.fixture
def sample_files() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


@pytest.fixture
def sample_comparison(sample_files) -> Comparison:
    """The sample story compared with the bag-of-words fake (no model, fast)."""
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(sample_files, start=1)]
    return compare(versions, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


@pytest.fixture
def window(qtbot):
    """A shown 1280x800 main window on a FakeHolder; its imports and alignments stopped after the test."""
    from fakes import FakeHolder

    from storydiff.ui.main_window import MainWindow

    win = MainWindow(holder=FakeHolder())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.importer.shutdown()
    win.runner.shutdown()


@pytest.fixture
def new_window(qtbot):
    """Makes shown windows (a FakeHolder unless told otherwise); all shut down after the test."""
    from fakes import FakeHolder

    from storydiff.ui.main_window import MainWindow

    windows = []

    def make(holder=None):
        win = MainWindow(holder=holder or FakeHolder())
        qtbot.addWidget(win)
        win.resize(1000, 700)
        win.show()
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.runner.shutdown()
        if win.isVisible():
            win.sessions.mark_clean()  # no Save / Discard question when pytest-qt closes it
            win.sessions.close()  # the lock and the recovery file
