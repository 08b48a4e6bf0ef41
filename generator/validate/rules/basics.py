"""Who the story is about: title, subject and the kind of exemplar."""

from __future__ import annotations

import difflib

from generator.core.model import Kind
from generator.core.text import curly_quotes, fold, match_key
from generator.validate.check import StoryCheck, suggestion

ORDER = 40

_KINDS = {match_key(k.value): k for k in Kind} | {match_key(k.id): k for k in Kind}


def check(story: StoryCheck) -> None:
    """`title` and `subject` are required text; `kind` one of the three kinds.

    Straight double quotes become typographic ones in what pages show (the file keeps what the
    officer typed: a keyboard has no “ ”)."""
    story.values["title"] = curly_quotes(story.text("title", required=True))
    story.values["subject"] = curly_quotes(story.text("subject", required=True))
    story.values["kind"] = _kind(story)


def _kind(story: StoryCheck) -> Kind | None:
    value = story.text("kind", required=True)
    if not value:
        return None
    kind = _KINDS.get(match_key(value))
    if kind is None:
        allowed = ", ".join(f'"{k.value}"' for k in Kind)
        near = difflib.get_close_matches(fold(value), [fold(k.value) for k in Kind], 1, 0.6)
        names = [k.value for k in Kind if fold(k.value) in near]
        story.fail("kind", "field.choice", value=value, allowed=allowed, suggestion=suggestion(names))
    return kind
