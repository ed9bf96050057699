"""Split a version's text into passages: sentences with code-point offsets (pipeline step 2).

Rules, in the order they are applied:

- Paragraphs are separated by blank lines. A text with no blank line at all is treated as one
  paragraph per non-empty line, so headlines, bylines and list items stand alone. Inside a
  paragraph a single newline is ordinary whitespace (wrapped text), except where the page's
  layout shows through: a line opening with a transcript speaker label (``HOST:``), the line
  after a photo credit (``... REUTERS/Jane Doe``), and a whole line of page chrome ("Story
  continues below advertisement") each start a paragraph of their own.
- A date stamp opening a paragraph (``date 2023-01-19 The text...``, as scraped pages carry) is
  a passage of its own. A news dateline (``SPRINGFIELD, Ill. (AP) —``) is not: it stays with
  the lead sentence.
- A paragraph always ends its last sentence, with or without final punctuation.
- Inside a paragraph a sentence may end only after a run of ``. ! ? …`` (``...`` too) plus any
  closing quotes or brackets glued to it, then whitespace, then a plausible sentence start
  (not a lowercase letter). Commas, colons and dashes never end a sentence.
- ``?`` or ``!`` closed by a quote mark and followed by an attribution ("Smith asked") does not end
  the sentence: ``"Is it over?" Smith asked.`` is one passage.
- After a single ``.`` the word before it is checked: titles (Mr., Gov., St. ...) and single-letter
  initials never end a sentence. Other known abbreviations and dotted acronyms (U.S., a.m., Inc.,
  etc., Jan., J.R.R.) end one only when the next word is one of ``_STARTERS``, a short list of
  words that commonly open a news sentence ("...in the U.S. The next day..."). US state
  abbreviations (Ill., Calif., N.Y.) and the months missing from that list (Mar., Apr.) count as
  such abbreviations when capitalised, so a dateline's ``Ill. (AP) —`` never splits.
- Decimals, money, times and versions (3.14, $3.5, 10.30) never split: no whitespace follows
  their dot.

Everything is pure Python and ``re``; each character is examined a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from storydiff.ingest.news_lines import date_stamp, ends_with_credit, is_chrome, label_starts_at


class Segment(NamedTuple):
    """One passage of a text: ``text[start:end]`` is a sentence, headline or list item.

    ``start`` and ``end`` are code-point offsets (``end`` exclusive); the slice never starts or
    ends with whitespace. ``paragraph`` is the 0-based number of the paragraph holding it.
    """

    start: int
    end: int
    paragraph: int


_CLOSERS = "\"'”’»›)]}"
# Characters that may open a sentence besides digits and non-lowercase letters.
_OPENERS = "\"'“‘«‹„‚([{¿¡-–—•$£€¥#"
_QUOTE_OPENERS = "\"'“‘«‹„‚"

# A whole run of terminal marks (the lookbehind stops a match starting mid-run), the closing
# marks glued to it, then whitespace. Possessive quantifiers keep the scan linear.
_CANDIDATE = re.compile(
    rf"(?<![.!?…])(?P<punct>[.!?…]++)(?P<close>[{re.escape(_CLOSERS)}]*+)(?=\s)"
)
_NONSPACE = re.compile(r"\S")
_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n\s*\n|\n")
_NEWLINE = re.compile(r"\n")
_WORD = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*(\w+)")
# "1." "(b." "iv." at the very start of a passage is a list marker, not a sentence.
_LIST_MARKER = re.compile(r"[(\[]?(?:\d{1,3}|[A-Za-z]|[ivx]{1,4}|[IVX]{1,4})")
# Letters joined by dots: U.S, J.R.R, a.m, e.g (the final dot is the candidate itself).
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_MAX_TOKEN = 20  # longer than any abbreviation; bounds the backward scan

# Abbreviations that precede a name: they never end a sentence. Matched only when capitalised,
# so "10 ft." or "no." are not mistaken for them.
_TITLES = frozenset(
    "mr mrs ms messrs dr prof sen rep gov gen col lt maj sgt capt cmdr adm rev hon st jr sr mt ft"
    .split()
)
# Abbreviations that usually sit mid-sentence but can end one ("...sold to Acme Inc. The deal").
_AMBIGUOUS = frozenset(
    "u.s u.k u.n e.u d.c jan feb aug sep sept oct nov dec vs etc e.g i.e cf al inc corp ltd co "
    "bros dept univ ave blvd rd a.m p.m approx est".split()
)
# Ambiguous too, but only when capitalised ("Ill." is Illinois, "ill." is not): US state
# abbreviations in AP style and the months the list above lacks.
_CAPITAL_AMBIGUOUS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo "
    "mont neb nev okla ore pa penn tenn tex va vt wash wis wyo w.va mar apr jun jul".split()
)
# After an ambiguous abbreviation, only these words start a new sentence. Kept short on purpose:
# a capitalised name after "U.S." or "Inc." is far more often part of the same sentence.
_STARTERS = frozenset(
    "The A An He She It They We I You But And In On At As After This That These Those There "
    "His Her Its Their Our However Meanwhile".split()
)
_REPORTING_VERBS = frozenset(
    "said says asked asks added adds told tells wrote writes replied replies shouted yelled "
    "cried exclaimed insisted wondered declared explained recalled continued tweeted tweets "
    "posted posts noted notes stated states warned warns argued argues answered responded "
    "quipped joked".split()
)
_ATTRIBUTION_WORDS = 4  # "The prime minister asked" at most


def segment(text: str) -> list[Segment]:
    """Split ``text`` into passages, in order.

    Returns one ``Segment`` per sentence (or headline, byline, list item); together they cover
    every non-whitespace character of ``text`` exactly once. An empty or blank text gives ``[]``.
    """
    segments: list[Segment] = []
    for number, (start, end) in enumerate(_paragraph_spans(text)):
        segments.extend(_sentences(text, start, end, number))
    return segments


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the stripped ``(start, end)`` of every non-empty paragraph."""
    first = _NONSPACE.search(text)
    if first is None:
        return
    low, high = first.start(), len(text.rstrip())
    # Blank lines at the very start or end say nothing about how the text is laid out.
    if _BLANK_LINE.search(text, low, high):
        gaps = (g for g in _LINE_BREAK.finditer(text, low, high)
                if g.group() != "\n" or _layout_break(text, g.start(), low, high))
    else:
        gaps = (g for g in _NEWLINE.finditer(text, low, high) if not _continues_line(text, g.start(), low))
    pos = low
    for gap in gaps:
        yield from _stripped(text, pos, gap.start())
        pos = gap.end()
    yield from _stripped(text, pos, high)


