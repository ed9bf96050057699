"""The text of a Word (.docx) document, through python-docx.

Paragraphs, headings and tables come out in the order of the document's body, one block per
paragraph, separated by blank lines; each table cell is its own block (a merged cell once).
The core properties give the title and author. python-docx is imported inside the function.
"""

from __future__ import annotations

import io
import zipfile

from storydiff.core.errors import InputError

_WORD_PART = "word/document.xml"


def is_word_document(data: bytes) -> bool:
    """Whether ``data`` is a ZIP holding a Word body (what a .docx is)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _WORD_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def docx_text(data: bytes, source: str) -> tuple[str, str | None, str | None]:
    """``(text, title, author)`` of the .docx ``data`` read from ``source`` (named in messages).

    Raises ``InputError`` for a damaged or password-protected file, or one with no text.
    """
    document = _open(data, source)
    blocks = [block for item in document.iter_inner_content() for block in _blocks(item)]
    if not blocks:
        raise InputError(f"{source}: the Word document has no text")
    properties = document.core_properties
    return "\n\n".join(blocks), _clean(properties.title), _clean(properties.author)


def _open(data: bytes, source: str):
    import docx

    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(f"{source}: is password-protected or an old Word (.doc) file; "
                         "save it as .docx without a password")
    if not is_word_document(data):
        raise InputError(f"{source}: the Word document is damaged (not a valid .docx archive)")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, lxml errors, its own package errors
        raise InputError(f"{source}: the Word document is damaged ({type(error).__name__})") from None


def _blocks(item) -> list[str]:
    from docx.table import Table

    if isinstance(item, Table):
        return _table_blocks(item)
    text = " ".join(item.text.split())
    return [text] if text else []


def _table_blocks(table) -> list[str]:
    blocks, seen = [], []
    for row in table.rows:
        for cell in row.cells:
            # A merged cell is listed once per grid column it spans. Elements are kept (not
            # their ids): lxml proxies are transient and an id can be reused.
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            blocks.extend(b for p in cell.paragraphs if (b := " ".join(p.text.split())))
    return blocks


def _clean(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
