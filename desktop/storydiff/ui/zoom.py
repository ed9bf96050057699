"""Zoom for the reading views: the compare view (cells, column headers, row numbers), the
Quotes tab (table and details) and the details pane.

View ▸ Zoom In / Zoom Out / Actual Size and Ctrl+wheel over any of those views step through
``presentation.zoom.STEPS``; the level is a percentage of the reading font (the application
font, or the one Preferences sets through ``set_base_font``) and is kept in QSettings across
runs. The rest of the window (menus, toolbar, versions panel) keeps the system size, as in
browsers and Meld, so the controls stay where the user expects them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from storydiff.presentation.zoom import (
    ACTUAL_SIZE,
    STEPS,
    nearest_step,
    parse_zoom,
    scaled_size,
    wheel_steps,
    zoom_in,
    zoom_out,
)

SETTINGS_KEY = "zoom_percent"
MESSAGE_MS = 1500  # how long the status bar shows the new level


def saved_zoom() -> int:
    """The zoom level of the last run, in percent (100 for none or a bad value)."""
    return parse_zoom(QSettings().value(SETTINGS_KEY))


def scaled_font(base: QFont, percent: int) -> QFont:
    """A copy of ``base`` at ``percent`` of its size (points, or pixels for a pixel-sized font)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(scaled_size(base.pointSizeF(), percent))
    else:
        font.setPixelSize(max(1, round(scaled_size(base.pixelSize(), percent))))
    return font


class ZoomController(QObject):
    """Connects the window's zoom actions and Ctrl+wheel to the reading views.

    ``window`` is the MainWindow: its ``compare_view``, ``quotes_view`` and ``details_pane`` are
    zoomed, its ``action_zoom_in`` / ``action_zoom_out`` / ``action_zoom_reset`` connected and
    enabled by the level, its status bar told the new level.
    """

    zoom_changed = Signal(int)  # the new level, in percent

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._base = QFont(QApplication.font())
        self._percent = saved_zoom()
        self._wheel_rest = 0  # part of a wheel notch not yet turned into a step (touchpads)
        window.action_zoom_in.triggered.connect(lambda: self.set_zoom(zoom_in(self._percent)))
        window.action_zoom_out.triggered.connect(lambda: self.set_zoom(zoom_out(self._percent)))
        window.action_zoom_reset.triggered.connect(lambda: self.set_zoom(ACTUAL_SIZE))
        for viewport in self._wheel_surfaces():
            viewport.installEventFilter(self)
        self._apply()

    def zoom(self) -> int:
        """The current level, in percent."""
        return self._percent

    def set_zoom(self, percent: int) -> None:
        """Show the reading views at ``percent`` (snapped to the nearest step), remember it for
        the next run and show it in the status bar for a moment."""
        percent = nearest_step(percent)
        if percent == self._percent:
            return
        self._percent = percent
        QSettings().setValue(SETTINGS_KEY, percent)
        self._apply()
        self._window.statusBar().showMessage(f"Zoom {percent} %", MESSAGE_MS)
        self.zoom_changed.emit(percent)

    def base_font(self) -> QFont:
        """The reading font at 100 %."""
        return QFont(self._base)

    def set_base_font(self, font: QFont) -> None:
        """Read in ``font`` (family and size at 100 %); the zoom level multiplies its size."""
        self._base = QFont(font)
        self._apply()

    def text_font(self) -> QFont:
        """The reading font at the current level: what the zoomed views show."""
        return scaled_font(self._base, self._percent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+wheel zooms (and is not passed on: the views would scroll or zoom themselves).
        if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._on_wheel(event)
            return True
        return super().eventFilter(watched, event)

    def _on_wheel(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        steps, self._wheel_rest = wheel_steps(self._wheel_rest + delta)
        percent = self._percent
        for _ in range(abs(steps)):
            percent = zoom_in(percent) if steps > 0 else zoom_out(percent)
        self.set_zoom(percent)

    def _apply(self) -> None:
        font = self.text_font()
        window = self._window
        window.compare_view.set_text_font(font)
        window.quotes_view.set_text_font(font)
        window.details_pane.set_text_font(font)
        window.action_zoom_in.setEnabled(self._percent < STEPS[-1])
        window.action_zoom_out.setEnabled(self._percent > STEPS[0])
        window.action_zoom_reset.setEnabled(self._percent != ACTUAL_SIZE)

    def _wheel_surfaces(self) -> list[QWidget]:
        window = self._window
        scroll_areas = (window.compare_view.table, window.compare_view.frozen_table, window.quotes_view.table,
                        window.quotes_view.details, window.details_pane.text_view, window.details_pane.changes_view)
        return [area.viewport() for area in scroll_areas]
