"""Help ▸ StoryDiff Help (F1): the user guide shipped in ``resources/help``, read locally in a
QTextBrowser window.

Links inside the guide (its contents, sections) are followed in the window, with Back and
Forward; links to web pages open in the desktop's browser (QDesktopServices). The colour
samples in the guide are classes whose colours come from the window's own tables
(``ui.palette``, ``status_badge``) for the current theme, so the guide shows exactly the
colours the window paints, light or dark.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from storydiff.presentation.quotes import STATUSES
from storydiff.resources import resource_path
from storydiff.ui.accessibility import add_change_cue
from storydiff.ui.palette import change_background
from storydiff.ui.views.status_badge import LOUD, status_colours
from storydiff.ui.dialogs.single import show_one

log = logging.getLogger(__name__)

GUIDE = ("help", "guide.html")
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
_CHANGE_CLASSES = ("insertion", "substitution", "serious", "trivial", "moved", "omitted")
CUE_ANCHOR = "cue-"  # <a name="cue-insertion">: a sample that gets the window's line for that kind


def guide_path() -> Path:
    """The user guide's HTML file among the application's resources."""
    return resource_path(*GUIDE)


def guide_style_sheet(palette: QPalette) -> str:
    """CSS for the guide's colour samples: change classes, deleted words and status badges,
    in the colours the window paints with ``palette`` (light or dark)."""
    rules = [f".{name} {{ background-color: {change_background(name, palette).name()}; }}"
             for name in _CHANGE_CLASSES]
    grey = palette.color(QPalette.ColorRole.PlaceholderText).name()
    rules.append(f".omitted {{ color: {grey}; }}")
    rules.append(f".deleted {{ color: {grey}; text-decoration: line-through; }}")
    for status in STATUSES:
        background, text = status_colours(status, palette)
        weight = "bold" if status in LOUD else "normal"
        rules.append(f".status-{status} {{ background-color: {background.name()}; color: {text.name()};"
                     f" font-weight: {weight}; }}")
    return "\n".join(rules)


def add_cues(document: QTextDocument) -> None:
    """Give each change sample (text inside ``<a name="cue-KIND">``) the line the window draws
    under changes of that kind, so that the guide shows the window's own marks."""
    for start, end, kind in _cue_ranges(document):
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(add_change_cue(QTextCharFormat(), kind))


def _cue_ranges(document: QTextDocument) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every sample anchored ``cue-KIND``: from the anchor to where
    the sample's background ends (Qt names only the anchor's first fragment)."""
    ranges = []
    block = document.begin()
    while block.isValid():
        iterator, kind, start, background = block.begin(), None, 0, None
        while not iterator.atEnd():
            fragment = iterator.fragment()
            style = fragment.charFormat()
            if kind is not None and style.background() != background:
                ranges.append((start, fragment.position(), kind))
                kind = None
            names = [n for n in style.anchorNames() if n.startswith(CUE_ANCHOR)]
            if names:
                kind, start, background = names[0].removeprefix(CUE_ANCHOR), fragment.position(), style.background()
            iterator += 1
        if kind is not None:
            ranges.append((start, block.position() + block.length() - 1, kind))
        block = block.next()
    return ranges


class HelpWindow(QWidget):
    """The user guide in its own window: Back, Forward, Contents, and the guide below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help_window")
        self.setWindowTitle("StoryDiff Help")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # followed by _on_browser_anchor_clicked
        self.browser.setAccessibleName("User guide")
        self.back_button = _button("‹ Back", "Go back (Alt+Left)", self)
        self.forward_button = _button("Forward ›", "Go forward (Alt+Right)", self)
        self.home_button = _button("Contents", "Go to the start of the guide", self)
        self._lay_out()
        self._connect()
        self.resize(780, 640)
        self.open_guide()

    def open_guide(self) -> None:
        """Show the guide from its start (a note in the window if the file is missing)."""
        path = guide_path()
        if not path.is_file():
            log.error("the user guide is missing: %s", path)
            self.browser.setPlainText(f"The user guide was not found at {path}.")
            return
        self._style()
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        add_cues(self.browser.document())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self.browser.source().isEmpty():
            self._style()  # the theme changed: the colour samples follow it
            self.browser.reload()
            add_cues(self.browser.document())

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.browser, 1)

    def _connect(self) -> None:
        browser = self.browser
        browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        browser.backwardAvailable.connect(self.back_button.setEnabled)
        browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.clicked.connect(browser.backward)
        self.forward_button.clicked.connect(browser.forward)
        self.home_button.clicked.connect(self.open_guide)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, browser.forward)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)  # the desktop's browser or mail program
            return
        self.browser.setSource(self.browser.source().resolved(url))

    def _style(self) -> None:
        self.browser.document().setDefaultStyleSheet(guide_style_sheet(self.browser.palette()))


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setEnabled(text == "Contents")  # Back and Forward wait for a history
    return button


def show_user_guide(parent: QWidget) -> HelpWindow:
    """Show (or raise) ``parent``'s help window, opened on the user guide."""
    return show_one(parent, HelpWindow, "help_window")
