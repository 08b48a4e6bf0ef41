"""The story schema: front matter -> `Story`, or every problem with its line.

Validation collects every problem instead of stopping at the first (MkDocs' own config
validation stops early and only warns on unknown keys; an officer needs the whole list). A
misspelt key is an error, because a typo must never drop data silently.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from generator.core.dates import DateError, format_short, parse_date
from generator.core.errors import Problem
from generator.outputs.photos import inspect_image
from generator.plan.pictures import BODY_IMAGE, outside_code, prose_lines
from generator.core.safety import SafetyOptions, scan_html, scan_personal_data
from generator.load.stories import RawStory
from generator.core.messages import FIELD_LABELS
from generator.core.model import Award, BodyImage, District, Image, Kind, Movement, Status, Story, Term, Unit
from generator.core.text import clean, fold, match_key, slugify
from generator.load.vocabulary import TermIndex, Vocabulary

__all__ = ["KNOWN_KEYS", "REQUIRED_KEYS", "check_unique_slugs", "validate_story"]

T = TypeVar("T", bound=Term)

REQUIRED_KEYS = ("title", "subject", "kind", "movement", "field", "unit", "district", "date")
OPTIONAL_KEYS = (
    "summary", "image", "awards", "tags", "slug", "status",
    "consultation_until", "source_url", "author", "featured",
)  # fmt: skip
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
IMAGE_KEYS = ("src", "alt", "caption", "credit")
AWARD_KEYS = ("name", "year", "decision")

# Keys people bring from other tools, pointing at ours (difflib cannot guess these).
LIMITS = {"title": 300, "tags": 50, "body_lines": 3000, "front_matter_lines": 200, "front_matter_chars": 20_000}
"""Sizes above which a story is probably a mistake (warned, not refused)."""

_KEY_HINTS = {
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
# The reference form of Markdown images, ![alt][ref], which we ask officers to write inline.
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_COVER_HOW = (
    'thêm dòng "alt:" cho ảnh bìa, ví dụ: image: {src: anh.jpg, alt: "Ông Tám bên vườn keo"}',
    'add "alt:" to the cover, e.g. image: {src: photo.jpg, alt: "Mr Tam in his acacia garden"}',
)
_BODY_HOW = ('viết mô tả trong ngoặc vuông: ![Ông Tám bên vườn keo](anh.jpg)', "write it in the brackets: ![description](photo.jpg)")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_KINDS = {match_key(k.value): k for k in Kind} | {match_key(k.id): k for k in Kind}
_STATUSES = {s.value: s for s in Status}
_TRUE = {"true", "yes", "on", "có"}
_FALSE = {"false", "no", "off", "không"}
_AXIS_FILES = {"movement": "movements", "field": "fields", "unit": "units", "district": "districts"}


def _label(key: str) -> tuple[str, str]:
    return FIELD_LABELS.get(key, (key, key))


def _quoted_list(names: Iterable[str], lang_or: tuple[str, str] = ("hoặc", "or")) -> tuple[str, str]:
    quoted = [f'"{n}"' for n in names]
    if len(quoted) < 2:
        return ("".join(quoted), "".join(quoted))
    return tuple(", ".join(quoted[:-1]) + f" {word} " + quoted[-1] for word in lang_or)  # type: ignore[return-value]


def _suggestion(names: Iterable[str]) -> tuple[str, str]:
    names = list(names)
    if not names:
        return ("", "")
    vi, en = _quoted_list(names)
    return (f" Có phải {vi}?", f" Did you mean {en}?")


class _Checker:
    """Validates one raw story, collecting problems."""

    def __init__(self, raw: RawStory, vocabulary: Vocabulary, root: Path, safety: SafetyOptions, checked: Path | None) -> None:
        self.raw = raw
        self.safety = safety
        self.checked = checked
        self.data: dict[str, object] = raw.data or {}
        self.vocabulary = vocabulary
        self.root = root
        self.problems: list[Problem] = []

    # -- reporting ----------------------------------------------------------------------------
    def line(self, *path: str | int) -> int:
        return self.raw.parsed.line_of(tuple(path), default=1)

    def fail(self, key: str, code: str, line: int | None = None, severity: str = "error", **params: object) -> None:
        field = key.split(".")[0].split("[")[0]
        self.problems.append(
            Problem(
                self.raw.file.display,
                line if line is not None else self.line(field),
                code,
                {"key": key, "label": _label(field), **params},
                severity,  # type: ignore[arg-type]
                key,
            )
        )

    # -- value readers ------------------------------------------------------------------------
    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if key in self.data:
                self.fail(key, "field.empty")
            elif required:
                self.fail(key, "field.required", line=1)
            return ""
        return self.as_text(key, value, self.line(key))

    def as_text(self, key: str, value: object, line: int) -> str:
        if not isinstance(value, str):
            kind = ("một danh sách", "a list") if isinstance(value, list) else ("một nhóm khóa", "a mapping")
            self.fail(key, "field.not_text", line=line, kind=kind)
            return ""
        cleaned = clean(value)
        if not cleaned:
            self.fail(key, "field.empty", line=line)
        return cleaned

    def texts(self, key: str) -> list[tuple[str, int]]:
        """A list of strings (a single string counts as a list of one), with each item's line."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [(value, self.line(key))]
        if not isinstance(value, list):
            self.fail(key, "field.not_list")
            return []
        return [(item, self.line(key, i)) for i, item in enumerate(value)]  # type: ignore[misc]

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.text(key, required)
        if not value:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, DateError):
            self.fail(key, parsed.code, **parsed.params)
            return None
        return parsed

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        text = value.strip().casefold() if isinstance(value, str) else ""
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail(key, "field.not_bool", value=value if isinstance(value, str) else "…")
        return False

    def term(self, key: str, index: TermIndex[T], value: str, line: int) -> T | None:
        found = index.lookup(value)
        if found.term is not None:
            return found.term
        if found.candidates:
            self.fail(key, "vocab.ambiguous", line=line, value=value, candidates=_quoted_list(t.name for t in found.candidates))
        else:
            self.fail(key, "vocab.unknown", line=line, value=value, suggestion=_suggestion(found.suggestions), axis=_AXIS_FILES[key])
        return None

    # -- the schema ---------------------------------------------------------------------------
    def unknown_keys(self) -> None:
        for key in self.data:
            if key in KNOWN_KEYS:
                continue
            near = _KEY_HINTS.get(key.casefold()) or next(iter(difflib.get_close_matches(key.casefold(), KNOWN_KEYS, 1, 0.6)), None)
            suggestion = _suggestion([near] if near else [])
            self.fail(key, "key.unknown", line=self.line(key), suggestion=suggestion, allowed=", ".join(KNOWN_KEYS))

    def movements(self) -> tuple[Movement, ...]:
        if self.data.get("movement") is None:
            self.text("movement", required=True)  # reports it missing or empty
            return ()
        items = self.texts("movement")
        if not items:
            self.fail("movement", "field.empty")
            return ()
        found: list[Movement] = []
        skip = 0
        for i, (value, line) in enumerate(items):
            if skip:
                skip -= 1
                continue
            text = self.as_text("movement", value, line)
            if not text:
                continue
            if self.vocabulary.movements.lookup(text).term is None and (joined := self._comma_split(items, i)):
                movement, skip = joined
                self.fail("movement", "movement.comma", line=line, name=movement.name)
                continue
            movement = self.term("movement", self.vocabulary.movements, text, line)
            if movement is None:
                continue
            if movement in found:
                self.fail("movement", "movement.duplicate", line=line, severity="warning", name=movement.name)
                continue
            found.append(movement)
        return tuple(found)

    def _comma_split(self, items: list[tuple[object, int]], start: int) -> tuple[Movement, int] | None:
        """A name with a comma that a YAML flow list `[a, b]` cut in pieces: the movement, pieces used."""
        pieces = [v for v, _ in items[start:] if isinstance(v, str)]
        for count in range(2, len(pieces) + 1):
            term = self.vocabulary.movements.lookup(", ".join(pieces[:count])).term
            if term is not None:
                return term, count - 1
        return None

    def single(self, key: str, index: TermIndex[T]) -> T | None:
        value = self.text(key, required=True)
        return self.term(key, index, value, self.line(key)) if value else None

    def kind(self) -> Kind | None:
        value = self.text("kind", required=True)
        if not value:
            return None
        kind = _KINDS.get(match_key(value))
        if kind is None:
            allowed = ", ".join(f'"{k.value}"' for k in Kind)
            near = difflib.get_close_matches(fold(value), [fold(k.value) for k in Kind], 1, 0.6)
            names = [k.value for k in Kind if fold(k.value) in near]
            self.fail("kind", "field.choice", value=value, allowed=allowed, suggestion=_suggestion(names))
        return kind

    def status(self) -> Status:
        value = self.text("status")
        if not value:
            return Status.PUBLISHED
        status = _STATUSES.get(value.casefold())
        if status is None:
            near = difflib.get_close_matches(value.casefold(), list(_STATUSES), 1, 0.6)
            self.fail("status", "field.choice", value=value, allowed=", ".join(_STATUSES), suggestion=_suggestion(near))
            return Status.DRAFT  # an unreadable status must never publish by accident
        return status

    def image(self) -> Image | None:
        value = self.data.get("image")
        if value is None:
            return None
        if isinstance(value, dict):
            for key in value:
                if key not in IMAGE_KEYS:
                    near = difflib.get_close_matches(str(key), IMAGE_KEYS, 1, 0.6)
                    self.fail(f"image.{key}", "key.unknown", line=self.line("image", key),
                              suggestion=_suggestion(near), allowed=", ".join(IMAGE_KEYS))  # fmt: skip
            parts = {k: self.as_text(f"image.{k}", value[k], self.line("image", k)) if value.get(k) is not None else ""
                     for k in IMAGE_KEYS}  # fmt: skip
            if "src" not in value:
                self.fail("image.src", "field.required", line=self.line("image"))
            src_line = self.line("image", "src")
        else:
            parts = {"src": self.as_text("image", value, self.line("image"))}
            src_line = self.line("image")
        src = parts["src"]
        if not src:
            return None
        path = self.resolve_image(src, src_line)
        if not (parts.get("alt") or parts.get("caption")):
            self.fail("image.alt", "image.alt_missing", line=src_line, src=src, how=_COVER_HOW)
        if path is None:
            return None
        alt = parts.get("alt", "") or parts.get("caption", "")
        return Image(src=src, path=path, alt=alt, caption=parts.get("caption", ""), credit=parts.get("credit", ""))

    def body_images(self) -> tuple[BodyImage, ...]:
        """Images in the body: each must be a file next to the story and have alt text."""
        images = []
        for offset, text in prose_lines(self.raw.body.split("\n")):
            if "![" not in text:
                continue
            text = outside_code(text)
            line = self.raw.body_line + offset
            for match in _REFERENCE_IMAGE.finditer(text):
                self.fail("body", "image.reference", line=line, src=match["ref"] or match["alt"])
            for match in BODY_IMAGE.finditer(text):
                src, alt = match["src"], clean(match["alt"])
                path = self.resolve_image(src, line)
                if not alt:
                    self.fail("body", "image.alt_missing", line=line, src=src, how=_BODY_HOW)
                if path is not None and alt:
                    images.append(BodyImage(src=src, path=path, alt=alt, title=clean(match["title"] or ""), line=line))
        return tuple(images)

    def resolve_image(self, src: str, line: int) -> Path | None:
        if "://" in src or src.startswith(("//", "data:")):
            self.fail("image", "image.outside", line=line, src=src)
            return None
        candidate = self.raw.file.path.parent / src
        try:
            resolved = candidate.resolve()
            outside = not resolved.is_relative_to(self.root.resolve())
            exists = not outside and resolved.is_file()
        except (OSError, ValueError, RuntimeError):  # NUL bytes, names too long, symlink loops
            outside, exists = False, False
        if outside:
            self.fail("image", "image.outside", line=line, src=src)
            return None
        if not exists:
            shown = candidate.relative_to(self.root).as_posix() if candidate.is_relative_to(self.root) else src
            self.fail("image", "image.missing", line=line, src=src, resolved=shown)
            return None
        damaged = inspect_image(resolved, self.safety.max_pixels, self.checked)
        if damaged is not None:
            code, params = damaged
            self.fail("image", code, line=line, src=src, **params)
            return None
        return resolved

    def awards(self) -> tuple[Award, ...]:
        value = self.data.get("awards")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("awards", "field.not_list")
            return ()
        awards = []
        for i, item in enumerate(value):
            line = self.line("awards", i)
            if isinstance(item, str):  # "- Bằng khen của Chủ tịch UBND tỉnh" is a fair way to write one
                item = {"name": item}
            if not isinstance(item, dict):
                self.fail("awards", "award.not_mapping", line=line)
                continue
            for key in item:
                if key not in AWARD_KEYS:
                    near = difflib.get_close_matches(str(key), AWARD_KEYS, 1, 0.6)
                    self.fail(f"awards[{i}].{key}", "key.unknown", line=self.line("awards", i, key),
                              suggestion=_suggestion(near), allowed=", ".join(AWARD_KEYS))  # fmt: skip
            name = self.as_text("awards", item.get("name"), self.line("awards", i, "name")) if "name" in item else ""
            if "name" not in item:
                self.fail("awards", "award.not_mapping", line=line)
            year = None
            if item.get("year") is not None:
                raw_year = item["year"]
                if isinstance(raw_year, str) and raw_year.strip().isdigit() and 1945 <= int(raw_year) <= 2100:
                    year = int(raw_year)
                else:
                    self.fail("awards", "award.year", line=self.line("awards", i, "year"), value=raw_year if isinstance(raw_year, str) else "…")
            decision = self.as_text("awards", item["decision"], self.line("awards", i, "decision")) if item.get("decision") is not None else ""
            if name:
                awards.append(Award(name=name, year=year, decision=decision))
        return tuple(awards)

    def tags(self) -> tuple[str, ...]:
        tags: list[str] = []
        for value, line in self.texts("tags"):
            text = self.as_text("tags", value, line)
            for tag in text.split(",") if isinstance(self.data.get("tags"), str) else [text]:
                tag = tag.strip()
                if tag and tag not in tags:
                    tags.append(tag)
        return tuple(tags)

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and not _URL.fullmatch(value):
            self.fail(key, "url.invalid", value=value)
            return ""
        return value

    def slug(self, title: str) -> str:
        if self.data.get("slug") is not None:
            value = self.text("slug")
            if value and not _SLUG.fullmatch(value):
                self.fail("slug", "slug.invalid", value=value)
                return ""
            return value
        slug = slugify(title)
        if title and not slug:
            self.fail("title", "slug.empty", title=title)
        return slug

    def validity(self, key: str, term: District | Unit | None, date: dt.date | None, successors: list[str]) -> None:
        if term is None or date is None:
            return
        if term.valid_until and date > term.valid_until:
            names = _quoted_list(successors) if successors else ("(không có)", "(none)")
            code = "district.expired" if key == "district" else "unit.expired"
            self.fail(key, code, name=term.name, until=format_short(term.valid_until), date=format_short(date), successors=names)
        if term.valid_from and date < term.valid_from:
            code = "district.not_yet" if key == "district" else "unit.not_yet"
            self.fail(key, code, name=term.name, since=format_short(term.valid_from), date=format_short(date))

    def content_safety(self) -> None:
        """Raw HTML the sanitizer will remove, and personal data, in the body and the front matter."""
        body = [(self.raw.body_line + i, outside_code(t)) for i, t in prose_lines(self.raw.body.split("\n"))]
        for line, code, params in scan_html(body, self.safety):
            self.fail("body", code, line=line, severity="warning", **params)
        values = [(self.line(*path), v) for path, v in _texts(self.data)]
        for line, rule, severity, value in scan_personal_data(body + values, self.safety):
            self.fail("body", f"privacy.{rule}", line=line, severity=severity, value=value)

    def sizes(self) -> None:
        """Warnings for sizes no real story has: usually a paste gone wrong (a whole document, a list)."""
        title = self.data.get("title")
        tags = self.data.get("tags")
        checks = (
            ("title", ("tiêu đề", "title"), len(title) if isinstance(title, str) else 0, LIMITS["title"]),
            ("tags", ("danh sách từ khóa", "tag list"), len(tags) if isinstance(tags, list) else 0, LIMITS["tags"]),
            (None, ("nội dung", "body"), self.raw.body.count("\n") + 1, LIMITS["body_lines"]),
            (None, ("phần khai báo", "front matter"), self.raw.body_line, LIMITS["front_matter_lines"]),
            (None, ("phần khai báo", "front matter"), sum(len(v) for _, v in _texts(self.data)), LIMITS["front_matter_chars"]),
        )
        for key, what, size, limit in checks:
            if size > limit:
                line = self.line(key) if key in self.data else 1
                self.fail(key or "body", "story.too_large", line=line, severity="warning", what=what, size=size, limit=limit)

    def run(self) -> Story | None:
        self.unknown_keys()
        self.sizes()
        self.content_safety()
        title = self.text("title", required=True)
        subject = self.text("subject", required=True)
        kind = self.kind()
        movements = self.movements()
        field = self.single("field", self.vocabulary.fields)
        unit = self.single("unit", self.vocabulary.units)
        district = self.single("district", self.vocabulary.districts)
        date = self.date("date", required=True)
        status = self.status()
        consultation_until = self.date("consultation_until")
        if status is Status.NOMINEE and consultation_until is None and "consultation_until" not in self.data:
            self.fail("status", "consultation.missing")
        if status is not Status.NOMINEE and consultation_until is not None:
            self.fail("consultation_until", "consultation.unused", severity="warning")
        if district is not None:
            names = [self.vocabulary.districts.by_id[s].name for s in district.successors if s in self.vocabulary.districts.by_id]
            self.validity("district", district, date, names)
        self.validity("unit", unit, date, [])
        story_fields = dict(
            summary=self.text("summary"),
            image=self.image(),
            body_images=self.body_images(),
            awards=self.awards(),
            tags=self.tags(),
            slug=self.slug(title),
            source_url=self.url("source_url"),
            author=self.text("author"),
            featured=self.flag("featured"),
        )
        if any(p.severity == "error" for p in self.problems):
            return None
        assert kind and field and unit and district and date and movements  # guaranteed by the checks above
        return Story(
            source=self.raw.file.source,
            path=self.raw.file.path,
            title=title,
            subject=subject,
            kind=kind,
            movements=movements,
            field=field,
            unit=unit,
            district=district,
            date=date,
            body=self.raw.body,
            body_line=self.raw.body_line,
            status=status,
            consultation_until=consultation_until,
            lines={str(k[0]): v for k, v in self.raw.parsed.lines.items() if len(k) == 1},
            **story_fields,  # type: ignore[arg-type]
        )


