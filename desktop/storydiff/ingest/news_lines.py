"""Recognisers for the non-prose lines of news pages, shared by segmentation and passage kinds.

Each function takes a string (one line, or the start of one) and answers from its shape alone:
transcript speaker labels (``HOST:``), photo credits (``REUTERS/Jane Doe``), date stamps
(``date 2023-01-19``) and page chrome (``Story continues below advertisement``). They are
deliberately narrow: a false "chrome" loses a statement, a missed one only leaves noise.
"""

from __future__ import annotations

import re

# "HOST:", "JACINDA ARDERN:", "SEN. JOHN DOE (D-MA):" at the start of a line. The label is
# checked for lowercase letters in code (``re`` has no Unicode uppercase class).
_LABEL = re.compile(r"[ \t]*(?P<label>[^\W\d_][^\n:]{0,59}):(?=[ \t]+\S|[ \t]*$)", re.MULTILINE)
_MAX_LABEL_WORDS = 6

# A photo credit at the end of a line: "REUTERS/Jane Doe/File Photo", "AP Photo/Jane Doe",
# "(Image credit: Twitter)", "(Photo by Jane Doe/Getty Images)", "(Source: example.com)".
_CREDIT_NAME = r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}"
_SLASH_CREDIT = (
    rf"\b(?:[A-Z][A-Z&.-]+|[A-Z][\w&.-]* (?:Photo|Images|Pictures))/{_CREDIT_NAME}"
    rf"(?:/{_CREDIT_NAME}){{0,2}}"
)
_BRACKET_CREDIT = (
    r"\((?:[^()\n]{0,30}\b(?i:credit|photo|photograph|image|picture|source|courtesy)s?"
    r"\s*(?::|/|(?i:by|of)\b)[^()\n]{0,60}|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}/[^()\n]{1,60})\)"
)
_CREDIT_AT_END = re.compile(rf"(?:{_SLASH_CREDIT}|{_BRACKET_CREDIT}|\bGetty Images)[ \t]*$")
_CREDIT_BRACKET_ONLY = re.compile(rf"{_BRACKET_CREDIT}", re.IGNORECASE)
_CREDIT_LABEL = re.compile(
    r"(?:file photo|photo|photograph|picture|image|credit|photo credit|image credit|source)"
    r"\s*:", re.IGNORECASE
)

# A date stamp that opens a scraped page: "date 2023-01-19", "2023-01-19T10:30Z".
_DATE_STAMP = re.compile(
    r"(?:(?:date|published|updated|posted)\s*:?\s+)?\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?=\s)",
    re.IGNORECASE,
)

# Whole lines of page chrome (matched against the entire line, case-insensitive).
_CHROME = re.compile(
    r"(?:skip to (?:main )?(?:content|navigation)|advertisement|advertising|sponsored(?: content)?"
    r"|story continues below(?: advertisement)?|article continues below(?: advertisement)?"
    r"|(?:share|email|print|save) (?:this|the) (?:article|story|page)|share(?: on \w+)?"
    r"|(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b.{0,60}"
    r"|get the latest\b.{0,60}\bsent to your (?:e-?mail|inbox)\b.{0,40}"
    r"|click (?:here|to play video)\b.{0,160}|(?:also )?read:.{0,160}"
    r"|read more(?:\s*[:»›>|-].{0,160}|\s+(?:here|stories|news|articles?)\b.{0,120})?"
    r"|related(?: stories| articles| coverage| content)?:.{0,160}|watch:.{0,160}|listen:.{0,160}"
    r"|read all the latest\b.{0,120}|leave a (?:reply|comment)|comments?"
    r"|your email address will not be published\b.{0,80}|required fields are marked\b.{0,20}"
    r"|(?:we|this (?:site|website)) uses? cookies\b.{0,200}|accept(?: all)? cookies"
    r"|©.{0,120}|(?:\(c\)|copyright\s*(?:©|\(c\))?)\s*\d{4}\b.{0,120}|all rights reserved\.?"
    r"|(?:twitter|x|facebook|whatsapp|linkedin|reddit|pinterest|telegram|email|e-mail|print"
    r"|tweet|copy link|flipboard|messenger)"
    r")[\s.!:|>»›-]*",
    re.IGNORECASE,
)


def label_starts_at(text: str, pos: int) -> bool:
    """True if a speaker label ("HOST" in "HOST: Welcome.") starts at offset ``pos`` of ``text``.

    A label is one to six words in capitals (no lowercase letter) followed by a colon, as in
    broadcast transcripts; "Note: ..." or "10:30" are not labels.
    """
    match = _LABEL.match(text, pos)
    if match is None:
        return False
    label = match.group("label").strip()
    return _is_capitals(label) and len(label.split()) <= _MAX_LABEL_WORDS


def _is_capitals(label: str) -> bool:
    letters = [ch for ch in label if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


def ends_with_credit(line: str) -> bool:
    """True if ``line`` ends with a photo credit ("... REUTERS/Jane Doe", "(Image credit: X)")."""
    return _CREDIT_AT_END.search(line) is not None


def is_credit(line: str) -> bool:
    """True if ``line`` is only a credit or a labelled caption ("Photo: ...", "FILE PHOTO: ...")."""
    line = line.strip()
    if _CREDIT_LABEL.match(line):
        return True
    if _CREDIT_BRACKET_ONLY.fullmatch(line):
        return True
    match = _CREDIT_AT_END.search(line)
    return match is not None and match.start() == 0


def date_stamp(text: str, pos: int = 0) -> int | None:
    """End offset of a date stamp at ``pos`` ("date 2023-01-19 ..."), if one starts there."""
    match = _DATE_STAMP.match(text, pos)
    return match.end() if match else None


def is_chrome(line: str) -> bool:
    """True if the whole of ``line`` is page chrome: navigation, share buttons, ads, sign-up
    prompts, cookie notices, "Read more:"/"Related:" link lines, copyright lines."""
    return _CHROME.fullmatch(line.strip()) is not None