def _continues_line(text: str, newline: int, low: int) -> bool:
    """True if, in a text laid out one paragraph per line, the line after ``newline`` carries
    on the sentence before it: it opens with a lowercase letter and the line before ends
    without a sentence's final punctuation or a colon (a sentence broken over slides or
    lines of a web story)."""
    following = _NONSPACE.search(text, newline + 1)
    if following is None or not text[following.start()].islower():
        return False
    before = text[low:newline].rstrip()
    return bool(before) and before[-1] not in ".!?…:;" + _CLOSERS


def _layout_break(text: str, newline: int, low: int, high: int) -> bool:
    """True if the single newline at ``newline`` (inside ``text[low:high]``) ends a paragraph:
    a speaker label opens the next line, a credit ends the line before, or a line of page
    chrome stands between whole sentences."""
    if label_starts_at(text, newline + 1):
        return True
    line_start = text.rfind("\n", low, newline) + 1 or low
    line = text[line_start:newline]
    if ends_with_credit(line):
        return True
    following_end = text.find("\n", newline + 1, high)
    following = text[newline + 1 : high if following_end < 0 else following_end]
    if is_chrome(line) and _starts_sentence(text, line_start, low):
        return True
    return is_chrome(following) and line.rstrip()[-1:] in ".!?…" + _CLOSERS


