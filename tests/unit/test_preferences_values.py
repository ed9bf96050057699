"""Preferences from stored text: good values kept, bad ones back to the default with a warning."""

from __future__ import annotations

import logging

import pytest

from storydiff.presentation.preferences import Preferences, parse_preferences


def test_missing_values_are_the_defaults_quietly(caplog):
    with caplog.at_level(logging.WARNING):
        assert parse_preferences({}) == Preferences()
    assert caplog.records == []


def test_stored_text_is_converted():
    raw = {"model": "/models/x", "threshold": "0.8", "show_trivial": "false", "font_family": "Serif",
           "font_size": "13.5", "theme": "dark", "autosave_minutes": "5", "cache_folder": "/tmp/c"}
    assert parse_preferences(raw) == Preferences("/models/x", 0.8, False, "Serif", 13.5, "dark", 5, "/tmp/c")


def test_round_trip_through_raw_values():
    prefs = Preferences(threshold=0.6, show_trivial=False, theme="light", autosave_minutes=0, font_size=12.0)
    assert parse_preferences(prefs.to_raw()) == prefs


@pytest.mark.parametrize("name, value", [
    ("threshold", "abc"), ("threshold", "7.0"), ("threshold", 0.1), ("theme", "purple"),
    ("show_trivial", "maybe"), ("autosave_minutes", "-3"), ("autosave_minutes", "2.5"),
    ("font_size", "400"), ("font_size", "big"),
])
def test_a_bad_value_falls_back_with_a_warning(caplog, name, value):
    with caplog.at_level(logging.WARNING):
        prefs = parse_preferences({name: value, "theme": "dark"} if name != "theme" else {name: value})
    assert getattr(prefs, name) == getattr(Preferences(), name)
    assert any(name in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    if name != "theme":
        assert prefs.theme == "dark"  # the good values around it are kept
