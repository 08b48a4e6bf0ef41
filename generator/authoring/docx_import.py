"""Word documents to stories (`exemplars import`): front matter guessed, photos next to the story.

The document is read by `generator.authoring.docx_reader`. Front matter is guessed from its text
by matching the vocabularies; what cannot be guessed is asked (by the command), given as flags,
or left empty with a "CẦN ĐIỀN" note for `exemplars check` to list. The letterhead of the
document gives the date and the author (`generator.authoring.letterhead`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.axes import AXES, Axis, in_story_order
from generator.core.dates import format_short, parse_date
from generator.core.model import Kind
from generator.core.placeholders import TODO_MARK
from generator.core.text import SLUG_MAX, fold, slugify
from generator.core.vocabulary import Vocabulary
from generator.authoring.docx_reader import ImportedDoc
from generator.runtime.files import write_atomic

__all__ = ["Cover", "ImportedStory", "guess_fields", "missing_keys", "plan_import", "render_imported", "story_stem", "write_import"]

_DATE = re.compile(r"(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b)", re.IGNORECASE)
_ADMIN_PREFIX = re.compile(r"^(huyen|thi xa|thanh pho|ubnd huyen|ubnd thi xa|ubnd thanh pho)\s+")


def guess_fields(text: str, vocabulary: Vocabulary, date: dt.date | None = None) -> dict[str, object]:
    """Front-matter values the text names unambiguously: date, each axis's terms, kind.

    Places and units are matched as of the document's date ("Bình Sơn" in a 2024 document is the
    district, in a 2026 one the commune)."""
    guessed: dict[str, object] = {}
    day = date
    for match in _DATE.finditer(text):
        parsed = parse_date(match.group(0))
        if isinstance(parsed, dt.date):
            guessed["date"] = parsed
            break
    day = day or guessed.get("date")  # type: ignore[assignment]
    folded = fold(text)
    for axis in vocabulary.axes:
        hits = [t for t in _named(folded, vocabulary.axis(axis.name).terms) if day is None or t.valid_at(day)]
        if axis.many and hits:
            guessed[axis.key] = [term.name for term in hits]
        elif len(hits) == 1:
            guessed[axis.key] = hits[0].name
    kinds = [k for k in Kind if fold(k.value) in folded]
    if "hộ gia đình" in text.lower() or "ho gia dinh" in folded:
        guessed["kind"] = Kind.HOUSEHOLD.value
    elif len(kinds) == 1:
        guessed["kind"] = kinds[0].value
    return guessed


def _named(folded_text: str, terms) -> list:
    """Terms whose name or an alias (without diacritics, without admin prefix) appears in the text."""
    hits = []
    for term in terms:
        for name in (term.name, *term.aliases):
            key = _ADMIN_PREFIX.sub("", fold(name))
            if len(key) >= 5 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded_text):
                hits.append(term)
                break
    return hits


# Where a title may be cut for a file name: after a clause (": ", ", ", " - ", "; ", a bracket).
_CLAUSE_END = re.compile(r"\s*[:;,(–—]\s*|\s+-\s+")


def story_stem(title: str) -> str:
    """The file stem of an imported story: the title's slug, or when that is too long, its
    leading whole clauses ("Ông A: 30 năm giữ rừng, nâng thu nhập xã viên" -> "ong-a-30-nam-giu-rung"),
    so that the name never ends inside a phrase ("…-thu-nhap-xa")."""
    whole = slugify(title, max_length=len(title) * 4)
    if len(whole) <= SLUG_MAX:
        return whole or "bai-viet"
    clauses = [c for c in _CLAUSE_END.split(title) if c.strip()]
    for count in range(len(clauses) - 1, 0, -1):
        stem = slugify(" ".join(clauses[:count]), max_length=len(title) * 4)
        if len(stem) <= SLUG_MAX and stem.count("-") >= 2:
            return stem
    return slugify(title) or "bai-viet"


def _keys(axes: Sequence[Axis]) -> tuple[str, ...]:
    return ("title", "subject", "kind", *(axis.key for axis in in_story_order(axes)), "date")


def _hints(axes: Sequence[Axis]) -> dict[str, str]:
    return {
        "subject": "tập thể, cá nhân hoặc hộ gia đình được nêu gương",
        "kind": "tập thể | cá nhân | hộ gia đình",
        **{axis.key: f"{axis.noun[0]} (exemplars vocab {axis.name})" for axis in axes},
        "date": "ngày đăng, dạng 19/05/2023",
    }


def missing_keys(values: dict[str, object], axes: Sequence[Axis] = AXES) -> list[str]:
    """The keys of the story format still without a value."""
    return [key for key in _keys(axes) if not values.get(key)]


@dataclass(frozen=True)
class Cover:
    """The cover of an imported story: the first photo, with what the document and officer said of it."""

    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


def render_imported(values: dict[str, object], body: str, cover: Cover | None, axes: Sequence[Axis] = AXES) -> str:
    """Story text for imported values; a field still unknown is left empty with a note to fill it.

    A cover without a description gets no `alt:` line but a note, so that `exemplars check`
    reports the missing description once (an empty `alt:` would add "trường để trống").
    """

    def quote(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lists = {axis.key for axis in axes if axis.many}
    hints = _hints(axes)
    lines = ["---"]
    for key in _keys(axes):
        value = values.get(key)
        if value in (None, "", []):
            lines.append(f"# {TODO_MARK}: {hints.get(key, key)}")
            lines.append(f"{key}:")
        elif key in lists:
            lines.append(f"{key}:")
            lines += [f"  - {quote(m)}" for m in value]  # type: ignore[union-attr]
        elif key == "date":
            lines.append(f"date: {format_short(value)}")  # type: ignore[arg-type]
        else:
            lines.append(f"{key}: {quote(str(value))}")
    if values.get("author"):
        lines.append(f"author: {quote(str(values['author']))}")
    if cover:
        lines += ["image:", f"  src: {quote(cover.src)}"]
        if cover.alt:
            lines.append(f"  alt: {quote(cover.alt)}")
        elif not cover.caption:
            lines.append(f'  # {TODO_MARK}: mô tả ảnh bìa cho người khiếm thị, dạng alt: "…"')
        lines += [f"  {key}: {quote(text)}" for key, text in (("caption", cover.caption), ("credit", cover.credit)) if text]
    lines += ["---", body]
    return "\n".join(lines)


@dataclass(frozen=True)
class ImportedStory:
    """The files an import writes: the story and its photos, next to each other."""

    path: Path
    photos: tuple[tuple[Path, bytes], ...]
    body: str
    """The Markdown body, photo links renamed after the story."""
    cover: Cover | None
    """The first photo, which becomes the cover (its description still to be asked), or None."""

    def clashes(self) -> list[Path]:
        """Files that already exist: an import never overwrites."""
        return [path for path in (self.path, *(p for p, _ in self.photos)) if path.exists()]


def plan_import(doc: ImportedDoc, title: str, date: dt.date, stories_dir: Path) -> ImportedStory:
    """Where the story of `doc` and its photos go (`<stories>/<year>/<slug>.md`, `<slug>-<n>.jpg`)."""
    folder = stories_dir / str(date.year)
    stem = story_stem(title)
    names = [f"{stem}-{photo.name.split('-', 1)[1]}" for photo in doc.photos]
    body = doc.body
    for photo, new in zip(doc.photos, names):
        body = body.replace(f"]({photo.name}", f"]({new}")
    cover = None
    if names:
        first = doc.photos[0]
        cover = Cover(names[0], caption=first.caption, credit=first.credit)
        # The first photo becomes the cover, shown above the text: not a second time inside it.
        body = re.sub(rf"\n*!\[[^\]]*\]\({re.escape(names[0])}[^)]*\)\n*", "\n\n", body, count=1).strip() + "\n"
    photos = tuple((folder / name, photo.blob) for name, photo in zip(names, doc.photos))
    return ImportedStory(folder / f"{stem}.md", photos, body, cover)


def write_import(story: ImportedStory, text: str) -> None:
    """Write the photos, then the story `text`, each whole or not at all.

    The story comes last: a story file present means every photo it shows is there.
    """
    for path, blob in story.photos:
        write_atomic(path, blob)
    write_atomic(story.path, text.encode("utf-8"))
