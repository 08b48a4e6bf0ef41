"""Controlled vocabularies in memory, and matching what officers write against them.

Vocabularies are data (`generator/defaults/*.yml`, or a folder named in the config, read by
`generator.load.vocabulary`), because names of places and units change. A value matches an entry when it equals its id, or its name or
an alias up to Unicode form, tone placement, look-alike letters, case, spacing, punctuation,
"UBND"/"Ủy ban nhân dân", administrative prefixes (huyện, thị xã, thành phố, TP., xã, phường,
đặc khu) and the old spellings of the Central Highlands ("Đắk"/"Đăk", "Ngọk"/"Ngọc").

Places and units change: since 1 July 2025 "Bình Sơn" is Xã Bình Sơn, before it Huyện Bình Sơn.
Matching is therefore done at a date (the story's): among the entries a name fits, those that
exist on that date win. Two entries may share a name when they never exist at the same time
(a department renamed, then re-created). A name that still fits several entries ("Quảng Ngãi": the
city or the province, in 2024) is ambiguous, and the officer is asked to write it in full. Names
that differ by a diacritic (Xã Ba Tô, Xã Ba Tơ) are different places and never match each other.
"""

from __future__ import annotations

import difflib
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from generator.core.axes import AXES, Axis
from generator.core.model import Field, Locality, Movement, Term, Unit
from generator.core.text import collation_key, fold, words

__all__ = ["Lookup", "TermIndex", "Vocabulary"]

T = TypeVar("T", bound=Term)


def _seq(text: str) -> tuple[str, ...]:
    return words(text)


# Word sequences rewritten to one spelling before comparing (in match-key form).
_REWRITES = {
    _seq("ủy ban nhân dân"): _seq("ubnd"),
    _seq("tp"): _seq("thành phố"),
    _seq("tx"): _seq("thị xã"),
    # Kon Tum's places are written both ways in official documents of different years.
    _seq("đắk"): _seq("đăk"),
    _seq("ngọk"): _seq("ngọc"),
}
_ADMIN_PREFIXES = (_seq("thành phố"), _seq("thị xã"), _seq("huyện"))


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


def _overlap(a: Term, b: Term) -> bool:
    """Whether two entries exist on some common day."""
    return (a.valid_until is None or b.valid_from is None or b.valid_from <= a.valid_until) and (
        b.valid_until is None or a.valid_from is None or a.valid_from <= b.valid_until
    )


def _distance(term: Term, day: dt.date) -> int:
    """Days between `day` and the nearest day `term` exists (0 when it exists then)."""
    if term.valid_from and day < term.valid_from:
        return (term.valid_from - day).days
    if term.valid_until and day > term.valid_until:
        return (day - term.valid_until).days
    return 0


