"""The story format: which front-matter keys exist, in which order, and how messages name them.

The axis keys (`movement`, `field`, `unit`, `district` and any a site declares) come from the
axis declarations (`generator.core.axes`); the others are the story's own. The order is the
order officers write them in (`exemplars new` writes a template in it).
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.core.axes import AXES, Axis, in_story_order

__all__ = [
    "AWARD_KEYS",
    "IMAGE_KEYS",
    "KEY_HINTS",
    "KNOWN_KEYS",
    "LIMITS",
    "OPTIONAL_KEYS",
    "REQUIRED_KEYS",
    "key_label",
    "known_keys",
]

_BEFORE_AXES = ("title", "subject", "kind")
_AFTER_AXES = ("date",)
OPTIONAL_KEYS = (
    "summary", "image", "poster", "awards", "tags", "slug", "status",
    "consultation_until", "source_url", "author", "featured",
)  # fmt: skip
IMAGE_KEYS = ("src", "alt", "caption", "credit")
AWARD_KEYS = ("name", "year", "decision")

LIMITS = {"title": 300, "tags": 50, "body_lines": 3000, "front_matter_lines": 200, "front_matter_chars": 20_000}
"""Sizes above which a story is probably a mistake (warned, not refused)."""

KEY_HINTS = {
    "description": "summary",
    "movements": "movement",
    "tag": "tags",
    "award": "awards",
    "cover": "image",
    "photo": "image",
    "images": "image",
    "categories": "tags",
    "draft": "status",
}
"""Keys people bring from other tools, pointing at ours (difflib cannot guess these)."""

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("tiêu đề", "title"),
    "subject": ("đối tượng được nêu gương", "honoured subject"),
    "kind": ("loại điển hình", "kind"),
    "date": ("ngày", "date"),
    "summary": ("tóm tắt", "summary"),
    "image": ("ảnh bìa", "cover image"),
    "poster": ("ảnh đại diện video", "video poster"),
    "awards": ("khen thưởng", "awards"),
    "tags": ("từ khóa", "tags"),
    "slug": ("đường dẫn", "slug"),
    "status": ("trạng thái", "status"),
    "consultation_until": ("hạn lấy ý kiến", "consultation deadline"),
    "source_url": ("nguồn", "source URL"),
    "author": ("tác giả", "author"),
    "featured": ("bài nổi bật", "featured"),
}


def required_keys(axes: Sequence[Axis] = AXES) -> tuple[str, ...]:
    """Keys every story has, in the order they are written."""
    return _BEFORE_AXES + tuple(a.key for a in in_story_order(axes) if a.required) + _AFTER_AXES


def known_keys(axes: Sequence[Axis] = AXES) -> tuple[str, ...]:
    """Every key a story may have: the required ones, then the optional ones."""
    optional = tuple(a.key for a in in_story_order(axes) if not a.required)
    return required_keys(axes) + optional + OPTIONAL_KEYS


REQUIRED_KEYS = required_keys()
KNOWN_KEYS = known_keys()
"""The keys of a story on a site with the built-in axes only."""


def key_label(key: str, axes: Sequence[Axis] = AXES) -> tuple[str, str]:
    """How messages name `key` (Vietnamese, English)."""
    for axis in axes:
        if axis.key == key:
            return axis.noun
    return _LABELS.get(key, (key, key))
