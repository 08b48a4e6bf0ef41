"""Open data: every published story as JSON and CSV (`du-lieu/exemplars.json`, `.csv`).

Portals of the department, the province and the central commendation board build on these
files; the field names are a contract (see CONTRACTS.md) and must stay stable.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable

from generator.core import urls
from generator.core.model import Story

__all__ = ["FIELDS", "exemplars_csv", "exemplars_json", "record"]

FIELDS = (
    "slug", "url", "source", "title", "subject", "kind", "movements",
    "field", "unit", "district", "date", "summary", "image",
)  # fmt: skip


def record(story: Story, site_url: str, image_url: Callable[[Story], str] = lambda s: "") -> dict[str, object]:
    """The open-data record of one story; `image_url` gives the absolute URL of its cover, or ""."""
    return {
        "slug": story.slug,
        "url": urls.absolute(site_url, urls.story_url(story.slug)),
        "source": story.source,
        "title": story.title,
        "subject": story.subject,
        "kind": story.kind.value,
        "movements": [m.id for m in story.movements],
        "field": story.field.id,
        "unit": story.unit.id,
        "district": story.district.id,
        "date": story.date.isoformat(),
        "summary": story.summary,
        "image": image_url(story),
    }


def exemplars_json(records: Iterable[dict[str, object]]) -> str:
    """`{"exemplars": [...]}`, UTF-8 text (not \\u escapes), one story per record."""
    return json.dumps({"exemplars": list(records)}, ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> object:
    """Text Excel would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def exemplars_csv(records: Iterable[dict[str, object]]) -> str:
    """CSV with a BOM so that Excel opens Vietnamese correctly; movements joined by ";"."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in records:
        values = {key: _cell(value) for key, value in row.items()}
        writer.writerow({**values, "movements": ";".join(row["movements"])})  # type: ignore[arg-type]
    return out.getvalue()
