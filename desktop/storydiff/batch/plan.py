"""From groups of articles to the stories a batch compares: ids, keys and version ids."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storydiff.batch.articles import Article
from storydiff.core.model import Version


@dataclass(frozen=True)
class Member:
    """One article of a story: its input ``position`` and its ``version`` id in the story."""

    position: int
    version: str


@dataclass(frozen=True)
class PlannedStory:
    """A story to compare: ``story`` (s0001, ... by the position of its first article),
    ``key`` (what it is made of: its articles' texts, labels and sources, the model and the
    threshold; a finished story with the same key is not compared again) and its members."""

    story: str
    key: str
    members: tuple[Member, ...]


def plan_stories(articles: Sequence[Article], groups: Sequence[Sequence[int]], model: str,
                 threshold: float) -> list[PlannedStory]:
    """One story per group (indexes into ``articles``), numbered in order of first article."""
    ordered = sorted((sorted(articles[i].position for i in g) for g in groups), key=lambda g: g[0])
    by_position = {a.position: a for a in articles}
    width = max(4, len(str(len(ordered))))
    stories = []
    for number, positions in enumerate(ordered, start=1):
        members = tuple(Member(p, f"v{n}") for n, p in enumerate(positions, start=1))
        key = story_key([by_position[p] for p in positions], model, threshold)
        stories.append(PlannedStory(f"s{number:0{width}d}", key, members))
    return stories


def story_key(articles: Sequence[Article], model: str, threshold: float) -> str:
    digest = hashlib.sha256(f"{model}\t{threshold!r}".encode())
    for article in articles:
        digest.update(f"\n{article.version.sha256}\t{article.label}\t{article.source}".encode())
    return digest.hexdigest()


def story_versions(story: PlannedStory, articles_by_position: dict[int, Article]) -> tuple[Version, ...]:
    """The story's versions with their ids (v1, v2, ... in input order)."""
    return tuple(replace(articles_by_position[m.position].version, id=m.version) for m in story.members)
