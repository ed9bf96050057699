"""Where a batch's work runs: in this process and a process pool (``LocalRunner``), or as tasks
on Dask distributed (``DaskRunner``). Both take the same task functions (``batch.tasks``) and
yield results as they finish; the caller alone writes them.

At most ``in_flight`` tasks are out at a time, so that a corpus of thousands of stories never
holds every story's vectors in memory at once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

import numpy as np

from storydiff.batch.tasks import StoryResult, StoryTask, compare_story, encode_texts
from storydiff.core.errors import UsageError


class LocalRunner:
    """Embeds in this process (the model uses every core itself) and compares stories in a pool
    of ``workers`` processes (0 or 1: in this process)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def embed(self, factory, batches: Iterable[list[str]]) -> Iterator[tuple[int, np.ndarray]]:
        """(batch number, vectors) for each batch of texts, in order."""
        for number, batch in enumerate(batches):
            yield number, encode_texts(factory, batch)

    def compare(self, tasks: Iterable[StoryTask]) -> Iterator[StoryResult]:
        """A ``StoryResult`` per task, in the order they finish."""
        if self.workers <= 1:
            yield from map(compare_story, tasks)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_context())
        yield from _bounded(tasks, lambda t: self._pool.submit(compare_story, t), 2 * self.workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _context():
    """Fork where there is one: the children only run pure Python over values they are sent
    (no model, no database), and start at once instead of importing StoryDiff again."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _bounded(tasks: Iterable, submit: Callable[[object], Future], in_flight: int) -> Iterator:
    pending: set[Future] = set()
    for task in tasks:
        pending.add(submit(task))
        if len(pending) >= in_flight:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (f.result() for f in done)


class DaskRunner:
    """The same work as tasks on Dask distributed: ``scheduler`` (``tcp://HOST:PORT``) names a
    running cluster; without it a local cluster of ``workers`` workers is started (threads in
    this process when ``processes`` is False) and closed with the runner."""

    def __init__(self, scheduler: str | None = None, *, workers: int = 2, processes: bool = True,
                 in_flight: int = 64) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise UsageError("--dask needs Dask distributed: pip install 'dask[distributed]'") from exc
        self._cluster = None
        if scheduler is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
        else:
            self.client = _connect(Client, scheduler)
        self.in_flight = in_flight

    def embed(self, factory, batches: Iterable[list[str]]) -> Iterator[tuple[int, np.ndarray]]:
        """(batch number, vectors) as each embedding task finishes."""
        numbered = ((n, b) for n, b in enumerate(batches))
        submit = lambda item: self.client.submit(_numbered_encode, factory, *item, pure=False)
        yield from self._bounded(numbered, submit)

    def compare(self, tasks: Iterable[StoryTask]) -> Iterator[StoryResult]:
        """One Dask task per story; results as they finish."""
        yield from self._bounded(tasks, lambda t: self.client.submit(compare_story, t, pure=False))

    def _bounded(self, items: Iterable, submit) -> Iterator:
        from distributed import as_completed

        queue = as_completed()
        items = iter(items)
        for item in items:
            queue.add(submit(item))
            if queue.count() >= self.in_flight:
                break
        for future in queue:
            yield future.result()
            future.release()
            following = next(items, None)
            if following is not None:
                queue.add(submit(following))

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _numbered_encode(factory, number: int, texts: list[str]) -> tuple[int, np.ndarray]:
    return number, encode_texts(factory, texts)


def _connect(client_class, scheduler: str):
    try:
        return client_class(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {scheduler}: no Dask scheduler answers there ({exc})") from exc
