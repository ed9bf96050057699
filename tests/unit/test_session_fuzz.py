"""A fuzzer of session files (issue 13): hypothesis mutates a valid session the ways a crashed tool,
a sync conflict or a hostile sender would, then opens it.

Every example must end one of three ways, with no traceback and the file byte-identical:
refused (``StorageError``, one line naming the file), rebuilt (the alignment or the vectors left
out and said so, the user's work intact), or accepted (everything the checks of ``load_session``
check holds on what came back, and the exports run on it).

CI runs ``FUZZ_EXAMPLES`` derandomized examples (a fixed seed, the same every run). A longer run:

    STORYDIFF_FUZZ_EXAMPLES=5000 STORYDIFF_FUZZ_REPORT=/tmp/fuzz.json \\
        .venv/bin/python -m pytest tests/unit/test_session_fuzz.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from session_samples import sample_comparison, save_sample

from storydiff.core.errors import StorageError
from storydiff.decisions import apply_decisions
from storydiff.report import comparison_to_dict, render_summary
from storydiff.storage.cache import text_key
from storydiff.storage.session import load_session
from storydiff.storage.session_check import COLUMNS
from storydiff.storage.session_consistency import comparison_problem, stale_notes
from storydiff.storage.session_values import NOTE_TARGETS

FUZZ_EXAMPLES = int(os.environ.get("STORYDIFF_FUZZ_EXAMPLES", "200"))
OUTCOMES: Counter[str] = Counter()

TABLES = sorted(COLUMNS)
VALUES = st.one_of(
    st.none(), st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 1, -1, 40, 10**6]),
    st.floats(allow_nan=True), st.binary(max_size=40), st.text(max_size=40),
    st.sampled_from(["v1", "v2", "v99", "[40]", "[0, 0]", "{}", "[]", "null", "{broken", "verbatim", "link",
                     "row", "body", "furniture", "substitution", "spun", "0" * 64]),
)
OFFSETS = {"passages": ("start", "end"), "changes": ("start", "end", "row"), "occurrences": ("start", "end"),
           "cells": ("row", "moved", "position"), "rows": ("index",), "versions": ("position", "workspace_position")}
ENUMS = {"occurrences": "status", "changes": "kind", "decisions": "kind", "passages": "kind",
         "notes": "target_kind", "cells": "version"}
HASHES = {"versions": "sha256", "embeddings": "sha256"}


@st.composite
def set_value(draw):
    """A column's value replaced by anything: another type, another number, another reference."""
    table = draw(st.sampled_from(TABLES))
    column = draw(st.sampled_from(sorted(COLUMNS[table])))
    return ("set", table, column, draw(VALUES), draw(st.integers(0, 60)))


@st.composite
def shift_offset(draw):
    table = draw(st.sampled_from(sorted(OFFSETS)))
    column = draw(st.sampled_from(OFFSETS[table]))
    return ("shift", table, column, draw(st.integers(-60, 60) | st.sampled_from([10**5, -(10**5)])),
            draw(st.integers(0, 60)))


@st.composite
def change_enum(draw):
    table = draw(st.sampled_from(sorted(ENUMS)))
    value = draw(st.sampled_from(["", "invented", "VERBATIM", "headline", "quote", "link ", "deletion"])
                 | st.text(max_size=12))
    return ("set", table, ENUMS[table], value, draw(st.integers(0, 60)))


@st.composite
def change_hash(draw):
    table = draw(st.sampled_from(sorted(HASHES)))
    return ("set", table, HASHES[table], draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
            draw(st.integers(0, 60)))


@st.composite
def lines(draw):
    """A line deleted, or duplicated under a new key."""
    return (draw(st.sampled_from(["delete", "duplicate"])), draw(st.sampled_from(TABLES)), None, None,
            draw(st.integers(0, 60)))


@st.composite
def page_bytes(draw):
    """Random bytes written somewhere in the file (its header included)."""
    return ("bytes", None, None, draw(st.binary(min_size=1, max_size=64)), draw(st.floats(0.0, 1.0)))


MUTATIONS = st.lists(
    st.one_of(set_value(), shift_offset(), change_enum(), change_hash(), lines(), page_bytes()),
    min_size=1, max_size=3,
)


