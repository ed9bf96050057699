"""Article text and metadata from a saved web page, through trafilatura.

Nothing from the page is executed or fetched: trafilatura parses the markup with lxml, drops
scripts, styles, navigation, footers and comments, and keeps the main text. trafilatura is
imported inside the functions because importing it costs time the start-up should not pay.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# Document-level markers; a lone "<b>" in a text or Markdown file is not enough.
_HTML_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]", re.I)
_SNIFF_CHARS = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 2048
# Browsers read these declarations as windows-1252 (WHATWG Encoding Standard).
_READ_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})


@dataclass(frozen=True)
class HtmlArticle:
    """What a page yields: ``text`` (blocks separated by blank lines) and optional metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    canonical_url: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether decoded ``text`` is an HTML page (starts with markup and has document tags)."""
    head = text[:_SNIFF_CHARS].lstrip()
    return head.startswith("<") and _HTML_MARKERS.search(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The Python codec name a page declares in ``<meta charset>``, or None.

    UTF-16/32 declarations are ignored: a page that can be matched by this ASCII pattern is not
    in them, and the BOM check handles real UTF-16.
    """
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "cp1252" if name in _READ_AS_CP1252 else name


def extract_article(html: str, *, whole_page: bool = False) -> HtmlArticle:
    """Main text, title, date (``YYYY-MM-DD``), author and canonical URL of the page ``html``.

    The title is prepended as its own paragraph unless the text already starts with it, because
    outlets change headlines too. ``whole_page`` keeps every text block of the page (menus and
    comments too), for pages where the article extraction cut too much. ``text`` is empty when
    the page has no readable text.
    """
    html = _as_document(html)
    title, date, author, url = _metadata(html)
    blocks = _blocks(_whole_text(html) if whole_page else _main_text(html))
    # The whole page already holds its headline where the page prints it.
    if title and blocks and not whole_page and not _squash(blocks[0]).startswith(_squash(title)):
        blocks.insert(0, title)
    return HtmlArticle("\n\n".join(blocks), title, date, author, url)


def _as_document(html: str) -> str:
    # trafilatura finds no tree in a bare fragment such as "<p>...</p>"; give it a body.
    if re.search(r"<html[\s>]|<body[\s>]", html[:_SNIFF_CHARS], re.I):
        return html
    return f"<html><body>{html}</body></html>"


def _main_text(html: str) -> str:
    from trafilatura import extract

    # Precision keeps share buttons and related links out; when it leaves nothing (pages with
    # little structure), the balanced mode is better than refusing the page.
    for precision in (True, False):
        text = extract(html, include_comments=False, favor_precision=precision, output_format="txt")
        if text and text.strip():
            return text
    return ""


def _whole_text(html: str) -> str:
    """Every text block of the page, scripts and styles aside, one per line."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    blocks = root.xpath(_BLOCKS_AND_LINKS)
    lines = [" ".join(b.text_content().split()) for b in blocks if not _inside_block(b)]
    return "\n".join(line for line in lines if line)


_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th",
                         "figcaption", "pre", "dt", "dd"})
# Every block, and the links outside blocks (a menu's items); a link inside a block is read
# with it (``_inside_block``).
_BLOCKS_AND_LINKS = "|".join(f"//{tag}" for tag in sorted(_BLOCK_TAGS | {"a"}))


def _inside_block(element) -> bool:
    # A paragraph inside a list item or quotation is read once, with its container.
    return any(parent.tag in _BLOCK_TAGS for parent in element.iterancestors())


def _metadata(html: str) -> tuple[str | None, str | None, str | None, str | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html)
    return _field(meta, "title"), _field(meta, "date"), _field(meta, "author"), _field(meta, "url")


def _field(meta: object, name: str) -> str | None:
    # trafilatura 2 returns an object, older releases a dict.
    value = meta.get(name) if isinstance(meta, dict) else getattr(meta, name, None)
    if not isinstance(value, str) or not value.strip():
        return None
    return unicodedata.normalize("NFC", value.strip())


def _blocks(text: str) -> list[str]:
    # trafilatura puts one block (paragraph, heading, list item) per line; blank lines between
    # them make paragraphs read the same as in a .txt file.
    return [line.strip() for line in text.splitlines() if line.strip()]


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
