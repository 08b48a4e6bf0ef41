"""Checks across stories: what no single file can tell (two stories with one URL)."""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.errors import Problem
from generator.core.model import Status, Story

__all__ = ["check_unique_slugs"]


def check_unique_slugs(stories: Iterable[tuple[Story, str]]) -> list[Problem]:
    """An error on every story whose slug another story also uses, naming the other files.

    `stories` pairs each story with its display path. Both sides are reported, so that a check
    of only one of the files (a pre-commit hook) still sees the clash. A draft is not published,
    so its clash is a note on the draft, and a story clashing only with drafts is not at fault.
    """
    by_slug: dict[str, list[tuple[Story, str]]] = {}
    for story, display in stories:
        by_slug.setdefault(story.slug, []).append((story, display))
    problems = []
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        published = sum(1 for story, _ in group if story.status is not Status.DRAFT)
        for story, display in group:
            draft = story.status is Status.DRAFT
            if not draft and published < 2:
                continue
            others = ", ".join(other for _, other in group if other != display)
            line = story.lines.get("slug", story.lines.get("title", 1))
            severity = "note" if draft else "error"
            problems.append(Problem(display, line, "slug.duplicate", {"slug": slug, "other": others}, severity, "slug"))
    return problems
