"""The axis values (movement, field, unit, locality, and any a site declares), matched against their vocabularies."""

from __future__ import annotations

import datetime as dt

from generator.core.axes import Axis
from generator.core.dates import parse_date
from generator.core.messages import axis_code
from generator.core.model import Term
from generator.validate.check import StoryCheck

ORDER = 50


def check(story: StoryCheck) -> None:
    """Each axis's terms go to `values[axis.name]` as a tuple (empty when missing or unknown).

    Names are matched at the story's date ("Bình Sơn" is the district in 2024, the commune in
    2026); the date itself is checked, with its messages, by the publishing rule.
    """
    parsed = parse_date(story.data["date"]) if isinstance(story.data.get("date"), str) else None
    story.at = parsed if isinstance(parsed, dt.date) else None
    for axis in story.axes:
        if axis.many:
            found = _many(story, axis)
        elif axis.required or story.data.get(axis.key) is not None:
            term = _single(story, axis)
            found = (term,) if term is not None else ()
        else:
            found = ()
        story.values[axis.name] = found


def _single(story: StoryCheck, axis: Axis) -> Term | None:
    value = story.text(axis.key, required=axis.required)
    index = story.vocabulary.axis(axis.name)
    return story.term(axis, index, value, story.line(axis.key), story.at) if value else None


def _many(story: StoryCheck, axis: Axis) -> tuple[Term, ...]:
    """A list (or a single name); a repeated term is warned about once and kept once."""
    index = story.vocabulary.axis(axis.name)
    if story.data.get(axis.key) is None:
        if axis.required or axis.key in story.data:
            story.text(axis.key, required=axis.required)  # reports it missing or empty
        return ()
    items = story.texts(axis.key)
    if not items:
        story.fail(axis.key, "field.empty")
        return ()
    found: list[Term] = []
    skip = 0
    for i, (value, line) in enumerate(items):
        if skip:
            skip -= 1
            continue
        text = story.as_text(axis.key, value, line)
        if not text:
            continue
        if index.lookup(text, story.at).term is None and (joined := _comma_split(story, axis, items, i)):
            term, skip = joined
            story.fail(axis.key, axis_code(axis.key, "comma"), line=line, name=term.name)
            continue
        term = story.term(axis, index, text, line, story.at)
        if term is None:
            continue
        if term in found:
            story.fail(axis.key, axis_code(axis.key, "duplicate"), line=line, severity="warning", name=term.name)
            continue
        found.append(term)
    return tuple(found)


def _comma_split(story: StoryCheck, axis: Axis, items: list[tuple[object, int]], start: int) -> tuple[Term, int] | None:
    """A name with a comma that a YAML flow list `[a, b]` cut in pieces: the term, pieces used."""
    pieces = [v for v, _ in items[start:] if isinstance(v, str)]
    for count in range(2, len(pieces) + 1):
        term = story.vocabulary.axis(axis.name).lookup(", ".join(pieces[:count])).term
        if term is not None:
            return term, count - 1
    return None
