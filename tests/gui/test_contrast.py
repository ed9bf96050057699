"""WCAG AA contrast (>= 4.5:1) of every text/background pair the light and dark themes paint:
the palette's own pairs, and StoryDiff's: text on each change colour (also under the selection
tint), greyed text on omitted cells and tags, status badges, quieter secondary text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from storydiff.presentation.contrast import AA_TEXT, blend, contrast_ratio
from storydiff.ui.palette import CHANGE_BACKGROUNDS, SECONDARY_MIX, SELECTION_TINT, change_background
from storydiff.ui.theme import build_palette
from storydiff.ui.views.status_badge import STATUS_COLOURS, status_colours

Role = QPalette.ColorRole

PALETTE_PAIRS = (
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase), (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.AlternateBase), (Role.PlaceholderText, Role.Window),
    (Role.Link, Role.Base), (Role.LinkVisited, Role.Base), (Role.Link, Role.Window),
    (Role.WindowText, Role.Button), (Role.Text, Role.Window),
)


def _hex(palette: QPalette, role) -> str:
    return palette.color(role).name()


def theme_pairs(theme: str) -> list[tuple[str, str, str]]:
    """(what, foreground, background) for every text painted on a background in ``theme``."""
    palette = build_palette(theme)
    text, base = _hex(palette, Role.Text), _hex(palette, Role.Base)
    grey, highlight = _hex(palette, Role.PlaceholderText), _hex(palette, Role.Highlight)
    pairs = [(f"{fg.name}/{bg.name}", _hex(palette, fg), _hex(palette, bg)) for fg, bg in PALETTE_PAIRS]
    for kind in CHANGE_BACKGROUNDS:
        background = change_background(kind, palette).name()
        pairs.append((f"text on {kind}", text, background))
        pairs.append((f"text on selected {kind}", text, blend(highlight, SELECTION_TINT, background)))
    omitted = change_background("omitted", palette).name()
    pairs.append(("omitted cell text", grey, omitted))
    pairs.append(("omitted cell text, selected", grey, blend(highlight, SELECTION_TINT, omitted)))
    pairs.append(("deleted words, selected cell", grey, blend(highlight, SELECTION_TINT, base)))
    for status in STATUS_COLOURS:
        background, foreground = status_colours(status, palette)
        pairs.append((f"{status} badge", foreground.name(), background.name()))
    secondary = blend(text, SECONDARY_MIX, base)
    pairs.append(("secondary text", secondary, base))
    selected_text = _hex(palette, Role.HighlightedText)
    pairs.append(("secondary text, selected", blend(selected_text, SECONDARY_MIX, highlight), highlight))
    return pairs


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_pair_meets_wcag_aa(qapp, theme):
    failing = [(what, fg, bg, round(contrast_ratio(fg, bg), 2))
               for what, fg, bg in theme_pairs(theme) if contrast_ratio(fg, bg) < AA_TEXT]
    assert failing == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_pairs_cover_every_change_kind_and_status(qapp, theme):
    names = {what for what, _, _ in theme_pairs(theme)}
    assert {f"text on {kind}" for kind in CHANGE_BACKGROUNDS} <= names
    assert {f"{status} badge" for status in STATUS_COLOURS} <= names


def test_dark_palette_reads_as_dark_and_light_as_light(qapp):
    from storydiff.ui.palette import is_dark

    assert is_dark(build_palette("dark"))
    assert not is_dark(build_palette("light"))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_check_box_and_radio_edges_stand_out_3_to_1(qapp, theme):
    # WCAG 1.4.11: a control's boundary against what is around it (window and field colours).
    from storydiff.ui.theme import indicator_outline

    palette = build_palette(theme)
    edge = indicator_outline(palette).name()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert contrast_ratio(edge, _hex(palette, role)) >= 3.0, (theme, role)


def test_an_unchecked_box_is_painted_with_its_outline_in_the_dark_theme(qapp):
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    from storydiff.ui.theme import apply_theme, indicator_outline

    apply_theme(qapp, "dark")
    try:
        box = QCheckBox("Own font")
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        edge = indicator_outline(box.palette())
        left = image.pixelColor(indicator.left(), indicator.center().y())
        assert contrast_ratio(left.name(), edge.name()) < 1.3  # the outline, not Fusion's dark edge
        assert contrast_ratio(left.name(), _hex(box.palette(), QPalette.ColorRole.Window)) >= 3.0
    finally:
        apply_theme(qapp, "system")
