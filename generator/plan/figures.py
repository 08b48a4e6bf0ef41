"""The board's figures: stories counted per district, unit, movement, field and kind, against the rules.

Computed from published stories only (not drafts, nominees or future dates). A period is
"missed" only once it has ended (before the build date) and only while the district or unit
existed: the district level ended on 2025-06-30, so its later months are not missed.
`exemplars report` writes these figures; the dashboard (`generator.plan.board`) shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.core.model import Kind, Story
from generator.core.text import collation_key
from generator.core.vocabulary import Vocabulary
from generator.load.quotas import Phase, QuotaConfig, QuotaRule

__all__ = [
    "Coverage", "DistrictRow", "MovementRow", "PhaseReport", "PhaseRow", "Report", "UnitRow", "build_phase_report", "build_report",
    "ended_periods", "phase_status",
]  # fmt: skip


@dataclass(frozen=True)
class DistrictRow:
    """Stories of one district per month of the report's year."""

    id: str
    name: str
    months: tuple[int, ...]
    missed_months: tuple[int, ...]
    """Months (1-12) that ended, while the district existed, below the minimum."""
    active_months: tuple[int, ...]
    """Months in which the district existed (others are shown as not applicable)."""


@dataclass(frozen=True)
class UnitRow:
    """Stories of one unit per quarter of the report's year."""

    id: str
    name: str
    type: str
    quarters: tuple[int, ...]
    missed_quarters: tuple[int, ...]
    active_quarters: tuple[int, ...]


@dataclass(frozen=True)
class MovementRow:
    """Stories of a movement by kind, against the movement's targets."""

    id: str
    name: str
    lead_unit: str
    counts: dict[Kind, int]
    """In the report's window."""
    period_counts: dict[Kind, int]
    """Over the movement's whole period (what the targets are about)."""
    targets: dict[Kind, int]
    period: str


@dataclass(frozen=True)
class Report:
    """The board's figures for a year, or a window inside it (six-month reports)."""

    year: int
    start: dt.date
    end: dt.date
    build_date: dt.date
    districts: tuple[DistrictRow, ...]
    units: tuple[UnitRow, ...]
    movements: tuple[MovementRow, ...]
    fields: tuple[tuple[str, dict[Kind, int]], ...]
    """(field name, counts per kind), fields in Vietnamese order."""
    kinds: dict[Kind, int]
    total: int
    district_rule: QuotaRule | None
    unit_rule: QuotaRule | None
    communes: Coverage | None = None
    """How many communes have a story in the window, when communes existed in it (from 1/7/2025)."""


@dataclass(frozen=True)
class Coverage:
    """Communes (xã, phường, đặc khu) with and without a story in a period: information for the
    board, not a quota (no plan sets a per-commune quota yet; a `scope: commune` rule would)."""

    total: int
    covered: tuple[tuple[str, str], ...]
    """(id, name) of the communes with at least one story, in Vietnamese order."""
    missing: tuple[tuple[str, str], ...]
    """(id, name) of those with none."""


def commune_coverage(stories: Iterable[Story], vocabulary: Vocabulary, start: dt.date, end: dt.date) -> Coverage | None:
    """Coverage of the communes that existed in [start, end] by `stories` dated in it; None if none existed."""
    communes = sorted(
        (c for c in vocabulary.localities.terms if c.level == "commune" and c.valid_during(start, end)),
        key=lambda c: collation_key(c.name),
    )
    if not communes:
        return None
    with_story = {s.locality.id for s in stories if start <= s.date <= end}
    return Coverage(
        total=len(communes),
        covered=tuple((c.id, c.name) for c in communes if c.id in with_story),
        missing=tuple((c.id, c.name) for c in communes if c.id not in with_story),
    )


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def _counts(stories: Iterable[Story]) -> dict[Kind, int]:
    counts = dict.fromkeys(Kind, 0)
    for story in stories:
        counts[story.kind] += 1
    return counts


