"""One story: front matter -> `Story`, or every problem with its line.

Validation collects every problem instead of stopping at the first (MkDocs' own config
validation stops early and only warns on unknown keys; an officer needs the whole list). The
rules are in `generator.validate.rules`, one module per concern; this module runs them and
makes the `Story` when none found an error.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.core.errors import Problem
from generator.core.model import Status, Story
from generator.core.safety import SafetyOptions
from generator.load.stories import RawStory
from generator.core.vocabulary import Vocabulary
from generator.validate.check import StoryCheck
from generator.validate.rules import RULES

__all__ = ["is_draft", "validate_story"]


def validate_story(
    raw: RawStory, vocabulary: Vocabulary, root: Path, safety: SafetyOptions | None = None, cache_root: Path | None = None
) -> tuple[Story | None, list[Problem]]:
    """Turn one read story into a `Story`, or return why it cannot be one.

    Problems from reading the file come first; a story whose front matter could not be read is
    not validated further (its missing fields would only be noise). The problems of a draft are
    notes: a draft is not published, so an unfinished one must not stop the others; one with an
    error is left out (it could not be made a `Story`). A file whose front matter cannot be read
    at all is an error even if it says `status: draft` somewhere, since its status is unknown.
    In the cache folder `cache_root`, photos found sound are noted, so that they are not decoded
    again (`inspect_image`).
    """
    problems = list(raw.problems)
    if raw.data is None:
        return None, problems
    check = StoryCheck(raw, vocabulary, root, safety or SafetyOptions(), cache_root)
    for rule in RULES:
        rule.check(check)
    problems += check.problems
    failed = any(p.severity == "error" for p in problems)
    if is_draft(raw.data):
        problems = [replace(p, severity="note") for p in problems]
    if failed:
        return None, problems
    return _story(check), problems


def is_draft(data: dict[str, object]) -> bool:
    """Whether the front matter says `status: draft` (as written: a misspelt status is not known to be one)."""
    status = data.get("status")
    return isinstance(status, str) and status.strip().casefold() == Status.DRAFT.value


def _story(check: StoryCheck) -> Story:
    """The `Story` of a check that found no error (every required value is then present)."""
    values, raw = check.values, check.raw
    named: dict[str, object] = {}
    extra = {}
    for axis in check.vocabulary.axes:
        terms = values[axis.name]
        if not axis.attribute:
            extra[axis.name] = terms
        else:
            named[axis.attribute] = terms if axis.many else terms[0]  # type: ignore[index]
    return Story(
        source=raw.file.source,
        path=raw.file.path,
        body=raw.body,
        body_line=raw.body_line,
        lines={str(k[0]): v for k, v in raw.parsed.lines.items() if len(k) == 1},
        extra=extra,
        **named,  # type: ignore[arg-type]
        **{key: values[key] for key in _STORY_VALUES},  # type: ignore[arg-type]
    )


_STORY_VALUES = (
    "title", "subject", "kind", "date", "status", "consultation_until", "summary", "image", "body_images",
    "media", "poster",    "awards", "tags", "slug", "source_url", "author", "featured",
)  # fmt: skip
"""What the rules store in `StoryCheck.values` besides the axis terms."""
