"""Passages for hand-written versions in unit tests."""

from __future__ import annotations

from storydiff.core.model import Passage


def passages_in(vid: str, text: str, sentences: list[str]) -> tuple[Passage, ...]:
    """One passage per sentence of ``sentences``, found in ``text`` in that order (each
    searched after the previous one), with its code-point offsets."""
    result, cursor = [], 0
    for index, sentence in enumerate(sentences):
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        result.append(Passage(vid, index, start, cursor, sentence))
    return tuple(result)
