"""``articles.csv`` and ``stories.csv`` beside the results database, written whole and atomically
from the database (so that they describe every finished story, whatever run finished it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from storydiff.batch.results import ResultsDatabase
from storydiff.report._files import write_text_atomic

ARTICLE_COLUMNS = ("story", "source", "label", "version", "title", "date", "error")
STORY_COLUMNS = ("story", "articles", "title", "reference", "verdicts", "session", "error")


def write_csv_files(results: ResultsDatabase, folder: Path) -> None:
    """Write ``articles.csv`` (one line per input article, in input order) and ``stories.csv``
    (one line per finished story: its size, title, reference label, its versions' verdicts)."""
    articles = results.db.execute(
        "SELECT story, source, label, version, title, date, error FROM articles ORDER BY position").fetchall()
    write_text_atomic(folder / "articles.csv", _csv(ARTICLE_COLUMNS, articles))
    write_text_atomic(folder / "stories.csv", _csv(STORY_COLUMNS, _story_lines(results)))


def _story_lines(results: ResultsDatabase) -> list[tuple]:
    db = results.db
    labels = {(r["story"], r["version"]): r["label"] for r in db["versions"].rows}
    verdicts: dict[str, list[str]] = {}
    for r in db.query("SELECT story, version, verdict FROM verdicts ORDER BY story, version"):
        verdicts.setdefault(r["story"], []).append(f"{labels.get((r['story'], r['version']))}: {r['verdict']}")
    lines = []
    for s in db.query("SELECT * FROM stories ORDER BY story"):
        lines.append((s["story"], s["versions"], s["title"], labels.get((s["story"], s["reference"])),
                      "; ".join(verdicts.get(s["story"], [])), s["session"], s["error"]))
    return lines


def _csv(columns, lines) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in line] for line in lines)
    return out.getvalue()
