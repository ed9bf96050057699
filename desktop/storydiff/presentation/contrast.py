"""WCAG 2.x contrast between two colours, and the mix of a translucent colour over another.

Colours are ``#rrggbb`` strings or ``(red, green, blue)`` tuples of 0-255 integers. Qt-free,
so the contrast tests and the palette code use the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence

Colour = str | Sequence[int]

AA_TEXT = 4.5  # WCAG 2.x level AA for normal-size text


def rgb(colour: Colour) -> tuple[int, int, int]:
    """``colour`` as (red, green, blue) integers 0-255; accepts ``#rrggbb`` or a 3-sequence."""
    if isinstance(colour, str):
        text = colour.lstrip("#")
        if len(text) != 6:
            raise ValueError(f"not a #rrggbb colour: {colour!r}")
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    red, green, blue = (int(c) for c in colour)
    return red, green, blue


def _linear(channel: int) -> float:
    # The sRGB transfer curve, as WCAG 2.x defines relative luminance.
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Colour) -> float:
    """WCAG relative luminance in [0, 1] (0 black, 1 white)."""
    red, green, blue = rgb(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: Colour, second: Colour) -> float:
    """WCAG contrast ratio of two opaque colours, from 1.0 (same) to 21.0 (black on white);
    the order of the arguments does not matter."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(top: Colour, alpha: float, bottom: Colour) -> tuple[int, int, int]:
    """The opaque colour seen when ``top`` at opacity ``alpha`` (0-1) is painted over ``bottom``."""
    return tuple(round(t * alpha + b * (1.0 - alpha)) for t, b in zip(rgb(top), rgb(bottom)))  # type: ignore[return-value]
