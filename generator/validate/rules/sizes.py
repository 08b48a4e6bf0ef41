"""Sizes no real story has: usually a paste gone wrong (a whole document, a list). Warned, not refused."""

from __future__ import annotations

from generator.validate.check import StoryCheck, front_matter_texts
from generator.validate.schema import LIMITS

ORDER = 20


def check(story: StoryCheck) -> None:
    """A warning for each size over its limit (`LIMITS`)."""
    data, raw = story.data, story.raw
    title = data.get("title")
    tags = data.get("tags")
    checks = (
        ("title", ("tiêu đề", "title"), len(title) if isinstance(title, str) else 0, LIMITS["title"]),
        ("tags", ("danh sách từ khóa", "tag list"), len(tags) if isinstance(tags, list) else 0, LIMITS["tags"]),
        (None, ("nội dung", "body"), raw.body.count("\n") + 1, LIMITS["body_lines"]),
        (None, ("phần khai báo", "front matter"), raw.body_line, LIMITS["front_matter_lines"]),
        (None, ("phần khai báo", "front matter"), sum(len(v) for _, v in front_matter_texts(data)), LIMITS["front_matter_chars"]),
    )
    for key, what, size, limit in checks:
        if size > limit:
            line = story.line(key) if key in data else 1
            story.fail(key or "body", "story.too_large", line=line, severity="warning", what=what, size=size, limit=limit)
