"""Reading the vocabularies from YAML: every entry with its line, every problem found in the files.

One file per axis, `<axis name>.yml`, in the site's vocabulary folder or else in the package's
defaults (`generator/defaults/`). Besides malformed entries, the loader reports names shared by two
entries and references (lead units, successors) to ids that do not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from generator.core import yamltree
from generator.core.axes import AXES, Axis, in_story_order
from generator.core.dates import parse_date
from generator.core.errors import Problem
from generator.core.model import LOCALITY_LEVELS, Field, Kind, Locality, Movement, Term, Unit
from generator.core.resources import DEFAULTS
from generator.core.vocabulary import Vocabulary

__all__ = ["load_vocabulary", "vocabulary_file"]

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


def _plain(reader: _EntryReader) -> Term:
    return Term(**_common(reader))


def _common(reader: _EntryReader) -> dict:
    return {
        "id": reader.text("id", required=True),
        "name": reader.text("name", required=True),
        "aliases": reader.texts("aliases"),
        "description": reader.text("description"),
        "valid_from": reader.date("valid_from"),
        "valid_until": reader.date("valid_until"),
        "successors": reader.texts("successors"),
    }


def _locality(reader: _EntryReader) -> Locality:
    kind = reader.text("type", required=True)
    if kind and kind not in LOCALITY_LEVELS:
        reader.fail("type")
    return Locality(**_common(reader), type=kind, code=reader.text("code"), within=reader.text("within"))


_BUILDERS: dict[str, Callable[[_EntryReader], Term]] = {
    # Entries of the built-in axes carry more than a name; an axis a site declares has plain terms.
    "movements": lambda r: Movement(
        **_common(r),
        lead_unit=r.text("lead_unit") or None,
        period_start=r.year("period_start"),
        period_end=r.year("period_end"),
        targets=r.targets(),
    ),
    "fields": lambda r: Field(**_common(r)),
    "units": lambda r: Unit(**_common(r), type=r.text("type", required=True), within=r.text("within")),
    "localities": _locality,
}


def _read_axis(
    axis: Axis, path: Path, display: str, problems: list[Problem]
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
        term = _BUILDERS.get(axis.name, _plain)(reader)
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


def vocabulary_file(axis: Axis, folder: Path | None = None) -> Path:
    """The file of `axis`'s vocabulary: in `folder` if there (also under a former name of the
    axis, `districts.yml`), else the package's default."""
    for stem in (axis.name, *axis.former_names) if folder else ():
        if (folder / f"{stem}.yml").exists():  # type: ignore[operator]
            return folder / f"{stem}.yml"  # type: ignore[operator]
    return DEFAULTS / f"{axis.name}.yml"


def _with_predecessors(terms: list[Term]) -> list[Term]:
    """Localities with `predecessors`: the entries that name them as successors, in file order."""
    before: dict[str, list[str]] = {}
    for term in terms:
        for successor in term.successors:
            before.setdefault(successor, []).append(term.id)
    return [replace(t, predecessors=tuple(before[t.id])) if t.id in before else t for t in terms]


def load_vocabulary(
    folder: Path | None = None, display_root: Path | None = None, axes: Sequence[Axis] = AXES
) -> tuple[Vocabulary, list[Problem]]:
    """Load the vocabulary of each of `axes` from `folder` (files missing there come from the defaults).

    Returns the vocabulary and every problem found in the files, including names shared by two
    entries and references (lead units, successors) to ids that do not exist.
    """
    problems: list[Problem] = []
    loaded: dict[str, list[Term]] = {}
    places: dict[str, tuple[str, yamltree.Parsed, dict[str, int]]] = {}
    for axis in in_story_order(axes):
        path = vocabulary_file(axis, folder)
        display = path.relative_to(display_root).as_posix() if display_root and path.is_relative_to(display_root) else path.name
        loaded[axis.name], parsed, indexes = _read_axis(axis, path, display, problems)
        places[axis.name] = (display, parsed, indexes)

    def problem(axis: str, term: Term, where: tuple, code: str, params: dict) -> Problem:
        """A problem at the line of `where` (a key path inside the term's entry)."""
        display, parsed, indexes = places[axis]
        return Problem(display, parsed.line_of((indexes.get(term.id, -1), *where)), code, params)

    def name_path(term: Term, name: str) -> tuple:
        return ("name",) if name == term.name else ("aliases", term.aliases.index(name))

    if "localities" in loaded:
        loaded["localities"] = _with_predecessors(loaded["localities"])
    vocabulary = Vocabulary.of(loaded, axes)
    for axis in in_story_order(axes):
        for name, first, second in vocabulary.axis(axis.name).clashes():
            params = {"value": name, "first": first.id, "second": second.id}
            problems.append(problem(axis.name, second, name_path(second, name), "vocab.name_clash", params))
    for movement in vocabulary.movements.terms:
        if movement.lead_unit and movement.lead_unit not in vocabulary.units.by_id:
            params = {"key": "lead_unit", "value": movement.lead_unit, "target": "units"}
            problems.append(problem("movements", movement, ("lead_unit",), "vocab.bad_reference", params))
    for axis in in_story_order(axes):
        index = vocabulary.axis(axis.name)
        for term in index.terms:
            for position, successor in enumerate(term.successors):
                if successor not in index.by_id:
                    params = {"key": "successors", "value": successor, "target": axis.name}
                    problems.append(problem(axis.name, term, ("successors", position), "vocab.bad_reference", params))
    return vocabulary, problems
