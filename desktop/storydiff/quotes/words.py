"""Word tokens with offsets, and the word forms that quote matching compares.

The attribution patterns work on ``Token`` lists: words (with abbreviation dots
kept, so that "Sen." and "E." stay one token) and single punctuation marks, each
with code-point offsets into the version's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from storydiff.diffing.tokens import norm_words

# A word (letters, digits, inner apostrophes, hyphens and dots: "O'Brien",
# "Secretary-General", "U.S"), or one character of punctuation.
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
ELLIPSES = ("…", "...")
# Function words left out when deciding whether a passage carries a quote's content.
STOPWORDS = frozenset(
    """a an the and or but if so as of at by for from in into on onto to with without about over
    under than then that this these those there here it its it's is are was were be been being am
    do does did done have has had having will would shall should can could may might must not no
    nor i me my we us our you your he him his she her they them their who whom whose which what
    when where why how all any each every some such very too also just only even still yet again
    out up down off more most much many few other own same one s t said says say ever anyone
    anybody anything everyone everybody everything someone somebody something""".split()
)


class Token(NamedTuple):
    """One word or punctuation mark: ``text[start:end] == value`` (plus a kept dot)."""

    start: int
    end: int
    value: str

    @property
    def is_word(self) -> bool:
        return self.value[0].isalnum() or self.value[0] == "_"

    @property
    def lower(self) -> str:
        return self.value.lower().replace("’", "'")

    @property
    def capitalised(self) -> bool:
        return self.value[0].isupper()


# Abbreviations whose dot belongs to the word, so that "Sen. Warren" is not cut.
_DOTTED = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt maj sgt capt adm rev hon st jr sr u.s u.n".split()
)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        a, b, value = match.start(), match.end(), match.group()
        if out and a < out[-1].end:
            continue  # the dot already kept with the abbreviation before it
        if value[0].isalnum() and b < end and text[b] == "." and _keeps_dot(value):
            b, value = b + 1, value + "."
        out.append(Token(a, b, value))
    return out


def _keeps_dot(word: str) -> bool:
    """True for a title abbreviation or an initial ("E." in "Elijah E. Cummings")."""
    return word.lower() in _DOTTED or (len(word) == 1 and word.isupper())


def words_and_gaps(text: str) -> tuple[list[str], set[int]]:
    """``norm_words(text)`` and the positions where an ellipsis marks a cut: ``i``
    in the set means an ellipsis stands just before word ``i``."""
    words: list[str] = []
    gaps: set[int] = set()
    for piece in re.split(r"(…|\.\.\.)", text):
        if piece in ELLIPSES:
            gaps.add(len(words))
        else:
            words.extend(norm_words(piece))
    return words, gaps


def join_words(chunks: Iterable[tuple[Sequence[str], Iterable[int]]]) -> tuple[list[str], set[int]]:
    """Chunks of ``(words, gaps)`` (as ``words_and_gaps`` gives them) read one after
    another: their words, and their gaps shifted into the joined list plus one gap
    where a chunk follows words (a break between two stretches of a quotation)."""
    words: list[str] = []
    gaps: set[int] = set()
    for more, cuts in chunks:
        if words:
            gaps.add(len(words))
        gaps.update(len(words) + cut for cut in cuts)
        words.extend(more)
    return words, gaps


# Month abbreviations, so that "Feb. 7" and "7th of February" share their keys.
_MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december",
}
_SUFFIXES = ("ing", "ed", "es", "s")
_KEY_LENGTH = 6


def meaning_key(word: str) -> str:
    """A crude stem of a lower-case word, so that inflections and spellings of one
    word meet: "announcing"/"announced", "re-election"/"reelection", "7th"/"7"."""
    word = word.replace("-", "").replace("'", "")
    word = _MONTHS.get(word.rstrip("."), word)
    if word[:1].isdigit():
        return word.rstrip("stndrh") or word
    if word.startswith("ree") and len(word) > 6:
        word = word[2:]  # "reelection" as "re-election" splits: "election"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "stepp(ing)" -> "step"
    return word[:_KEY_LENGTH]


def meaning_keys_of_words(words) -> set[str]:
    """The keys (``meaning_key``) of the content words among ``words`` (lower case)."""
    stripped = (w[:-2] if w.endswith("'s") else w for w in words)
    return {meaning_key(w) for w in stripped if w not in STOPWORDS and (len(w) > 2 or w.isdigit())}


def meaning_keys(text: str) -> set[str]:
    """The keys of the content words of ``text``."""
    return meaning_keys_of_words(norm_words(text))


_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"), "shan't": ("shall", "not")}
_ENDINGS = (("n't", "not"), ("'re", "are"), ("'m", "am"), ("'ll", "will"), ("'ve", "have"), ("'d", "would"),
            ("'s", "is"))


def expand_contractions(words) -> tuple[str, ...]:
    """``words`` (lower case) with contractions spelt out ("it's" -> "it is"), so
    that a copy that expands them still matches word for word."""
    out: list[str] = []
    for word in words:
        if word in _IRREGULAR:
            out.extend(_IRREGULAR[word])
            continue
        ending = next(((e, full) for e, full in _ENDINGS if word.endswith(e) and len(word) > len(e)), None)
        out.extend((word[: -len(ending[0])], ending[1]) if ending else (word,))
    return tuple(out)
