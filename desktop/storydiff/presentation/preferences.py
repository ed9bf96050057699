"""The user's preferences as one frozen value, and the checks that turn stored text into it.

Qt-free: ``ui/preferences.py`` reads and writes the values with ``QSettings`` and applies
them to the window. A value that is missing keeps its default quietly; a value that is
present but unusable (an old or hand-edited settings file: threshold "abc", theme
"purple") falls back to the default with a warning in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from storydiff.engine import DEFAULT_THRESHOLD

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
# The threshold boxes' range (toolbar and Preferences): outside it alignment is meaningless.
THRESHOLD_RANGE = (0.30, 0.95)
THRESHOLD_TIP = "How similar two passages must be to count as the same statement"
FONT_SIZE_RANGE = (6.0, 48.0)  # points
AUTOSAVE_RANGE = (0, 120)  # minutes; 0 turns autosave off


@dataclass(frozen=True)
class Preferences:
    """Every preference the Preferences dialog offers.

    ``model``: "" for the bundled model, else a local model folder. ``threshold``: the
    cosine similarity new comparisons start with. ``show_trivial``: whether new windows show
    trivial changes. ``font_family`` / ``font_size`` (points): the reading text of the
    compare view, quotes and details ("" / 0: the application's font). ``theme``: one of
    ``THEMES``. ``autosave_minutes``: how often unsaved work is copied to the recovery file
    (0: never). ``cache_folder``: where the embedding cache lives ("": the user data folder).
    """

    model: str = ""
    threshold: float = DEFAULT_THRESHOLD
    show_trivial: bool = True
    font_family: str = ""
    font_size: float = 0.0
    theme: str = "system"
    autosave_minutes: int = 1
    cache_folder: str = ""

    def to_raw(self) -> dict[str, Any]:
        """Field name -> plain value (str, float, int, bool), as stored in the settings."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise ValueError("not true or false")


def _in_range(convert: Callable[[Any], Any], low: float, high: float, zero_ok: bool = False):
    def check(value: Any) -> Any:
        number = convert(value)
        if not (low <= number <= high or (zero_ok and number == 0)):
            raise ValueError(f"outside {low:g} to {high:g}")
        return number
    return check


def _choice(options: tuple[str, ...]):
    def check(value: Any) -> str:
        if str(value) not in options:
            raise ValueError(f"not one of {', '.join(options)}")
        return str(value)
    return check


def _whole(value: Any) -> int:
    number = float(value)
    if number != int(number):
        raise ValueError("not a whole number")
    return int(number)


CHECKS: dict[str, Callable[[Any], Any]] = {
    "model": str,
    "threshold": _in_range(float, *THRESHOLD_RANGE),
    "show_trivial": _as_bool,
    "font_family": str,
    "font_size": _in_range(float, *FONT_SIZE_RANGE, zero_ok=True),
    "theme": _choice(THEMES),
    "autosave_minutes": _in_range(_whole, *AUTOSAVE_RANGE),
    "cache_folder": str,
}


def parse_preferences(raw: Mapping[str, Any]) -> Preferences:
    """``Preferences`` from stored values (field name -> value, often text); each value that
    fails its check is logged as a warning and replaced by the default."""
    defaults = Preferences()
    values = {}
    for name, check in CHECKS.items():
        if name not in raw or raw[name] is None:
            continue
        try:
            values[name] = check(raw[name])
        except (TypeError, ValueError) as exc:
            log.warning("preference %s = %r is not usable (%s); using the default %r",
                        name, raw[name], exc, getattr(defaults, name))
    return Preferences(**values)


def check_preferences(preferences: Preferences) -> Preferences:
    """``preferences`` with every value checked as when read (see ``parse_preferences``)."""
    return parse_preferences(preferences.to_raw())
