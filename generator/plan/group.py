"""Which stories a build publishes, and how they group into listings.

Pure functions over `Story` records; nothing here knows about pages or HTML. Every ordering is
total (date, then slug), so two builds of the same input produce the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from generator.core.axes import Axis
from generator.core.model import Kind, Status, Story, Term
from generator.core.text import collation_key

__all__ = [
    "consultation_open",
    "Edition",
    "Group",
    "group_by",
    "kind_counts",
    "newest_first",
    "paginate",
    "related",
    "select",
]

T = TypeVar("T")

@dataclass(frozen=True)
class Edition:
    """The stories of one build, split by what happens to them."""

    published: tuple[Story, ...]
    """Published and dated on or before the build date, newest first."""
    nominees: tuple[Story, ...]
    """Under public consultation: own page and the consultation page only, newest first."""
    drafts: tuple[Story, ...]
    scheduled: tuple[Story, ...]
    """Published status but dated after the build date: nowhere until a later build."""


def newest_first(stories: Iterable[Story]) -> list[Story]:
    """Newest first; stories of the same day by slug, so the order is stable."""
    ordered = sorted(stories, key=lambda s: s.slug)
    return sorted(ordered, key=lambda s: s.date, reverse=True)


def select(stories: Iterable[Story], build_date: dt.date) -> Edition:
    """Split stories by status and date, as of `build_date`."""
    published, nominees, drafts, scheduled = [], [], [], []
    for story in stories:
        if story.status is Status.DRAFT:
            drafts.append(story)
        elif story.date > build_date:
            scheduled.append(story)
        elif story.status is Status.NOMINEE:
            nominees.append(story)
        else:
            published.append(story)
    return Edition(
        published=tuple(newest_first(published)),
        nominees=tuple(newest_first(nominees)),
        drafts=tuple(newest_first(drafts)),
        scheduled=tuple(newest_first(scheduled)),
    )


@dataclass(frozen=True)
class Group:
    """The stories sharing one value of an axis (a movement, a district, a year...)."""

    axis: Axis
    key: str
    """Term id, or the year as text."""
    name: str
    """What readers see: the term's canonical name, or "Năm 2023"."""
    term: Term | None
    stories: tuple[Story, ...]
    """Newest first."""


def group_by(stories: Sequence[Story], axis: Axis, all_terms: Iterable[Term] = ()) -> list[Group]:
    """Group `stories` (newest first) by `axis`; terms in Vietnamese alphabetical order, years newest first.

    `all_terms` adds empty groups for vocabulary entries without stories, so that a movement
    page exists (with its targets) before its first story.
    """
    if not axis.key:  # the years, from the stories' dates
        by_year = groupby(sorted(stories, key=lambda s: -s.date.year), key=lambda s: s.date.year)
        return [
            Group(axis, str(year), f"Năm {year}", None, tuple(newest_first(items)))
            for year, items in by_year
        ]
    members: dict[str, list[Story]] = {t.id: [] for t in all_terms}
    terms: dict[str, Term] = {t.id: t for t in all_terms}
    for story in stories:
        for term in axis.terms_of(story):
            members.setdefault(term.id, []).append(story)
            terms.setdefault(term.id, term)
    groups = [Group(axis, key, terms[key].name, terms[key], tuple(items)) for key, items in members.items()]
    return sorted(groups, key=lambda g: collation_key(g.name))


def paginate(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """Split into pages of `per_page`; an empty sequence still has one (empty) page."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]


def related(
    story: Story, neighbours: Callable[[Story], Iterable[Sequence[Story]]], limit: int = 6
) -> tuple[Story, ...]:
    """Up to `limit` other stories sharing a movement or the district, newest first.

    `neighbours(story)` gives the newest-first lists the story belongs to; only the head of each
    list is looked at, so this costs O(limit) per story, not O(N).
    """
    seen = {story.slug}
    pool: list[Story] = []
    for members in neighbours(story):
        taken = 0
        for other in members:
            if taken >= limit:
                break
            if other.slug not in seen:
                seen.add(other.slug)
                pool.append(other)
                taken += 1
    return tuple(newest_first(pool)[:limit])


def consultation_open(story: Story, build_date: dt.date) -> bool:
    """Whether opinions on a nominee are still collected on `build_date` (the deadline day included)."""
    return story.consultation_until is not None and story.consultation_until >= build_date


def kind_counts(stories: Iterable[Story]) -> dict[Kind, int]:
    """Number of stories of each kind (every kind present, zero included)."""
    counts = dict.fromkeys(Kind, 0)
    for story in stories:
        counts[story.kind] += 1
    return counts

