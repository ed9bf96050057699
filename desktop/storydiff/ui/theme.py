"""Light, dark and system themes, applied to the running application without a restart.

Light and dark use the Fusion style with a full palette of our own (every colour role,
active and disabled), chosen so that every text/background pair meets WCAG AA (4.5:1;
tests/gui/test_contrast.py measures them). "system" gives the platform's own style and
palette back, and follows it when the desktop switches between light and dark.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

from storydiff.presentation.preferences import THEMES

log = logging.getLogger(__name__)

Role = QPalette.ColorRole

# role -> colour for the active and inactive groups
LIGHT = {
    Role.Window: "#efefef", Role.WindowText: "#1a1a1a",
    Role.Base: "#ffffff", Role.AlternateBase: "#f5f5f5", Role.Text: "#1a1a1a",
    Role.Button: "#e8e8e8", Role.ButtonText: "#1a1a1a", Role.BrightText: "#ffffff",
    Role.ToolTipBase: "#ffffdc", Role.ToolTipText: "#1a1a1a",
    Role.PlaceholderText: "#4f4f4f",
    Role.Highlight: "#22518f", Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57b0", Role.LinkVisited: "#6a3aa8",
    Role.Light: "#ffffff", Role.Midlight: "#f4f4f4", Role.Mid: "#a8a8a8",
    Role.Dark: "#9f9f9f", Role.Shadow: "#707070", Role.Accent: "#22518f",
}
DARK = {
    Role.Window: "#353535", Role.WindowText: "#e8e8e8",
    Role.Base: "#1f1f1f", Role.AlternateBase: "#282828", Role.Text: "#e8e8e8",
    Role.Button: "#404040", Role.ButtonText: "#e8e8e8", Role.BrightText: "#ffffff",
    Role.ToolTipBase: "#3c3c3c", Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#a6a6a6",
    Role.Highlight: "#1f4f8a", Role.HighlightedText: "#ffffff",
    Role.Link: "#7ab8ff", Role.LinkVisited: "#c7a4ff",
    Role.Light: "#555555", Role.Midlight: "#4a4a4a", Role.Mid: "#6a6a6a",
    Role.Dark: "#1a1a1a", Role.Shadow: "#0d0d0d", Role.Accent: "#1f4f8a",
}
# Disabled controls are exempt from WCAG contrast; they are dimmed on purpose.
LIGHT_DISABLED = {Role.WindowText: "#8c8c8c", Role.Text: "#8c8c8c", Role.ButtonText: "#8c8c8c",
                  Role.Highlight: "#b4b4b4", Role.HighlightedText: "#f0f0f0"}
DARK_DISABLED = {Role.WindowText: "#7a7a7a", Role.Text: "#7a7a7a", Role.ButtonText: "#7a7a7a",
                 Role.Highlight: "#4a4a4a", Role.HighlightedText: "#9a9a9a"}

_system: dict[str, object] = {}  # the platform's style name, remembered before the first change


def theme_colours(name: str) -> dict[QPalette.ColorRole, str]:
    """The active colours (role -> ``#rrggbb``) of the "light" or "dark" theme."""
    return {"light": LIGHT, "dark": DARK}[name]


def build_palette(name: str) -> QPalette:
    """The full palette of the "light" or "dark" theme (active, inactive and disabled groups)."""
    colours = theme_colours(name)
    disabled = LIGHT_DISABLED if name == "light" else DARK_DISABLED
    palette = QPalette()
    for role, colour in colours.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            palette.setColor(group, role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, name: str) -> None:
    """Switch the running application to theme ``name`` (one of ``THEMES``); every window
    repaints at once. An unknown name is logged and treated as "system"."""
    if name not in THEMES:
        log.warning("unknown theme %r; using the system theme", name)
        name = "system"
    _system.setdefault("style", app.style().name())
    if name == "system":
        app.setStyle(str(_system["style"]))
        # An empty palette resolves every role from the platform again (and keeps following it).
        QGuiApplication.setPalette(QPalette())
    else:
        app.setStyle(OutlinedIndicators())
        app.setPalette(build_palette(name))
    app.setProperty("storydiff_theme", name)


class OutlinedIndicators(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined in the palette's placeholder-text
    colour: Fusion outlines them in a shade of the window colour, about 1.3:1 on the dark
    theme (an unchecked box all but vanished); WCAG 1.4.11 asks 3:1 for a control's edge."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter: QPainter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                           QStyle.PrimitiveElement.PE_IndicatorRadioButton):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(indicator_outline(option.palette), 1.0))
        painter.setBrush(QColor(0, 0, 0, 0))
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 1.5, 1.5)
        painter.restore()


def indicator_outline(palette: QPalette) -> QColor:
    """The edge colour of check boxes and radio buttons under ``OutlinedIndicators``."""
    return palette.color(QPalette.ColorRole.PlaceholderText)


def restyle_widgets(app: QApplication) -> None:
    """Re-read every widget style sheet: one naming palette colours (``palette(mid)``) keeps
    the colours of the theme it was first applied in until it is set again. Call it once the
    event loop has handed the new palette to the widgets (after ``apply_theme`` returns)."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def current_theme(app: QApplication) -> str:
    """The theme last applied with ``apply_theme`` ("system" if none was)."""
    return app.property("storydiff_theme") or "system"
