"""What the user is comparing: versions, reference, threshold, model. Qt-free.

Every edit returns a new ``Workspace``; version ids are never reused, so rows and
selections keyed by id stay meaningful across edits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storydiff.core.errors import UsageError
from storydiff.core.model import Comparison, Version
from storydiff.core.progress import Progress
from storydiff.engine import DEFAULT_THRESHOLD, check_threshold, compare, make_version
from storydiff.ingest import Document


@dataclass(frozen=True)
class Workspace:
    versions: tuple[Version, ...] = ()
    reference: str | None = None  # None: the engine's default choice
    threshold: float = DEFAULT_THRESHOLD
    model: str | None = None  # None: the bundled model
    next_id: int = 1

    def add(self, document: Document, label: str) -> Workspace:
        """A new version at the end, with a fresh id."""
        version = make_version(document, label, f"v{self.next_id}")
        return replace(self, versions=self.versions + (version,), next_id=self.next_id + 1)

    def remove(self, version_id: str) -> Workspace:
        self._index(version_id)
        versions = tuple(v for v in self.versions if v.id != version_id)
        reference = None if self.reference == version_id else self.reference
        return replace(self, versions=versions, reference=reference)

    def rename(self, version_id: str, label: str) -> Workspace:
        label = label.strip()
        if not label:
            raise UsageError("a version needs a name")
        position = self._index(version_id)
        versions = list(self.versions)
        versions[position] = replace(versions[position], label=label)
        return replace(self, versions=tuple(versions))

    def move(self, version_id: str, position: int) -> Workspace:
        """The version moved to ``position`` (clamped to the list)."""
        versions = list(self.versions)
        version = versions.pop(self._index(version_id))
        versions.insert(max(0, min(position, len(versions))), version)
        return replace(self, versions=tuple(versions))

    def with_reference(self, version_id: str | None) -> Workspace:
        if version_id is not None:
            self._index(version_id)
        return replace(self, reference=version_id)

    def with_threshold(self, threshold: float) -> Workspace:
        check_threshold(threshold)
        return replace(self, threshold=threshold)

    def version(self, version_id: str) -> Version:
        return self.versions[self._index(version_id)]

    def _index(self, version_id: str) -> int:
        for position, version in enumerate(self.versions):
            if version.id == version_id:
                return position
        raise UsageError(f"no version {version_id!r}")


def run_comparison(workspace: Workspace, *, embedder, progress: Progress) -> Comparison:
    """The comparison of ``workspace`` (at least one version); see ``engine.compare``."""
    return compare(
        workspace.versions,
        reference=workspace.reference,
        threshold=workspace.threshold,
        embedder=embedder,
        progress=progress,
    )
