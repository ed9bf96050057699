"""The tasks the window runs on its background executor, and the model they share.

The embedder is created on first use inside the worker, so nothing heavy (torch,
sentence-transformers) is imported before the window is shown.
"""

from __future__ import annotations

import threading
from pathlib import Path

from storydiff.alignment.embedder import Embedder, resolve_model
from storydiff.core.errors import ModelError
from storydiff.core.progress import Progress
from storydiff.storage.cache import EmbeddingCache
from storydiff.storage.cache_files import cache_path
from storydiff.workspace import Workspace, run_comparison


class EmbedderHolder:
    """Creates the embedder lazily; answers questions about the model without loading it.

    ``switch`` chooses another model or cache folder (Preferences) while the window runs:
    ``get`` hands out one stable object whose calls go to the embedder of the model chosen
    now, so whoever kept it (the session holder) follows the switch. The old embedder is
    closed by the next job that embeds, never under a job still using it.
    """

    def __init__(self, model: str | None = None, cache_folder: str | None = None) -> None:
        self._model = model
        self._cache_folder = cache_folder
        self._embedder: Embedder | None = None
        self._retired: list[Embedder] = []
        self._lock = threading.Lock()
        self._current = _CurrentEmbedder(self)

    @property
    def model_id(self) -> str:
        try:
            return resolve_model(self._model).id
        except ModelError:
            return self._model or "?"

    @property
    def loaded(self) -> bool:
        return self._embedder is not None and self._embedder.loaded

    def get(self) -> _CurrentEmbedder:
        return self._current

    def switch(self, model: str | None, cache_folder: str | None) -> bool:
        """Use ``model`` (None: bundled) and the cache in ``cache_folder`` (None: the user data
        folder) from the next job on; returns True if either changed."""
        with self._lock:
            if (model or None, cache_folder or None) == (self._model or None, self._cache_folder or None):
                return False
            self._model, self._cache_folder = model or None, cache_folder or None
            if self._embedder is not None:
                self._retired.append(self._embedder)
            self._embedder = None
        return True

    def embedder(self, *, for_job: bool = False) -> Embedder:
        """The embedder of the model chosen now (created on first use). ``for_job``: called
        from a job, so embedders switched away from are no longer in use and are closed."""
        with self._lock:
            retired, self._retired = (self._retired, []) if for_job else ([], self._retired)
            if self._embedder is None:
                cache = EmbeddingCache(cache_path(self._cache_folder)) if self._cache_folder else None
                # Isolated: torch is imported in a child process, never in the window's.
                self._embedder = Embedder(self._model, cache=cache, isolated=True)
            embedder = self._embedder
        for old in retired:
            old.close()
            old.cache.close()
        return embedder

    def close(self) -> None:
        """Stop the model process, if one was started."""
        with self._lock:
            embedders, self._retired = [*self._retired, self._embedder], []
        for embedder in embedders:
            if embedder is not None:
                embedder.close()


class _CurrentEmbedder:
    """What ``EmbedderHolder.get`` hands out: the embedder of the model chosen now."""

    def __init__(self, holder: EmbedderHolder) -> None:
        self._holder = holder

    def load(self, progress: Progress | None = None) -> None:
        self._holder.embedder(for_job=True).load(progress)

    def embed(self, texts, *, progress: Progress | None = None):
        return self._holder.embedder(for_job=True).embed(texts, progress=progress)

    def close(self) -> None:
        self._holder.close()

    def __getattr__(self, name: str):
        # model_id, cache, loaded, dimension...: the current embedder's
        return getattr(self._holder.embedder(), name)


def compare_task(inputs: tuple[Workspace, EmbedderHolder], *, progress: Progress):
    """Compare a workspace; returns (workspace, comparison) so stale results can be told apart."""
    workspace, holder = inputs
    return workspace, run_comparison(workspace, embedder=holder.get(), progress=progress)


def warm_task(holder: EmbedderHolder, *, progress: Progress) -> str:
    """Load the model ahead of the first comparison; returns its id."""
    holder.get().load(progress)
    return holder.model_id


def check_model_task(folder: str, *, progress: Progress) -> str:
    """Load the model in ``folder`` in a child process and stop it again: the Preferences
    dialog's check. Returns a one-line description; ``ModelError`` (one line) if it fails."""
    from storydiff.alignment.model_process import ModelProcess

    spec = check_model_folder(folder)
    progress.report(0.0, f"loading {folder}")
    process = ModelProcess(spec)
    try:
        return f"loads: {process.get_embedding_dimension()}-dimensional vectors"
    finally:
        process.close()


def check_model_folder(folder: str):
    """The model spec of ``folder`` if it looks like a sentence-transformers model (quick, no
    loading); ``ModelError`` naming the folder and why otherwise."""
    path = Path(folder).expanduser()
    if not path.exists():
        raise ModelError(f"{folder}: no such folder")
    if not path.is_dir():
        raise ModelError(f"{folder}: a model must be a folder, not a file")
    if not any((path / name).is_file() for name in ("config.json", "modules.json")):
        raise ModelError(f"{folder}: not a sentence-transformers model (no config.json or modules.json)")
    return resolve_model(str(path))
