"""Ingest: turn files, stdin and pasted bytes into decoded, normalised text.

``read_document(path)`` reads ``.txt``, ``.md``, ``.html``, ``.pdf`` and ``.docx`` files (others
are sniffed) and
``read_bytes(data, source)`` reads stdin or dropped data; both return a frozen ``Document`` with
NFC text, ``\\n`` line ends, the encoding found and, for web pages, the title, date and author.
Inputs over ``MAX_BYTES`` (5 MiB), empty, binary or undecodable inputs are refused with an
``InputError`` that names the file. ``decode_bytes`` is the encoding detection on its own.
``ingest.imports`` brings files and web addresses in for the window's check step (``ingest.fetch``
downloads, ``ingest.check`` records the edit, ``ingest.duplicates`` spots a version already loaded).
"""

from storydiff.ingest.decode import decode_bytes
from storydiff.ingest.documents import (
    MAX_BYTES,
    Document,
    normalise_text,
    read_bytes,
    read_document,
)

__all__ = [
    "MAX_BYTES",
    "Document",
    "decode_bytes",
    "normalise_text",
    "read_bytes",
    "read_document",
]
