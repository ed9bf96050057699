"""The details pane and its change list model."""

from __future__ import annotations

from storydiff.ui.details_pane import DetailsPane
from storydiff.ui.models.changes_model import ChangeRole, ChangesModel


def test_changes_model_passes_the_model_tester(qtmodeltester, sample_comparison):
    model = ChangesModel()
    qtmodeltester.check(model)
    row = next(c.row for c in sample_comparison.changes)
    model.set_row(sample_comparison, row)
    qtmodeltester.check(model)
    assert model.rowCount() == sum(1 for c in sample_comparison.changes if c.row == row)


def test_trivial_changes_can_be_hidden(sample_comparison):
    trivial_row = next(c.row for c in sample_comparison.changes if c.trivial)
    model = ChangesModel()
    model.set_row(sample_comparison, trivial_row, show_trivial=False)
    shown = [model.index(r, 0).data(ChangeRole) for r in range(model.rowCount())]
    assert all(not change.trivial for change in shown)


def test_pane_shows_every_version_escaped(qtbot, sample_comparison):
    pane = DetailsPane()
    qtbot.addWidget(pane)
    pane.set_comparison(sample_comparison)
    pane.set_row(0)
    text = pane.text_view.toPlainText()
    for version in sample_comparison.versions:
        assert version.label in text
    assert "reference" in text
    pane.set_row(None)
    assert "Select a statement" in pane.text_view.toPlainText()
