"""``run_batch``: inputs -> articles -> vectors -> stories -> comparisons -> results, resumable.

A restart with the same inputs reads the articles again, finds their vectors in the embedding
cache, makes the same stories (the grouping is deterministic) and compares only the stories
whose key is not in the results database yet.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storydiff.batch.articles import Article, read_articles
from storydiff.batch.csv_files import write_csv_files
from storydiff.batch.features import article_features, embedded_texts
from storydiff.batch.grouping import GroupingOptions, group_articles
from storydiff.batch.inputs import expand_inputs
from storydiff.batch.plan import PlannedStory, plan_stories, story_versions
from storydiff.batch.results import RESULTS_FILE, ResultsDatabase
from storydiff.batch.tasks import StoryResult, StoryTask
from storydiff.core.errors import UsageError
from storydiff.core.progress import NullProgress, Progress, SubProgress, check
from storydiff.engine import DEFAULT_THRESHOLD, check_threshold, split_passages
from storydiff.storage.cache import EmbeddingCache, text_key

SESSIONS_FOLDER = "stories"
# Texts per embedding task: large enough that a batch keeps the model busy and pays for the
# trip to a Dask worker, small enough that the cache is written every few seconds.
EMBED_BATCH = 512


@dataclass(frozen=True)
class BatchOptions:
    """``threshold``: the statement threshold of every comparison; ``grouping``: how articles
    become stories; ``embed_batch``: texts per embedding task."""

    threshold: float = DEFAULT_THRESHOLD
    grouping: GroupingOptions = field(default_factory=GroupingOptions)
    embed_batch: int = EMBED_BATCH


@dataclass(frozen=True)
class BatchSummary:
    """What a run did: articles read (and unreadable), stories made, stories finished by an
    earlier run, stories compared now (and failed), and where the results are."""

    articles: int
    unreadable: int
    stories: int
    done_before: int
    compared: int
    failed: int
    database: Path
    seconds: float


def run_batch(inputs: Sequence[str], out: str | Path, *, factory, runner, options: BatchOptions = BatchOptions(),
              cache: EmbeddingCache | None = None, progress: Progress | None = None) -> BatchSummary:
    """Group the articles named by ``inputs`` into stories and compare each one into ``out``.

    ``factory`` makes the embedding model where embedding runs (``tasks.ModelFactory``) and
    names it (``factory.model_id``); ``runner`` is a ``runners.LocalRunner`` or ``DaskRunner``;
    ``cache`` holds the vectors between runs (default: the user's embedding cache). Raises
    ``UsageError`` for bad inputs; a story that fails is recorded with its error.
    """
    started = time.monotonic()
    progress = progress or NullProgress()
    check_threshold(options.threshold)
    folder = _out_folder(out)
    articles = read_articles(expand_inputs(list(inputs)), progress=SubProgress(progress, 0.0, 0.05))
    readable = [a for a in articles if a.version is not None]
    model = factory.model_id
    passages = {a.position: split_passages(a.version) for a in readable}
    cache = cache if cache is not None else EmbeddingCache()
    # sha256 -> text of what the engine embeds for each article, hashed once for every use below.
    keyed = {a.position: {text_key(t): t for t in embedded_texts(a.version, passages[a.position])}
             for a in readable}
    texts = {k: t for found in keyed.values() for k, t in found.items()}
    vectors = embed_texts(texts, factory, runner, cache, options.embed_batch, SubProgress(progress, 0.05, 0.5))
    progress.report(0.5, "grouping articles into stories")
    features = [article_features(a.version, passages[a.position], vectors) for a in readable]
    stories = plan_stories(readable, group_articles(features, options.grouping), model, options.threshold)
    results = ResultsDatabase(folder / RESULTS_FILE)
    try:
        done, compared, failed = _compare_all(results, articles, stories, keyed, vectors, model, options,
                                              runner, folder, SubProgress(progress, 0.52, 1.0))
    finally:
        results.close()
    return BatchSummary(len(articles), len(articles) - len(readable), len(stories), done, compared, failed,
                        folder / RESULTS_FILE, time.monotonic() - started)


def _out_folder(out: str | Path) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    try:
        (folder / SESSIONS_FOLDER).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot be created ({exc.strerror or exc})") from exc
    return folder


def embed_texts(texts: dict[str, str], factory, runner, cache: EmbeddingCache, batch: int,
                progress: Progress) -> dict[str, np.ndarray]:
    """sha256 -> unit vector of every text: cached ones read, the others embedded in batches of
    similar length (longest first, so that a batch pads little) and cached as each batch returns."""
    model = factory.model_id
    vectors = cache.get_many(model, texts)
    missing = sorted((k for k in texts if k not in vectors), key=lambda k: (-len(texts[k]), k))
    batches = [missing[i : i + batch] for i in range(0, len(missing), batch)]
    done = 0
    progress.report(0.0, f"embedding {len(missing)} passages ({len(texts) - len(missing)} cached)")
    for number, rows in runner.embed(factory, ([texts[k] for k in b] for b in batches)):
        fresh = dict(zip(batches[number], np.asarray(rows, dtype=np.float32)))
        cache.put_many(model, fresh)
        vectors.update(fresh)
        done += len(fresh)
        check(progress)
        progress.report(done / len(missing), f"embedding {done}/{len(missing)} passages")
    return vectors


def _compare_all(results: ResultsDatabase, articles: list[Article], stories: list[PlannedStory], keyed,
                 vectors, model: str, options: BatchOptions, runner, folder: Path,
                 progress: Progress) -> tuple[int, int, int]:
    results.write_articles(articles, stories)
    results.drop_stale(stories)
    finished = results.finished()
    todo = [s for s in stories if finished.get(s.story) != s.key]
    run = results.start_run(len(articles), len(stories))
    by_position = {a.position: a for a in articles}
    tasks = (_task(s, by_position, keyed, vectors, model, options.threshold) for s in todo)
    planned = {s.story: s for s in todo}
    compared = failed = 0
    progress.report(0.0, f"stories {len(stories) - len(todo)}/{len(stories)} done")
    try:
        for result in runner.compare(tasks):
            failed += _write(results, planned[result.story], result, folder, keyed, vectors, run)
            compared += 1
            done = len(stories) - len(todo) + compared
            progress.report(compared / max(1, len(todo)), f"stories {done}/{len(stories)} done")
    finally:
        results.finish_run(run, compared)
        write_csv_files(results, folder)
    return len(stories) - len(todo), compared, failed


def _story_keys(story: PlannedStory, keyed) -> list[str]:
    """The sha256 of every text the engine embeds for the story's versions, sorted."""
    return sorted(set().union(*(keyed[m.position] for m in story.members)))


def _task(story: PlannedStory, by_position, keyed, vectors, model: str, threshold: float) -> StoryTask:
    return StoryTask(story.story, story.key, story_versions(story, by_position), model, threshold,
                     {k: vectors[k] for k in _story_keys(story, keyed)})


def _write(results: ResultsDatabase, story: PlannedStory, result: StoryResult, folder: Path, keyed, vectors,
           run: int) -> int:
    """Save the story's session (with the vectors of the texts its comparison embedded: those of
    its articles), then its lines; 1 if the story failed."""
    session = None
    if result.comparison is not None:
        from storydiff.storage.session import save_session

        session = f"{SESSIONS_FOLDER}/{story.story}.storydiff"
        embeddings = {result.comparison.model: {k: vectors[k] for k in _story_keys(story, keyed)}}
        save_session(folder / session, result.comparison, embeddings=embeddings)
    results.write_story(story, result.comparison, result.error, session, run)
    return 0 if result.comparison is not None else 1
