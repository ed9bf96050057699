"""Importing into the window: Add from URL (and Cancel), a dropped URL, files, the check step,
duplicates. Pages come from a local server on 127.0.0.1 that the tests write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from import_support import article_page
from PySide6.QtCore import QMarginsF, QMimeData, QRectF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFont, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QLabel

from storydiff.ingest.check import ImportEdit
from storydiff.ui.dialogs.url_dialog import UrlDialog, parse_urls

TIMEOUT = 20000
PARAGRAPHS = [
    "The city council voted on Tuesday to close the Harbour Bridge for two years of repairs.",
    "\u201cThe bridge is no longer safe for heavy traffic,\u201d Mayor Ana Ruiz said after the vote.",
    "Engineers found cracks in three of the bridge\u2019s eight steel supports during an inspection in May.",
    "Repairs will cost an estimated $48 million, paid for by the state and the city.",
    "Ferries will run every twenty minutes from the north shore while the bridge is shut.",
]


pytestmark = pytest.mark.usefixtures("no_proxy")  # every test, not only those with a site (conftest)


def article(site, path="/news/bridge", title="Harbour Bridge to close for repairs"):
    return site.page(path, article_page(title, PARAGRAPHS, canonical=site.url(path)))


def wait_for_check(qtbot, window, start):
    with qtbot.waitSignal(window.importer.check_shown, timeout=TIMEOUT) as shown:
        start()
    return shown.args[0]


def test_add_from_url_downloads_in_the_background_and_checks_first(qtbot, window, site, monkeypatch):
    url = article(site)
    monkeypatch.setattr(UrlDialog, "get_urls", staticmethod(lambda parent: [url]))
    dialog = wait_for_check(qtbot, window, window.versions_panel.action_add_url.trigger)
    assert window.workspace().versions == ()  # nothing joins before the check
    assert dialog.shown_text().startswith("Harbour Bridge to close for repairs")
    assert "worst reporting" not in dialog.shown_text()
    fields = [label.text() for label in dialog.findChildren(QLabel)]
    assert url in fields and "Jane Reporter" in fields and "2026-03-05" in fields
    with qtbot.waitSignal(window.importer.version_added, timeout=TIMEOUT):
        dialog.accept()
    (version,) = window.workspace().versions
    assert version.source == url and version.final_url == url
    assert version.label == "127.0.0.1: Harbour Bridge to close for repairs"
    assert version.raw_sha256 and version.retrieved and version.edit is None


def test_cancel_stops_a_slow_download_and_the_window_stays_responsive(qtbot, window, site):
    url = site.page("/slow", article_page("Slow", PARAGRAPHS), delay=5.0)
    window.importer.start([url])
    qtbot.waitUntil(lambda: window.importer.cancel_button.isVisible(), timeout=TIMEOUT)
    assert window.importer.progress.isVisible()
    with qtbot.waitSignal(window.importer.import_cancelled, timeout=2000):
        qtbot.mouseClick(window.importer.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.importer.cancel_button.isVisible()
    assert window.importer.dialog() is None and window.workspace().versions == ()
    assert window.statusBar().currentMessage() == "Import cancelled"


def test_several_urls_one_per_line_with_failures_in_one_message(qtbot, window, site):
    good = article(site)
    missing = site.url("/missing")
    urls, refused = parse_urls(f"{good}\n\n{missing}\nnot a url\n")
    assert urls == [good, missing] and refused == ["not a url"]
    with qtbot.waitSignal(window.error_shown, timeout=TIMEOUT) as error:
        window.importer.start(urls)
    assert error.args[0] == ("Some sources were not added:\n"
                             f"{missing}: the server answered 404 Not Found (the page was not found or is not public)")
    qtbot.waitUntil(lambda: window.importer.dialog() is not None, timeout=TIMEOUT)


def test_dropping_a_url_from_a_browser(qtbot, window, site):
    url = article(site)
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    mime.setText(url)
    event = QDropEvent(window.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    dialog = wait_for_check(qtbot, window, lambda: window.dropEvent(event))
    assert event.isAccepted()
    assert PARAGRAPHS[0] in dialog.shown_text()


def test_check_step_fixes_label_cuts_lines_and_takes_the_whole_page(qtbot, window, site, tmp_path):
    url = article(site)
    dialog = wait_for_check(qtbot, window, lambda: window.importer.start([url]))
    extracted = dialog.shown_text()
    dialog.set_whole_page(True)
    assert "worst reporting" in dialog.shown_text() and "Politics" in dialog.shown_text()
    lines = [line for line in dialog.shown_text().split("\n") if line.strip()]
    head = lines.index("Harbour Bridge to close for repairs")
    tail = len(lines) - 1 - lines.index(PARAGRAPHS[-1])
    dialog.set_cuts(head, tail)
    dialog.set_label("Example Daily")
    os.makedirs("/tmp/import-check", exist_ok=True)
    dialog.grab().save("/tmp/import-check/check_step.png")
    assert dialog.add_button_enabled()
    dialog.set_cuts(len(lines) - 1, 1)
    assert not dialog.add_button_enabled()  # nothing would be left
    dialog.set_cuts(head, tail)
    with qtbot.waitSignal(window.importer.version_added, timeout=TIMEOUT):
        dialog.accept()
    (version,) = window.workspace().versions
    assert version.label == "Example Daily"
    assert version.text.startswith("Harbour Bridge to close for repairs") and version.text.endswith(PARAGRAPHS[-1])
    assert "worst reporting" not in version.text and version.text != extracted
    edit = ImportEdit.from_json(version.edit)
    assert (edit.cut_start, edit.cut_end, edit.whole_page, edit.label) == (head, tail, True, "Example Daily")
    assert edit.proposed_label == "127.0.0.1: Harbour Bridge to close for repairs"


def test_duplicate_is_named_and_can_be_skipped(qtbot, window, site):
    url = article(site)
    copy = article(site, "/amp/bridge")
    dialog = wait_for_check(qtbot, window, lambda: window.importer.start([url]))
    with qtbot.waitSignal(window.importer.version_added, timeout=TIMEOUT):
        dialog.accept()
    dialog = wait_for_check(qtbot, window, lambda: window.importer.start([copy]))
    warning = dialog.findChild(QLabel, "duplicate_warning")
    assert "'127.0.0.1: Harbour Bridge to close for repairs' has the same text" in warning.text()
    dialog.reject()
    qtbot.wait(50)
    assert len(window.workspace().versions) == 1


def write_pdf_with_qt(path: Path, pages: list[list[str]]) -> None:
    """A PDF drawn by Qt's own writer, one paragraph per string, one list per page."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20))
    writer.setTitle("Harbour Bridge report")
    painter = QPainter(writer)
    painter.setFont(QFont("Sans Serif", 11))
    width = writer.width()
    for number, paragraphs in enumerate(pages):
        if number:
            writer.newPage()
        top = 0
        for paragraph in paragraphs:
            box = painter.boundingRect(QRectF(0, top, width, 10_000), Qt.TextFlag.TextWordWrap, paragraph)
            painter.drawText(box, Qt.TextFlag.TextWordWrap, paragraph)
            top = box.bottom() + 300
    painter.end()


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Harbour Bridge to close", level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(path)


