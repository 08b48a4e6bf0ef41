"""What readers see besides the body: the summary, the cover photo and the photos in the body.

Photos must be files next to the story, inside the repository, readable and not absurdly large,
and each needs a description (alt text) for readers who cannot see it.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from generator.core.media import media_type
from generator.core.model import BodyImage, Image
from generator.core.text import clean, curly_quotes
from generator.plan.pictures import BODY_IMAGE, image_title, outside_code, prose_lines
from generator.validate.check import StoryCheck, suggestion
from generator.validate.photo_check import inspect_image
from generator.validate.schema import IMAGE_KEYS

ORDER = 70

# The reference form of Markdown images, ![alt][ref], which we ask officers to write inline.
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_COVER_HOW = (
    'thêm dòng "alt:" cho ảnh bìa, ví dụ: image: {src: anh.jpg, alt: "Ông Tám bên vườn keo"}',
    'add "alt:" to the cover, e.g. image: {src: photo.jpg, alt: "Mr Tam in his acacia garden"}',
)
_BODY_HOW = ('viết mô tả trong ngoặc vuông: ![Ông Tám bên vườn keo](anh.jpg)', "write it in the brackets: ![description](photo.jpg)")


def check(story: StoryCheck) -> None:
    """`summary` (optional text), `image` (the cover) and every `![alt](src)` in the body."""
    story.values["summary"] = curly_quotes(story.text("summary"))  # as the title (rules.basics)
    story.values["image"] = _cover(story)
    story.values["body_images"] = _body_images(story)


def _cover(story: StoryCheck) -> Image | None:
    value = story.data.get("image")
    if value is None:
        return None
    if isinstance(value, dict):
        for key in value:
            if key not in IMAGE_KEYS:
                near = difflib.get_close_matches(str(key), IMAGE_KEYS, 1, 0.6)
                story.fail(f"image.{key}", "key.unknown", line=story.line("image", key),
                           suggestion=suggestion(near), allowed=", ".join(IMAGE_KEYS))  # fmt: skip
        # An empty "alt:" is reported once, as a missing description (below), not also as an empty field.
        blank_alt = isinstance(value.get("alt"), str) and not value["alt"].strip()
        parts = {k: story.as_text(f"image.{k}", value[k], story.line("image", k))
                 if value.get(k) is not None and not (k == "alt" and blank_alt) else "" for k in IMAGE_KEYS}  # fmt: skip
        if "src" not in value:
            story.fail("image.src", "field.required", line=story.line("image"))
        src_line = story.line("image", "src")
        alt_line = story.line("image", "alt") if "alt" in value else src_line
    else:
        parts = {"src": story.as_text("image", value, story.line("image"))}
        src_line = alt_line = story.line("image")
    src = parts["src"]
    if not src:
        return None
    path = resolve_photo(story, src, src_line)
    if not (parts.get("alt") or parts.get("caption")):
        story.fail("image.alt", "image.alt_missing", line=alt_line, src=src, how=_COVER_HOW)
    if path is None:
        return None
    alt = parts.get("alt", "") or parts.get("caption", "")
    return Image(src=src, path=path, alt=alt, caption=parts.get("caption", ""), credit=parts.get("credit", ""))


def _body_images(story: StoryCheck) -> tuple[BodyImage, ...]:
    raw = story.raw
    images = []
    for offset, text in prose_lines(raw.body.split("\n")):
        if "![" not in text:
            continue
        text = outside_code(text)
        line = raw.body_line + offset
        for match in _REFERENCE_IMAGE.finditer(text):
            story.fail("body", "image.reference", line=line, src=match["ref"] or match["alt"])
        for match in BODY_IMAGE.finditer(text):
            src, alt = match["src"], clean(match["alt"])
            if media_type(src) is not None:  # a video or audio file: rules.media
                continue
            path = resolve_photo(story, src, line)
            if not alt:
                story.fail("body", "image.alt_missing", line=line, src=src, how=_BODY_HOW)
            if path is not None and alt:
                images.append(BodyImage(src=src, path=path, alt=alt, title=clean(image_title(match)), line=line))
    return tuple(images)


def resolve_photo(story: StoryCheck, src: str, line: int) -> Path | None:
    """The photo's file: next to the story, inside the repository, readable and sound."""
    if "://" in src or src.startswith(("//", "data:")):
        story.fail("image", "image.outside", line=line, src=src)
        return None
    root = story.root
    candidate = story.raw.file.path.parent / src
    try:
        resolved = candidate.resolve()
        outside = not resolved.is_relative_to(root.resolve())
        exists = not outside and resolved.is_file()
    except (OSError, ValueError, RuntimeError):  # NUL bytes, names too long, symlink loops
        outside, exists = False, False
    if outside:
        story.fail("image", "image.outside", line=line, src=src)
        return None
    if not exists:
        shown = candidate.relative_to(root).as_posix() if candidate.is_relative_to(root) else src
        story.fail("image", "image.missing", line=line, src=src, resolved=shown)
        return None
    damaged = inspect_image(resolved, story.safety.max_pixels, story.cache_root)
    if damaged is not None:
        code, params = damaged
        story.fail("image", code, line=line, src=src, **params)
        return None
    return resolved
