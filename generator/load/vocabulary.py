"""Controlled vocabularies: loading them from YAML and matching what officers write.

Vocabularies are data (`generator/defaults/*.yml`, or a folder named in the config), because
names of places and units change. A value matches an entry when it equals its id, or its name or
an alias up to Unicode form, tone placement, look-alike letters, case, spacing, punctuation,
"UBND"/"Ủy ban nhân dân" and administrative prefixes (huyện, thị xã, thành phố, TP.).
A name that fits several entries once prefixes are ignored ("Quảng Ngãi": the city or the
province) is ambiguous, and the officer is asked to write it in full.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from generator.core import yamltree
from generator.core.dates import parse_date
from generator.core.errors import Problem
from generator.core.resources import DEFAULTS
from generator.core.model import District, Field, Kind, Movement, Term, Unit
from generator.core.text import collation_key, fold, words

__all__ = ["AXES", "Lookup", "TermIndex", "Vocabulary", "load_vocabulary"]

T = TypeVar("T", bound=Term)


AXES = ("movements", "fields", "units", "districts")
"""The vocabulary files, one per axis, named `<axis>.yml`."""


def _seq(text: str) -> tuple[str, ...]:
    return words(text)


# Word sequences rewritten to one spelling before comparing (in match-key form).
_REWRITES = {
    _seq("ủy ban nhân dân"): _seq("ubnd"),
    _seq("tp"): _seq("thành phố"),
    _seq("tx"): _seq("thị xã"),
}
_ADMIN_PREFIXES = (_seq("thành phố"), _seq("thị xã"), _seq("huyện"))
# "tỉnh" is dropped only to *detect* ambiguity ("Quảng Ngãi" = city or province); an exact
# "Tỉnh Quảng Ngãi" still resolves to the province. Units are exempt: "Tỉnh đoàn" is a name.
_DISTRICT_PREFIXES = _ADMIN_PREFIXES + (_seq("tỉnh"),)


def _rewrite(seq: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(seq):
        for old, new in _REWRITES.items():
            if seq[i : i + len(old)] == old:
                out.extend(new)
                i += len(old)
                break
        else:
            out.append(seq[i])
            i += 1
    return tuple(out)


def _strip_prefixes(seq: tuple[str, ...], prefixes: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """Drop one administrative prefix at the start, or right after "ubnd"."""
    start = 1 if seq[:1] == ("ubnd",) else 0
    for prefix in prefixes:
        if seq[start : start + len(prefix)] == prefix and len(seq) > start + len(prefix):
            return seq[:start] + seq[start + len(prefix) :]
    return seq


@dataclass(frozen=True)
class Lookup(Generic[T]):
    """Result of matching one value: the term, or what to tell the officer."""

    term: T | None = None
    candidates: tuple[T, ...] = ()
    """Entries an ambiguous value may mean."""
    suggestions: tuple[str, ...] = ()
    """Canonical names close to an unknown value."""


class TermIndex(Generic[T]):
    """Terms of one axis with their match keys."""

    def __init__(self, terms: Iterable[T], prefixes: Sequence[tuple[str, ...]] = _ADMIN_PREFIXES) -> None:
        self.terms: tuple[T, ...] = tuple(terms)
        self.by_id: dict[str, T] = {t.id: t for t in self.terms}
        self._prefixes = prefixes
        self._exact: dict[tuple[str, ...], T] = {}
        self._short: dict[tuple[str, ...], list[T]] = {}
        self._folded: dict[str, str] = {}
        self._memo: dict[str, Lookup[T]] = {}  # officers write the same few spellings thousands of times
        for term in self.terms:
            for name in (term.name, *term.aliases):
                exact = _rewrite(words(name))
                self._exact.setdefault(exact, term)
                bucket = self._short.setdefault(_strip_prefixes(exact, prefixes), [])
                if term not in bucket:
                    bucket.append(term)
                self._folded.setdefault(fold(name), term.name)

    def clashes(self) -> list[tuple[str, T, T]]:
        """Names or aliases shared by two entries (a data error in the vocabulary)."""
        seen: dict[tuple[str, ...], T] = {}
        found = []
        for term in self.terms:
            for name in (term.name, *term.aliases):
                key = _rewrite(words(name))
                other = seen.setdefault(key, term)
                if other is not term:
                    found.append((name, other, term))
        return found

    def lookup(self, value: str) -> Lookup[T]:
        """Find the entry `value` names (see the module docstring for what is ignored)."""
        found = self._memo.get(value)
        if found is None:
            found = self._memo[value] = self._lookup(value)
        return found

    def _lookup(self, value: str) -> Lookup[T]:
        if value in self.by_id:
            return Lookup(term=self.by_id[value])
        exact = _rewrite(words(value))
        if exact in self._exact:
            return Lookup(term=self._exact[exact])
        found = self._short.get(_strip_prefixes(exact, self._prefixes), [])
        if len(found) == 1:
            return Lookup(term=found[0])
        if found:
            return Lookup(candidates=tuple(sorted(found, key=lambda t: collation_key(t.name))))
        return Lookup(suggestions=self.suggest(value))

    def suggest(self, value: str, limit: int = 3) -> tuple[str, ...]:
        """Canonical names that look like `value`, best first, ignoring diacritics."""
        folded = fold(value)
        if not folded:
            return ()
        # A fragment of a long name ("nông thôn mới") is the commonest near miss for movements.
        names = [name for key, name in self._folded.items() if len(folded) >= 4 and folded in key]
        if not names:
            close = difflib.get_close_matches(folded, list(self._folded), n=limit, cutoff=0.75)
            names = [self._folded[key] for key in close]
        return tuple(dict.fromkeys(names))[:limit]

    def sorted(self) -> list[T]:
        """Entries in Vietnamese alphabetical order of their names."""
        return sorted(self.terms, key=lambda t: collation_key(t.name))


@dataclass(frozen=True)
class Vocabulary:
    """All four vocabularies of a site."""

    movements: TermIndex[Movement]
    fields: TermIndex[Field]
    units: TermIndex[Unit]
    districts: TermIndex[District]

    def axis(self, name: str) -> TermIndex:
        """The index for `name`, one of `AXES`."""
        return getattr(self, name)


# -- loading ------------------------------------------------------------------------------

_KINDS = {k.value: k for k in Kind}


class _EntryReader:
    """Reads one YAML entry, recording problems with the entry's lines."""

    def __init__(self, entry: dict, parsed: yamltree.Parsed, index: int, path: str, problems: list[Problem]):
        self.entry = entry
        self.parsed = parsed
        self.index = index
        self.path = path
        self.problems = problems

    def line(self, key: str | None = None) -> int:
        return self.parsed.line_of((self.index, key) if key else (self.index,))

    def fail(self, key: str) -> None:
        self.problems.append(Problem(self.path, self.line(key), "vocab.entry_field", {"key": key}))

    def text(self, key: str, required: bool = False) -> str:
        value = self.entry.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(key)
            return ""
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.entry.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key)
            return ()
        return tuple(v.strip() for v in value)

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if not value:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, dt.date):
            return parsed
        self.fail(key)
        return None

    def year(self, key: str) -> int | None:
        value = self.entry.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.isdigit() and len(value) == 4:
            return int(value)
        self.fail(key)
        return None

    def targets(self) -> tuple[tuple[Kind, int], ...]:
        value = self.entry.get("targets") or {}
        if not isinstance(value, dict):
            self.fail("targets")
            return ()
        out = []
        for kind, count in value.items():
            if kind not in _KINDS or not isinstance(count, str) or not count.isdigit():
                self.fail("targets")
                continue
            out.append((_KINDS[kind], int(count)))
        return tuple(out)


