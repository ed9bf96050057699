"""A valid saved session to damage, shared by the session validation tests and the fuzzer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fakes import BagOfWordsEmbedder

from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.storage.cache import text_key
from storydiff.storage.session import Decision, Note, embedded_texts, save_session

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "harbour-bridge"
QUOTE = ("We found corrosion far worse than anything the last inspection predicted, "
         "and we cannot let a single car cross until those cables are replaced")
DECISIONS = (
    Decision("link", {"nodes": [["v1", 3], ["v2", 4]]}, "2026-11-25T10:00:00+00:00"),
    Decision("quote-status", {"quote": QUOTE, "version": "v4", "status": "altered"}),
)
NOTES = (
    Note("row", "v1:3", "Check the date with the wire desk.", "2026-11-25T10:01:00+00:00"),
    Note("quote", QUOTE[:80], "Spun copy changes the verb."),
    Note("version", "v3", "Content farm; ignore its headline"),
)


def sample_comparison():
    """The bundled sample story compared with the fake model (no torch)."""
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", embedder=BagOfWordsEmbedder())


def save_sample(path: Path, comparison) -> Path:
    """``comparison`` saved at ``path`` with decisions, notes and every passage vector."""
    embedder = BagOfWordsEmbedder()
    texts = embedded_texts(comparison)
    vectors = dict(zip(map(text_key, texts), embedder.embed(texts)))
    save_session(path, comparison, decisions=DECISIONS, notes=NOTES, embeddings={comparison.model: vectors})
    return path


def damage(path: Path, *statements: str) -> None:
    """Run plain SQL on the file, as another tool (or a hostile sender) would."""
    db = sqlite3.connect(path)
    try:
        with db:
            for statement in statements:
                db.execute(statement)
    finally:
        db.close()
