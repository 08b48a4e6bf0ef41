"""A new story file from a template that explains every field in Vietnamese (`exemplars new`).

The answers are matched against the vocabularies first, so the file is written with canonical
names and passes `exemplars check` as soon as the officer has written the body.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from generator.core.dates import format_short
from generator.core.model import Kind
from generator.core.text import slugify

__all__ = ["NewStory", "StoryExists", "render_story", "story_path", "write_story"]


@dataclass(frozen=True)
class NewStory:
    """What `exemplars new` asks for, already resolved to canonical names."""

    title: str
    subject: str
    kind: Kind
    movements: tuple[str, ...]
    field: str
    unit: str
    district: str
    date: dt.date


class StoryExists(Exception):
    """The target file exists; `exemplars new` never overwrites."""


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: colons, quotes and # are safe.
    return json.dumps(text, ensure_ascii=False)


def render_story(story: NewStory) -> str:
    """The text of the new file: front matter with a comment per field, and a body to replace."""
    movements = "\n".join(f"  - {_quote(m)}" for m in story.movements)
    return f"""---
# Tiêu đề bài viết (bắt buộc).
title: {_quote(story.title)}
# Tập thể, cá nhân hoặc hộ gia đình được nêu gương (bắt buộc).
subject: {_quote(story.subject)}
# Loại điển hình: tập thể | cá nhân | hộ gia đình.
kind: {story.kind.value}
# Phong trào thi đua, mỗi phong trào một dòng "- " (xem danh mục: exemplars vocab movements).
movement:
{movements}
# Lĩnh vực (exemplars vocab fields).
field: {_quote(story.field)}
# Đơn vị gửi bài (exemplars vocab units).
unit: {_quote(story.unit)}
# Địa bàn: huyện, thị xã, thành phố hoặc "Toàn tỉnh" (exemplars vocab districts).
district: {_quote(story.district)}
# Ngày đăng, dạng ngày/tháng/năm. Bài ghi ngày sau hôm nay sẽ tự đăng vào ngày đó.
date: {format_short(story.date)}
# Tóm tắt 1-2 câu, hiện trên thẻ bài viết và khi chia sẻ lên Zalo, Facebook (bỏ dấu # để dùng).
# summary: "..."
# Ảnh bìa: chép ảnh vào cùng thư mục với bài, rồi bỏ dấu # ở các dòng dưới. Mô tả ảnh (alt) là bắt buộc.
# image:
#   src: anh-bia.jpg
#   alt: "Mô tả những gì có trong ảnh"
#   caption: "Chú thích dưới ảnh"
#   credit: "Người chụp"
# Khen thưởng đã nhận (mỗi khen thưởng một mục "- name:").
# awards:
#   - name: "Bằng khen của Chủ tịch UBND tỉnh"
#     year: {story.date.year}
#     decision: "1234/QĐ-UBND"
# Lưu nháp (không đăng): bỏ dấu # ở dòng dưới.
# status: draft
---
Viết nội dung bài viết ở đây: hoàn cảnh, việc làm tiêu biểu, kết quả và sức lan tỏa.

## Những việc làm tiêu biểu

Mỗi đoạn cách nhau một dòng trống. Ảnh trong bài viết theo mẫu `![mô tả ảnh](ten-anh.jpg "chú thích")`.
"""


def story_path(stories_dir: Path, story: NewStory) -> Path:
    """`exemplars/<yyyy>/<slug>.md` for the story."""
    return stories_dir / str(story.date.year) / f"{slugify(story.title) or 'bai-viet'}.md"


def write_story(stories_dir: Path, story: NewStory) -> Path:
    """Write the new story file; raises `StoryExists` rather than overwrite anything."""
    path = story_path(stories_dir, story)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": fail if it exists, atomically
            out.write(render_story(story))
    except FileExistsError:
        raise StoryExists(str(path)) from None
    return path
