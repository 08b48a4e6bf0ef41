"""A new story file from a template that explains every field in Vietnamese (`exemplars new`).

The answers are matched against the vocabularies first, so the file is written with canonical
names and passes `exemplars check` as soon as the officer has written the body.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from generator.core.axes import Axis, in_story_order
from generator.core.dates import format_short
from generator.core.model import Kind
from generator.core.placeholders import BODY_GUIDE, BODY_INTRO, SAMPLE_VALUES
from generator.core.text import slugify
from generator.runtime.files import create_atomic

__all__ = ["NewStory", "StoryExists", "render_story", "story_path", "write_story"]


@dataclass(frozen=True)
class NewStory:
    """What `exemplars new` asks for, already resolved to canonical names."""

    title: str
    subject: str
    kind: Kind
    terms: tuple[tuple[Axis, tuple[str, ...]], ...]
    """The chosen names of each axis (one for a single-valued axis)."""
    date: dt.date


class StoryExists(Exception):
    """The target file exists; `exemplars new` never overwrites."""


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: colons, quotes and # are safe.
    return json.dumps(text, ensure_ascii=False)


def _axis_lines(axis: Axis, names: tuple[str, ...]) -> str:
    if axis.many:
        items = "\n".join(f"  - {_quote(name)}" for name in names)
        return f"# {axis.help}\n{axis.key}:\n{items}\n"
    return f"# {axis.help}\n{axis.key}: {_quote(names[0]) if names else ''}\n"


def render_story(story: NewStory) -> str:
    """The text of the new file: front matter with a comment per field, and a body to replace."""
    chosen = dict(story.terms)
    summary, alt, caption, credit = SAMPLE_VALUES
    terms = "".join(_axis_lines(axis, chosen[axis]) for axis in in_story_order(list(chosen)))
    return f"""---
# Tiêu đề bài viết (bắt buộc).
title: {_quote(story.title)}
# Tập thể, cá nhân hoặc hộ gia đình được nêu gương (bắt buộc).
subject: {_quote(story.subject)}
# Loại điển hình: tập thể | cá nhân | hộ gia đình.
kind: {story.kind.value}
{terms}# Ngày đăng, dạng ngày/tháng/năm. Bài ghi ngày sau hôm nay sẽ tự đăng vào ngày đó.
date: {format_short(story.date)}
# Tóm tắt 1-2 câu, hiện trên thẻ bài viết và khi chia sẻ lên Zalo, Facebook (bỏ dấu # để dùng).
# summary: "{summary}"
# Ảnh bìa: chép ảnh vào cùng thư mục với bài, rồi bỏ dấu # ở các dòng dưới. Mô tả ảnh (alt) là bắt buộc.
# image:
#   src: anh-bia.jpg
#   alt: "{alt}"
#   caption: "{caption}"
#   credit: "{credit}"
# Khen thưởng đã nhận (mỗi khen thưởng một mục "- name:").
# awards:
#   - name: "Bằng khen của Chủ tịch UBND tỉnh"
#     year: {story.date.year}
#     decision: "1234/QĐ-UBND"
# Lưu nháp (không đăng): bỏ dấu # ở dòng dưới.
# status: draft
---
{BODY_INTRO}

## Những việc làm tiêu biểu

{BODY_GUIDE} `![mô tả ảnh](ten-anh.jpg "chú thích")`.
"""


def story_path(stories_dir: Path, story: NewStory) -> Path:
    """`exemplars/<yyyy>/<slug>.md` for the story."""
    return stories_dir / str(story.date.year) / f"{slugify(story.title) or 'bai-viet'}.md"


def write_story(stories_dir: Path, story: NewStory) -> Path:
    """Write the new story file; raises `StoryExists` rather than overwrite anything."""
    path = story_path(stories_dir, story)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Whole or not at all, and never over an existing story.
        create_atomic(path, render_story(story).encode("utf-8"))
    except FileExistsError:
        raise StoryExists(str(path)) from None
    return path