def _texts(value: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string in the front matter with its key path (for the personal-data scan)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [item for key, v in value.items() for item in _texts(v, path + (key,))]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in _texts(v, path + (i,))]
    return []


def validate_story(
    raw: RawStory, vocabulary: Vocabulary, root: Path, safety: SafetyOptions | None = None, checked_photos: Path | None = None
) -> tuple[Story | None, list[Problem]]:
    """Turn one read story into a `Story`, or return why it cannot be one.

    Problems from reading the file come first; a story whose front matter could not be read is
    not validated further (its missing fields would only be noise). `checked_photos` is where
    photos found sound are noted, so that they are not decoded again (`inspect_image`).
    """
    problems = list(raw.problems)
    if raw.data is None:
        return None, problems
    checker = _Checker(raw, vocabulary, root, safety or SafetyOptions(), checked_photos)
    story = checker.run()
    problems += checker.problems
    if any(p.severity == "error" for p in raw.problems):
        story = None
    return story, problems


def check_unique_slugs(stories: Iterable[tuple[Story, str]]) -> list[Problem]:
    """An error on every story whose slug another story also uses, naming the other files.

    `stories` pairs each story with its display path. Both sides are reported, so that a check
    of only one of the files (a pre-commit hook) still sees the clash.
    """
    by_slug: dict[str, list[tuple[Story, str]]] = {}
    for story, display in stories:
        by_slug.setdefault(story.slug, []).append((story, display))
    problems = []
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        for story, display in group:
            others = ", ".join(other for _, other in group if other != display)
            line = story.lines.get("slug", story.lines.get("title", 1))
            problems.append(Problem(display, line, "slug.duplicate", {"slug": slug, "other": others}, "error", "slug"))
    return problems
