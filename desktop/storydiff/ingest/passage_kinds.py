"""Give every passage of a version its kind: body, headline, byline, dateline, caption, furniture.

``classify(text, segments)`` looks at each segment's words and at where it sits: alone on its
line or not, at the top of the text, next to a photo credit, after a "Related:" heading. The
rules are shapes common to news pages, never outlets or names. They lean one way on purpose:
anything unsure stays ``body``, because furniture is dropped from the statements and a real
statement taken for furniture would be lost. Headlines, bylines, datelines and captions are
only labels; they stay statements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storydiff.core.model import PassageKind
from storydiff.ingest.news_lines import date_stamp, ends_with_credit, is_chrome, is_credit
from storydiff.ingest.sentences import Segment

BODY, HEADLINE, BYLINE = PassageKind.BODY, PassageKind.HEADLINE, PassageKind.BYLINE
DATELINE, CAPTION, FURNITURE = PassageKind.DATELINE, PassageKind.CAPTION, PassageKind.FURNITURE

_MAX_CHROME_WORDS = 40  # a paragraph longer than this is prose, whatever it starts with
_MAX_HEADLINE_WORDS = 30
_MAX_SUBHEAD_WORDS = 10
_MAX_BYLINE_WORDS = 14
_MAX_CAPTION_WORDS = 80
_TOP_HEADLINES = 2  # a headline and a standfirst; a longer run of unpunctuated lines is body

# "WELLINGTON, Jan 19 (Reuters) -", "SPRINGFIELD, Ill. (AP) —", "SAN FRANCISCO—" on their own.
_DATELINE_ONLY = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}?(?:,\s*[A-Z][\w.]*\.?(?:\s+\d{1,2})?)?\s*"
    r"(?:\([A-Za-z .]{2,30}\)\s*[-–—]*|[-–—]+)"
)
_DATE_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december mon tue tues wed thu thur thurs fri sat sun "
    "monday tuesday wednesday thursday friday saturday sunday published updated last posted "
    "date on at ago hour hours hr hrs minute minutes min mins second seconds day days week weeks "
    "month months year years just now today yesterday am pm a.m p.m gmt utc bst est edt pst pdt "
    "cet cest ist nzt nzdt aest aedt et pt".split()
)
_DATE_TOKEN = re.compile(r"\d{1,4}(?:st|nd|rd|th)?|\d{1,4}(?:[-/.:]\d{1,4}){1,3}[a-z]*|[-–—|•·,:]+")
_TEMPORAL = re.compile(r"\d|\b(?:ago|today|yesterday|now)\b", re.IGNORECASE)

_BYLINE_BY = re.compile(r"by\s+(?P<names>.+)", re.IGNORECASE | re.DOTALL)
_CREDIT_LINE = re.compile(
    r"\(?(?:additional |more )?(?:reporting|writing|editing|compiled|written|edited|produced"
    r"|reported|story) by\b", re.IGNORECASE,
)
_NAME_CONNECTORS = frozenset("and & of the in for at with from de van von da la le al".split())
_LINK_HEADING = re.compile(
    r"(?:related(?: stories| articles| coverage| content| links)?|more stories|recommended"
    r"|most read|most popular|trending(?: now)?|you may also like|also read|read more|more on this"
    r"(?: story)?|top stories)\s*:?",
    re.IGNORECASE,
)
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"


def classify(text: str, segments: Sequence[Segment]) -> list[PassageKind]:
    """The kind of each of ``segments`` (as ``sentences.segment`` gives them for ``text``).

    Linear in the length of ``text``: each passage looks only at its own words, the
    whitespace around it and (for short paragraphs) its paragraph.
    """
    views = [_View(text, s) for s in segments]
    pieces: dict[int, list[str]] = {}
    for view in views:
        pieces.setdefault(view.segment.paragraph, []).append(view.text)
    short = {n: " ".join(p) for n, p in pieces.items() if sum(len(t.split()) for t in p) <= _MAX_CHROME_WORDS}
    kinds = [_own_kind(v, short.get(v.segment.paragraph)) for v in views]
    _mark_captions(text, views, kinds)
    _mark_link_lists(views, kinds)
    _mark_headlines(views, kinds)
    return kinds


_INLINE_SPACE = " \t\r\u00a0"


class _View:
    """One segment with the facts the rules need: its text, and whether it starts or ends
    its line (so that ``alone`` means it is the whole line)."""

    def __init__(self, text: str, segment: Segment) -> None:
        self.segment = segment
        self.text = text[segment.start : segment.end]
        before, after = segment.start, segment.end
        while before > 0 and text[before - 1] in _INLINE_SPACE:
            before -= 1
        while after < len(text) and text[after] in _INLINE_SPACE:
            after += 1
        self.starts_line = before == 0 or text[before - 1] == "\n"
        self.ends_line = after == len(text) or text[after] == "\n"
        self.alone = self.starts_line and self.ends_line
        self.words = len(self.text.split())


def _own_kind(view: _View, paragraph: str | None) -> PassageKind:
    """The kind that ``view`` shows on its own (``paragraph``: the text of its paragraph
    if that is short enough to be chrome), before its neighbours are considered."""
    if _is_furniture(view, paragraph):
        return FURNITURE
    if view.starts_line and date_stamp(view.text + " ") == len(view.text):
        return DATELINE  # a scraped page's date stamp, even with the lead on its line
    if view.ends_line and is_credit(view.text):
        return CAPTION  # a bare credit closing its caption's line
    if not view.alone:
        return BODY
    if _is_dateline(view.text):
        return DATELINE
    if _is_byline(view.text):
        return BYLINE
    if is_credit(view.text) or ends_with_credit(view.text):
        return CAPTION
    return BODY


def _is_furniture(view: _View, paragraph: str | None) -> bool:
    """Page chrome: the whole line or paragraph is a chrome phrase, or a lone word on a line."""
    if view.alone and (is_chrome(view.text) or _is_lone_word(view.text)):
        return True
    return paragraph is not None and is_chrome(paragraph)


def _is_lone_word(text: str) -> bool:
    """A single word without final punctuation, as share buttons and image labels leave."""
    return " " not in text and text.isalpha()


def _is_dateline(text: str) -> bool:
    """Only a dateline ("WASHINGTON (AP) —") or only a date ("Jan 18, 2023", "Published 3
    hours ago", "date 2023-01-19")."""
    if _DATELINE_ONLY.fullmatch(text):
        return True
    if not _TEMPORAL.search(text) or len(text.split()) > _MAX_BYLINE_WORDS:
        return False
    return all(_is_date_word(word) for word in text.split())


def _is_date_word(word: str) -> bool:
    bare = word.strip(",.:;()[]").lower()
    return not bare or bare in _DATE_WORDS or _DATE_TOKEN.fullmatch(bare) is not None


def _is_byline(text: str) -> bool:
    """"By Jane Doe", "By JANE DOE, Associated Press | Updated 3 hours ago", "Jane Doe |
    Reuters", "Reporting by Jane Doe; Editing by John Roe"."""
    if _CREDIT_LINE.match(text):
        return True
    if len(text.split()) > _MAX_BYLINE_WORDS or text.rstrip()[-1:] in "!?":
        return False
    parts = [p.strip() for p in re.split(r"[|•·]", text) if p.strip()]
    by = _BYLINE_BY.fullmatch(parts[0]) if parts else None
    if by is not None and _is_name_list(by.group("names")):
        return all(_is_name_list(p) or _is_dateline(p) for p in parts[1:])
    return len(parts) > 1 and all(_is_name_list(p) or _is_dateline(p) for p in parts)


def _is_name_list(text: str) -> bool:
    """Capitalised names joined by commas and connectors: "Jane Doe and John Roe, Reuters"."""
    words = [w.strip(",;.") for w in text.split()]
    named = [w for w in words if w and w.lower() not in _NAME_CONNECTORS]
    if not named or text.rstrip().endswith(".") and not re.search(r"\b[A-Z]\.$", text.rstrip()):
        return False
    return all(w[0].isupper() for w in named)


def _mark_captions(text: str, views: Sequence[_View], kinds: list[PassageKind]) -> None:
    """A passage right before a bare photo credit, on its line or the line above, is its
    caption (a caption that carries its own credit says nothing about the line before)."""
    for i in range(len(views) - 1):
        view, credit = views[i], views[i + 1]
        if kinds[i] != BODY or not is_credit(credit.text) or view.words > _MAX_CAPTION_WORDS:
            continue
        same_line = view.starts_line and "\n" not in text[view.segment.end : credit.segment.start]
        if same_line or view.alone:
            kinds[i] = CAPTION


def _mark_link_lists(views: Sequence[_View], kinds: list[PassageKind]) -> None:
    """Unpunctuated title lines under a "Related"/"Read more" heading are a list of links."""
    in_list = False
    for i, view in enumerate(views):
        if view.alone and _LINK_HEADING.fullmatch(view.text):
            kinds[i], in_list = FURNITURE, True
        elif in_list and view.alone and kinds[i] == BODY and not _ends_sentence(view.text):
            kinds[i] = FURNITURE
        elif kinds[i] != FURNITURE:
            in_list = False


def _mark_headlines(views: Sequence[_View], kinds: list[PassageKind]) -> None:
    """The title lines at the top (a headline and a standfirst at most) and title-case
    subheads further down become headlines; everything else stays as it is."""
    top = []
    for i, view in enumerate(views):
        if kinds[i] != BODY:
            continue
        if not _title_like(view, _MAX_HEADLINE_WORDS) or _continued(views, i):
            break
        top.append(i)
    has_body_after = any(k == BODY for k in kinds[top[-1] + 1 :]) if top else False
    if has_body_after:
        for i in top[: 1 if len(top) > _TOP_HEADLINES else len(top)]:
            kinds[i] = HEADLINE
    first_body = next((i for i, k in enumerate(kinds) if k == BODY), len(kinds))
    for i in range(first_body + 1, len(views) - 1):
        if kinds[i] == BODY and _is_subhead(views[i]) and not _continued(views, i):
            kinds[i] = HEADLINE


def _continued(views: Sequence[_View], i: int) -> bool:
    """True if the next passage starts in lowercase: the line is part of a running sentence."""
    return i + 1 < len(views) and views[i + 1].text[:1].islower()


def _title_like(view: _View, max_words: int) -> bool:
    """Alone on one line, short, no final full stop (a question or exclamation may close it)."""
    text = view.text
    return (
        view.alone
        and "\n" not in text
        and view.words <= max_words
        and not text.rstrip(_CLOSERS).endswith((".", "…", ",", ";", ":"))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘")
    )


def _is_subhead(view: _View) -> bool:
    """A short title-case line in the body ("Freedom of Expression and Content Moderators");
    all-capital lines are left alone (they are often speaker labels of a factbox)."""
    if not _title_like(view, _MAX_SUBHEAD_WORDS) or view.text.upper() == view.text:
        return False
    words = [w for w in view.text.split() if w.lower() not in _NAME_CONNECTORS]
    return len(words) >= 2 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL
