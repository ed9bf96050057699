"""Word (.docx) and PDF files written by the tests import intact and in order; bad ones say why."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from import_support import simple_pdf

from storydiff.core.errors import InputError
from storydiff.ingest import read_document
from storydiff.ingest.imports import import_file

HEADLINE = "Harbour Bridge to close for two years"
BODY = [
    "The city council voted on Tuesday to close the Harbour Bridge for repairs.",
    "\u201cThe bridge is no longer safe for heavy traffic,\u201d Mayor Ana Ruiz said.",
    "Engineers found cracks in three of the eight steel supports in May.",
]


def write_docx(path, *, table=True, title="Bridge story", author="Jane Reporter"):
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.add_heading(HEADLINE, level=1)
    document.add_paragraph(BODY[0])
    document.add_heading("What happens next", level=2)
    if table:
        grid = document.add_table(rows=2, cols=2)
        grid.cell(0, 0).text, grid.cell(0, 1).text = "Closure", "June 2026"
        grid.cell(1, 0).text, grid.cell(1, 1).text = "Cost", "$48 million"
    document.add_paragraph(BODY[1])
    document.add_paragraph("")
    document.add_paragraph(BODY[2])
    document.save(path)
    return path


def test_docx_paragraphs_headings_and_tables_in_order(tmp_path):
    doc = read_document(write_docx(tmp_path / "story.docx"))
    expected = [HEADLINE, BODY[0], "What happens next", "Closure", "June 2026", "Cost", "$48 million", BODY[1], BODY[2]]
    assert doc.text == "\n\n".join(expected)
    assert (doc.title, doc.author, doc.encoding) == ("Bridge story", "Jane Reporter", "docx")


def test_docx_without_extension_is_sniffed_and_raw_bytes_hashed(tmp_path):
    path = write_docx(tmp_path / "story.docx")
    renamed = path.rename(tmp_path / "story")
    imported = import_file(renamed)
    assert imported.kind == "auto" and imported.document.text.startswith(HEADLINE)
    assert imported.document.raw_sha256 == hashlib.sha256(renamed.read_bytes()).hexdigest()
    assert imported.label == "story"


PDF_PAGES = [
    ["Example Daily - Page 1", HEADLINE,
     "The city council voted on Tuesday to close the Harbour Bridge for repairs that",
     "will take two years, the mayor said in a state-",
     "ment after the meeting.",
     "Engineers found cracks in three of the eight steel supports in May, and",
     "the state will pay most of the cost.",
     "www.example.org/news 1/3"],
    ["Example Daily - Page 2",
     "Residents of the north shore said the closure would add twenty minutes to",
     "many journeys and asked for more ferries.",
     "www.example.org/news 2/3"],
    ["Example Daily - Page 3",
     "The council will vote on the ferry timetable next month.",
     "www.example.org/news 3/3"],
]


def test_pdf_text_in_order_with_hyphens_joined_and_running_lines_dropped(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(simple_pdf(PDF_PAGES, title="Bridge closes"))
    doc = read_document(path)
    assert doc.text.split("\n\n") == [
        HEADLINE,
        "The city council voted on Tuesday to close the Harbour Bridge for repairs that will take two "
        "years, the mayor said in a statement after the meeting.",
        "Engineers found cracks in three of the eight steel supports in May, and the state will pay most "
        "of the cost.",
        "Residents of the north shore said the closure would add twenty minutes to many journeys and "
        "asked for more ferries.",
        "The council will vote on the ferry timetable next month.",
    ]
    assert doc.title == "Bridge closes" and doc.encoding == "pdf"


def test_pdf_whole_text_keeps_running_lines(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(simple_pdf(PDF_PAGES))
    whole = import_file(path).reextract(whole_page=True)
    assert "Example Daily - Page 2" in whole.text and "www.example.org/news 3/3" in whole.text


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(simple_pdf([[], []]))
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer \(a scanned document\?\)"):
        read_document(path)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf(PDF_PAGES))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is protected by a password"):
        read_document(path)


def test_pdf_locked_only_against_editing_opens(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf(PDF_PAGES))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "print-only.pdf"
    path.write_bytes(buffer.getvalue())
    assert "north shore" in read_document(path).text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.pdf", b"", r"empty\.pdf: file is empty"),
    ("cut.pdf", simple_pdf(PDF_PAGES)[:300], r"cut\.pdf: the PDF (is damaged|has no)"),
    ("fake.pdf", b"<html>not a pdf</html>", r"fake\.pdf: is not a PDF document"),
    ("empty.docx", b"", r"empty\.docx: file is empty"),
    ("fake.docx", b"PK\x03\x04garbage", r"fake\.docx: the Word document is damaged"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), r"locked\.docx: is password-protected or an old Word"),
])
def test_bad_documents_give_clear_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"/{message}"):
        read_document(path)


def test_docx_with_a_broken_body(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"^.*broken\.docx: the Word document is damaged"):
        read_document(path)


def test_docx_without_text(tmp_path):
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    with pytest.raises(InputError, match=r"blank\.docx: the Word document has no text$"):
        read_document(path)


def test_zip_that_is_not_word(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.txt", "hello")
    path = tmp_path / "archive.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"archive\.zip: is a ZIP archive, not text or a Word"):
        read_document(path)
