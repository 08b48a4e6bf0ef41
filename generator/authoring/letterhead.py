"""The administrative frame of a Word document sent by a district, told apart from the story.

Officers write stories on their agency's template (Decree 30/2020/NĐ-CP on administrative
documents): the agency's name in capitals, the national motto, a number, a "place, date" line,
a document label ("GƯƠNG ĐIỂN HÌNH TIÊN TIẾN"), lines such as "Đơn vị: …" or "Người viết: …",
and under each photo a caption ending with its credit "(Ảnh: …)". None of it belongs in the
body of a story; the date, the author and the credit belong in the front matter. These are pure
functions over paragraph text, used by `generator.authoring.docx_reader`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.core.dates import parse_date
from generator.core.text import clean, fold

__all__ = ["HeadLine", "author_line", "classify_head", "split_credit"]

_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
_SEPARATOR = re.compile(r"^[\s\-_=*~.·•—–]+$")
_NUMBER = re.compile(r"^(số|so)\s*[:.]?\s*\S*\d", re.IGNORECASE)
# "Mộ Đức, ngày 15 tháng 3 năm 2024": a place name, a comma, the date written out.
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,;:]{2,60}),\s*(?P<date>ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*\.?$", re.IGNORECASE
)
# "Đơn vị: …", "Người viết: …": the labels of officers' templates, by their folded name.
_LABEL = re.compile(r"^(?P<key>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")
_AUTHOR_KEYS = {"nguoi viet", "tac gia", "nguoi viet bai", "nguoi thuc hien", "but danh"}
_HEAD_KEYS = _AUTHOR_KEYS | {"don vi", "co quan", "don vi gui bai", "dia ban", "linh vuc", "phong trao", "doi tuong"}
# Capitalised lines of a letterhead: agency names and document labels (words as folded).
_AGENCY_WORDS = (
    "ubnd", "uy ban", "phong ", "so ", "ban ", "hoi ", "dang uy", "doan ", "mat tran", "huyen", "thi xa", "thanh pho",
    "tinh ", "xa ", "truong ", "cong an", "chi huy", "lien doan", "hdnd", "guong", "dien hinh", "bai viet", "bao cao",
    "thanh tich", "tham luan",
)  # fmt: skip
_CREDIT = re.compile(
    r"[\(\[]?\s*(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ)\s*:\s*(?P<credit>[^()\[\]]+?)\s*[\)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HeadLine:
    """What a line of a document's head is: `kind` is "frame" (drop it), "date", "author" or "field"."""

    kind: str
    date: dt.date | None = None
    value: str = ""
    """The author's name ("author"), or the whole line ("field": kept for guessing the front matter)."""


def classify_head(text: str) -> HeadLine | None:
    """What `text` is if it is a line of a letterhead, or None when it is the story's own text."""
    line = clean(text.replace("*", ""))
    if not line:
        return None
    folded = fold(line)
    words = re.sub(r"[^a-z0-9 ]", " ", folded).split()
    if " ".join(words) in _MOTTO or _SEPARATOR.match(line) or _NUMBER.match(line):
        return HeadLine("frame")
    if match := _PLACE_DATE.match(line):
        parsed = parse_date(match["date"])
        return HeadLine("date", date=parsed) if isinstance(parsed, dt.date) else HeadLine("frame")
    if found := author_line(line):
        return HeadLine("author", value=found)
    if (match := _LABEL.match(line)) and fold(match["key"]) in _HEAD_KEYS:
        return HeadLine("field", value=line)
    if _capitals(line) and (len(words) <= 4 or any(word in folded + " " for word in _AGENCY_WORDS)):
        return HeadLine("frame")
    return None


def author_line(text: str) -> str:
    """The name on a "Người viết: …" / "Tác giả: …" line, or "" for any other line."""
    match = _LABEL.match(clean(text.replace("*", "")))
    if match and fold(match["key"]) in _AUTHOR_KEYS:
        return match["value"].strip(" .")
    return ""


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def split_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) of a photo's caption line ending in "(Ảnh: …)", or None without a credit."""
    line = clean(text.replace("*", ""))
    match = _CREDIT.search(line)
    if not match:
        return None
    caption = line[: match.start()].strip(" -–—.,;:")
    return caption, match["credit"].strip(" .")
