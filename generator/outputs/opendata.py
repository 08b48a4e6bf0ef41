"""Open data: every published story as JSON and CSV (`du-lieu/exemplars.json`, `.csv`).

Portals of the department, the province and the central commendation board build on these
files; the field names are a contract (see content/huong-dan/hop-dong-du-lieu.md) and must stay stable.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence

from generator.core import urls
from generator.core.axes import AXES, Axis, in_story_order
from generator.core.model import Story
from generator.plan.media import Clip

__all__ = ["FIELDS", "exemplars_csv", "exemplars_json", "fields", "media_entries", "record"]


def fields(axes: Sequence[Axis]) -> tuple[str, ...]:
    """The columns: the story's own, one per axis (ids; a list for axes with several values), the rest."""
    columns = tuple(name for axis in in_story_order(axes) for name in axis.record_fields)
    return ("slug", "url", "source", "title", "subject", "kind", *columns, "date", "summary", "image", "media")


FIELDS = fields(AXES)
"""The columns of a site with the built-in axes."""


def media_entries(clips: Sequence[Clip], site_url: str) -> list[dict[str, object]]:
    """The story's video and audio as open data: its own files (address, type, bytes, seconds,
    captions) and the videos of other hosts (the video's page and the player's host)."""
    entries: list[dict[str, object]] = []
    for clip in clips:
        media = clip.media
        own = not media.hosted
        entries.append(
            {
                "kind": media.kind,
                "title": media.title,
                "url": urls.absolute(site_url, clip.url) if own else media.link,
                "type": media.mime if own else None,
                "size": media.size if own else None,
                "duration": round(media.duration) if media.duration else None,
                "host": None if own else media.host,
                "captions": bool(clip.captions_url),
            }
        )
    return entries


def record(
    story: Story,
    site_url: str,
    image_url: Callable[[Story], str] = lambda s: "",
    axes: Sequence[Axis] = AXES,
    media: Sequence[dict[str, object]] = (),
) -> dict[str, object]:
    """The open-data record of one story; `image_url` gives the absolute URL of its cover, or "";
    `media` its clips (`media_entries`)."""
    terms = {
        name: [t.id for t in axis.terms_of(story)] if axis.many else _single_id(axis.terms_of(story))
        for axis in in_story_order(axes)
        for name in axis.record_fields
    }
    return {
        "slug": story.slug,
        "url": urls.absolute(site_url, urls.story_url(story.slug)),
        "source": story.source,
        "title": story.title,
        "subject": story.subject,
        "kind": story.kind.value,
        **terms,
        "date": story.date.isoformat(),
        "summary": story.summary,
        "image": image_url(story),
        "media": list(media),
    }


def _single_id(terms: Sequence) -> str:
    return terms[0].id if terms else ""


def exemplars_json(records: Iterable[dict[str, object]]) -> str:
    """`{"exemplars": [...]}`, UTF-8 text (not \\u escapes), one story per record."""
    return json.dumps({"exemplars": list(records)}, ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> object:
    """Text Excel would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def exemplars_csv(records: Iterable[dict[str, object]], axes: Sequence[Axis] = AXES) -> str:
    """CSV with a BOM so that Excel opens Vietnamese correctly; lists (movements) joined by ";",
    the media by their addresses."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=fields(axes), lineterminator="\r\n")
    writer.writeheader()
    for row in records:
        row = {**row, "media": [entry["url"] for entry in row.get("media", ())]}  # type: ignore[union-attr,index]
        writer.writerow({key: ";".join(value) if isinstance(value, list) else _cell(value) for key, value in row.items()})
    return out.getvalue()
