"""Speaker labels: the line that names who speaks the words below or after it.

Two layouts put a speaker's name on a line of its own instead of a "said":

- a broadcast transcript or video script, whose turns have no quotation marks:
  ``HOST: Good evening.`` / ``JACINDA ARDERN: I know what this job takes.`` /
  ``(SOUNDBITE) NEW ZEALAND PRIME MINISTER JACINDA ARDERN, SAYING:`` followed
  by the words on the next line;
- a factbox of reactions: ``JAN TINETTI, MINISTER FOR EDUCATION`` (or ``U.S.
  PRESIDENT JOE BIDEN``) on its own line, or ending the line before, with the
  quotation paragraph under it.

A label counts only if it names a person (two name words once titles are set
aside, a surname the text names in full elsewhere) or a role (``HOST``,
``REPORTER``): ``STORY:``, ``SHOWS:`` or ``Photo:`` are script or page
furniture, not speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydiff.quotes.marks import paragraph_spans
from storydiff.quotes.names import NOT_NAMES, TITLES, name_span
from storydiff.quotes.words import Token, tokens

# Roles that speak in transcripts; a label made of one of them is a speaker.
ROLES = frozenset(
    """host hosts anchor co-host cohost reporter correspondent presenter interviewer moderator narrator
    announcer journalist caller guest interpreter translator voice crowd audience questioner
    unidentified""".split()
)
# Words of page and script furniture: a label made only of them ("STORY:", "BREAKING
# NEWS:", "Read more:", "EDITOR'S NOTE:") is never a speaker.
FURNITURE = frozenset(
    """story stories breaking news update updated updates watch video videos read more related
    exclusive photo photos picture pictures image images gallery caption credit credits note
    editor editor's shows soundbite analysis opinion live developing latest highlights summary
    background factbox transcript source sources advertisement sponsored and also see""".split()
)
# Words ending a label that introduce the words ("..., SAYING:"), not part of the name.
_INTRODUCERS = frozenset("saying says said speaking asks asked adding added".split())
# Lower-case words a label may hold ("MINISTER for EDUCATION", "Secretary of State").
_CONNECTORS = frozenset("of for the and de da van von der al bin".split())
_MAX_LABEL_WORDS = 14
_MAX_NAME_WORDS = 4
_MIN_TURN_WORDS = 2
_BRACKETS = re.compile(r"(?:\s*[(\[][^)\]\n]*[)\]])+")  # "(SOUNDBITE) (English)"
_WORDS = re.compile(r"\w+")
_FULL_NAME = re.compile(r"\b([A-Z][\w'’-]+)[ \t]+([A-Z][\w’'-]+)")
# What may stand before a label that ends a line: a colon, a sentence's end or a closing mark.
_LABEL_AFTER = frozenset(":.?!\"”)")


@dataclass(frozen=True)
class Turn:
    """The unquoted words of one transcript turn: ``text[start:end]``, spoken by
    the speaker its ``label`` tokens name."""

    start: int
    end: int
    label: tuple[Token, ...]


def find_turns(text: str) -> list[Turn]:
    """Every unquoted transcript turn of ``text``, in reading order: a line
    opening with a speaker label and a colon, its words after the colon on the
    same paragraph, or in the next paragraph when the label stands alone."""
    paragraphs = paragraph_spans(text)
    turns = []
    for n, (start, end) in enumerate(paragraphs):
        found = _label_with_colon(text, start, end)
        if found is None:
            continue
        label, colon = found
        words = (colon + 1, end)
        if not text[colon + 1 : end].strip() and n + 1 < len(paragraphs):
            words = paragraphs[n + 1]
            if _label_with_colon(text, *words) is not None:
                continue  # two labels in a row: the first spoke no words
        turn = _turn(text, words, label)
        if turn is not None:
            turns.append(turn)
    # One "Name: words" line in mixed case is a headline's summary ("Sanders: Clinton
    # needs to..."), not a transcript; a transcript has turns, or labels in capitals.
    mixed = [t for t in turns if not _capitals(t.label)]
    return turns if len(mixed) >= 2 else [t for t in turns if _capitals(t.label)]


def _capitals(label: tuple[Token, ...]) -> bool:
    return all(t.value.isupper() for t in label if t.is_word and any(ch.isalpha() for ch in t.value))


def known_surnames(text: str) -> set[str]:
    """Lower-case last words of the two-word capitalised runs of ``text``: the
    surnames a one-word label ("ARDERN:") may stand for."""
    return {m.group(2).lower() for m in _FULL_NAME.finditer(text) if m.group(1).lower() not in NOT_NAMES}


def label_before(text: str, position: int, known: set[str]) -> tuple[Token, ...] | None:
    """The speaker label ending the line before ``position`` (only blank space
    between): a line of capitals naming a person ("JAN TINETTI, MINISTER FOR
    EDUCATION", a colon after it or not), or such a run of capitals ending the
    line after a sentence or a quotation. ``known``: see ``known_surnames``."""
    end = position
    while end and text[end - 1].isspace():
        end -= 1
    line_start = text.rfind("\n", 0, end) + 1
    toks = tokens(text, line_start, end)
    label = _trailing_capitals(toks)
    if not label or not is_speaker_label(label, known):
        return None
    preceding = [t for t in toks if t.end <= label[0].start]
    return label if not preceding or preceding[-1].value in _LABEL_AFTER else None


def is_speaker_label(label: tuple[Token, ...], known: set[str]) -> bool:
    """True if the label tokens name a person or a speaking role (see module doc)."""
    name = speaker_part(label)
    words = [t for t in name if t.is_word]
    if not words or is_furniture(words):
        return False
    if all(t.lower in ROLES or t.lower in TITLES for t in words):
        return True
    span = name_span(name)
    if span is None:
        return False
    named = [t for t in name[span[0] : span[1]] if t.is_word]
    if len(named) > _MAX_NAME_WORDS:
        return False  # a run of capitalised words this long is a heading
    return len(named) >= 2 or named[-1].lower.removesuffix("'s") in known


def is_furniture(words) -> bool:
    """True if the label's words are all page or script furniture (``FURNITURE``)."""
    return bool(words) and all(t.lower in FURNITURE for t in words if t.is_word)


def label_speaker(label: tuple[Token, ...], resolve) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker a label names, with its span: a role in title case
    ("Host"), else what ``resolve`` (a ``NameBook.resolve``) makes of the name."""
    name = speaker_part(label)
    words = [t for t in name if t.is_word]
    if words and all(t.lower in ROLES for t in words):
        return " ".join(w.value.capitalize() for w in words), (words[0].start, words[-1].end)
    return resolve(list(name))


def speaker_part(label: tuple[Token, ...]) -> tuple[Token, ...]:
    """The part of a label that names the speaker: before its first comma
    ("JAN TINETTI" of "JAN TINETTI, MINISTER FOR EDUCATION"), without a final
    "SAYING"."""
    out = list(label)
    while out and (out[-1].lower in _INTRODUCERS or not out[-1].is_word):
        out.pop()
    comma = next((i for i, t in enumerate(out) if t.value == ","), None)
    return tuple(out[:comma] if comma else out)


def _label_with_colon(text: str, start: int, end: int) -> tuple[tuple[Token, ...], int] | None:
    """``(label tokens, offset of the colon)`` if the paragraph ``text[start:end]``
    opens with a label and a colon, else None."""
    skip = _BRACKETS.match(text, start, end)
    head = skip.end() if skip else start
    colon = text.find(":", head, end)
    if colon < 0 or (colon + 1 < end and not text[colon + 1].isspace()):
        return None  # no colon, or a time or a link ("10:30", "https:")
    label = tuple(tokens(text, head, colon))
    return (label, colon) if _label_shaped(label) else None


def _label_shaped(label: tuple[Token, ...]) -> bool:
    """True for a short run of capitalised words (connectors, commas, hyphens
    and dots allowed) that could be a speaker label."""
    words = [t for t in label if t.is_word]
    if not words or len(words) > _MAX_LABEL_WORDS or not words[0].capitalised:
        return False
    punctuation_ok = all(t.is_word or t.value in ",.-'’&" for t in label)
    return punctuation_ok and all(t.capitalised or t.lower in _CONNECTORS for t in words)


def _trailing_capitals(toks: list[Token]) -> tuple[Token, ...] | None:
    """The run of all-capital words (commas, hyphens, dots and connectors
    allowed) ending ``toks``, a final colon left out; None if it holds fewer
    than two letters or is not a line's end of a label."""
    if toks and toks[-1].value == ":":
        toks = toks[:-1]
    i = len(toks)
    while i and _capital_token(toks[i - 1]):
        i -= 1
    run = tuple(toks[i:])
    while run and not run[0].is_word:
        run = run[1:]
    return run if any(t.is_word and t.value.isupper() and len(t.value) > 1 for t in run) else None


def _capital_token(token: Token) -> bool:
    if token.is_word:
        letters = [ch for ch in token.value if ch.isalpha()]
        return bool(letters) and token.value.upper() == token.value
    return token.value in ",.-'’&"


def _turn(text: str, words: tuple[int, int], label: tuple[Token, ...]) -> Turn | None:
    """The turn of ``label`` over ``text[words]``, or None if the words are
    quoted (the marks make that quotation), too short or absent."""
    start, end = words
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or text[start] in "\"“”„«'‘’":
        return None
    if len(_WORDS.findall(text, start, end)) < _MIN_TURN_WORDS:
        return None
    return Turn(start, end, label)
