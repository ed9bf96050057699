"""File > Export from the window: every format through one save dialog, folder and format remembered."""

from __future__ import annotations

import csv
import json

import pytest
from fakes import FakeHolder
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from storydiff.ui.export_dialog import FORMATS, format_for, format_for_filter, suggested_name, with_suffix
from storydiff.ui.main_window import MainWindow

TIMEOUT = 20000


@pytest.fixture
def window(window, qtbot):
    """The shared window (conftest) with the sample story compared."""
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT, check_params_cb=lambda c: c is not None):
        window.open_sample()
    return window


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records what it was offered, answers a path
    and a filter (None: the preselected one)."""

    def __init__(self, monkeypatch):
        self.calls: list[dict] = []
        self.answer: tuple[str, str | None] = ("", None)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, parent, caption, start, filters, selected):
        self.calls.append({"start": start, "filters": filters.split(";;"), "selected": selected})
        path, picked = self.answer
        return path, picked if picked is not None else selected


def test_every_format_is_offered_and_written(qtbot, window, monkeypatch, tmp_path):
    dialog = SaveDialog(monkeypatch)
    actions = {"html": window.action_export_html, "json": window.action_export_json,
               "pdf": window.action_export_pdf, "csv-rows": window.action_export_csv_rows,
               "csv-quotes": window.action_export_csv_quotes}
    for key, action in actions.items():
        dialog.answer = (str(tmp_path / f"out-{key}"), None)  # no suffix typed: the format's is added
        action.trigger()
        assert dialog.calls[-1]["selected"] == format_for(key).filter
        assert len(dialog.calls[-1]["filters"]) == len(FORMATS)
    assert "<html" in (tmp_path / "out-html.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out-json.json").read_text(encoding="utf-8"))["schema"] == "storydiff.comparison/1"
    assert "01-wire" in " ".join(PdfReader(tmp_path / "out-pdf.pdf").pages[0].extract_text().split())
    with open(tmp_path / "out-csv-rows.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[:3] == ["row", "kind", "01-wire"]
    with open(tmp_path / "out-csv-quotes.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[:3] == ["quote", "speaker", "wording"]
    assert "Exported" in window.statusBar().currentMessage()


def test_folder_and_format_are_remembered(qtbot, window, monkeypatch, tmp_path):
    dialog = SaveDialog(monkeypatch)
    folder = tmp_path / "exports"
    folder.mkdir()
    # The user opens the HTML export but switches the dialog to the CSV of quotations.
    dialog.answer = (str(folder / "story.csv"), format_for("csv-quotes").filter)
    window.action_export_html.trigger()
    assert (folder / "story.csv").read_text(encoding="utf-8-sig").startswith("quote,")
    dialog.answer = ("", None)  # cancelled: nothing written, nothing forgotten
    window.action_export.trigger()
    assert dialog.calls[-1]["selected"] == format_for("csv-quotes").filter
    assert dialog.calls[-1]["start"].startswith(str(folder))
    assert dialog.calls[-1]["start"].endswith("-quotations.csv")


def test_export_error_is_shown_not_raised(qtbot, window, monkeypatch, tmp_path):
    dialog = SaveDialog(monkeypatch)
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    dialog.answer = (str(tmp_path / "missing" / "x.pdf"), None)
    window.action_export_pdf.trigger()
    assert shown and "cannot export" in shown[0]


def test_export_menu_waits_for_a_comparison(qtbot):
    win = MainWindow(holder=FakeHolder())
    qtbot.addWidget(win)
    try:
        assert not win.menu_export.isEnabled()
    finally:
        win.runner.shutdown()


def test_names_suffixes_and_filters(sample_comparison):
    pdf = format_for("pdf")
    assert with_suffix("/tmp/a", pdf) == "/tmp/a.pdf" and with_suffix("/tmp/a.PDF", pdf) == "/tmp/a.PDF"
    assert format_for("nonsense").key == "html"
    assert format_for_filter("CSV of statements (*.csv)", pdf).key == "csv-rows"
    assert format_for_filter("something else", pdf) is pdf
    name = suggested_name(sample_comparison, format_for("csv-rows"))
    assert name.endswith("-statements.csv") and " " not in name and name.startswith("port-calder")


def test_window_exports_carry_the_users_notes(qtbot, window, monkeypatch, tmp_path):
    from storydiff.storage.session_values import Note

    dialog = SaveDialog(monkeypatch)
    note = Note("version", "v2", "Rewrite confirmed by phone")
    monkeypatch.setattr(window, "notes", lambda: (note,))
    dialog.answer = (str(tmp_path / "c.json"), None)
    window.action_export_json.trigger()
    by_user = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["provenance"]["by_user"]
    assert [(u["kind"], u["text"]) for u in by_user] == [("note", "Rewrite confirmed by phone")]
