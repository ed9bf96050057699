"""The keyboard shortcuts list without Qt: mnemonics, the filter, grouping."""

from __future__ import annotations

from storydiff.presentation.shortcuts import ShortcutEntry, grouped, matches, plain_text

ENTRIES = [
    ShortcutEntry("File", "Save", ("Ctrl+S",), "Save the session"),
    ShortcutEntry("File ▸ Export", "HTML Report…", ("Ctrl+E",)),
    ShortcutEntry("Edit", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ShortcutEntry("View", "Zoom In", ("Ctrl++",), "Make the text larger"),
    ShortcutEntry("Edit", "Préférences…", ("Ctrl+,",)),
]


def test_plain_text_drops_mnemonics_and_keeps_a_doubled_ampersand():
    assert plain_text("&Save") == "Save"
    assert plain_text("Save &As…") == "Save As…"
    assert plain_text("Q&&A") == "Q&A"


def test_the_filter_reads_command_keys_group_and_tip_without_case_or_accents():
    assert matches(ENTRIES[0], "")
    assert matches(ENTRIES[0], "save")
    assert matches(ENTRIES[0], "ctrl+s")
    assert matches(ENTRIES[1], "export")
    assert matches(ENTRIES[3], "larger")
    assert matches(ENTRIES[2], "ctrl+y")
    assert matches(ENTRIES[4], "preferences")
    assert matches(ENTRIES[3], "zoom view")  # every word, anywhere
    assert not matches(ENTRIES[3], "zoom file")


def test_grouped_keeps_first_seen_order_and_drops_empty_groups():
    groups = grouped(ENTRIES)
    assert [name for name, _ in groups] == ["File", "File ▸ Export", "Edit", "View"]
    assert [e.command for e in dict(groups)["Edit"]] == ["Redo", "Préférences…"]
    assert grouped(ENTRIES, "ctrl+e") == [("File ▸ Export", [ENTRIES[1]])]
    assert grouped(ENTRIES, "nothing like it") == []