@pytest.fixture(scope="module")
def valid_file(tmp_path_factory) -> Path:
    """A valid session (a path, not its bytes: hypothesis would print a megabyte with a failure)."""
    return save_sample(tmp_path_factory.mktemp("fuzz") / "valid.storydiff", sample_comparison())


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    target = os.environ.get("STORYDIFF_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps(dict(OUTCOMES, tried=sum(OUTCOMES.values())), indent=2) + "\n")


@settings(max_examples=FUZZ_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=MUTATIONS)
def test_any_damage_is_refused_in_one_line_or_rebuilt_or_consistent(tmp_path, valid_file, mutations):
    path = tmp_path / "fuzzed.storydiff"
    path.write_bytes(valid_file.read_bytes())
    for mutation in mutations:
        _apply(path, mutation)
    before = path.read_bytes()
    try:
        session = load_session(path)
    except StorageError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(f"{path}: "), message
        OUTCOMES["refused"] += 1
    else:
        _assert_consistent(session)
        OUTCOMES["rebuilt" if session.rebuild else "accepted"] += 1
    assert path.read_bytes() == before


def _assert_consistent(session) -> None:
    """What the checks on open promise of a session they let through."""
    for version in session.workspace.versions + (session.comparison.versions if session.comparison else ()):
        assert isinstance(version.text, str) and text_key(version.text) == version.sha256
    ids = [v.id for v in session.workspace.versions]
    assert len(set(ids)) == len(ids) and session.workspace.reference in (None, *ids)
    assert 0.0 < session.workspace.threshold < 1.0
    assert all(isinstance(d.payload, dict) and isinstance(d.kind, str) for d in session.decisions)
    assert all(n.target_kind in NOTE_TARGETS and isinstance(n.text, str) for n in session.notes)
    assert all("\n" not in line for line in session.rebuild + session.ignored)
    assert session.realign == (session.comparison is None and any(
        line.startswith("the alignment") for line in session.rebuild))
    if session.comparison is not None:
        assert comparison_problem(session.comparison) is None
        shown = apply_decisions(session.comparison, session.decisions).comparison
        json.dumps(comparison_to_dict(shown), allow_nan=False)
        render_summary(shown, color=False)
        stale_notes(session.notes, shown)


def _apply(path: Path, mutation) -> None:
    kind, table, column, value, where = mutation
    if kind == "bytes":
        _write_bytes(path, value, where)
        return
    db = sqlite3.connect(path)
    try:
        with db:
            _mutate(db, kind, table, column, value, where)
    except (sqlite3.Error, UnicodeDecodeError):
        pass  # the mutation breaks a constraint (or an earlier one broke the file): not a state to test
    finally:
        db.close()


def _mutate(db: sqlite3.Connection, kind: str, table: str, column: str | None, value, where: int) -> None:
    count = db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    if not count:
        return
    rowid = db.execute(f"SELECT rowid FROM [{table}] LIMIT 1 OFFSET ?", (where % count,)).fetchone()[0]
    if kind == "set":
        db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", (value, rowid))
    elif kind == "shift":
        db.execute(f"UPDATE [{table}] SET [{column}] = [{column}] + ? WHERE rowid = ?", (value, rowid))
    elif kind == "delete":
        db.execute(f"DELETE FROM [{table}] WHERE rowid = ?", (rowid,))
    else:
        _duplicate(db, table, rowid)


def _duplicate(db: sqlite3.Connection, table: str, rowid: int) -> None:
    """The line again, its first key column changed so that the primary key allows it."""
    columns = list(COLUMNS[table])
    row = db.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}] WHERE rowid = ?",
                     (rowid,)).fetchone()
    changed = [row[0] + 1000 if isinstance(row[0], int) else f"{row[0]}-copy", *row[1:]]
    db.execute(f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})", changed)


def _write_bytes(path: Path, data: bytes, fraction: float) -> None:
    size = path.stat().st_size
    offset = min(int(fraction * size), size - len(data))
    with path.open("r+b") as file:
        file.seek(max(offset, 0))
        file.write(data)
