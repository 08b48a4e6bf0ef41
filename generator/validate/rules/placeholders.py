"""Template text left in a story: the sentences of `exemplars new`, its sample values, "CẦN ĐIỀN".

A file made by `exemplars new` passes every other rule as soon as it is written, so without
this rule its instructions ("Viết nội dung bài viết ở đây: …") would be published as a story.
"""

from __future__ import annotations

from generator.core.placeholders import placeholder_in_line, placeholder_value
from generator.validate.check import StoryCheck, front_matter_texts

ORDER = 35


def check(story: StoryCheck) -> None:
    """An error on every body line and front-matter value that is still template text."""
    raw = story.raw
    # The body as one line first: a line holding template text makes the whole body hold it, and
    # almost no story does (at 10,000 stories, line by line was a tenth of all checking).
    if placeholder_in_line(raw.body):
        for index, line in enumerate(raw.body.split("\n")):
            found = placeholder_in_line(line)
            if found:
                story.fail("body", "placeholder.body", line=raw.body_line + index, text=found)
    for path, value in front_matter_texts(story.data):
        found = placeholder_value(value)
        if found:
            story.fail(_key(path), "placeholder.value", line=story.line(*path), value=found)


def _key(path: tuple) -> str:
    """`("awards", 0, "decision")` -> "awards[1].decision", the way other messages name a key."""
    key = str(path[0])
    for part in path[1:]:
        key += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return key
