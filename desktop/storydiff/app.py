"""Entry point: `storydiff [FILE...]` opens the window, `storydiff compare ...` runs headless.

In the window, a FILE ending in ``.storydiff`` is a saved session; any other is a version.

The only module that wires layers together. PySide6 is imported only when the
window is wanted, so the command line stays light.
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import sys
from collections.abc import Sequence

from storydiff import __version__

APP_ID = "io.github.storydiff.StoryDiff"  # the desktop entry, AppStream and icon name
CLI_WORDS = {"compare", "quotes", "export", "-h", "--help", "--version"}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the command line or the window; returns the exit code."""
    multiprocessing.freeze_support()  # the model's child process in a frozen bundle
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLI_WORDS:
        from storydiff.cli import main as cli_main

        return cli_main(argv, pdf_writer=write_pdf)
    return run_window(argv)


def write_pdf(comparison, path, page_size=None, provenance=None) -> None:
    """The command line's ``--pdf``: Qt draws the PDF, so the CLI gets this from here."""
    from storydiff.ui.pdf_export import write_pdf as draw_pdf

    draw_pdf(comparison, path, page_size=page_size, provenance=provenance)


def window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Open the StoryDiff window (or run `storydiff compare --help` for the command line).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="versions of a story to open, or a saved session (FILE.storydiff)")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample story")
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    return parser


def run_window(argv: Sequence[str]) -> int:
    args = window_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="storydiff: %(levelname)s: %(name)s: %(message)s")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("StoryDiff")
    app.setApplicationName("StoryDiff")
    app.setApplicationVersion(__version__)
    _set_identity(app)
    from storydiff.ui.preferences import apply_to_application, load_preferences
    from storydiff.ui.session_controller import restore_unsaved_work

    apply_to_application(app, load_preferences())  # the theme; each window applies the rest

    windows = [build_window()]  # kept referenced while the application runs

    def another_window():
        windows.append(build_window())
        windows[-1].show()
        return windows[-1]

    window = windows[0]
    window.show()
    first_run = not QSettings().value("first_run_done", False, type=bool)
    restored = restore_unsaved_work(window, another_window)
    if args.files:
        open_paths(another_window() if restored else window, args.files, another_window)
    elif restored:
        pass  # the restored work is on screen; a session opens without the model
    elif args.sample or first_run:
        window.open_sample()
    else:
        window.warm_model()
    QSettings().setValue("first_run_done", True)
    return app.exec()


def _set_identity(app) -> None:
    """The icon, and the desktop entry id that Wayland uses to match the window with the
    installed menu entry (packaging/io.github.storydiff.StoryDiff.desktop)."""
    from PySide6.QtGui import QIcon

    from storydiff.resources import resource_path

    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", "storydiff.svg"))))


def build_window():
    """The main window with its engine parts (the one place where layers meet)."""
    from storydiff.ui.main_window import MainWindow

    window = MainWindow()
    # Everything imported so far lives as long as the process. Freezing it keeps the
    # garbage collector's full passes (tens of ms on the UI thread) from rescanning it.
    gc.freeze()
    return window


def open_paths(window, paths: Sequence[str], another_window) -> None:
    """Open the command line's files: the first session in ``window``, further sessions in
    windows from ``another_window()``, and the other files as versions in ``window``."""
    from storydiff.storage.session import SUFFIX

    sessions = [p for p in paths if p.lower().endswith(SUFFIX)]
    for number, path in enumerate(sessions):
        (window if number == 0 else another_window()).sessions.open(path)
    stories = [p for p in paths if not p.lower().endswith(SUFFIX)]
    if stories:
        window.open_files(stories)