def test_pdf_and_docx_files_import_intact_and_in_order(qtbot, window, tmp_path):
    pdf, word = tmp_path / "report.pdf", tmp_path / "story.docx"
    write_pdf_with_qt(pdf, [PARAGRAPHS[:3], PARAGRAPHS[3:]])
    write_docx(word)
    dialog = wait_for_check(qtbot, window, lambda: window.open_files([str(pdf), str(word)]))
    text = dialog.shown_text()
    positions = [text.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)
    with qtbot.waitSignal(window.importer.check_shown, timeout=TIMEOUT) as shown:
        dialog.accept()
    second = shown.args[0]
    assert second.shown_text() == "\n\n".join(["Harbour Bridge to close", *PARAGRAPHS])
    with qtbot.waitSignal(window.importer.version_added, timeout=TIMEOUT):
        second.accept()
    labels = [v.label for v in window.workspace().versions]
    assert labels == ["report", "story"]
    assert window.workspace().versions[0].encoding == "pdf"


def test_a_bad_file_gives_its_message(qtbot, window, tmp_path):
    scan = tmp_path / "scan.pdf"
    write_pdf_with_qt(scan, [[], []])
    with qtbot.waitSignal(window.error_shown, timeout=TIMEOUT) as error:
        window.open_files([str(scan)])
    assert "scan.pdf: the PDF has no text layer (a scanned document?)" in error.args[0]


def test_edit_survives_saving_the_session(qtbot, window, site, tmp_path, monkeypatch):
    from window_helpers import answer_save_dialog

    from storydiff.storage.session import load_session

    url = article(site)
    dialog = wait_for_check(qtbot, window, lambda: window.importer.start([url]))
    dialog.set_cuts(1, 0)
    with qtbot.waitSignal(window.importer.version_added, timeout=TIMEOUT):
        dialog.accept()
    path = tmp_path / "story.storydiff"
    answer_save_dialog(monkeypatch, path)
    assert window.sessions.save_as()
    window.sessions.close()
    (version,) = load_session(path).workspace.versions
    assert json.loads(version.edit)["cut_start"] == 1 and version.source == url
