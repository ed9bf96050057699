"""Bring versions in from files and web addresses, keeping the raw bytes for the check step.

``import_source(source, *, progress)`` reads one file path or downloads one http(s) address and
returns an ``Imported``: the extracted ``Document`` (with the raw bytes' sha256, and for a
download the URL, final URL and retrieval time), the raw bytes and the format, so that the check
step can extract again with the whole page text. ``import_sources`` does several, in order,
collecting each failure as one line instead of stopping. Both are ``f(inputs, *, progress)``
functions for a background runner.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from storydiff.core.errors import InputError
from storydiff.core.progress import NullProgress, Progress, SubProgress, check
from storydiff.ingest.documents import MAX_BYTES, Document, _kind_for, _read_file, read_bytes
from storydiff.ingest.fetch import FetchLimits, Fetched, fetch_url, looks_like_url

# Media types a download may have, and the reader each goes to ("auto" sniffs the bytes).
_KIND_BY_MEDIA = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "text",
    "": "auto",
    "application/octet-stream": "auto",
}


@dataclass(frozen=True)
class Imported:
    """One source read: its ``document``, a suggested ``label``, the ``kind`` it was read as
    (``html``, ``pdf``, ``docx``, ``text`` or ``auto``), the ``raw`` bytes and any ``charset``
    declared outside them (an HTTP header)."""

    document: Document
    label: str
    kind: str
    raw: bytes = field(repr=False)
    charset: str | None = None
    # The page's whole text (or a PDF with its running lines), made ahead by ``import_sources``
    # so the check step can switch to it without waiting; None when there is nothing more.
    whole_document: Document | None = field(default=None, repr=False)

    def reextract(self, *, whole_page: bool) -> Document:
        """The document read again from the raw bytes, with everything (``whole_page``) or not."""
        doc = read_bytes(self.raw, self.document.source, kind=self.kind, charset=self.charset,
                         whole_page=whole_page)
        return _with_origin(doc, self.document)


@dataclass(frozen=True)
class ImportBatch:
    """What ``import_sources`` read (in the order given) and one line per source refused."""

    imported: tuple[Imported, ...]
    failures: tuple[str, ...]


def import_sources(sources: tuple[str, ...], *, progress: Progress | None = None,
                   limits: FetchLimits = FetchLimits()) -> ImportBatch:
    """Read every source (a path or an http(s) address) in order; failures are collected."""
    progress = progress or NullProgress()
    imported, failures = [], []
    for number, source in enumerate(sources):
        check(progress)
        part = SubProgress(progress, number / len(sources), (number + 1) / len(sources))
        part.report(0.0, f"Reading {source}")
        try:
            imported.append(with_whole_text(import_source(source, progress=part, limits=limits)))
        except InputError as error:
            failures.append(str(error))
    progress.report(1.0, "")
    return ImportBatch(tuple(imported), tuple(failures))


def with_whole_text(imported: Imported) -> Imported:
    """``imported`` with its ``whole_document`` when the whole text says more than the extraction."""
    if imported.kind not in ("html", "pdf", "auto") or imported.document.encoding == "docx":
        return imported
    try:
        whole = imported.reextract(whole_page=True)
    except InputError:
        return imported
    return replace(imported, whole_document=whole) if whole.text != imported.document.text else imported


def import_source(source: str, *, progress: Progress | None = None,
                  limits: FetchLimits = FetchLimits()) -> Imported:
    """One path or http(s) address read into an ``Imported``; ``InputError`` if it cannot be."""
    if looks_like_url(source):
        return import_url(source, progress=progress, limits=limits)
    return import_file(source)


def import_file(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Imported:
    """The file at ``path`` read as ``read_document`` does, with its raw bytes kept."""
    source = os.fsdecode(path)
    data = _read_file(source, max_bytes)
    kind = _kind_for(source)
    document = read_bytes(data, source, kind=kind, max_bytes=max_bytes)
    document = replace(document, raw_sha256=hashlib.sha256(data).hexdigest())
    return Imported(document, PurePosixPath(source.replace(os.sep, "/")).stem or source, kind, data)


def import_url(url: str, *, progress: Progress | None = None,
               limits: FetchLimits = FetchLimits()) -> Imported:
    """Download ``url`` (see ``ingest.fetch``) and extract its article, PDF or Word text."""
    fetched = fetch_url(url, limits=limits, progress=progress)
    kind = _kind_of(fetched)
    document = read_bytes(fetched.data, fetched.url, kind=kind, max_bytes=limits.max_bytes,
                          charset=fetched.charset)
    document = replace(document, final_url=fetched.final_url, retrieved=fetched.retrieved,
                       raw_sha256=fetched.raw_sha256)
    return Imported(document, url_label(document.title, fetched.final_url), kind, fetched.data,
                    fetched.charset)


def url_label(title: str | None, url: str) -> str:
    """A version label for a download: the site's name and the title (or the page's name)."""
    parts = urlsplit(url)
    site = (parts.hostname or "").removeprefix("www.")
    name = title or unquote(PurePosixPath(parts.path).stem) or site
    label = f"{site}: {name}" if name != site else site
    return label if len(label) <= 80 else label[:79].rstrip() + "…"


def _kind_of(fetched: Fetched) -> str:
    kind = _KIND_BY_MEDIA.get(fetched.content_type)
    if kind is None and fetched.data.startswith(b"%PDF-"):
        kind = "pdf"
    if kind is None:
        raise InputError(f"{fetched.url}: is not a web page or a document "
                         f"(the server sent {fetched.content_type})")
    return kind


def _with_origin(document: Document, origin: Document) -> Document:
    """``document`` carrying ``origin``'s download and raw-bytes records."""
    return replace(document, final_url=origin.final_url, retrieved=origin.retrieved,
                   raw_sha256=origin.raw_sha256)