def _periods(year: int, period: str) -> list[tuple[dt.date, dt.date]]:
    if period == "month":
        return [_month_bounds(year, m) for m in range(1, 13)]
    return [(dt.date(year, 3 * q - 2, 1), _month_bounds(year, 3 * q)[1]) for q in range(1, 5)]


def ended_periods(numbers: Iterable[int], year: int, period: str, build_date: dt.date) -> tuple[int, ...]:
    """Of the periods `numbers` of `year` (1-based months, or quarters with `period` "quarter"), those
    that ended before `build_date`: only these can be judged against a rule."""
    bounds = _periods(year, period)
    return tuple(n for n in numbers if bounds[n - 1][1] < build_date)


def _period_index(day: dt.date, period: str) -> int:
    """Which of `_periods(day.year, period)` holds `day` (0-based)."""
    return day.month - 1 if period == "month" else (day.month - 1) // 3


def _by_key(stories: Iterable[Story], key: Callable[[Story], str]) -> dict[str, list[Story]]:
    """Stories bucketed in one pass, so that a count per term does not scan every story again."""
    buckets: dict[str, list[Story]] = {}
    for story in stories:
        buckets.setdefault(key(story), []).append(story)
    return buckets


def _rows(members: dict[str, list[Story]], terms: Sequence, year: int, period: str, rule: QuotaRule | None,
          start: dt.date, end: dt.date, build_date: dt.date) -> list[tuple]:  # fmt: skip
    """(term, counts per period, periods that missed the rule, periods the term existed in); `members` of `year` only."""
    rows = []
    bounds = _periods(year, period)
    for term in sorted(terms, key=lambda t: collation_key(t.name)):
        by_period: list[list[Story]] = [[] for _ in bounds]
        for story in members.get(term.id, ()):
            by_period[_period_index(story.date, period)].append(story)
        counts, missed, active = [], [], []
        for number, (first, last) in enumerate(bounds, start=1):
            in_period = by_period[number - 1]
            in_window = [s for s in in_period if start <= s.date <= end]
            counts.append(len([s for s in in_window if rule is None or s.kind in rule.kinds]))
            if not term.valid_during(first, last) or last < start or first > end:
                continue
            active.append(number)
            # A period cut by the window is judged whole: a story on 15 January meets January's
            # minimum even in a report that starts on the 20th.
            if rule is not None and last < build_date and not rule.met(_counts(in_period)):
                missed.append(number)
        rows.append((term, tuple(counts), tuple(missed), tuple(active)))
    return rows


