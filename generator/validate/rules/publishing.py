"""When and how the story is published: its date, status, consultation deadline, and terms valid on that date."""

from __future__ import annotations

import datetime as dt
import difflib

from generator.core.dates import format_short
from generator.core.messages import axis_code
from generator.core.model import Status, Term
from generator.core.vocabulary import TermIndex
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
    for axis in story.vocabulary.axes:  # in the site's order: the locality is named before the unit
        index = story.vocabulary.axis(axis.name)
        for term in story.values.get(axis.name, ()):  # type: ignore[union-attr]
            _validity(story, axis.key, index, term, date)


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


def _validity(story: StoryCheck, key: str, index: TermIndex, term: Term, date: dt.date) -> None:
    """An entry that had ended names what replaced it; one not yet formed names what it came from."""
    if term.valid_until and date > term.valid_until:
        names = [index.by_id[s].name for s in term.successors if s in index.by_id]
        story.fail(
            key, axis_code(key, "expired"), name=term.name, until=format_short(term.valid_until), date=format_short(date),
            date_iso=date.isoformat(), successors=quoted_list(names) if names else ("(không có)", "(none)"),
        )  # fmt: skip
    if term.valid_from and date < term.valid_from:
        names = [index.by_id[p].name for p in getattr(term, "predecessors", ()) if p in index.by_id]
        vi, en = quoted_list(names, ("và", "and"))
        before = (f" Trước ngày đó, nơi này thuộc {vi}: hãy ghi tên ấy.", f" Before that day it was part of {en}: write that.")
        story.fail(
            key, axis_code(key, "not_yet"), name=term.name, since=format_short(term.valid_from), date=format_short(date),
            before=before if names else ("", ""),
        )  # fmt: skip
