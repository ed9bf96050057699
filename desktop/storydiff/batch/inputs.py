"""What ``storydiff batch`` reads: folders, file lists and JSON Lines feeds, expanded into articles.

An INPUT is

- a folder: every article file under it (``ARTICLE_SUFFIXES``), in sorted path order;
- ``@FILE`` or a ``*.list`` file: one path or http(s) address per line (``#`` starts a comment;
  relative paths are relative to the list's folder);
- a ``*.jsonl`` / ``*.ndjson`` feed: one JSON object per line, either with the article's ``text``
  (then ``source`` is only a name, e.g. the address it came from) or with ``source`` / ``path`` /
  ``url`` naming a file or address to read; optional ``label``, ``title``, ``date`` (ISO 8601);
- anything else: one article (a file or an http(s) address).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from storydiff.core.errors import UsageError
from storydiff.ingest.fetch import looks_like_url

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
FEED_SUFFIXES = frozenset({".jsonl", ".ndjson"})
LIST_SUFFIX = ".list"


@dataclass(frozen=True)
class ArticleSource:
    """One article to read: ``source`` as given (a path, an address or, with inline ``text``, a
    name); ``location`` is what to read (a resolved path or an address; None with ``text``)."""

    source: str
    location: str | None
    label: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None


def expand_inputs(inputs: list[str]) -> list[ArticleSource]:
    """Every article named by ``inputs``, in order; ``UsageError`` for a missing input, an empty
    folder or a malformed feed line. The same location given twice is kept once."""
    found: list[ArticleSource] = []
    for item in inputs:
        found.extend(_expand_one(item))
    seen: set[tuple[str | None, str | None]] = set()
    unique = []
    for article in found:
        key = (article.location, article.text if article.location is None else None)
        if key not in seen:
            seen.add(key)
            unique.append(article)
    if not unique:
        raise UsageError("no articles found in the inputs")
    return unique


def _expand_one(item: str) -> list[ArticleSource]:
    if looks_like_url(item):
        return [ArticleSource(item, item)]
    if item.startswith("@"):
        return _read_list(Path(item[1:]))
    path = Path(item)
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise UsageError(f"{item}: no such file or folder")
    if path.suffix.lower() in FEED_SUFFIXES:
        return _read_feed(path)
    if path.suffix.lower() == LIST_SUFFIX:
        return _read_list(path)
    return [ArticleSource(item, str(path.resolve()))]


def _read_folder(folder: Path) -> list[ArticleSource]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise UsageError(f"{folder}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in this folder")
    return [ArticleSource(str(p), str(p.resolve())) for p in files]


def _read_list(path: Path) -> list[ArticleSource]:
    articles = []
    for line in _lines(path):
        entry = line.split("#", 1)[0].strip() if not looks_like_url(line.strip()) else line.strip()
        if entry:
            articles.append(_named(entry, path.parent))
    return articles


def _named(entry: str, base: Path, **extra) -> ArticleSource:
    if looks_like_url(entry):
        return ArticleSource(entry, entry, **extra)
    resolved = Path(entry) if Path(entry).is_absolute() else base / entry
    return ArticleSource(entry, str(resolved.resolve()), **extra)


def _read_feed(path: Path) -> list[ArticleSource]:
    articles = []
    for number, line in enumerate(_lines(path), start=1):
        if line.strip():
            articles.append(_feed_record(line, f"{path}:{number}", path.parent))
    return articles


def _feed_record(line: str, where: str, base: Path) -> ArticleSource:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: not a JSON object ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise UsageError(f"{where}: not a JSON object")
    extra = {k: _optional_text(record, k, where) for k in ("label", "title", "date")}
    text = _optional_text(record, "text", where)
    named = next((record[k] for k in ("source", "path", "url") if isinstance(record.get(k), str)), None)
    if text is not None:
        return ArticleSource(named or where, None, text=text, **extra)
    if not named:
        raise UsageError(f"{where}: needs 'text', or 'source'/'path'/'url' naming the article")
    return _named(named, base, **extra)


def _optional_text(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{where}: '{key}' must be a string")
    return value


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text") from exc