class TermIndex(Generic[T]):
    """Terms of one axis with their match keys."""

    def __init__(self, terms: Iterable[T], prefixes: Sequence[tuple[str, ...]] = _ADMIN_PREFIXES) -> None:
        self.terms: tuple[T, ...] = tuple(terms)
        self.by_id: dict[str, T] = {t.id: t for t in self.terms}
        self._prefixes = prefixes
        self._exact: dict[tuple[str, ...], list[T]] = {}
        self._short: dict[tuple[str, ...], list[T]] = {}
        self._folded: dict[str, list[T]] = {}
        self._memo: dict[str, Lookup[T]] = {}  # officers write the same few spellings thousands of times
        for term in self.terms:
            for name in (term.name, *term.aliases):
                exact = _rewrite(words(name))
                for table, key in ((self._exact, exact), (self._short, _strip_prefixes(exact, prefixes))):
                    bucket = table.setdefault(key, [])
                    if term not in bucket:
                        bucket.append(term)
                self._folded.setdefault(fold(name), []).append(term)

    def clashes(self) -> list[tuple[str, T, T]]:
        """Names or aliases shared by two entries that exist at the same time (a data error)."""
        found = []
        for term in self.terms:
            for name in (term.name, *term.aliases):
                for other in self._exact[_rewrite(words(name))]:
                    if other is term:
                        break
                    if _overlap(other, term):
                        found.append((name, other, term))
                        break
        return found

    def lookup(self, value: str, at: dt.date | None = None) -> Lookup[T]:
        """Find the entry `value` names on the day `at` (any day when None); see the module docstring."""
        found = self._memo.get(value)
        if found is None:
            found = self._memo[value] = self._lookup(value)
        if at is None or found.term is not None:
            return found
        if not found.candidates:
            return replace(found, suggestions=self.suggest(value, at=at)) if found.suggestions else found
        current = [t for t in found.candidates if t.valid_at(at)]
        if len(current) == 1:
            return Lookup(term=current[0])
        if not current:
            # Nothing of that name exists on that day: the entry nearest in time, so that the
            # officer is told it had ended (or not begun) and what to write instead.
            return Lookup(term=min(found.candidates, key=lambda t: _distance(t, at)))
        return replace(found, candidates=tuple(current))

    def _lookup(self, value: str) -> Lookup[T]:
        if value in self.by_id:
            return Lookup(term=self.by_id[value])
        exact = _rewrite(words(value))
        short = _strip_prefixes(exact, self._prefixes)
        fits = self._exact.get(exact, [])
        if short == exact:  # no administrative word written: every entry of that name may be meant
            fits = fits + [t for t in self._short.get(short, []) if t not in fits]
        if not fits:
            fits = self._short.get(short, [])
        if len(fits) == 1:
            return Lookup(term=fits[0])
        if fits:
            return Lookup(candidates=tuple(sorted(fits, key=lambda t: collation_key(t.name))))
        return Lookup(suggestions=self.suggest(value))

    def suggest(self, value: str, limit: int = 3, at: dt.date | None = None) -> tuple[str, ...]:
        """Canonical names that look like `value`, best first, ignoring diacritics; those that
        exist on the day `at` first."""
        folded = fold(value)
        if not folded:
            return ()
        # A fragment of a long name ("nông thôn mới") is the commonest near miss for movements.
        keys = [key for key in self._folded if len(folded) >= 4 and folded in key]
        if not keys:
            keys = difflib.get_close_matches(folded, list(self._folded), n=limit, cutoff=0.75)
        terms = [t for key in keys for t in self._folded[key]]
        if at is not None:  # what exists on that day, when anything close does
            terms = [t for t in terms if t.valid_at(at)] or terms
        return tuple(dict.fromkeys(t.name for t in terms))[:limit]

    def sorted(self) -> list[T]:
        """Entries in Vietnamese alphabetical order of their names."""
        return sorted(self.terms, key=lambda t: collation_key(t.name))


@dataclass(frozen=True)
class Vocabulary:
    """The vocabularies of a site, one per axis."""

    axes: tuple[Axis, ...]
    """The site's axes, in the order of its navigation."""
    indexes: Mapping[str, TermIndex]
    """Each axis's terms by axis name."""

    @classmethod
    def of(cls, terms: Mapping[str, Iterable[Term]], axes: Sequence[Axis] = AXES) -> Vocabulary:
        """A vocabulary of `terms` by axis name (an axis missing there has no terms)."""
        return cls(
            tuple(axes),
            {axis.name: TermIndex(terms.get(axis.name, ()), tuple(map(_seq, axis.prefixes))) for axis in axes},
        )

    def axis(self, name: str) -> TermIndex:
        """The index of the axis called `name` (or by one of its former names)."""
        if name not in self.indexes:
            name = next(a.name for a in self.axes if name in a.former_names)
        return self.indexes[name]

    @property
    def movements(self) -> TermIndex[Movement]:
        """The emulation movements."""
        return self.indexes["movements"]

    @property
    def fields(self) -> TermIndex[Field]:
        """The fields of activity."""
        return self.indexes["fields"]

    @property
    def units(self) -> TermIndex[Unit]:
        """The submitting units."""
        return self.indexes["units"]

    @property
    def localities(self) -> TermIndex[Locality]:
        """The localities: the province, its communes and its former districts and provinces."""
        return self.indexes["localities"]

    def all_terms(self) -> tuple[tuple[Term, ...], ...]:
        """Every entry, axis by axis (to tell whether two loads read the same vocabularies)."""
        return tuple(self.indexes[axis.name].terms for axis in self.axes)
