"""The batch's results database (``DIR/results.sqlite``, sqlite-utils), written by one process.

Tables: ``articles`` (one line per input article and the story it joined), ``stories``,
``versions`` (each story's versions with their figures against the reference), ``rows`` (the
statements: each version's passages, similarity and moved marks as JSON), ``quotes`` (canonical
wording, speaker, each version's status), ``verdicts`` (each version's verdict, likely source and
coverage), ``runs`` (when each run started and ended). A story's lines are written in one
transaction, the ``stories`` line last, so a story is either finished or absent after a kill.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import sqlite_utils

from storydiff.batch.articles import Article
from storydiff.batch.plan import PlannedStory
from storydiff.core.model import Comparison
from storydiff.storage.database import open_database

RESULTS_FILE = "results.sqlite"
STORY_TABLES = ("versions", "rows", "quotes", "verdicts")


def _create(db: sqlite_utils.Database) -> None:
    db["runs"].create({"run": int, "started": float, "finished": float, "articles": int,
                       "stories": int, "compared": int}, pk="run")
    db["articles"].create({"position": int, "source": str, "label": str, "story": str, "version": str,
                           "sha256": str, "title": str, "date": str, "error": str}, pk="position")
    db["stories"].create({"story": str, "key": str, "versions": int, "reference": str, "title": str,
                          "session": str, "error": str, "run": int}, pk="story")
    db["versions"].create({"story": str, "version": str, "label": str, "source": str, "sha256": str,
                           "title": str, "date": str, "words": int, "rows_shared": int, "omitted": int,
                           "unique_rows": int, "moved": int, "change_share": float,
                           "trivial_share": float}, pk=("story", "version"))
    db["rows"].create({"story": str, "row": int, "versions": int, "cells": str, "similarity": str,
                       "moved": str, "text": str}, pk=("story", "row"))
    db["quotes"].create({"story": str, "quote": str, "speaker": str, "text": str, "statuses": str},
                        pk=("story", "quote"))
    db["verdicts"].create({"story": str, "version": str, "verdict": str, "source": str,
                           "source_score": float, "coverage": float, "narrative_substituted": float,
                           "evidence": str}, pk=("story", "version"))


MIGRATIONS = (_create,)


class ResultsDatabase:
    """The open results database; every write goes through here (one writer)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = open_database(path, MIGRATIONS, what="batch results database")

    def start_run(self, articles: int, stories: int) -> int:
        """A new run's number (1, 2, ... one per start or restart)."""
        with self.db.conn:
            row = {"started": time.time(), "articles": articles, "stories": stories, "compared": 0}
            return self.db["runs"].insert(row).last_pk

    def finish_run(self, run: int, compared: int) -> None:
        with self.db.conn:
            self.db["runs"].update(run, {"finished": time.time(), "compared": compared})

    def finished(self) -> dict[str, str]:
        """story id -> key of every story already written."""
        return {r["story"]: r["key"] for r in self.db["stories"].rows}

    def write_articles(self, articles: Sequence[Article], stories: Sequence[PlannedStory]) -> None:
        """Replace the articles table: each article with its story and version id (or its error)."""
        placed = {m.position: (s.story, m.version) for s in stories for m in s.members}
        rows = [{"position": a.position, "source": a.source, "label": a.label,
                 "story": placed.get(a.position, (None, None))[0],
                 "version": placed.get(a.position, (None, None))[1],
                 "sha256": a.version.sha256 if a.version else None,
                 "title": a.version.title if a.version else None,
                 "date": a.version.date if a.version else None, "error": a.error} for a in articles]
        with self.db.conn:
            self.db["articles"].delete_where()
            self.db["articles"].insert_all(rows)

    def drop_stale(self, stories: Iterable[PlannedStory]) -> None:
        """Remove stories written by an earlier run that this grouping no longer makes."""
        current = {s.story: s.key for s in stories}
        stale = [sid for sid, key in self.finished().items() if current.get(sid) != key]
        with self.db.conn:
            for story in stale:
                self._delete_story(story)

    def write_story(self, story: PlannedStory, comparison: Comparison | None, error: str | None,
                    session: str | None, run: int) -> None:
        """Every line of one story, in one transaction."""
        with self.db.conn:
            self._delete_story(story.story)
            if comparison is not None:
                self._insert_comparison(story.story, comparison)
            self.db["stories"].insert({
                "story": story.story, "key": story.key, "versions": len(story.members),
                "reference": comparison.reference if comparison else None,
                "title": story_title(comparison) if comparison else None,
                "session": session, "error": error, "run": run,
            })

    def close(self) -> None:
        self.db.close()

    def _delete_story(self, story: str) -> None:
        for table in (*STORY_TABLES, "stories"):
            self.db[table].delete_where("story = ?", [story])

    def _insert_comparison(self, story: str, comparison: Comparison) -> None:
        self.db["versions"].insert_all(version_rows(story, comparison))
        self.db["rows"].insert_all(row_rows(story, comparison))
        self.db["quotes"].insert_all(quote_rows(story, comparison))
        self.db["verdicts"].insert_all(verdict_rows(story, comparison))


def story_title(comparison: Comparison) -> str | None:
    """The reference's title, else its first passage (what a list of stories shows)."""
    reference = comparison.version(comparison.reference)
    if reference.title:
        return reference.title
    passages = comparison.passages.get(reference.id) or ()
    return passages[0].text[:200] if passages else None


def version_rows(story: str, comparison: Comparison) -> list[dict]:
    rows = []
    for version in comparison.versions:
        stats = comparison.stats[version.id]
        rows.append({"story": story, "version": version.id, "label": version.label,
                     "source": version.source, "sha256": version.sha256, "title": version.title,
                     "date": version.date, "words": stats.words, "rows_shared": stats.rows_shared,
                     "omitted": stats.omitted, "unique_rows": stats.unique, "moved": stats.moved,
                     "change_share": stats.change_share, "trivial_share": stats.trivial_share})
    return rows


def row_rows(story: str, comparison: Comparison) -> list[dict]:
    return [{"story": story, "row": row.index, "versions": len(row.present()),
             "cells": _json({v: list(c) for v, c in row.cells.items()}),
             "similarity": _json(row.similarity), "moved": _json(list(row.moved)),
             "text": _row_text(row, comparison)} for row in comparison.rows]


def _row_text(row, comparison: Comparison) -> str:
    """The statement's words: the reference's cell, else the first version's that has one."""
    for vid in (comparison.reference, *row.cells):
        cell = row.cells.get(vid)
        if cell:
            passages = comparison.passages[vid]
            return " ".join(passages[i].text for i in cell)
    return ""


def quote_rows(story: str, comparison: Comparison) -> list[dict]:
    return [{"story": story, "quote": q.id, "speaker": q.speaker, "text": q.text,
             "statuses": _json({v: o.status for v, o in q.occurrences.items()})} for q in comparison.quotes]


def verdict_rows(story: str, comparison: Comparison) -> list[dict]:
    rows = []
    for version in comparison.versions:
        stats = comparison.stats[version.id]
        rows.append({"story": story, "version": version.id, "verdict": stats.verdict,
                     "source": stats.source, "source_score": stats.source_score,
                     "coverage": stats.coverage, "narrative_substituted": stats.narrative_substituted,
                     "evidence": _json(list(stats.evidence))})
    return rows


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
