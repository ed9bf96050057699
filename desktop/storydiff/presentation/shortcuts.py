"""The keyboard shortcuts list, without Qt: entries, their grouping and the filter.

The window's Help ▸ Keyboard Shortcuts reads the entries from the actions themselves
(``ui.dialogs.shortcuts_dialog``), so the list can never disagree with the keys that work.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


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


def _folded(text: str) -> str:
    # Case and accents aside, as Find does: "preferences" finds "Préférences".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(entry: ShortcutEntry, query: str) -> bool:
    """True when every word of ``query`` is in the entry's command, keys, group or tip
    (case and accents ignored); an empty query matches everything."""
    haystack = _folded(" ".join((entry.command, *entry.keys, entry.group, entry.tip)))
    return all(word in haystack for word in _folded(query).split())


def grouped(entries: list[ShortcutEntry], query: str = "") -> list[tuple[str, list[ShortcutEntry]]]:
    """The entries matching ``query``, by group, groups and entries in their first-seen order;
    groups left empty by the filter are dropped."""
    groups: dict[str, list[ShortcutEntry]] = {}
    for entry in entries:
        if matches(entry, query):
            groups.setdefault(entry.group, []).append(entry)
    return list(groups.items())
