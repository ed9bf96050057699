"""Entry point: `storydiff [FILE...]` opens the window, `storydiff compare ...` runs headless.

The only module that wires layers together. PySide6 is imported only when the
window is wanted, so the command line stays light.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from storydiff import __version__

CLI_WORDS = {"compare", "quotes", "export", "-h", "--help", "--version"}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the command line or the window; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLI_WORDS:
        from storydiff.cli import main as cli_main

        return cli_main(argv)
    return run_window(argv)


def window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Open the StoryDiff window (or run `storydiff compare --help` for the command line).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="versions of a story to open")
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
    window = build_window()
    window.show()
    first_run = not QSettings().value("first_run_done", False, type=bool)
    if args.files:
        window.open_files(args.files)
    elif args.sample or first_run:
        window.open_sample()
    else:
        window.warm_model()
    QSettings().setValue("first_run_done", True)
    return app.exec()


def build_window():
    """The main window with its engine parts (the one place where layers meet)."""
    from storydiff.ui.main_window import MainWindow

    return MainWindow()
