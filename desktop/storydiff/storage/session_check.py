"""Validation of a session file on open, at the level of SQLite: what a file from anyone may hold.

A ``.storydiff`` file is a document from a stranger, so every reader goes through
``session.load_session``, which calls these checks (and the value checks of
``session_consistency``) before anything is shown. A file has three parts, treated
differently when damaged (``Part``):

- ``WORK``: the versions' texts, the settings, the user's decisions and notes
  (tables ``meta``, ``versions``, ``decisions``, ``notes``). Damage there refuses the
  file with one line: guessing would lose or change the user's work.
- ``COMPARISON``: passages, rows, cells, changes, stats, quotes, occurrences. All of
  it follows from the texts; damage there drops it and the session is re-aligned.
- ``VECTORS``: the saved embeddings, a cache; damage there drops them.

What StoryDiff did not create (triggers, views, other tables and indexes, extra
columns) is never run or read: it is named in ``foreign_objects`` and left out of
the next save, which writes StoryDiff's own schema to a new file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Mapping
from enum import Enum

import sqlite_utils


class Part(Enum):
    """Which part of a session a table belongs to (see the module docstring)."""

    WORK = "your work"
    COMPARISON = "the alignment"
    VECTORS = "the saved passage vectors"


class Damage(ValueError):
    """A problem found in a session file: ``part`` says what is damaged; the message is one line."""

    def __init__(self, part: Part, message: str) -> None:
        super().__init__(one_line(message))
        self.part = part


_T, _I, _F, _B = "TEXT", "INTEGER", "FLOAT", "BLOB"
_OPTIONAL_TEXT = (_T, True)

# table -> column -> (declared type, may hold NULL), as the migrations of ``session_schema`` make them.
COLUMNS: Mapping[str, Mapping[str, tuple[str, bool]]] = {
    "meta": {"key": (_T, False), "value": (_T, False)},
    "versions": {
        "key": (_I, False), "id": (_T, False), "position": (_I, True), "workspace_position": (_I, True),
        "label": (_T, False), "source": (_T, False), "text": (_T, False), "sha256": (_T, False),
        **{name: _OPTIONAL_TEXT for name in ("title", "date", "author", "encoding", "retrieved", "final_url",
                                             "canonical_url", "raw_sha256", "edit")},
    },
    "decisions": {"position": (_I, False), "kind": (_T, False), "payload": (_T, False), "created": (_T, True)},
    "notes": {"position": (_I, False), "target_kind": (_T, False), "target_id": (_T, False), "text": (_T, False),
              "created": (_T, True), "modified": (_T, True)},
    "passages": {"version": (_T, False), "index": (_I, False), "start": (_I, False), "end": (_I, False),
                 "text": (_T, False), "paragraph": (_I, False), "kind": (_T, False)},
    "rows": {"position": (_I, False), "index": (_I, False)},
    "cells": {"row": (_I, False), "version": (_T, False), "position": (_I, False), "passages": (_T, True),
              "scored": (_I, False), "similarity": (_F, True), "moved": (_I, True)},
    "changes": {"position": (_I, False), "row": (_I, False), "version": (_T, False), "kind": (_T, False),
                "before": (_T, False), "after": (_T, False), "start": (_I, True), "end": (_I, True),
                "in_reference": (_I, False)},
    "stats": {"version": (_T, False), "position": (_I, False),
              **{name: (_I, False) for name in ("words", "rows_shared", "omitted", "unique", "moved",
                                                "words_changed")},
              "change_share": (_F, False), "trivial_share": (_F, False), "substitutions": (_T, False),
              "lineage": (_T, True)},
    "quotes": {"position": (_I, False), "id": (_T, False), "speaker": (_T, True), "text": (_T, False)},
    "occurrences": {"quote": (_I, False), "version": (_T, False), "position": (_I, False), "status": (_T, False),
                    "text": (_T, True), "start": (_I, True), "end": (_I, True), "speaker": (_T, True)},
    "embeddings": {"model": (_T, False), "sha256": (_T, False), "dim": (_I, False), "vector": (_B, False)},
}

PART_OF = {
    **dict.fromkeys(("meta", "versions", "decisions", "notes"), Part.WORK),
    **dict.fromkeys(("passages", "rows", "cells", "changes", "stats", "quotes", "occurrences"), Part.COMPARISON),
    "embeddings": Part.VECTORS,
}

# How a line is named in a message: the columns that identify it.
_KEYS = {"meta": ("key",), "versions": ("id",), "passages": ("version", "index"), "cells": ("row", "version"),
         "occurrences": ("quote", "version"), "stats": ("version",), "embeddings": ("model", "sha256")}

# Declared types that sqlite-utils writes for each (FLOAT became REAL in sqlite-utils 4).
_DECLARED = {_T: ("TEXT",), _I: ("INTEGER",), _F: ("FLOAT", "REAL"), _B: ("BLOB",)}
# The Python types sqlite3 returns for the values a column of each declared type may hold.
_PYTHON = {_T: (str,), _I: (int,), _F: (float, int), _B: (bytes,)}
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bytes: "binary data (a blob)",
               type(None): "nothing (NULL)"}


def _allowed_types(kind: str, nullable: bool) -> frozenset[type]:
    return frozenset((*_PYTHON[kind], *((type(None),) if nullable else ())))


# table -> the Python types each of its columns (in ``COLUMNS`` order) may hold.
_ALLOWED = {table: [_allowed_types(*spec) for spec in expected.values()] for table, expected in COLUMNS.items()}


def harden(connection: sqlite3.Connection) -> None:
    """Make ``connection`` run nothing a file brings.

    ``trusted_schema=OFF`` keeps functions with side effects out of views, triggers,
    defaults and generated columns. Python 3.12+ also exposes ``setconfig``: defensive
    mode (no writes to the schema or into the file's pages) and triggers and views
    switched off altogether. Python 3.11 has no ``setconfig``: there the file is opened
    read-only and immutable (``session_files.connect_for_reading``), StoryDiff reads
    only its own tables by name, and planted objects are dropped from the in-memory
    copy of an older file before it is upgraded (``drop_foreign``).
    """
    connection.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(connection, "setconfig", None)
    if setconfig is None:
        return
    for name, on in (("SQLITE_DBCONFIG_DEFENSIVE", True), ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False),
                     ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False), ("SQLITE_DBCONFIG_ENABLE_VIEW", False)):
        option = getattr(sqlite3, name, None)
        if option is not None:
            setconfig(option, on)


def foreign_objects(db: sqlite_utils.Database) -> tuple[str, ...]:
    """What StoryDiff did not create, e.g. ``('trigger “t”', 'column “x” of table versions')``.

    Triggers, views, tables and indexes other than StoryDiff's (an index SQLite makes
    for a primary key is StoryDiff's), and columns StoryDiff does not know.
    """
    found = []
    for kind, name, table in db.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY rowid"):
        if kind == "table" and name in COLUMNS:
            found += [f"column “{one_line(column)}” of table {name}" for column in _columns(db, name)
                      if column not in COLUMNS[name]]
        elif not _ours(kind, name, table):
            found.append(f"{kind} “{one_line(str(name))}”")
    return tuple(found)


def drop_foreign(db: sqlite_utils.Database) -> None:
    """Remove planted triggers, views, tables and indexes from ``db`` (an in-memory copy, never the file)."""
    planted = [(kind, name) for kind, name, table in db.execute("SELECT type, name, tbl_name FROM sqlite_master")
               if kind in ("trigger", "view", "index", "table") and not _ours(kind, name, table)]
    for kind, name in planted:
        db.execute(f"DROP {kind.upper()} IF EXISTS [{name.replace(']', ']]')}]")


def _ours(kind: str, name: str, table: str) -> bool:
    if kind == "table":
        return name in COLUMNS or name.startswith("sqlite_")
    return kind == "index" and table in COLUMNS and name.startswith("sqlite_autoindex_")


def structure_problems(db: sqlite_utils.Database) -> dict[Part, str]:
    """The first problem of each damaged part: a table missing or not a plain table, a column
    missing, of another declared type or computed. A part without problems is not a key.
    (The values' types are checked as the lines are read: ``check_types``.)"""
    problems: dict[Part, str] = {}
    tables = {name: sql or "" for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    for table, expected in COLUMNS.items():
        part = PART_OF[table]
        if part in problems:
            continue
        problem = _table_problem(db, table, expected, tables)
        if problem is not None:
            problems[part] = problem
    return problems


def _table_problem(db: sqlite_utils.Database, table: str, expected: Mapping[str, tuple[str, bool]],
                   tables: Mapping[str, str]) -> str | None:
    if table not in tables:
        return f"table {table} is missing"
    if "VIRTUAL" in tables[table].upper().split("(")[0] or "WITHOUT ROWID" in tables[table].upper():
        return f"table {table} is not a plain table, not StoryDiff's"
    declared = _columns(db, table)
    for column, (kind, _) in expected.items():
        if column not in declared:
            return f"table {table} has no column “{column}”"
        declared_type, hidden = declared[column]
        if hidden:
            return f"column “{column}” of table {table} is computed, not stored"
        if declared_type.upper() not in _DECLARED[kind]:
            return f"column “{column}” of table {table} is declared {declared_type or 'without a type'}, not {kind}"
    return None


def _columns(db: sqlite_utils.Database, table: str) -> dict[str, tuple[str, bool]]:
    """column -> (declared type, hidden or generated) of ``table``."""
    return _schema(db).get(table, {})


def _schema(db: sqlite_utils.Database) -> dict[str, dict[str, tuple[str, bool]]]:
    """table -> column -> (declared type, hidden or generated), for StoryDiff's tables, in one query
    (cached on the connection's Database object: the file is read-only and does not change)."""
    cached = getattr(db, "_storydiff_schema", None)
    if cached is None:
        cached = {}
        for table, name, declared, hidden in db.execute(
            "SELECT m.name, p.name, p.type, p.hidden FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS p "
            f"WHERE m.type = 'table' AND m.name IN ({', '.join(repr(t) for t in COLUMNS)})"
        ):
            cached.setdefault(table, {})[name] = (declared or "", bool(hidden))
        db._storydiff_schema = cached
    return cached


def check_types(table: str, lines: list[tuple]) -> None:
    """Raise ``Damage`` for the first value of ``lines`` (all of ``table``'s columns, in
    ``COLUMNS`` order) whose type does not fit its column: a text stored as a blob or a
    number, a NULL where none belongs. Column by column, in C: one set of types each."""
    for allowed, values in zip(_ALLOWED[table], zip(*lines)):
        if not allowed.issuperset(map(type, values)):
            line = next(line for line in lines if not all(type(v) in a for a, v in zip(_ALLOWED[table], line)))
            raise Damage(PART_OF[table], _type_problem(table, line))


def _type_problem(table: str, line: tuple) -> str:
    columns = list(COLUMNS[table])
    key = tuple(line[columns.index(name)] for name in _KEYS.get(table, ("position",)))
    for column, value in zip(columns, line):
        kind, nullable = COLUMNS[table][column]
        if not isinstance(value, _PYTHON[kind]) and not (nullable and value is None):
            return (f"{table} {_key_text(key)}: column “{column}” holds {_TYPE_NAMES[type(value)]}, "
                    f"not {_TYPE_NAMES[_PYTHON[kind][0]]}")
    return f"{table} {_key_text(key)}: a value of the wrong type"


@contextlib.contextmanager
def undecodable(table: str) -> Iterator[None]:
    """Turn SQLite's "Could not decode to UTF-8" while reading ``table`` into ``Damage``."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
        raise Damage(PART_OF[table], f"table {table} holds text that is not valid UTF-8") from None


def _key_text(key: tuple) -> str:
    """E.g. ``line 3`` for a position, ``v2 / 14`` for a compound key (blobs shortened)."""
    shown = [_short(value) for value in key]
    if len(shown) == 1 and isinstance(key[0], int):
        return f"line {key[0] + 1}"
    return " / ".join(shown)


def _short(value: object) -> str:
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return f"“{one_line(value, 40)}”" if isinstance(value, str) else one_line(str(value), 40)


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line (control characters as spaces), cut to ``limit`` characters."""
    flat = "".join(" " if ch < " " or ch in "\x7f\u2028\u2029\x85" else ch for ch in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
