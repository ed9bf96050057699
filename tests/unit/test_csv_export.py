"""CSV exports: rows and quotes tables, read back with the csv module exactly as written."""

from __future__ import annotations

import csv
import hashlib

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.core.model import Version
from storydiff.engine import compare
from storydiff.report.csv_export import (
    column_names,
    defuse,
    quotes_table,
    render_csv,
    rows_table,
    write_csv_quotes,
    write_csv_rows,
)

WIRE = (
    "Pont fermé à Saint-Étienne\n\n"
    "The city closed its harbour bridge on Tuesday after inspectors found corroded cables.\n"
    "About 48,000 vehicles use the bridge every weekday.\n\n"
    '"We cannot let a single car cross," the engineer Helena Varga said. '
    "Repairs will take at least eight months, the mayor of Zürich told reporters."
)
# The spun copy swaps words and breaks a sentence over two lines (one cell, one line break).
SPUN = (
    "Pont fermé à Saint-Étienne\n\n"
    "The city closed its harbour overpass on Tuesday after\ninspectors found corroded cables.\n"
    "About 49,000 vehicles use the overpass every weekday.\n\n"
    '"We cannot let a single car cross," the engineer Helena Varga mentioned. '
    "Repairs will take at least eight months, the mayor of Zürich told reporters."
)
SHORT = "Pont fermé à Saint-Étienne\n\nFerries will run every twenty minutes from the old pier, 🚢 included."


def version(vid: str, text: str, label: str) -> Version:
    return Version(vid, label, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture(scope="module")
def comparison():
    versions = [version("v1", WIRE, "Wire «AP»"), version("v2", SPUN, 'The "Spinner", Inc.'),
                version("v3", SHORT, "Short")]
    return compare(versions, reference="v1", threshold=0.6, embedder=BagOfWordsEmbedder())


def read_back(path) -> list[list[str]]:
    """The data table of a CSV export: every line before the first empty one."""
    lines = read_all(path)
    return lines[: lines.index([])] if [] in lines else lines


def read_all(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_rows_round_trip_with_non_ascii_quotes_and_newlines(comparison, tmp_path):
    out = tmp_path / "rows.csv"
    write_csv_rows(comparison, out)
    table = rows_table(comparison)
    assert read_back(out) == table
    cells = [cell for line in table for cell in line]
    assert any("\n" in cell for cell in cells), "a cell with a line break is exercised"
    assert any('"' in cell for cell in cells) and any("é" in cell for cell in cells)
    assert any("🚢" in cell for cell in cells)


def test_rows_table_has_one_text_column_per_version_and_their_change_kinds(comparison):
    header, *lines = rows_table(comparison)
    assert header[:5] == ["row", "kind", "Wire «AP»", 'The "Spinner", Inc.', "Short"]
    assert header[5:] == ['The "Spinner", Inc.: changes', "Short: changes", "moved"]
    assert len(lines) == len(comparison.rows)
    assert all(len(line) == len(header) for line in lines)
    by_wire = {line[2]: line for line in lines if line[2]}
    spun_row = by_wire["About 48,000 vehicles use the bridge every weekday."]
    assert spun_row[3] == "About 49,000 vehicles use the overpass every weekday."
    assert "number ×1" in spun_row[5] and "substitution ×1" in spun_row[5]
    assert spun_row[4] == ""  # omitted in Short
    headline = lines[0]
    assert headline[1] == "headline" and headline[2] == headline[4] == "Pont fermé à Saint-Étienne"


def test_quotes_round_trip_with_a_status_per_version(comparison, tmp_path):
    out = tmp_path / "quotes.csv"
    write_csv_quotes(comparison, out)
    table = read_back(out)
    assert table == quotes_table(comparison)
    assert table[0] == ["quote", "speaker", "wording", "Wire «AP»", 'The "Spinner", Inc.', "Short"]
    varga = next(line for line in table[1:] if line[1] == "Helena Varga")
    assert varga[2].rstrip(",") == "We cannot let a single car cross"
    assert varga[3:] == ["verbatim", "verbatim", "absent"]


def test_file_starts_with_a_byte_order_mark_and_uses_crlf(comparison, tmp_path):
    out = tmp_path / "rows.csv"
    write_csv_rows(comparison, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfrow,kind,")
    assert data.count(b"\r\n") >= len(comparison.rows) + 1
    data.decode("utf-8")  # valid UTF-8 throughout


def test_any_table_round_trips_through_the_csv_module(tmp_path):
    table = [["a", "b"], ['He said "no", twice', "line one\nline two\r\nthree"], ["naïve — 東京 🚢", ""]]
    out = tmp_path / "t.csv"
    out.write_text(render_csv(table), encoding="utf-8", newline="")
    assert read_back(out) == table


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-cmd", "'-cmd"),
        ("- Reuters", "- Reuters"),
        ("-5 degrees overnight", "-5 degrees overnight"),
        ("+64 9 555 0100", "+64 9 555 0100"),
        ("", ""),
        ("Plain text = fine", "Plain text = fine"),
    ],
)
def test_formula_like_cells_are_written_as_text(text, expected):
    assert defuse(text) == expected


def test_repeated_labels_get_their_ids():
    versions = [version("v1", "A.", "AP"), version("v2", "B.", "AP"), version("v3", "C.", "Reuters")]
    assert column_names(versions) == {"v1": "AP (v1)", "v2": "AP (v2)", "v3": "Reuters"}


def test_provenance_follows_the_table_with_the_users_entries_marked(comparison, tmp_path):
    from storydiff.decisions import link
    from storydiff.report.provenance import build_provenance
    from storydiff.storage.session_values import Note

    notes = (Note("version", "v2", 'Spun copy, "found" on a =content farm'),)
    provenance = build_provenance(comparison, decisions=(link([("v1", 1), ("v3", 1)]),), notes=notes)
    out = tmp_path / "rows.csv"
    write_csv_rows(comparison, out, provenance=provenance)
    lines = read_all(out)
    tail = lines[lines.index([]) + 1:]
    assert tail[0] == ["provenance"]
    by_label = {line[0]: line for line in tail[2:5]}
    wire = by_label["Wire «AP»"]
    assert wire[1] == "v1.txt" and wire[4] == comparison.version("v1").sha256
    assert wire[6] == str(comparison.stats["v1"].words)
    assert any(line[:2] == ["model", "fake-bag-of-words"] for line in tail)
    user = [line for line in tail if line and line[0].startswith("by the user")]
    assert [line[0] for line in user] == ["by the user: correction", "by the user: note"]
    assert user[0][1] == "passages Wire «AP» #2, Short #2"
    assert user[1][1:3] == ['version The "Spinner", Inc.', 'Spun copy, "found" on a =content farm']
