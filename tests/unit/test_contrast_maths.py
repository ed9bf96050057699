"""The WCAG contrast arithmetic (presentation.contrast), against the standard's known values."""

from __future__ import annotations

import pytest

from storydiff.presentation.contrast import blend, contrast_ratio, relative_luminance, rgb


def test_black_on_white_is_21_and_same_colour_is_1():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


def test_order_does_not_matter():
    assert contrast_ratio("#336699", "#f0f0f0") == contrast_ratio("#f0f0f0", "#336699")


def test_known_values():
    # #767676 on white is the classic lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_rgb_accepts_tuples_and_rejects_bad_text():
    assert rgb((1, 2, 3)) == (1, 2, 3)
    assert rgb("#0a0B0c") == (10, 11, 12)
    with pytest.raises(ValueError):
        rgb("#fff")


def test_blend_mixes_by_opacity():
    assert blend("#ffffff", 0.0, "#000000") == (0, 0, 0)
    assert blend("#ffffff", 1.0, "#000000") == (255, 255, 255)
    assert blend("#ff0000", 0.5, "#0000ff") == (128, 0, 128)
