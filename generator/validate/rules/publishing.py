"""When and how the story is published: its date, status, consultation deadline, and terms valid on that date."""

from __future__ import annotations

import datetime as dt
import difflib

from generator.core.dates import format_short
from generator.core.messages import axis_code
from generator.core.model import Status, Term
from generator.validate.check import StoryCheck, quoted_list, suggestion

ORDER = 60

_STATUSES = {s.value: s for s in Status}


def check(story: StoryCheck) -> None:
    """`date` is required; a nominee needs a deadline; every term must exist on the story's date."""
    date = story.values["date"] = story.date("date", required=True)
    status = story.values["status"] = _status(story)
    until = story.values["consultation_until"] = story.date("consultation_until")
    if status is Status.NOMINEE and until is None and "consultation_until" not in story.data:
        story.fail("status", "consultation.missing")
    if status is not Status.NOMINEE and until is not None:
        story.fail("consultation_until", "consultation.unused", severity="warning")
    if date is None:
        return
    for axis in story.vocabulary.axes:  # in the site's order: the district is named before the unit
        index = story.vocabulary.axis(axis.name)
        for term in story.values.get(axis.name, ()):  # type: ignore[union-attr]
            successors = [index.by_id[s].name for s in getattr(term, "successors", ()) if s in index.by_id]
            _validity(story, axis.key, term, date, successors)


def _status(story: StoryCheck) -> Status:
    value = story.text("status")
    if not value:
        return Status.PUBLISHED
    status = _STATUSES.get(value.casefold())
    if status is None:
        near = difflib.get_close_matches(value.casefold(), list(_STATUSES), 1, 0.6)
        story.fail("status", "field.choice", value=value, allowed=", ".join(_STATUSES), suggestion=suggestion(near))
        return Status.DRAFT  # an unreadable status must never publish by accident
    return status


def _validity(story: StoryCheck, key: str, term: Term, date: dt.date, successors: list[str]) -> None:
    valid_from, valid_until = getattr(term, "valid_from", None), getattr(term, "valid_until", None)
    if valid_until and date > valid_until:
        names = quoted_list(successors) if successors else ("(không có)", "(none)")
        story.fail(key, axis_code(key, "expired"), name=term.name, until=format_short(valid_until), date=format_short(date), successors=names)
    if valid_from and date < valid_from:
        story.fail(key, axis_code(key, "not_yet"), name=term.name, since=format_short(valid_from), date=format_short(date))
