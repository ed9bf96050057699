"""Validation of a session's values once read: ranges, references, enums, hashes, unique ids, sizes.

The second half of the checks on open (the first, at the level of SQLite, is
``session_check``). The work checks raise ``Damage`` (the file is refused); the
comparison check returns its first problem (the comparison is then re-aligned),
and runs on any ``Comparison``, so a test can run it on what a reader returned.
Messages count rows and passages from 1, as a reader does ("row 12 names passage
40 of “Reuters”, which has 31 passages").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storydiff.core.model import ChangeKind, Comparison, PassageKind, Verdict, Version, VersionStats
from storydiff.quotes import status as st
from storydiff.storage.cache import text_key
from storydiff.storage.session_check import Damage, Part, one_line
from storydiff.storage.session_schema import FORMAT
from storydiff.storage.session_values import NOTE_TARGETS, Note

# Sizes no StoryDiff session reaches (inputs over 5 MiB are refused on import): beyond them a
# file is damaged or made to exhaust memory.
MAX_VERSIONS = 1_000
MAX_TEXT = 8 * 1024 * 1024  # characters of one version's text
MAX_FIELD = 1024 * 1024  # characters of a label, a note, a decision's payload, a setting
MAX_ENTRIES = 100_000  # decisions, notes
MAX_DIM = 8_192  # values of one embedding

STATUSES = frozenset((st.VERBATIM, st.TRIMMED, st.ALTERED, st.PARAPHRASED, st.ABSENT, st.MISATTRIBUTED))
PASSAGE_KINDS = frozenset(kind.value for kind in PassageKind)
VERDICTS = frozenset(["", *(verdict.value for verdict in Verdict)])
_SIMILARITY_SLACK = 1e-3  # float32 cosines of unit vectors stray a little outside [-1, 1]
_SHARES = ("change_share", "trivial_share", "coverage", "source_score", "narrative_substituted")
_COUNTS = ("words", "rows_shared", "omitted", "unique", "moved", "words_changed", "quotes_touched",
           "quotes_untouched")


# --- the user's work: any problem refuses the file ---------------------------------------


def check_meta(meta: Mapping[str, Any]) -> None:
    """The settings: the format marker, the workspace's reference, threshold, model and next id."""
    if meta.get("format") != FORMAT:
        _damaged("the session format marker is missing")
    if not isinstance(meta.get("has_comparison"), bool):
        _damaged("the setting has_comparison is missing or not true/false")
    workspace = meta.get("workspace")
    if not isinstance(workspace, dict):
        _damaged("the workspace settings are missing")
    _check_settings(workspace, "workspace", Part.WORK, reference_optional=True)
    if not _whole(workspace.get("next_id")) or workspace["next_id"] < 1:
        _damaged(f"the workspace's next version number is {_shown(workspace.get('next_id'))}")


def comparison_settings_problem(meta: Mapping[str, Any]) -> str | None:
    """The first problem of the comparison's settings in ``meta`` (model, threshold, reference)."""
    try:
        _check_settings(meta, "comparison", Part.COMPARISON, reference_optional=False)
    except Damage as exc:
        return str(exc)
    return None


def _check_settings(settings: Mapping[str, Any], what: str, part: Part, *, reference_optional: bool) -> None:
    threshold = settings.get("threshold")
    if not _number(threshold) or not 0.0 < threshold < 1.0:
        raise Damage(part, f"the {what} threshold is {_shown(threshold)}, not a number between 0 and 1")
    model, reference = settings.get("model"), settings.get("reference")
    if not (model is None and reference_optional or isinstance(model, str) and len(model) <= MAX_FIELD):
        raise Damage(part, f"the {what} model is {_shown(model)}")
    if not (reference is None and reference_optional or isinstance(reference, str) and reference):
        raise Damage(part, f"the {what} reference is {_shown(reference)}")


def check_version_lines(lines: Sequence[Mapping[str, Any]], workspace_reference: str | None) -> None:
    """The ``versions`` lines: sizes, the sha256 of every text, unique ids and places."""
    if len(lines) > 2 * MAX_VERSIONS:
        _damaged(f"the session holds {len(lines)} versions (at most {MAX_VERSIONS} are read)")
    for line in lines:
        _check_version_line(line)
    for column in ("position", "workspace_position"):
        placed = [line for line in lines if line[column] is not None]
        _unique((line[column] for line in placed), f"two versions share place {{}} in the {_place(column)}")
        _unique((line["id"] for line in placed), f"two versions in the {_place(column)} have the id {{}}")
    ids = {line["id"] for line in lines if line["workspace_position"] is not None}
    if workspace_reference is not None and workspace_reference not in ids:
        _damaged(f"the workspace's reference {_shown(workspace_reference)} is not one of its versions")


