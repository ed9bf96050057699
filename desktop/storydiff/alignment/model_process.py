"""The embedding model in a child process.

Importing torch and loading a model hold Python's global interpreter lock for
hundreds of milliseconds at a time (the C extension load, and the garbage
collections that the import's millions of objects set off). In the window that
would freeze the event loop even though the work runs on a background thread, so
the window keeps torch out of its own process altogether and talks to a child
process through a pipe. The command line loads the model in-process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence

import numpy as np

from storydiff.core.errors import ModelError


class ModelProcess:
    """A sentence-transformers model served by a child process.

    Offers the two calls the embedder needs: ``encode`` and
    ``get_embedding_dimension``. Raises ``ModelError`` if the model
    cannot load or the child process stops.
    """

    def __init__(self, spec) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child, spec), daemon=True, name="storydiff-model")
        self._process.start()
        child.close()
        self._dimension = int(self._receive())

    def encode(self, texts: Sequence[str], **options) -> np.ndarray:
        """Unit vectors of ``texts`` (``options`` are passed to the model's encode)."""
        self._send(("encode", list(texts), options))
        return self._receive()

    def get_embedding_dimension(self) -> int:
        return self._dimension

    def close(self) -> None:
        """Stop the child process (idempotent)."""
        if self._process.is_alive():
            try:
                self._conn.send(("close",))
            except OSError:
                pass
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
        self._conn.close()

    def _send(self, message) -> None:
        try:
            self._conn.send(message)
        except OSError as exc:
            raise ModelError(f"the model process stopped ({exc})") from exc

    def _receive(self):
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise ModelError(f"the model process stopped (exit code {self._process.exitcode})") from exc
        if status == "error":
            raise ModelError(value)
        return value


def serve(conn, spec) -> None:
    """Child process: load the model, then answer encode requests until told to close."""
    from storydiff.alignment.embedder import embedding_dimension, load_sentence_transformer

    try:
        model = load_sentence_transformer(spec)
    except ModelError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ok", embedding_dimension(model)))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message[0] != "encode":
            return
        try:
            conn.send(("ok", np.asarray(model.encode(message[1], **message[2]), dtype=np.float32)))
        except Exception as exc:  # report any failure to the parent instead of dying silently
            conn.send(("error", f"embedding failed: {exc}"))
