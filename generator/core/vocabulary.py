"""Controlled vocabularies in memory, and matching what officers write against them.

Vocabularies are data (`generator/defaults/*.yml`, or a folder named in the config, read by
`generator.load.vocabulary`), because names of places and units change. A value matches an entry when it equals its id, or its name or
an alias up to Unicode form, tone placement, look-alike letters, case, spacing, punctuation,
"UBND"/"Ủy ban nhân dân" and administrative prefixes (huyện, thị xã, thành phố, TP.).
A name that fits several entries once prefixes are ignored ("Quảng Ngãi": the city or the
province) is ambiguous, and the officer is asked to write it in full.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.core.axes import AXES, Axis
from generator.core.model import District, Field, Movement, Term, Unit
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
        """The index of the axis called `name`."""
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
    def districts(self) -> TermIndex[District]:
        """The localities."""
        return self.indexes["districts"]

    def all_terms(self) -> tuple[tuple[Term, ...], ...]:
        """Every entry, axis by axis (to tell whether two loads read the same vocabularies)."""
        return tuple(self.indexes[axis.name].terms for axis in self.axes)
