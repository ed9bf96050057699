"""A deliberately simple proper-name heuristic for the ``name`` change kind.

A word counts as a name when it is

- an acronym: two or more letters, all capitals ("AP", "NATO"); or
- Titlecase (capital first, some lower case after) and not sentence-initial
  ("said Smith", "the Reuters report"; but not "The" opening a sentence).

Sentence-initial means: at the start of the passage, or after ``.``, ``!`` or
``?`` (skipping spaces, quotes and brackets) unless that full stop closes an
abbreviation or an initial ("Mr. Smith", "J. Smith", "U.S. President").
A Titlecase name that opens a sentence is therefore missed; nothing tells it
from an ordinary capitalised word without a dictionary.
"""

from __future__ import annotations

import re
from collections import Counter

from storydiff.diffing.lexicon import ABBREVIATIONS, QUOTE_MARKS
from storydiff.diffing.tokens import is_word, tokenize

# Stripped from the end of the text before a word to see what precedes it.
_SKIPPABLE = "".join(QUOTE_MARKS) + "()[]{} \t\r\n\u00a0"
_LAST_WORD = re.compile(r"(\w+)\.$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _ends_sentence(text: str) -> bool:
    """True if ``text`` (stripped, non-empty) ends with a sentence-final mark."""
    if text[-1] in "!?":
        return True
    if text[-1] != ".":
        return False
    word = _LAST_WORD.search(text)
    # An abbreviation's or initial's full stop does not end the sentence.
    return not (word and (len(word[1]) == 1 or word[1].lower() in ABBREVIATIONS))


def is_sentence_initial(prefix: str | None, head: str = "") -> bool:
    """True if a word placed after ``prefix + head`` starts a sentence.

    ``prefix`` is the passage text before the edit (``""``: the edit opens the
    passage); None means unknown, taken as mid-sentence. ``head`` is the part
    of the edit before the word.
    """
    before = ((prefix or "") + head).rstrip(_SKIPPABLE)
    if not before:
        return prefix is not None
    return _ends_sentence(before)


def _is_acronym(word: str) -> bool:
    return word.isupper() and sum(char.isalpha() for char in word) >= 2


def _is_titlecase(word: str) -> bool:
    return word[0].isupper() and any(char.islower() for char in word)


def name_tokens(text: str, prefix: str | None = None) -> Counter[str]:
    """The words of ``text`` that look like proper names, with their counts.

    ``prefix`` is the passage text before ``text`` (see :func:`is_sentence_initial`).
    """
    names: Counter[str] = Counter()
    position = 0
    for token in tokenize(text):
        if is_word(token) and (
            _is_acronym(token)
            or (_is_titlecase(token) and not is_sentence_initial(prefix, text[:position]))
        ):
            # "Calder's" names the same one as "Calder".
            names[_POSSESSIVE.sub("", token)] += 1
        position += len(token)
    return names
