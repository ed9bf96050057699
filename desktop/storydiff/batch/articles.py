"""Read the article sources into versions; a failure is kept as one line, never a stop."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from storydiff.batch.inputs import ArticleSource
from storydiff.core.errors import InputError, StoryDiffError
from storydiff.core.model import Version
from storydiff.core.progress import NullProgress, Progress, check
from storydiff.engine import make_version
from storydiff.ingest import Document, normalise_text, read_document
from storydiff.ingest.documents import headline
from storydiff.ingest.fetch import looks_like_url

# Downloads wait on the network, not the CPU: a few at a time.
DOWNLOADS_AT_ONCE = 4


@dataclass(frozen=True)
class Article:
    """One input article: its position in the inputs, ``source`` and ``label`` as given (or
    defaulted), and the ``version`` read from it (its id is set per story later), or ``error``."""

    position: int
    source: str
    label: str
    version: Version | None
    error: str | None = None


def read_articles(sources: Sequence[ArticleSource], *, progress: Progress | None = None) -> list[Article]:
    """Every source read, in order (local files in turn, addresses a few at a time)."""
    progress = progress or NullProgress()
    articles: list[Article | None] = [None] * len(sources)
    with ThreadPoolExecutor(DOWNLOADS_AT_ONCE) as pool:
        futures = {pool.submit(read_article, n, s): n for n, s in enumerate(sources) if _is_download(s)}
        for n, source in enumerate(sources):
            check(progress)
            if not _is_download(source):
                articles[n] = read_article(n, source)
            progress.report((n + 1) / len(sources), f"reading {n + 1}/{len(sources)} articles")
        for future, n in futures.items():
            articles[n] = future.result()
    return [a for a in articles if a is not None]


def _is_download(source: ArticleSource) -> bool:
    return source.text is None and source.location is not None and looks_like_url(source.location)


def read_article(position: int, source: ArticleSource) -> Article:
    """One article; an ``InputError`` (or any expected failure) becomes ``Article.error``."""
    try:
        document, label = _document(source)
    except StoryDiffError as exc:
        return Article(position, source.source, source.label or _default_label(source), None, str(exc))
    label = source.label or label
    document = replace(document, title=source.title or document.title, date=source.date or document.date)
    return Article(position, source.source, label, make_version(document, label, "v0"))


def _document(source: ArticleSource) -> tuple[Document, str]:
    if source.text is not None:
        text = normalise_text(source.text)
        if not text.strip():
            raise InputError(f"{source.source}: the article text is empty")
        return Document(text, source.source, "utf-8", title=headline(text)), _default_label(source)
    if looks_like_url(source.location):
        from storydiff.ingest.imports import import_url

        imported = import_url(source.location)
        return imported.document, imported.label
    return read_document(source.location), _default_label(source)


def _default_label(source: ArticleSource) -> str:
    if source.location and not looks_like_url(source.location):
        return Path(source.location).stem
    return source.source
