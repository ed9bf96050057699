"""One lookup for bundled files (samples, icons, stylesheets).

Works from a checkout or an editable install (``<repo>/resources``), from a frozen
bundle (``sys._MEIPASS/resources``), and wherever ``STORYDIFF_RESOURCES`` points.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SAMPLE_STORY = "samples/harbour-bridge"


def resources_dir() -> Path:
    """The folder holding StoryDiff's resources."""
    override = os.environ.get("STORYDIFF_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a resource, e.g. ``resource_path("samples", "harbour-bridge")``."""
    return resources_dir().joinpath(*parts)


def sample_files() -> list[Path]:
    """The versions of the bundled sample story, in reading order (01-wire first)."""
    return sorted(resource_path(SAMPLE_STORY).glob("*.txt"))