def _check_version_line(line: Mapping[str, Any]) -> None:
    label = _shown(line["label"])
    if not line["id"]:
        _damaged(f"version {label} has an empty id")
    if len(line["text"]) > MAX_TEXT:
        _damaged(f"version {label} has a text of {len(line['text'])} characters (at most {MAX_TEXT})")
    for name, value in line.items():
        if isinstance(value, str) and name != "text" and len(value) > MAX_FIELD:
            _damaged(f"version {label}: its {name} has {len(value)} characters (at most {MAX_FIELD})")
    if text_key(line["text"]) != line["sha256"]:
        _damaged(f"the text of version {label} does not match its sha256 (the text was changed or damaged)")


def _place(column: str) -> str:
    return "comparison" if column == "position" else "workspace"


def check_decision_lines(lines: Sequence[Mapping[str, Any]], payloads: Sequence[Any]) -> None:
    """Decisions: a count and sizes within limits, a JSON object as each payload.

    A decision of a kind this StoryDiff does not know is kept: replaying the decisions
    lists it among those that no longer apply.
    """
    _check_count(lines, "decisions")
    for number, (line, payload) in enumerate(zip(lines, payloads), start=1):
        if len(line["payload"]) > MAX_FIELD or len(line["kind"]) > 100:
            _damaged(f"decision {number} is larger than any StoryDiff makes")
        if not isinstance(payload, dict):
            _damaged(f"decision {number} ({_shown(line['kind'])}) holds {_shown(payload)}, not a JSON object")


def check_note_lines(lines: Sequence[Mapping[str, Any]]) -> None:
    """Notes: a count and sizes within limits, a target kind among ``NOTE_TARGETS``."""
    _check_count(lines, "notes")
    for number, line in enumerate(lines, start=1):
        if line["target_kind"] not in NOTE_TARGETS:
            _damaged(f"note {number} targets a {_shown(line['target_kind'])}, not a row, a quote or a version")
        if len(line["text"]) > MAX_FIELD or len(line["target_id"]) > MAX_FIELD:
            _damaged(f"note {number} is larger than any StoryDiff makes")


def _check_count(lines: Sequence[Any], what: str) -> None:
    if len(lines) > MAX_ENTRIES:
        _damaged(f"the session holds {len(lines)} {what} (at most {MAX_ENTRIES})")


# --- the comparison: a problem means re-aligning ----------------------------------------


def comparison_problem(comparison: Comparison) -> str | None:
    """The first inconsistency of ``comparison``, in one line, or None when it is consistent."""
    try:
        _check_comparison(comparison)
    except Damage as exc:
        return str(exc)
    return None


def _check_comparison(comparison: Comparison) -> None:
    versions = {v.id: v for v in comparison.versions}
    if len(versions) != len(comparison.versions):
        _derived("two compared versions have the same id")
    if comparison.reference not in versions:
        _derived(f"the reference {_shown(comparison.reference)} is not one of the compared versions")
    for vid in comparison.passages:
        if vid not in versions:
            _derived(f"passages belong to {_shown(vid)}, which is not a compared version")
    for version in comparison.versions:
        _check_passages(version, comparison.passages.get(version.id, ()))
    _check_rows(comparison, versions)
    _check_changes(comparison, versions)
    _check_stats(comparison.stats, versions)
    _check_quotes(comparison, versions)


def _check_passages(version: Version, passages: Sequence[Any]) -> None:
    text, end, kinds = version.text, 0, PASSAGE_KINDS
    for number, passage in enumerate(passages):
        start, stop = passage.start, passage.end
        if (passage.index != number or passage.version != version.id or not end <= start <= stop <= len(text)
                or text[start:stop] != passage.text or passage.kind not in kinds
                or type(passage.paragraph) is not int or passage.paragraph < 0):
            _passage_problem(version, passage, number, end)
        end = stop


def _passage_problem(version: Version, passage: Any, number: int, end: int) -> None:
    label, text = _shown(version.label), version.text
    if passage.version != version.id or passage.index != number:
        _derived(f"passage {number + 1} of {label} is numbered {_shown(passage.index)}")
    if not end <= passage.start <= passage.end <= len(text):
        _derived(f"passage {number + 1} of {label} spans {passage.start}-{passage.end}, outside its text "
                 f"of {len(text)} characters or before the passage it follows")
    if text[passage.start : passage.end] != passage.text:
        _derived(f"passage {number + 1} of {label} does not match its text at {passage.start}-{passage.end}")
    _derived(f"passage {number + 1} of {label} has kind {_shown(passage.kind)}, paragraph {_shown(passage.paragraph)}")


