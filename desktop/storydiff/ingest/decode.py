"""Turn the bytes of a file into text, or refuse them with one clear message.

Order of attempts (the first that fits wins):

1. known binary formats (PNG, JPEG, GIF, PDF, ZIP, ...) are refused by their magic number (PDF and
   Word documents are read before decoding, by ``ingest.pdf`` and ``ingest.word``);
2. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-32, UTF-16;
3. UTF-16 without a BOM when NUL bytes sit clearly at every other position;
4. NUL bytes or many control bytes anywhere else mean binary data: refused;
5. strict UTF-8;
6. an encoding the document declares (an HTML ``<meta charset>``), passed in as ``hint``;
7. cp1252 when the text is Western (latin-1 is read as cp1252, as browsers do), otherwise
   charset-normalizer's best guess.

Every attempt decodes strictly, so valid input never turns into U+FFFD replacement characters.
The encoding returned is a Python codec name with which ``data.decode(encoding)`` gives the text.
"""

from __future__ import annotations

import codecs

from storydiff.core.errors import InputError

# Magic numbers of formats people drop by mistake; the message says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "looks like a PNG image, not text"),
    (b"\xff\xd8\xff", "looks like a JPEG image, not text"),
    (b"GIF87a", "looks like a GIF image, not text"),
    (b"GIF89a", "looks like a GIF image, not text"),
    (b"%PDF-", "is a PDF document, not text; give it a .pdf name to import it"),
    (b"PK\x03\x04", "is a ZIP archive, not text or a Word (.docx) document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word/Office document or a password-protected "
                                          "one; save it as .docx without a password"),
    (b"{\\rtf", "is an RTF document; RTF is not supported, save it as .docx or text (.txt)"),
    (b"\x1f\x8b", "looks like a gzip archive, not text"),
    (b"\x7fELF", "looks like a program, not text"),
)

# UTF-32 marks first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls that never occur in prose. Tab, newlines, form feed and ESC (ISO-2022) are allowed.
_CONTROL_CHARS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\v\f\r\x1b") + "\x7f"
_CONTROL_BYTES = _CONTROL_CHARS.encode("ascii")
_MAX_CONTROL_SHARE = 0.05

# How much of the start is enough to recognise UTF-16 without a BOM.
_UTF16_SAMPLE = 4096
# Western text is mostly ASCII; Cyrillic or Greek read as cp1252 is mostly accented letters.
_MAX_NON_ASCII_SHARE = 0.3
# Coherence gap within which cp1252 still beats charset-normalizer's favourite.
_COHERENCE_TIE = 0.01


def decode_bytes(data: bytes, source: str, *, hint: str | None = None) -> tuple[str, str]:
    """Decode ``data`` read from ``source`` (a path or ``"<stdin>"``, used in messages).

    ``hint`` is an encoding the document declares (e.g. an HTML meta charset); it is tried after
    strict UTF-8. Returns ``(text, encoding)``: the text with any BOM removed (not yet
    normalised) and the Python codec name used. Raises ``InputError`` for binary or undecodable data.
    """
    _refuse_known_format(data, source)
    decoded = _decode_bom(data) or _decode_utf16_sniffed(data)
    if decoded is None:
        _refuse_binary(data, len(data), source)
        decoded = _decode_8bit(data, source, hint)
    text = decoded[0]
    # Again on the text: UTF-16 and guessed encodings can hide control characters.
    _refuse_binary(text.encode("utf-8", "surrogatepass"), len(text), source)
    return decoded


def _refuse_known_format(data: bytes, source: str) -> None:
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source}: {message}")


def _refuse_binary(raw: bytes, length: int, source: str) -> None:
    """Refuse NULs or a high share of control characters among ``length`` characters.

    ``raw`` is ASCII-compatible bytes of the text (the data itself, or the decoded text as
    UTF-8), where every control character is one byte.
    """
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))  # counted in C: fast on 5 MB
    if b"\x00" in raw or controls > _MAX_CONTROL_SHARE * length:
        raise InputError(f"{source}: looks like a binary file, not text")


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with ``encoding``, or None if any byte does not fit."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            # A broken file behind a BOM falls through to the binary checks.
            return None if text is None else (text, encoding)
    return None


def _decode_utf16_sniffed(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:_UTF16_SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd > 0.4 and even < 0.05:
        encoding = "utf-16-le"
    elif even > 0.4 and odd < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    text = _strict(data, encoding)
    return None if text is None else (text, encoding)


def _decode_8bit(data: bytes, source: str, hint: str | None) -> tuple[str, str]:
    for encoding in ("utf-8", hint):
        text = _strict(data, encoding) if encoding else None
        if text is not None:
            return text, encoding
    return _decode_guessed(data, source)


def _decode_guessed(data: bytes, source: str) -> tuple[str, str]:
    """Not UTF-8: prefer cp1252 for Western text, else charset-normalizer's best guess."""
    from charset_normalizer import from_bytes  # only needed for legacy encodings

    matches = list(from_bytes(data))
    western = _strict(data, "cp1252")
    if western is not None and _western_wins(data, western, matches):
        return western, "cp1252"
    for match in matches:
        text = _strict(data, match.encoding)
        if text is not None:
            return text, match.encoding
    raise InputError(
        f"{source}: cannot tell which text encoding this file uses; save it as UTF-8 and try again"
    )


def _western_wins(data: bytes, western: str, matches: list) -> bool:
    """Whether the cp1252 reading ``western`` should beat charset-normalizer's ``matches``."""
    best = matches[0] if matches else None
    # On short text charset-normalizer recognises no language and guesses wildly ("Café" as
    # UTF-16): fall back to the shape of the text.
    if best is None or best.coherence == 0:
        return _mostly_ascii(western)
    if _strict(data, best.encoding) == western:
        return True  # same characters; report the common name
    rival = next((m for m in matches if m.encoding == "cp1252"), None)
    return rival is not None and rival.coherence >= best.coherence - _COHERENCE_TIE


def _mostly_ascii(text: str) -> bool:
    non_ascii = sum(1 for ch in text if not ch.isascii())
    return non_ascii <= _MAX_NON_ASCII_SHARE * len(text)
