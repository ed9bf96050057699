"""Ingest: decoding, normalisation, refusals and HTML extraction (no network, no Qt)."""

from __future__ import annotations

import codecs
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.core.errors import InputError
from storydiff.ingest import MAX_BYTES, Document, decode_bytes, read_bytes, read_document

QUOTE = "\u201cWe will not resign,\u201d the minister said in Montr\u00e9al."
CZECH = "Vl\u00e1da ve st\u0159edu ozn\u00e1mila nov\u00e1 pravidla pro dan\u011b a ministr \u0159ekl, \u017ee zpr\u00e1va je nepravdiv\u00e1."
RUSSIAN = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a, \u0447\u0442\u043e \u0434\u043e\u043a\u043b\u0430\u0434 \u043f\u043e\u043b\u043d\u043e\u0441\u0442\u044c\u044e \u043b\u043e\u0436\u043d\u044b\u0439."

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Minister denies bribery report | Example News</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>document.title = "HACKED"; console.log("SCRIPT PAYLOAD");</script>
<style>.x { color: red }</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li>
<li><a href="/sport">Sport and leisure</a></li></ul></nav></header>
<main><article>
<h1>Minister denies bribery report</h1>
<p>The finance minister said on Tuesday that the report was "entirely false" and that her lawyers
would challenge it in court.</p>
<p>"I have never accepted a single payment from anyone," she told reporters outside parliament,
adding that she would cooperate with investigators.</p>
<p>Opposition leaders called for her resignation, saying the allegations had damaged public trust
in the government.</p>
</article></main>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
<script>var tracker = "TRACKING SCRIPT";</script>
</body></html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path, **kwargs) -> str:
    """The message of the InputError that reading ``path`` raises; it must name the file."""
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert path.name in message
    return message


# --- encodings ---------------------------------------------------------------------------------


def test_utf8(tmp_path):
    doc = read_document(write(tmp_path, "wire.txt", QUOTE.encode("utf-8")))
    assert doc == Document(QUOTE, str(tmp_path / "wire.txt"), "utf-8")


def test_utf8_bom_is_stripped(tmp_path):
    doc = read_document(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + QUOTE.encode("utf-8")))
    assert doc.text == QUOTE
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = read_document(write(tmp_path, "u16.txt", bom + QUOTE.encode(codec)))
    assert doc.text == QUOTE
    assert doc.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, codec):
    doc = read_document(write(tmp_path, "u16.txt", QUOTE.encode(codec)))
    assert (doc.text, doc.encoding) == (QUOTE, codec)


def test_cp1252_curly_quotes_and_accents(tmp_path):
    doc = read_document(write(tmp_path, "win.txt", QUOTE.encode("cp1252")))
    assert doc.text == QUOTE
    assert doc.encoding == "cp1252"
    assert "\ufffd" not in doc.text


@pytest.mark.parametrize("text", ["Caf\u00e9", "\u00c6r\u00f8, Z\u00fcrich, S\u00e3o Paulo, na\u00efve fa\u00e7ade"])
def test_latin1_is_read_as_cp1252(tmp_path, text):
    doc = read_document(write(tmp_path, "latin.txt", text.encode("latin-1")))
    assert (doc.text, doc.encoding) == (text, "cp1252")


@pytest.mark.parametrize(("text", "codec"), [(CZECH, "cp1250"), (RUSSIAN, "cp1251")])
def test_non_western_legacy_encodings_are_guessed(tmp_path, text, codec):
    doc = read_document(write(tmp_path, "legacy.txt", text.encode(codec)))
    assert doc.text == text


@pytest.mark.parametrize(
    "data",
    [
        QUOTE.encode("utf-8"),
        codecs.BOM_UTF8 + QUOTE.encode("utf-8"),
        codecs.BOM_UTF16_LE + QUOTE.encode("utf-16-le"),
        QUOTE.encode("utf-16-be"),
        QUOTE.encode("cp1252"),
        RUSSIAN.encode("cp1251"),
    ],
)
def test_decode_bytes_reports_a_codec_that_reproduces_the_text(data):
    text, encoding = decode_bytes(data, "x.txt")
    assert data.decode(encoding) == text


