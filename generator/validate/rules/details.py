"""The rest of the front matter: awards, tags, the slug, the source link, the author, "featured"."""

from __future__ import annotations

import difflib
import re

from generator.core.model import Award
from generator.core.text import slugify
from generator.validate.check import StoryCheck, suggestion
from generator.validate.schema import AWARD_KEYS

ORDER = 80

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def check(story: StoryCheck) -> None:
    """Reads the optional keys into `values`; the slug defaults to one made from the title."""
    story.values["awards"] = _awards(story)
    story.values["tags"] = _tags(story)
    story.values["slug"] = _slug(story, str(story.values.get("title", "")))
    story.values["source_url"] = _url(story, "source_url")
    story.values["author"] = story.text("author")
    story.values["featured"] = story.flag("featured")


def _awards(story: StoryCheck) -> tuple[Award, ...]:
    value = story.data.get("awards")
    if value is None:
        return ()
    if not isinstance(value, list):
        story.fail("awards", "field.not_list")
        return ()
    awards = []
    for i, item in enumerate(value):
        line = story.line("awards", i)
        if isinstance(item, str):  # "- Bằng khen của Chủ tịch UBND tỉnh" is a fair way to write one
            item = {"name": item}
        if not isinstance(item, dict):
            story.fail("awards", "award.not_mapping", line=line)
            continue
        for key in item:
            if key not in AWARD_KEYS:
                near = difflib.get_close_matches(str(key), AWARD_KEYS, 1, 0.6)
                story.fail(f"awards[{i}].{key}", "key.unknown", line=story.line("awards", i, key),
                           suggestion=suggestion(near), allowed=", ".join(AWARD_KEYS))  # fmt: skip
        name = story.as_text("awards", item.get("name"), story.line("awards", i, "name")) if "name" in item else ""
        if "name" not in item:
            story.fail("awards", "award.not_mapping", line=line)
        year = None
        if item.get("year") is not None:
            raw_year = item["year"]
            if isinstance(raw_year, str) and raw_year.strip().isdigit() and 1945 <= int(raw_year) <= 2100:
                year = int(raw_year)
            else:
                shown = raw_year if isinstance(raw_year, str) else "…"
                story.fail("awards", "award.year", line=story.line("awards", i, "year"), value=shown)
        decision = ""
        if item.get("decision") is not None:
            decision = story.as_text("awards", item["decision"], story.line("awards", i, "decision"))
        if name:
            awards.append(Award(name=name, year=year, decision=decision))
    return tuple(awards)


def _tags(story: StoryCheck) -> tuple[str, ...]:
    tags: list[str] = []
    for value, line in story.texts("tags"):
        text = story.as_text("tags", value, line)
        for tag in text.split(",") if isinstance(story.data.get("tags"), str) else [text]:
            tag = tag.strip()
            if tag and tag not in tags:
                tags.append(tag)
    return tuple(tags)


def _url(story: StoryCheck, key: str) -> str:
    value = story.text(key)
    if value and not _URL.fullmatch(value):
        story.fail(key, "url.invalid", value=value)
        return ""
    return value


def _slug(story: StoryCheck, title: str) -> str:
    if story.data.get("slug") is not None:
        value = story.text("slug")
        if value and not _SLUG.fullmatch(value):
            story.fail("slug", "slug.invalid", value=value)
            return ""
        return value
    slug = slugify(title)
    if title and not slug:
        story.fail("title", "slug.empty", title=title)
    return slug
