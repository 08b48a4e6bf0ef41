"""What every validation rule works with: one story's front matter, its line numbers and its problems.

A `StoryCheck` reads values the way officers write them (a single string where a list is
expected, dates day-first, names up to spelling) and records a `Problem` with the right line for
everything it cannot read. Rules (`generator.validate.rules`) store what they read in `values`,
from which `generator.validate.story` makes the `Story`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.core.axes import Axis, in_story_order
from generator.core.dates import DateError, parse_date
from generator.core.errors import Problem
from generator.core.model import Term
from generator.core.safety import SafetyOptions
from generator.core.text import clean
from generator.load.stories import RawStory
from generator.core.vocabulary import TermIndex, Vocabulary
from generator.validate.schema import key_label, known_keys

__all__ = ["StoryCheck", "front_matter_texts", "quoted_list", "suggestion"]

T = TypeVar("T", bound=Term)

_TRUE = {"true", "yes", "on", "có"}
_FALSE = {"false", "no", "off", "không"}


def quoted_list(names: Iterable[str], lang_or: tuple[str, str] = ("hoặc", "or")) -> tuple[str, str]:
    """`"a", "b" hoặc "c"` in both languages."""
    quoted = [f'"{n}"' for n in names]
    if len(quoted) < 2:
        return ("".join(quoted), "".join(quoted))
    return tuple(", ".join(quoted[:-1]) + f" {word} " + quoted[-1] for word in lang_or)  # type: ignore[return-value]


def suggestion(names: Iterable[str]) -> tuple[str, str]:
    """` Có phải "x"?` after a message, or nothing when there is no near name."""
    names = list(names)
    if not names:
        return ("", "")
    vi, en = quoted_list(names)
    return (f" Có phải {vi}?", f" Did you mean {en}?")


def front_matter_texts(value: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string in the front matter with its key path (for scans of every value)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [item for key, v in value.items() for item in front_matter_texts(v, path + (key,))]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in front_matter_texts(v, path + (i,))]
    return []



@dataclass
class StoryCheck:
    """One raw story being validated: its values so far and the problems found."""

    raw: RawStory
    vocabulary: Vocabulary
    root: Path
    """The folder of mkdocs.yml: photos must lie below it."""
    safety: SafetyOptions
    cache_root: Path | None = None
    """The cache folder, where photos found sound are noted (`generator.validate.photo_check`)."""
    values: dict[str, object] = field(default_factory=dict)
    """What the rules read, by key; axis terms under the axis name (`movements`)."""
    problems: list[Problem] = field(default_factory=list)
    at: dt.date | None = None
    """The story's date, if readable: names of places and units are matched as of that day."""
    data: dict[str, object] = field(init=False)
    """The front matter as read, with former key names (`district`) under today's (`locality`)."""
    _written_as: dict[str, str] = field(init=False, default_factory=dict)
    """Today's key -> the former name the story used, for line numbers."""

    def __post_init__(self) -> None:
        data = dict(self.raw.data or {})
        for axis in self.vocabulary.axes:
            for former in axis.former_keys:
                if former not in data:
                    continue
                if axis.key in data:
                    self.fail(former, "key.both", line=self.line(former), former=former, current=axis.key)
                    del data[former]
                else:
                    data = {axis.key if k == former else k: v for k, v in data.items()}
                    self._written_as[axis.key] = former
        self.data = data

    @property
    def axes(self) -> list[Axis]:
        """The site's axes, in the order a story names them."""
        return in_story_order(self.vocabulary.axes)

    @property
    def known_keys(self) -> tuple[str, ...]:
        """Every key this site's stories may have."""
        return known_keys(self.vocabulary.axes)

    # -- reporting ----------------------------------------------------------------------------
    def line(self, *path: str | int) -> int:
        """Line of a key (or of an item inside it: `line("awards", 2, "year")`); 1 if absent."""
        if path and path[0] in self._written_as:
            path = (self._written_as[path[0]], *path[1:])  # type: ignore[index]
        return self.raw.parsed.line_of(tuple(path), default=1)

    def fail(self, key: str, code: str, line: int | None = None, severity: str = "error", **params: object) -> None:
        """Record a problem about `key` ("image.alt", "awards[1].year") at `line` (default: the key's)."""
        top = key.split(".")[0].split("[")[0]
        label = key_label(top, self.vocabulary.axes)
        if top in self._written_as:  # name the key as the story writes it (`district`), for tools that find it
            key = self._written_as[top] + key[len(top) :]
        elif top not in self.known_keys and (axis := next((a for a in self.vocabulary.axes if top in a.former_keys), None)):
            label = axis.noun
        self.problems.append(
            Problem(
                self.raw.file.display,
                line if line is not None else self.line(top),
                code,
                {"key": key, "label": label, **params},
                severity,  # type: ignore[arg-type]
                key,
            )
        )

    @property
    def has_errors(self) -> bool:
        """Whether an error (not only warnings) was found so far."""
        return any(p.severity == "error" for p in self.problems)

    # -- value readers ------------------------------------------------------------------------
    def text(self, key: str, required: bool = False) -> str:
        """A single line of text, cleaned; "" (and a problem) when missing, empty or not text."""
        value = self.data.get(key)
        if value is None:
            if key in self.data:
                self.fail(key, "field.empty")
            elif required:
                self.fail(key, "field.required", line=1)
            return ""
        return self.as_text(key, value, self.line(key))

    def as_text(self, key: str, value: object, line: int) -> str:
        """`value` as cleaned text, or "" with a problem at `line`."""
        if not isinstance(value, str):
            kind = ("một danh sách", "a list") if isinstance(value, list) else ("một nhóm khóa", "a mapping")
            self.fail(key, "field.not_text", line=line, kind=kind)
            return ""
        cleaned = clean(value)
        if not cleaned:
            self.fail(key, "field.empty", line=line)
        return cleaned

    def texts(self, key: str) -> list[tuple[object, int]]:
        """A list of values (a single string counts as a list of one), with each item's line."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [(value, self.line(key))]
        if not isinstance(value, list):
            self.fail(key, "field.not_list")
            return []
        return [(item, self.line(key, i)) for i, item in enumerate(value)]

    def date(self, key: str, required: bool = False) -> dt.date | None:
        """A date as officers write it (19/5/2023, 2023-05-19, "ngày 19 tháng 5 năm 2023")."""
        value = self.text(key, required)
        if not value:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, DateError):
            self.fail(key, parsed.code, **parsed.params)
            return None
        return parsed

    def flag(self, key: str) -> bool:
        """A yes/no value (true/false, có/không); anything else is a problem."""
        value = self.data.get(key)
        if value is None:
            return False
        text = value.strip().casefold() if isinstance(value, str) else ""
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail(key, "field.not_bool", value=value if isinstance(value, str) else "…")
        return False

    def term(self, axis: Axis, index: TermIndex[T], value: str, line: int, at: dt.date | None = None) -> T | None:
        """The vocabulary entry `value` names on `axis` on the day `at`, or None with a problem saying
        what was meant."""
        found = index.lookup(value, at)
        if found.term is not None:
            return found.term
        if found.candidates:
            self.fail(axis.key, "vocab.ambiguous", line=line, value=value, candidates=quoted_list(t.name for t in found.candidates))
        else:
            self.fail(axis.key, "vocab.unknown", line=line, value=value, suggestion=suggestion(found.suggestions), axis=axis.name)
        return None
