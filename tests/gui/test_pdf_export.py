"""The PDF report drawn by Qt, read back with pypdf: paper, orientation, page numbers, content."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes import BagOfWordsEmbedder
from pypdf import PdfReader

from storydiff import app
from storydiff.engine import compare
from storydiff.ui.pdf_export import write_pdf

# PDF points (1/72 inch) of the portrait page: width, height.
A4 = (595, 842)
LETTER = (612, 792)


def page_box(reader: PdfReader, number: int = 0) -> tuple[int, int]:
    box = reader.pages[number].mediabox
    return round(float(box.width)), round(float(box.height))


def words(text: str) -> str:
    """Text with every run of whitespace as one space (pypdf returns tabs and line ends)."""
    return " ".join(text.split())


def pdf_text(reader: PdfReader) -> str:
    return words(" ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("paper, portrait", [("a4", A4), ("letter", LETTER)])
def test_five_versions_print_side_by_side_on_landscape_pages(qapp, sample_comparison, tmp_path, paper, portrait):
    out = tmp_path / "report.pdf"
    write_pdf(sample_comparison, out, page_size=paper)
    reader = PdfReader(out)
    assert page_box(reader) == (portrait[1], portrait[0])  # landscape
    text = pdf_text(reader)
    for version in sample_comparison.versions:
        assert version.label in text
    quote = sample_comparison.quotes[0]
    assert words(quote.text) in text
    assert words(sample_comparison.passages["v1"][1].text) in text  # a statement, in its column


def test_every_page_carries_its_number(qapp, sample_comparison, tmp_path):
    out = tmp_path / "report.pdf"
    write_pdf(sample_comparison, out, page_size="a4")
    reader = PdfReader(out)
    count = len(reader.pages)
    assert count >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} / {count}" in words(page.extract_text())


def test_two_versions_stay_portrait(qapp, sample_comparison, tmp_path):
    two = compare(list(sample_comparison.versions[:2]), reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())
    out = tmp_path / "two.pdf"
    write_pdf(two, out, page_size="letter")
    reader = PdfReader(out)
    assert page_box(reader) == LETTER
    assert all(v.label in pdf_text(reader) for v in two.versions)


def test_more_than_five_versions_print_one_block_per_statement(qapp, sample_comparison, tmp_path):
    extra = [
        replace(version, id=f"v{6 + n}", label=f"Outlet {chr(65 + n)} ({version.label})",
                text=version.text.replace("Tuesday", "Wednesday"))
        for n, version in enumerate(sample_comparison.versions[:3])
    ]
    eight = compare([*sample_comparison.versions, *extra], reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())
    out = tmp_path / "eight.pdf"
    write_pdf(eight, out, page_size="a4")
    reader = PdfReader(out)
    assert page_box(reader) == A4  # portrait: the versions are stacked, not columns
    text = pdf_text(reader)
    for version in eight.versions:
        assert version.label in text
    assert "Statement 1" in text
    assert words(eight.quotes[0].text) in text


def test_unknown_page_size_is_an_export_error(qapp, sample_comparison, tmp_path):
    from storydiff.report import ExportError

    with pytest.raises(ExportError, match="page size"):
        write_pdf(sample_comparison, tmp_path / "x.pdf", page_size="A3")
    assert not list(tmp_path.iterdir())


def test_command_line_writes_pdf_and_csv(qapp, sample_files, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", BagOfWordsEmbedder)
    pdf, rows, quotes = tmp_path / "r.pdf", tmp_path / "rows.csv", tmp_path / "quotes.csv"
    code = app.main(["compare", *map(str, sample_files), "--pdf", str(pdf), "--page-size", "Letter",
                     "--csv-rows", str(rows), "--csv-quotes", str(quotes), "--quiet"])
    assert code == 0, capsys.readouterr().err
    reader = PdfReader(pdf)
    assert page_box(reader) == (LETTER[1], LETTER[0])
    assert "01-wire" in pdf_text(reader)
    assert rows.read_text(encoding="utf-8-sig").startswith("row,kind,01-wire,")
    assert quotes.read_text(encoding="utf-8-sig").startswith("quote,speaker,wording,01-wire,")


def test_pdf_ends_with_the_provenance_and_the_users_notes(qapp, sample_comparison, tmp_path):
    from storydiff.report.provenance import build_provenance
    from storydiff.storage.session_values import Note

    notes = (Note("version", "v3", "Checked with the outlet's editor"),)
    out = tmp_path / "report.pdf"
    write_pdf(sample_comparison, out, page_size="a4", provenance=build_provenance(sample_comparison, notes=notes))
    text = pdf_text(PdfReader(out))
    joined = text.replace(" ", "")
    assert "Provenance" in text and "by the user" in text and "Checked with the outlet's editor" in text
    for version in sample_comparison.versions:
        assert version.sha256 in joined  # a long hash may wrap inside its cell
