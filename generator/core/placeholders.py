"""Text the story templates put in a new file for the officer to replace.

`exemplars new` writes these sentences and sample values, `exemplars import` writes "CẦN ĐIỀN"
where it could not guess a field; the check (`generator.validate.rules.placeholders`) refuses
any of them left in a published story. Both sides read this one table, so a sentence reworded
in the template is still caught.
"""

from __future__ import annotations

import unicodedata

__all__ = ["BODY_GUIDE", "BODY_INTRO", "SAMPLE_VALUES", "TODO_MARK", "placeholder_in_line", "placeholder_value"]

TODO_MARK = "CẦN ĐIỀN"
"""What an import writes next to a field it could not fill (upper case, as no story writes it)."""

BODY_INTRO = "Viết nội dung bài viết ở đây: hoàn cảnh, việc làm tiêu biểu, kết quả và sức lan tỏa."
BODY_GUIDE = "Mỗi đoạn cách nhau một dòng trống. Ảnh trong bài viết theo mẫu"
"""The start of the template's line about paragraphs and photos (an example in code follows it)."""

SAMPLE_VALUES = ("...", "Mô tả những gì có trong ảnh", "Chú thích dưới ảnh", "Người chụp")
"""The values of the template's commented summary and cover, as an officer may uncomment them (the
sample award is left out: its number reads like a real decision, and the guide's example uses it)."""

# A template sentence is recognised by its opening words, so that an officer who wrote after
# it on the same line ("Viết nội dung bài viết ở đây: Ông A ...") is still told.
_BODY_STARTS = (BODY_INTRO.split(":")[0], BODY_GUIDE.split(".")[0])


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_SAMPLES = {_key(value): value for value in SAMPLE_VALUES}
_FOLDED_STARTS = tuple((start, _key(start)) for start in _BODY_STARTS)


def placeholder_in_line(line: str) -> str | None:
    """The template text `line` still holds (a template sentence or "CẦN ĐIỀN"), or None."""
    text = unicodedata.normalize("NFC", line)
    if TODO_MARK in text:
        return TODO_MARK
    folded = _key(text)
    return next((start for start, key in _FOLDED_STARTS if key in folded), None)


def placeholder_value(value: str) -> str | None:
    """The template value `value` is (a sample of the commented keys, or "CẦN ĐIỀN"), or None."""
    if TODO_MARK in unicodedata.normalize("NFC", value):
        return TODO_MARK
    return _SAMPLES.get(_key(value))