def _common(reader: _EntryReader) -> dict:
    return {
        "id": reader.text("id", required=True),
        "name": reader.text("name", required=True),
        "aliases": reader.texts("aliases"),
        "description": reader.text("description"),
    }


_BUILDERS: dict[str, Callable[[_EntryReader], Term]] = {
    "movements": lambda r: Movement(
        **_common(r),
        lead_unit=r.text("lead_unit") or None,
        period_start=r.year("period_start"),
        period_end=r.year("period_end"),
        targets=r.targets(),
    ),
    "fields": lambda r: Field(**_common(r)),
    "units": lambda r: Unit(
        **_common(r), type=r.text("type", required=True), valid_from=r.date("valid_from"), valid_until=r.date("valid_until")
    ),
    "districts": lambda r: District(
        **_common(r),
        type=r.text("type", required=True),
        valid_from=r.date("valid_from"),
        valid_until=r.date("valid_until"),
        successors=r.texts("successors"),
    ),
}


def _read_axis(
    axis: str, path: Path, display: str, problems: list[Problem]
) -> tuple[list[Term], yamltree.Parsed, dict[str, int]]:
    """Terms of one vocabulary file, its parse (for line numbers) and each id's entry index."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(display, 1, "vocab.file_missing", {"name": display}))
        return [], yamltree.Parsed(), {}
    parsed = yamltree.parse(text)
    problems += [Problem(display, i.line, i.code, i.params) for i in parsed.issues]
    if parsed.value is None and parsed.issues:
        return [], parsed, {}
    if not isinstance(parsed.value, list):
        problems.append(Problem(display, 1, "vocab.not_list"))
        return [], parsed, {}
    terms: list[Term] = []
    first_line: dict[str, int] = {}
    indexes: dict[str, int] = {}
    for index, entry in enumerate(parsed.value):
        if not isinstance(entry, dict):
            problems.append(Problem(display, parsed.line_of((index,)), "vocab.not_list"))
            continue
        reader = _EntryReader(entry, parsed, index, display, problems)
        term = _BUILDERS[axis](reader)
        if not term.id or not term.name:
            continue
        if term.id in first_line:
            problems.append(
                Problem(display, reader.line("id"), "vocab.duplicate_id", {"id": term.id, "first": first_line[term.id]})
            )
            continue
        first_line[term.id] = reader.line("id")
        indexes[term.id] = index
        terms.append(term)
    return terms, parsed, indexes


def load_vocabulary(folder: Path | None = None, display_root: Path | None = None) -> tuple[Vocabulary, list[Problem]]:
    """Load the four vocabularies from `folder` (files missing there come from the defaults).

    Returns the vocabulary and every problem found in the files, including names shared by two
    entries and references (lead units, successors) to ids that do not exist.
    """
    problems: list[Problem] = []
    loaded: dict[str, list[Term]] = {}
    places: dict[str, tuple[str, yamltree.Parsed, dict[str, int]]] = {}
    for axis in AXES:
        path = folder / f"{axis}.yml" if folder and (folder / f"{axis}.yml").exists() else DEFAULTS / f"{axis}.yml"
        display = path.relative_to(display_root).as_posix() if display_root and path.is_relative_to(display_root) else path.name
        loaded[axis], parsed, indexes = _read_axis(axis, path, display, problems)
        places[axis] = (display, parsed, indexes)

    def problem(axis: str, term: Term, where: tuple, code: str, params: dict) -> Problem:
        """A problem at the line of `where` (a key path inside the term's entry)."""
        display, parsed, indexes = places[axis]
        return Problem(display, parsed.line_of((indexes.get(term.id, -1), *where)), code, params)

    def name_path(term: Term, name: str) -> tuple:
        return ("name",) if name == term.name else ("aliases", term.aliases.index(name))

    vocabulary = Vocabulary(
        movements=TermIndex(loaded["movements"]),  # type: ignore[arg-type]
        fields=TermIndex(loaded["fields"]),  # type: ignore[arg-type]
        units=TermIndex(loaded["units"]),  # type: ignore[arg-type]
        districts=TermIndex(loaded["districts"], _DISTRICT_PREFIXES),  # type: ignore[arg-type]
    )
    for axis in AXES:
        for name, first, second in vocabulary.axis(axis).clashes():
            params = {"value": name, "first": first.id, "second": second.id}
            problems.append(problem(axis, second, name_path(second, name), "vocab.name_clash", params))
    for movement in vocabulary.movements.terms:
        if movement.lead_unit and movement.lead_unit not in vocabulary.units.by_id:
            params = {"key": "lead_unit", "value": movement.lead_unit, "target": "units"}
            problems.append(problem("movements", movement, ("lead_unit",), "vocab.bad_reference", params))
    for district in vocabulary.districts.terms:
        for position, successor in enumerate(district.successors):
            if successor not in vocabulary.districts.by_id:
                params = {"key": "successors", "value": successor, "target": "districts"}
                problems.append(problem("districts", district, ("successors", position), "vocab.bad_reference", params))
    return vocabulary, problems
