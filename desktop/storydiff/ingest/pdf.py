"""The text layer of a PDF, laid out as paragraphs, through pypdf.

A PDF holds positioned lines, not paragraphs. ``pdf_text`` reads each page's lines, drops the
running headers and footers (a first or last line that repeats, digits aside, on most pages),
spells out ligatures ("ﬁ" -> "fi"), joins a word hyphenated at a line end ("govern-" + "ment" -> "government"), and starts a new
paragraph after a line that is clearly shorter than the page's full lines (a headline, a
paragraph's last line) unless it ends in such a hyphen. A document with pages but no text (a scan) is refused: StoryDiff does
not read text from images. pypdf is imported inside the functions.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from storydiff.core.errors import InputError

# A line shorter than this share of the page's longest line ends its paragraph.
_SHORT_LINE = 0.75
# A first/last line printed on at least this share of the pages is a running header/footer.
_REPEATED_SHARE = 0.6
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-$")
_DIGITS = re.compile(r"\d+")
# Typographic ligatures (U+FB00-FB06) that PDF fonts emit for "ff", "fi", "ffi"...: "traﬃc"
# must read "traffic" to be compared with the other versions.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def pdf_text(data: bytes, source: str, *, keep_running_lines: bool = False) -> tuple[str, str | None]:
    """``(text, title)`` of the PDF ``data`` read from ``source`` (named in messages).

    ``keep_running_lines`` keeps repeated headers and footers (the "whole text" re-extraction).
    Raises ``InputError`` for damaged, password-protected, empty and scanned (image-only) PDFs.
    """
    reader, printed = _open(data, source)
    pages = [_lines(page) for page in printed]
    if not pages:
        raise InputError(f"{source}: the PDF has no pages")
    if not any(pages):
        raise InputError(f"{source}: the PDF has no text layer (a scanned document?); StoryDiff "
                         "cannot read text from images: run OCR on it first, or copy its text")
    if not keep_running_lines:
        pages = _drop_running_lines(pages)
    paragraphs = [p for page in pages for p in _paragraphs(page)]
    return "\n\n".join(paragraphs), _title(reader)


def _open(data: bytes, source: str) -> tuple[object, list]:
    """The ``PdfReader`` of ``data`` and its pages; ``InputError`` if it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise InputError(f"{source}: the PDF is protected by a password; "
                             "remove the protection or copy its text")
        return reader, list(reader.pages)
    except FileNotDecryptedError:
        raise InputError(f"{source}: the PDF is protected by a password") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise InputError(f"{source}: the PDF is damaged and cannot be read ({_short(error)})") from None


def _opens_without_password(reader) -> bool:
    # Many PDFs are "encrypted" only against editing, with an empty user password.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises several types (missing crypto backend, bad keys)
        return False


def _lines(page) -> list[str]:
    try:
        text = page.extract_text() or ""
    except Exception:  # one broken page must not lose the others
        return []
    text = text.translate(_LIGATURES)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without the first/last lines that repeat (digits aside) on most pages."""
    if len(pages) < 2:
        return pages
    edges = Counter()
    for lines in pages:
        edges.update({_shape(line) for line in lines[:2] + lines[-2:]})
    needed = max(2, _REPEATED_SHARE * len(pages))
    running = {shape for shape, count in edges.items() if count >= needed}
    return [_strip_edges(lines, running) for lines in pages]


def _strip_edges(lines: list[str], running: set[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and start < 2 and _shape(lines[start]) in running:
        start += 1
    while end > start and len(lines) - end < 2 and _shape(lines[end - 1]) in running:
        end -= 1
    return lines[start:end]


def _shape(line: str) -> str:
    """The line with every number as '#': "Page 3 of 9" repeats as "Page # of #"."""
    return _DIGITS.sub("#", line.casefold())


def _paragraphs(lines: list[str]) -> list[str]:
    if not lines:
        return []
    full = max(len(line) for line in lines)
    paragraphs, current = [], ""
    for line in lines:
        current = _join(current, line)
        if len(line) < _SHORT_LINE * full and not _HYPHENATED.search(line):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _join(current: str, line: str) -> str:
    if not current:
        return line
    if _HYPHENATED.search(current) and line[:1].islower():
        return current[:-1] + line
    return f"{current} {line}"


def _title(reader) -> str | None:
    try:
        title = reader.metadata.title
    except Exception:  # metadata is optional and often broken; the text is what matters
        return None
    return title.strip() if isinstance(title, str) and title.strip() else None


def _short(error: Exception) -> str:
    return (str(error) or type(error).__name__).splitlines()[0][:120]