def test_html_declared_charset_is_used(tmp_path):
    html = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    html = html.replace("in the government.", RUSSIAN)
    doc = read_document(write(tmp_path, "ru.html", html.encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert RUSSIAN in doc.text


# --- normalisation -----------------------------------------------------------------------------


def test_nfc_composes_decomposed_accents(tmp_path):
    doc = read_document(write(tmp_path, "nfd.txt", "Montre\u0301al".encode("utf-8")))
    assert doc.text == "Montr\u00e9al"


def test_line_ends_become_newlines_and_nothing_else_changes(tmp_path):
    data = b"  Headline  \r\n\r\nFirst  line.\rSecond\tline.\r\n\r\n"
    doc = read_document(write(tmp_path, "crlf.txt", data))
    assert doc.text == "  Headline  \n\nFirst  line.\nSecond\tline."


def test_markdown_is_kept_as_text(tmp_path):
    data = b"# Headline\n\n*Emphasis* and <b>markup</b> stay."
    assert read_document(write(tmp_path, "story.md", data)).text == data.decode()


# --- refusals ----------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    assert "empty" in refusal(write(tmp_path, "wire.txt", b""))


@pytest.mark.parametrize("data", [b" \n\t\r\n ", codecs.BOM_UTF8 + b"\n\n", " \u00a0\n".encode()])
def test_whitespace_only_file(tmp_path, data):
    message = refusal(write(tmp_path, "blank.txt", data))
    assert "whitespace" in message or "empty" in message


def test_png_header(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    assert "PNG image" in refusal(write(tmp_path, "photo.png", data))


@pytest.mark.parametrize(
    ("name", "data"),
    [("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ("story.docx", b"PK\x03\x04\x14\x00\x06\x00")],
)
def test_truncated_pdf_and_docx_are_damaged(tmp_path, name, data):
    assert "is damaged" in refusal(write(tmp_path, name, data))


def test_random_bytes_with_nuls(tmp_path):
    data = random.Random(20240305).randbytes(4096)
    assert b"\x00" in data
    assert "binary" in refusal(write(tmp_path, "blob.txt", data))


def test_text_with_many_control_characters(tmp_path):
    data = b"abc\x01\x02\x03def\x04\x05\x06" * 20
    assert "binary" in refusal(write(tmp_path, "ctl.txt", data))


def test_random_bytes_without_nuls_are_refused(tmp_path):
    data = bytes(b or 1 for b in random.Random(7).randbytes(4096))
    refusal(write(tmp_path, "noise.dat", data))


def test_over_the_limit_is_refused_before_reading(tmp_path):
    message = refusal(write(tmp_path, "big.txt", b"word " * 400), max_bytes=1024)
    assert "over the 1 KB limit" in message


def test_default_limit_message(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:  # sparse: no 6 MB written to disk
        stream.truncate(MAX_BYTES + 1024**2)
    assert "6 MB is over the 5 MB limit" in refusal(path)


def test_read_bytes_over_the_limit():
    with pytest.raises(InputError, match="<stdin>: .* over the"):
        read_bytes(b"x" * 2000, "<stdin>", max_bytes=1000)


def test_missing_file(tmp_path):
    assert "no such file" in refusal(tmp_path / "x.txt")


def test_directory(tmp_path):
    assert "directory" in refusal(tmp_path)


def test_permission_denied_message(tmp_path, monkeypatch):
    from storydiff.ingest import documents

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Root reads any file, so simulate the refusal where the file is opened.
    monkeypatch.setattr(documents, "open", refuse, raising=False)
    assert "permission denied" in refusal(write(tmp_path, "locked.txt", b"text"))


def test_just_over_the_limit_shows_bytes(tmp_path):
    message = refusal(write(tmp_path, "edge.txt", b"x" * 1025), max_bytes=1024)
    assert "1,025 bytes is over the 1 KB limit" in message


# --- HTML --------------------------------------------------------------------------------------


def test_html_page_main_text_title_and_metadata(tmp_path):
    doc = read_document(write(tmp_path, "page.html", PAGE.encode("utf-8")))
    assert "lawyers would challenge it in court" in doc.text
    assert "cooperate with investigators" in doc.text
    for boilerplate in ("SCRIPT", "HACKED", "color: red", "World news section", "Copyright"):
        assert boilerplate not in doc.text
    assert doc.title == "Minister denies bribery report"
    assert doc.author == "Jane Reporter"
    assert doc.date == "2024-03-05"
    assert doc.encoding == "utf-8"


def test_html_blocks_are_paragraphs_and_title_is_not_repeated(tmp_path):
    doc = read_document(write(tmp_path, "page.htm", PAGE.encode("utf-8")))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Minister denies bribery report"
    assert paragraphs[1].startswith("The finance minister")
    assert doc.text.count("Minister denies bribery report") == 1


def test_html_title_is_prepended_when_missing_from_text(tmp_path):
    page = PAGE.replace("<h1>Minister denies bribery report</h1>", "")
    doc = read_document(write(tmp_path, "nohead.html", page.encode("utf-8")))
    assert doc.text.startswith("Minister denies bribery report\n\nThe finance minister")


def test_html_without_metadata(tmp_path):
    page = "<html><body><article><p>Just one paragraph of article text here.</p></article></body></html>"
    doc = read_document(write(tmp_path, "bare.html", page.encode()))
    assert doc == Document("Just one paragraph of article text here.", doc.source, "utf-8")


def test_html_fragment_file(tmp_path):
    doc = read_document(write(tmp_path, "frag.html", b"<p>Only a fragment of a story.</p>"))
    assert doc.text == "Only a fragment of a story."


def test_html_without_text_is_refused(tmp_path):
    page = b"<html><head><title>Empty</title><script>x()</script></head><body></body></html>"
    assert "no article text" in refusal(write(tmp_path, "empty.html", page))


def test_unknown_extension_is_sniffed(tmp_path):
    assert read_document(write(tmp_path, "page.php", PAGE.encode())).title is not None
    plain = read_document(write(tmp_path, "notes.log", b"A <b>tag</b> in plain text."))
    assert plain.text == "A <b>tag</b> in plain text."


def test_txt_extension_keeps_markup(tmp_path):
    assert read_document(write(tmp_path, "page.txt", PAGE.encode())).text == PAGE.rstrip()


# --- stdin -------------------------------------------------------------------------------------


def test_read_bytes_text_from_stdin():
    doc = read_bytes("Line one.\r\nLine two \u00e9.\n".encode(), "<stdin>")
    assert doc == Document("Line one.\nLine two \u00e9.", "<stdin>", "utf-8")


def test_read_bytes_sniffs_html_and_honours_kind():
    assert read_bytes(PAGE.encode(), "<stdin>").author == "Jane Reporter"
    assert read_bytes(PAGE.encode(), "<stdin>", kind="text").text == PAGE.rstrip()


def test_read_bytes_errors_name_the_source():
    with pytest.raises(InputError, match="^<stdin>: input is empty$"):
        read_bytes(b"", "<stdin>")
    with pytest.raises(ValueError):
        read_bytes(b"text", "<stdin>", kind="jpeg")


def test_importing_ingest_does_not_import_trafilatura():
    code = "import sys, storydiff.ingest; print('trafilatura' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "desktop")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bridge closes after inspection\n\nThe city closed it.", "Bridge closes after inspection"),
        ("# Bridge closes\n\nThe city closed it.", "Bridge closes"),
        ("The city closed the bridge.\n\nMore text.", None),
        ("Bridge closes\nThe city closed it.", None),
        ("One line only", None),
        ("x" * 300 + "\n\nText.", None),
    ],
)
def test_plain_text_headline_becomes_the_title(tmp_path, text, expected):
    from storydiff.ingest import read_document

    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    assert read_document(path).title == expected