def build_report(
    published: Sequence[Story],
    vocabulary: Vocabulary,
    quotas: QuotaConfig,
    build_date: dt.date,
    year: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Report:
    """The board's figures for `year`, or for the window [start, end] inside it."""
    start = start or dt.date(year, 1, 1)
    end = end or dt.date(year, 12, 31)
    window = [s for s in published if start <= s.date <= end]
    of_year = [s for s in published if s.date.year == year]
    by_district = _by_key(of_year, lambda s: s.locality.id)
    by_unit = _by_key(of_year, lambda s: s.unit.id)

    district_rule = quotas.rule("district", "month")
    districts = [
        d for d in vocabulary.localities.terms
        if d.level == "district" and not d.within and d.valid_during(dt.date(year, 1, 1), dt.date(year, 12, 31))
    ]  # fmt: skip
    district_rows = tuple(
        DistrictRow(term.id, term.name, counts, missed, active)
        for term, counts, missed, active in _rows(by_district, districts, year, "month", district_rule, start, end, build_date)
    )
    unit_rule = quotas.rule("unit", "quarter")
    types = unit_rule.unit_types if unit_rule else ("department", "mass organisation", "enterprise")
    units = [
        u for u in vocabulary.units.terms
        if u.type in types and not u.within and u.valid_during(dt.date(year, 1, 1), dt.date(year, 12, 31))
    ]  # fmt: skip
    unit_rows = tuple(
        UnitRow(term.id, term.name, term.type, counts, missed, active)
        for term, counts, missed, active in _rows(by_unit, units, year, "quarter", unit_rule, start, end, build_date)
    )

    by_movement: dict[str, list[Story]] = {}
    for story in published:
        for movement in story.movements:
            by_movement.setdefault(movement.id, []).append(story)
    movement_rows = []
    for movement in sorted(vocabulary.movements.terms, key=lambda m: collation_key(m.name)):
        members = by_movement.get(movement.id, [])
        if movement.period_start and movement.period_end:
            in_period = [s for s in members if movement.period_start <= s.date.year <= movement.period_end]
            period = f"{movement.period_start}–{movement.period_end}"
        else:
            in_period, period = members, ""
        lead = vocabulary.units.by_id.get(movement.lead_unit or "")
        movement_rows.append(
            MovementRow(
                id=movement.id,
                name=movement.name,
                lead_unit=lead.name if lead else "",
                counts=_counts(s for s in members if start <= s.date <= end),
                period_counts=_counts(in_period),
                targets=dict(movement.targets),
                period=period,
            )
        )
    window_by_field = _by_key(window, lambda s: s.field.id)
    fields = tuple(
        (f.name, _counts(window_by_field.get(f.id, ())))
        for f in sorted(vocabulary.fields.terms, key=lambda f: collation_key(f.name))
    )
    return Report(
        year=year,
        start=start,
        end=end,
        build_date=build_date,
        districts=district_rows,
        units=unit_rows,
        movements=tuple(movement_rows),
        fields=fields,
        kinds=_counts(window),
        total=len(window),
        district_rule=district_rule,
        unit_rule=unit_rule,
        communes=commune_coverage(window, vocabulary, start, end),
    )


@dataclass(frozen=True)
class PhaseRow:
    """A district's selections in a phase against the per-phase rule (5 collectives + 5 individuals)."""

    id: str
    name: str
    counts: dict[Kind, int]
    required: dict[Kind | None, int]
    met: bool


def phase_status(published: Sequence[Story], vocabulary: Vocabulary, quotas: QuotaConfig, phase: Phase) -> list[PhaseRow]:
    """Every district that existed during `phase` (or commune, under a `scope: commune` phase rule),
    with its counts against the phase rule."""
    rule = quotas.rule("commune", "phase") or quotas.rule("district", "phase")
    level = rule.scope if rule and rule.scope == "commune" else "district"
    rows = []
    districts = [
        d for d in vocabulary.localities.terms if d.level == level and not d.within and d.valid_during(phase.start, phase.end)
    ]
    in_phase = _by_key((s for s in published if phase.start <= s.date <= phase.end), lambda s: s.locality.id)
    for district in sorted(districts, key=lambda d: collation_key(d.name)):
        counts = _counts(in_phase.get(district.id, ()))
        required = dict(rule.minimum) if rule else {}
        rows.append(PhaseRow(district.id, district.name, counts, required, rule.met(counts) if rule else True))
    return rows


@dataclass(frozen=True)
class PhaseReport:
    """The board's figures for a phase: each locality's selections against the per-phase rule, and
    the communes with a story in it."""

    phase: Phase
    build_date: dt.date
    rows: tuple[PhaseRow, ...]
    required: dict[Kind | None, int]
    """The per-phase rule's minimum (empty without one)."""
    communes: Coverage | None


def build_phase_report(
    published: Sequence[Story], vocabulary: Vocabulary, quotas: QuotaConfig, build_date: dt.date, phase: Phase
) -> PhaseReport:
    """The board's figures for `phase`."""
    rule = quotas.rule("commune", "phase") or quotas.rule("district", "phase")
    return PhaseReport(
        phase=phase,
        build_date=build_date,
        rows=tuple(phase_status(published, vocabulary, quotas, phase)),
        required=dict(rule.minimum) if rule else {},
        communes=commune_coverage(published, vocabulary, phase.start, phase.end),
    )
