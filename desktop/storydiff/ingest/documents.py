"""Read a version's text from a file or from bytes (stdin, paste, drop).

Inputs larger than ``MAX_BYTES`` (5 MiB) are refused before they are read: a news story is a few
tens of kilobytes, so anything that large is the wrong file, and aligning it would take minutes.

Formats: ``.txt`` and ``.md`` are kept as text (Markdown is not rendered); ``.html``/``.htm`` go
through trafilatura (see ``ingest.html``); ``.pdf`` through pypdf (``ingest.pdf``); ``.docx``
through python-docx (``ingest.word``); other names are sniffed: PDF or Word by their first bytes,
HTML if it looks like a page, else text. The text is decoded (see ``ingest.decode``), NFC-normalised, its line ends turned into
``\\n`` and trailing whitespace at the very end dropped; nothing else is changed.
Every failure is an ``InputError`` whose message starts with the file's name.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from storydiff.core.errors import InputError
from storydiff.ingest.decode import decode_bytes
from storydiff.ingest.html import declared_charset, extract_article, looks_like_html
from storydiff.ingest.pdf import pdf_text
from storydiff.ingest.word import docx_text, is_word_document

MAX_BYTES = 5 * 1024 * 1024

KINDS = ("auto", "text", "html", "pdf", "docx")
_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@dataclass(frozen=True)
class Document:
    """A decoded input: ``text`` is NFC with ``\\n`` line ends; ``source`` the path, URL or ``<stdin>``.

    ``encoding`` is the codec of a text or web page, ``"pdf"`` or ``"docx"`` for documents.
    A download also has its ``final_url`` (after redirects), the page's ``canonical_url``,
    ``retrieved`` (ISO 8601 UTC); ``raw_sha256`` is the hex sha256 of the bytes read.
    """

    text: str
    source: str
    encoding: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    final_url: str | None = None
    canonical_url: str | None = None
    retrieved: str | None = None
    raw_sha256: str | None = None


def read_document(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read the file at ``path`` (at most ``max_bytes`` bytes) into a ``Document``.

    The format follows the extension (see the module docstring). Raises ``InputError`` naming
    the file when it is missing, a directory, unreadable, too large, empty, binary or undecodable.
    """
    source = os.fsdecode(path)
    data = _read_file(source, max_bytes)
    return read_bytes(data, source, kind=_kind_for(source), max_bytes=max_bytes)


def read_bytes(
    data: bytes, source: str, *, kind: str = "auto", max_bytes: int = MAX_BYTES,
    charset: str | None = None, whole_page: bool = False,
) -> Document:
    """Turn ``data`` from ``source`` (a name for messages, e.g. ``"<stdin>"``) into a ``Document``.

    ``kind`` is one of ``KINDS``; ``"auto"`` sniffs PDF and Word by their first bytes, then HTML
    if the data looks like a page. ``charset`` is an encoding declared outside the data (an HTTP
    header). ``whole_page`` keeps everything: a web page's whole text, a PDF's running headers.
    Raises ``InputError`` as ``read_document`` does; ``ValueError`` for an unknown ``kind``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    _check_size(len(data), max_bytes, source)
    kind = _sniff(data) if kind == "auto" else kind
    if kind in ("pdf", "docx"):
        return _binary_document(data, source, kind, whole_page)
    hint = None if kind == "text" else (declared_charset(data) or _codec(charset))
    raw, encoding = decode_bytes(data, source, hint=hint)
    _require_text(raw, source)
    if kind == "html" or (kind == "auto" and looks_like_html(raw)):
        return _html_document(raw, source, encoding, whole_page)
    text = normalise_text(raw)
    return Document(text, source, encoding, title=headline(text))


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    return "docx" if is_word_document(data) else "auto"


def _codec(charset: str | None) -> str | None:
    import codecs

    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None


def _binary_document(data: bytes, source: str, kind: str, whole_page: bool) -> Document:
    if not data:
        raise InputError(f"{source}: file is empty")
    if kind == "pdf":
        if not data.startswith(b"%PDF-"):
            raise InputError(f"{source}: is not a PDF document (it does not start like one)")
        text, title = pdf_text(data, source, keep_running_lines=whole_page)
        author = None
    else:
        text, title, author = docx_text(data, source)
    text = normalise_text(text)
    if not text:
        raise InputError(f"{source}: no text found in this document")
    return Document(text, source, kind, title=title or headline(text), author=author)


# A first line longer than this is a paragraph, not a headline.
HEADLINE_MAX_CHARS = 200


def headline(text: str) -> str | None:
    """The headline of a plain-text story: its first line when a blank line follows it
    and it reads like a title (short, no closing full stop); Markdown '#' marks dropped."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip().lstrip("#").strip()
    if not sep or not rest.startswith("\n") or not first or len(first) > HEADLINE_MAX_CHARS:
        return None
    return None if first.endswith((".", "!", "?", ":", ";", ",")) else first


def normalise_text(text: str) -> str:
    """``text`` in NFC with ``\\r\\n`` and ``\\r`` turned into ``\\n`` and trailing whitespace dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).rstrip()


def _html_document(html: str, source: str, encoding: str, whole_page: bool = False) -> Document:
    article = extract_article(html, whole_page=whole_page)
    text = normalise_text(article.text)
    if not text:
        raise InputError(f"{source}: no article text found in this web page")
    return Document(text, source, encoding, article.title, article.date, article.author,
                    canonical_url=article.canonical_url)


def _kind_for(path: str) -> str:
    return _KIND_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "auto")


def _read_file(source: str, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked before reading, and again while reading."""
    if os.path.isdir(source):
        raise InputError(f"{source}: is a directory, not a file")
    try:
        with open(source, "rb") as stream:
            _check_size(os.fstat(stream.fileno()).st_size, max_bytes, source)
            # Pipes and devices report size 0: read one byte past the limit to notice them.
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or error})") from None
    _check_size(len(data), max_bytes, source)
    return data


def _check_size(size: int, max_bytes: int, source: str) -> None:
    if size <= max_bytes:
        return
    size_text, limit_text = _format_size(size), _format_size(max_bytes)
    if size_text == limit_text:  # just over: rounding would say "5 MB is over the 5 MB limit"
        size_text = f"{size:,} bytes"
    raise InputError(f"{source}: {size_text} is over the {limit_text} limit")


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    unit, scaled = ("MB", size / 1024**2) if size >= 1024**2 else ("KB", size / 1024)
    return f"{scaled:.1f}".removesuffix(".0") + f" {unit}"


def _require_text(text: str, source: str) -> None:
    what = "input" if source.startswith("<") else "file"
    if not text:
        raise InputError(f"{source}: {what} is empty")
    if not text.strip():
        raise InputError(f"{source}: {what} contains only whitespace")