def _starts_sentence(text: str, line_start: int, low: int) -> bool:
    """True if the line beginning at ``line_start`` opens the text, follows a blank line or
    follows a finished sentence (so a chrome-looking line is not a wrapped sentence's tail)."""
    pos, newlines = line_start, 0
    while pos > low and text[pos - 1].isspace():
        pos -= 1
        newlines += text[pos] == "\n"
    return pos == low or newlines > 1 or text[pos - 1] in ".!?…" + _CLOSERS


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` narrowed to exclude surrounding whitespace, if anything is left."""
    first = _NONSPACE.search(text, start, end)
    if first is None:
        return
    while text[end - 1].isspace():
        end -= 1
    yield first.start(), end


def _sentences(text: str, start: int, end: int, paragraph: int) -> Iterator[Segment]:
    """Yield the sentences of the stripped paragraph ``text[start:end]``."""
    stamp = date_stamp(text, start)
    if stamp is not None and stamp < end:
        yield Segment(start, stamp, paragraph)
        start = _NONSPACE.search(text, stamp, end).start()
    sentence_start = start
    # The lookahead needs whitespace before ``end``, so the paragraph's own end is never a match.
    for mark in _CANDIDATE.finditer(text, start, end):
        following = _NONSPACE.search(text, mark.end(), end).start()
        if _ends_sentence(text, mark, sentence_start, following, end):
            yield Segment(sentence_start, mark.end(), paragraph)
            sentence_start = following
    yield Segment(sentence_start, end, paragraph)


def _ends_sentence(text: str, mark: re.Match, start: int, following: int, end: int) -> bool:
    """Decide whether the terminal ``mark`` closes the sentence begun at ``start``.

    ``following`` is the offset of the next non-space character, ``end`` the paragraph's end.
    """
    punct, closers = mark.group("punct"), mark.group("close")
    if not _plausible_start(text[following]):
        return False
    if punct == "." and not closers and _LIST_MARKER.fullmatch(text, start, mark.start()):
        return False
    if closers:
        # A quoted question or exclamation may still be followed by its attribution.
        quoted = any(ch not in ")]}" for ch in closers)
        return not (quoted and punct[-1] in "?!" and _attribution_follows(text, following, end))
    if punct == ".":
        return _period_ends(text, mark.start(), following, end)
    return True


def _plausible_start(char: str) -> bool:
    """True if ``char`` can open a sentence: not a lowercase letter, not stray punctuation."""
    if char.isalpha():
        return not char.islower()  # caseless scripts (CJK, Arabic) count as capitals
    return char.isdigit() or char in _OPENERS


def _period_ends(text: str, dot: int, following: int, end: int) -> bool:
    """Decide whether a lone ``.`` at ``dot`` (with no closing mark) ends a sentence."""
    token = _token_before(text, dot)
    key = token.lower()
    if (token[:1].isupper() and key in _TITLES) or _is_initial(token):
        return False
    if token[:1].isupper() and key in _CAPITAL_AMBIGUOUS:
        return _starter_follows(text, following, end)
    if key == "no":
        return not text[following].isdigit()  # "No. 10 Downing St." but "She said no. 10 ..."
    if key in _AMBIGUOUS or _DOTTED.fullmatch(token):
        return _starter_follows(text, following, end)
    return True


def _token_before(text: str, dot: int) -> str:
    """Return the word just before offset ``dot``, without opening quotes or brackets."""
    start = dot
    limit = max(0, dot - _MAX_TOKEN)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip(_OPENERS)


def _is_initial(token: str) -> bool:
    """True for a single capital letter, as in "John F. Kennedy"."""
    return len(token) == 1 and token.isupper()


def _starter_follows(text: str, following: int, end: int) -> bool:
    """True if the word at ``following`` is a common sentence opener (and not itself "A.")."""
    word = _NEXT_WORD.match(text, following, end)
    if word is None or word.group(1) not in _STARTERS:
        return False
    after = word.end()
    return after == end or text[after] != "."


def _attribution_follows(text: str, following: int, end: int) -> bool:
    """True if a reporting verb comes within the next few words ("Smith asked.")."""
    for count, match in enumerate(_WORD.finditer(text, following, end)):
        word = match.group()
        # A new quotation or a finished sentence means the attribution, if any, is not ours.
        if count == _ATTRIBUTION_WORDS or word[0] in _QUOTE_OPENERS:
            return False
        if word.strip(".,;:!?…" + _CLOSERS).lower() in _REPORTING_VERBS:
            return True
        if word[-1] in ".!?…":
            return False
    return False