def _check_rows(comparison: Comparison, versions: Mapping[str, Version]) -> None:
    if not _rows_look_right(comparison, versions):
        _row_problem(comparison, versions)


def _rows_look_right(comparison: Comparison, versions: Mapping[str, Version]) -> bool:
    """The rows' checks in bulk (a session holds thousands of cells); False: find the problem."""
    rows = comparison.rows
    if [row.index for row in rows] != list(range(len(rows))):
        return False
    named: dict[str, list[int]] = {vid: [] for vid in versions}
    scores = []
    for row in rows:
        if not row.cells.keys() <= named.keys() or not row.similarity.keys() <= named.keys():
            return False
        for vid, cell in row.cells.items():
            named[vid] += cell
        scores += row.similarity.values()
        if row.moved and (len(set(row.moved)) != len(row.moved) or not set(row.moved) <= named.keys()):
            return False
    for vid, indexes in named.items():
        count = len(comparison.passages.get(vid, ()))
        if indexes and (set(map(type, indexes)) != {int} or min(indexes) < 0 or max(indexes) >= count
                        or len(set(indexes)) != len(indexes)):
            return False
    values = [value for value in scores if value is not None]
    return set(map(type, values)) <= {float, int} and all(abs(v) <= 1.0 + _SIMILARITY_SLACK for v in values)


def _row_problem(comparison: Comparison, versions: Mapping[str, Version]) -> None:
    """Name the first problem of the rows (they failed ``_rows_look_right``)."""
    counts = {vid: len(comparison.passages.get(vid, ())) for vid in versions}
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(comparison.rows, start=1):
        if row.index != number - 1:
            _derived(f"row {number} is numbered {_shown(row.index)}")
        for vid, cell in row.cells.items():
            count = counts.get(vid)
            if count is None:
                _derived(f"row {number} names {_shown(vid)}, which is not a compared version")
            for index in cell:
                if type(index) is not int or not 0 <= index < count:
                    _derived(f"row {number} names passage {_shown(index, plus=1)} of "
                             f"{_shown(versions[vid].label)}, which has {count} passages")
                if (vid, index) in seen:
                    _derived(f"row {number} names passage {index + 1} of {_shown(versions[vid].label)}, "
                             "which an earlier row holds")
                seen.add((vid, index))
        _check_row_scores(row, versions, number)
    _derived("a row is inconsistent")


def _check_row_scores(row: Any, versions: Mapping[str, Version], number: int) -> None:
    for vid, value in row.similarity.items():
        if vid not in versions:
            _derived(f"row {number} scores {_shown(vid)}, which is not a compared version")
        if value is not None and not (type(value) in (float, int) and abs(value) <= 1.0 + _SIMILARITY_SLACK):
            _derived(f"row {number} has similarity {_shown(value)} for {_shown(versions[vid].label)}")
    if row.moved and (len(set(row.moved)) != len(row.moved) or not set(row.moved) <= versions.keys()):
        _derived(f"row {number} marks as moved {', '.join(map(_shown, row.moved))}")


def _check_changes(comparison: Comparison, versions: Mapping[str, Version]) -> None:
    texts = {vid: version.text for vid, version in versions.items()}
    reference, rows = texts[comparison.reference], len(comparison.rows)
    for number, change in enumerate(comparison.changes, start=1):
        start, end = change.start, change.end
        if type(change.row) is not int or not 0 <= change.row < rows:
            _derived(f"change {number} is in row {_shown(change.row, plus=1)}, but there are {rows} rows")
        if change.version not in texts:
            _derived(f"change {number} names {_shown(change.version)}, which is not a compared version")
        if not isinstance(change.kind, ChangeKind):
            _derived(f"change {number} is of kind {_shown(change.kind)}")
        if start is None and end is None:
            continue
        text = reference if change.in_reference else texts[change.version]
        words = change.before if change.in_reference else change.after
        if start is None or end is None or not 0 <= start <= end <= len(text) or text[start:end] != words:
            _derived(f"change {number} spans {_shown(start)}-{_shown(end)}, which does not hold {_shown(words)}")


