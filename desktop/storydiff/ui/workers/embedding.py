"""The tasks the window runs on its background executor, and the model they share.

The embedder is created on first use inside the worker, so nothing heavy (torch,
sentence-transformers) is imported before the window is shown.
"""

from __future__ import annotations

from storydiff.alignment.embedder import Embedder, resolve_model
from storydiff.core.errors import ModelError
from storydiff.core.progress import Progress
from storydiff.workspace import Workspace, run_comparison


class EmbedderHolder:
    """Creates the embedder lazily; answers questions about the model without loading it."""

    def __init__(self, model: str | None = None) -> None:
        self._model = model
        self._embedder: Embedder | None = None

    @property
    def model_id(self) -> str:
        try:
            return resolve_model(self._model).id
        except ModelError:
            return self._model or "?"

    @property
    def loaded(self) -> bool:
        return self._embedder is not None and self._embedder.loaded

    def get(self) -> Embedder:
        if self._embedder is None:
            # Isolated: torch is imported in a child process, never in the window's.
            self._embedder = Embedder(self._model, isolated=True)
        return self._embedder

    def close(self) -> None:
        """Stop the model process, if one was started."""
        if self._embedder is not None:
            self._embedder.close()


def compare_task(inputs: tuple[Workspace, EmbedderHolder], *, progress: Progress):
    """Compare a workspace; returns (workspace, comparison) so stale results can be told apart."""
    workspace, holder = inputs
    return workspace, run_comparison(workspace, embedder=holder.get(), progress=progress)


def warm_task(holder: EmbedderHolder, *, progress: Progress) -> str:
    """Load the model ahead of the first comparison; returns its id."""
    holder.get().load(progress)
    return holder.model_id
