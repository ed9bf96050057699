"""The keyboard shortcuts list, without Qt: entries, their grouping and the filter.

The window's Help ▸ Keyboard Shortcuts reads the entries from the actions themselves
(``ui.dialogs.shortcuts_dialog``), so the list can never disagree with the keys that work.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.presentation.find import fold


@dataclass(frozen=True)
class ShortcutEntry:
    """One command with its keys: ``group`` is where it lives ("View", "File ▸ Export",
    "Versions panel"), ``keys`` its key sequences as the platform writes them."""

    group: str
    command: str
    keys: tuple[str, ...]
    tip: str = ""


def plain_text(text: str) -> str:
    """A menu text without its mnemonic marks ("&Save" -> "Save", "Q&&A" -> "Q&A")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def matches(entry: ShortcutEntry, query: str) -> bool:
    """True when every word of ``query`` is in the entry's command, keys, group or tip
    (case and accents ignored); an empty query matches everything."""
    # Case and accents aside, with Find's folding: "preferences" finds "Préférences".
    haystack = fold(" ".join((entry.command, *entry.keys, entry.group, entry.tip))).text
    return all(word in haystack for word in fold(query).text.split())


def grouped(entries: list[ShortcutEntry], query: str = "") -> list[tuple[str, list[ShortcutEntry]]]:
    """The entries matching ``query``, by group, groups and entries in their first-seen order;
    groups left empty by the filter are dropped."""
    groups: dict[str, list[ShortcutEntry]] = {}
    for entry in entries:
        if matches(entry, query):
            groups.setdefault(entry.group, []).append(entry)
    return list(groups.items())