def _check_stats(stats: Mapping[str, VersionStats], versions: Mapping[str, Version]) -> None:
    for vid, figures in stats.items():
        if vid not in versions or figures.version != vid:
            _derived(f"statistics are given for {_shown(vid)}, which is not a compared version")
        label = _shown(versions[vid].label)
        for name in _COUNTS:
            value = getattr(figures, name)
            if not _whole(value) or value < 0:
                _derived(f"the {name.replace('_', ' ')} of {label} is {_shown(value)}")
        for name in _SHARES:
            value = getattr(figures, name)
            if not _number(value) or not 0.0 <= value <= 1.0:
                _derived(f"the {name.replace('_', ' ')} of {label} is {_shown(value)}, not a share in [0, 1]")
        if not (_pairs_of_words(figures.substitutions, 2) and _texts(figures.evidence)
                and _pairs_of_words(tuple(pair[:2] for pair in figures.spin_pairs), 2)
                and all(type(pair[2]) is int for pair in figures.spin_pairs)):
            _derived(f"the substitutions, evidence or spin pairs of {label} are not words")
        if figures.verdict not in VERDICTS:
            _derived(f"the verdict of {label} is {_shown(figures.verdict)}")
        if figures.source is not None and figures.source not in versions:
            _derived(f"{label} derives from {_shown(figures.source)}, which is not a compared version")


def _check_quotes(comparison: Comparison, versions: Mapping[str, Version]) -> None:
    _unique((quote.id for quote in comparison.quotes), "two quotes have the id {}", part=Part.COMPARISON)
    for number, quote in enumerate(comparison.quotes, start=1):
        for vid, occurrence in quote.occurrences.items():
            version = versions.get(vid)
            if version is None:
                _derived(f"quote {number} names {_shown(vid)}, which is not a compared version")
            if occurrence.status not in STATUSES:
                _derived(f"quote {number} in {_shown(version.label)} has status {_shown(occurrence.status)}, "
                         f"not one of {', '.join(sorted(STATUSES))}")
            if occurrence.start is not None or occurrence.end is not None:
                _check_occurrence_span(occurrence, version.text, number, version.label)


def _check_occurrence_span(occurrence: Any, text: str, number: int, label: str) -> None:
    start, end = occurrence.start, occurrence.end
    if occurrence.text is None or not (_whole(start) and _whole(end) and 0 <= start <= end <= len(text)):
        _derived(f"quote {number} in {_shown(label)} spans {_shown(start)}-{_shown(end)}, "
                 f"outside its text of {len(text)} characters")
    if text[start:end] != occurrence.text:
        _derived(f"quote {number} in {_shown(label)} does not match its text at {start}-{end}")


# --- notes after a re-alignment ------------------------------------------------------------


def stale_notes(notes: Iterable[Note], comparison: Comparison | None,
                quote_key_chars: int = 80) -> tuple[str, ...]:
    """One line per note whose row, quote or version ``comparison`` no longer has.

    A row note names its passage ("v2:14"), a quote note the first ``quote_key_chars``
    characters of the quote's wording, a version note the version's id.
    """
    if comparison is None:
        return ()
    ids = {v.id for v in comparison.versions}
    in_rows = {f"{vid}:{index}" for row in comparison.rows for vid, cell in row.cells.items() for index in cell}
    quotes = {quote.text[:quote_key_chars] for quote in comparison.quotes}
    targets = {"row": in_rows, "quote": quotes, "version": ids}
    return tuple(
        f"note on {note.target_kind} {_shown(note.target_id)} (“{one_line(note.text, 40)}”): "
        f"the {note.target_kind} is no longer there"
        for note in notes
        if note.target_id not in targets.get(note.target_kind, ())
    )


# --- helpers ------------------------------------------------------------------------------


def _unique(values: Iterable[Any], message: str, *, part: Part = Part.WORK) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise Damage(part, message.format(_shown(value)))
        seen.add(value)


def _pairs_of_words(pairs: tuple, size: int) -> bool:
    """True for a tuple of ``size``-tuples of strings (checked in C: there are hundreds)."""
    if not all(map(tuple.__instancecheck__, pairs)) or set(map(len, pairs)) - {size}:
        return False
    try:
        "".join(itertools.chain.from_iterable(pairs))
    except TypeError:
        return False
    return True


def _texts(values: Any) -> bool:
    """True for a tuple of strings."""
    return isinstance(values, tuple) and all(isinstance(v, str) for v in values)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _shown(value: Any, *, plus: int = 0) -> str:
    """A value as a message shows it: text in quotes, short, on one line."""
    if isinstance(value, str):
        return f"“{one_line(value, 40)}”"
    if _whole(value):
        return str(value + plus)
    return one_line(repr(value), 40)


def _damaged(message: str) -> None:
    raise Damage(Part.WORK, message)


def _derived(message: str) -> None:
    raise Damage(Part.COMPARISON, message)
