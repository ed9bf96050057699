"""Code-point offsets (Python ``str``) to UTF-16 code units (Qt's ``QString``).

A character outside the Basic Multilingual Plane (most emoji, some CJK)
is one code point but two UTF-16 units; everything else is one of each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

_BMP_MAX = "\uffff"


def _astral_count(text: str) -> int:
    """Number of characters of ``text`` that take two UTF-16 units."""
    return sum(char > _BMP_MAX for char in text)


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 offset of code-point ``index`` (0 <= index <= len(text)) in ``text``."""
    if not 0 <= index <= len(text):
        raise ValueError(f"index {index} outside 0..{len(text)}")
    return index + _astral_count(text[:index])


def utf16_spans(text: str, spans: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """Convert ``(start, end, kind)`` code-point spans of ``text`` to UTF-16.

    Returns the spans in their input order. Reads ``text`` once however many
    spans there are (only the sort of the distinct offsets adds log time).
    """
    spans = list(spans)
    offsets = sorted({offset for start, end, _ in spans for offset in (start, end)})
    if offsets and (offsets[0] < 0 or offsets[-1] > len(text)):
        raise ValueError(f"span offset outside 0..{len(text)}")
    converted, position, astral = {}, 0, 0
    for offset in offsets:
        astral += _astral_count(text[position:offset])
        converted[offset], position = offset + astral, offset
    return [(converted[start], converted[end], kind) for start, end, kind in spans]
