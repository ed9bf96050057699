"""The tokeniser shared by the word diff, the change kinds and the word counts.

A text splits, with nothing lost, into three kinds of token:

- a word: a run of word characters (letters, digits, underscore, combining
  marks), with apostrophes inside it (``don't``, ``rock'n'roll``) and ``.`` or
  ``,`` between digits (``3.5``, ``1,000``);
- a run of whitespace (newlines included);
- any other single character (each punctuation mark, symbol or emoji alone).

``"".join(tokenize(text)) == text`` always holds.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache

# Apostrophes that may join two halves of a word: straight and typographic.
APOSTROPHES = "'\u2019"


def _mark_ranges() -> str:
    """Regex class body covering every combining mark (category M*).

    ``\\w`` leaves most of them out, which would split decomposed accents and
    Indic vowel signs off their words. Marks exist only below U+20000 and in
    the variation selectors supplement, so the scan stays small (~25 ms).
    """
    code_points = itertools.chain(range(0x300, 0x20000), range(0xE0100, 0xE01F0))
    marks = [cp for cp in code_points if unicodedata.category(chr(cp))[0] == "M"]
    ranges: list[list[int]] = []
    for cp in marks:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)


@cache
def _word_form() -> str:
    """Regex of one word token (see the module docstring)."""
    run = rf"\w[\w{_mark_ranges()}]*"
    joiner = rf"(?:[{APOSTROPHES}]|(?<=\d)[.,](?=\d))"
    return rf"{run}(?:{joiner}{run})*"


@cache
def _token_pattern() -> re.Pattern[str]:
    """The compiled tokeniser, built on first use to keep imports cheap."""
    return re.compile(rf"{_word_form()}|\s+|.", re.DOTALL)


@cache
def _word_pattern() -> re.Pattern[str]:
    """Words only: every other token is whitespace or one character that cannot start a
    word, so scanning for words alone finds exactly the tokeniser's words."""
    return re.compile(_word_form())


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word, whitespace and single-character tokens.

    Returns the tokens in order; joined they give back ``text`` exactly.
    """
    return _token_pattern().findall(text)


def is_word(token: str) -> bool:
    """True if ``token`` (one token from :func:`tokenize`) is a word."""
    return bool(token) and (token[0].isalnum() or token[0] == "_")


def word_tokens(text: str) -> list[str]:
    """The word tokens of ``text``, in order (whitespace and punctuation dropped)."""
    return _word_pattern().findall(text)


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Number of word tokens in ``text`` (``"don't stop, 3.5 km"`` has 4).

    Cached: statistics, change kinds and lineage count the same cells and edits again."""
    return len(word_tokens(text))


def norm_words(text: str) -> list[str]:
    """The words of ``text`` as comparisons see them: lower case, typographic apostrophes straight."""
    return list(_norm_words(text))


@lru_cache(maxsize=16384)
def _norm_words(text: str) -> tuple[str, ...]:
    return tuple(word.lower().replace("\u2019", "'") for word in word_tokens(text))
