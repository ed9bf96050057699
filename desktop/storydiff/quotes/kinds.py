"""What a marked stretch of text is: not said at all, a partial quotation, or a full one.

Quotation marks also enclose a word mentioned as a word (``the word "genocide"``),
the title of a work (``the film "Jaws"``, ``a book called "Fire and Fury"``) and
attribute values in markup left in a text (``id="123"``): none of them is said
by anyone. A *partial* quotation sits inside a sentence of the writer's
(``called it "a disgrace"``); a *full* one stands as a sentence or clause of its own.
"""

from __future__ import annotations

from storydiff.quotes.attribution import REPORTING_VERBS
from storydiff.quotes.words import Token, tokens

# The word before a quotation that mentions a word rather than quotes a speaker.
_WORD_CUES = frozenset("word words term terms phrase phrases expression slogan label hashtag".split())
# The word before a quotation that names a work: "the film "Jaws"".
_WORK_CUES = frozenset(
    """film films movie movies book books novel novels song songs show shows series album albums
    play plays documentary memoir article essay poem episode podcast painting musical opera
    column headline called titled entitled dubbed named""".split()
)
_MAX_MENTION_WORDS = 4
_MAX_TITLE_WORDS = 8
_TRAILING = ",;:"


def not_said(text: str, opening: int, head: tuple[int, int], words: str) -> bool:
    """True if the marked ``words`` (opening mark at ``opening``, sentence text
    before it ``head``) are no utterance: markup, no letters, a mentioned word
    or the title of a work."""
    if opening > 0 and text[opening - 1] == "=":
        return True  # an attribute value: <tweet id="123">
    if not any(ch.isalpha() for ch in words):
        return True
    before = text[head[0] : head[1]].rstrip()
    if not before or not before[-1].isalnum():
        return False
    cue = _head_words(text, head)[-1]
    count = len(words.split())
    if cue in _WORD_CUES:
        return count <= _MAX_MENTION_WORDS
    return cue in _WORK_CUES and count <= _MAX_TITLE_WORDS and _title_case(words)


def is_partial(text: str, head: tuple[int, int], words: str) -> bool:
    """True if the quotation continues a sentence of the writer's: the text
    before it ends in a word (unless a reporting verb introduces a capitalised
    quotation: ``He said "We will..."``), or in a comma with no reporting verb
    before it and a lower-case quotation after it."""
    before = text[head[0] : head[1]].rstrip()
    if not before or before[-1] == ":":
        return False
    said = _head_words(text, head)
    if before[-1] == ",":
        return words[:1].islower() and not any(w in REPORTING_VERBS for w in said)
    if not before[-1].isalnum():
        return words[:1].islower()
    return not (said[-1] in REPORTING_VERBS and words[:1].isupper())


def headline(words: list[Token]) -> bool:
    """True for a title-case line ("Gold Star Mom Corners Obama"), whose
    capitalised words are not names. A sentence with a full stop and a
    lower-case word is prose, however many names it holds ("Mayor Helena
    Varga spoke on Monday.")."""
    long = [t for t in words if t.is_word and len(t.value) > 3]
    if words and words[-1].value == "." and not all(t.capitalised for t in long):
        return False
    return len(long) >= 4 and sum(t.capitalised for t in long) >= 0.8 * len(long)


def trim(text: str, start: int, end: int, final: bool = True) -> tuple[int, int]:
    """``(start, end)`` narrowed past whitespace and, for the ``final`` piece of a
    quotation, a trailing comma, semicolon, colon or single full stop (an
    ellipsis stays): punctuation that belongs to the sentence around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not final:
        return start, end
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
    return start, end


def _head_words(text: str, head: tuple[int, int]) -> list[str]:
    """The words of ``text[head[0]:head[1]]``, lower case."""
    return [t.lower for t in tokens(text, *head) if t.is_word]


def _title_case(words: str) -> bool:
    """True if ``words`` look like a title: capitalised first word, and most
    longer words capitalised ("Fire and Fury", "Jaws")."""
    parts = [w for w in words.split() if w[:1].isalpha()]
    if not parts or not parts[0][0].isupper():
        return False
    long = [w for w in parts if len(w) > 3]
    return sum(w[0].isupper() for w in long) >= len(long) / 2
