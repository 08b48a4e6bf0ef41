"""The emulation board's pages: the dashboard (`thong-ke/`) and public consultation (`lay-y-kien/`).

Plain static pages built from the same figures as `exemplars report`: per year, a district ×
month table, a unit × quarter table, movements against their targets, totals by field and kind;
per phase, the selection status of every district. Each year's page says first, in words, who met
each rule, and offers the year's figures as files (`board_downloads`, the bytes `exemplars report`
writes). Nominees under public consultation are listed with their deadline, open or closed as of
the build date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.core import urls
from generator.core.axes import AXES, axis_named
from generator.core.dates import format_short
from generator.plan.group import Edition, consultation_open
from generator.core.model import Kind, Story
from generator.plan.views import Link, PageSpec, Progress
from generator.load.quotas import Phase, QuotaConfig
from generator.plan.figures import Coverage, PhaseRow, Report, build_phase_report, build_report, ended_periods
from generator.outputs.reports import render_phase_report, render_report
from generator.core.settings import Settings
from generator.core.vocabulary import Vocabulary

__all__ = [
    "ConsultationView", "DashboardView", "Download", "Nominee", "PhaseView", "RuleSummary", "board_downloads",
    "download_url", "phase_download_url", "plan_board", "rule_summary",
]  # fmt: skip

_MOVEMENTS, _UNITS, _LOCALITIES = (axis_named(AXES, name) for name in ("movements", "units", "localities"))
DASHBOARD_DIR = "thong-ke"
CONSULTATION_DIR = "lay-y-kien"


@dataclass(frozen=True)
class MovementProgress:
    """A movement's line on the dashboard."""

    link: Link
    lead_unit: str
    period: str
    year_total: int
    progress: tuple[Progress, ...]
    """Counts over the movement's period against its targets, per kind."""


@dataclass(frozen=True)
class RuleSummary:
    """The sentence above a table judged against a rule: who met it in every period that has ended."""

    noun: str
    """What a row is ("địa bàn", "đơn vị")."""
    period: str
    """What a column is ("tháng", "quý")."""
    judged: int
    """Rows with at least one ended period to judge."""
    met: tuple[str, ...]
    """Names of the judged rows that met the rule in every ended period."""


def rule_summary(noun: str, period: str, rows: Iterable[tuple[str, Sequence[int], Sequence[int]]]) -> RuleSummary:
    """Summarise `rows` of (name, ended periods, missed periods) of any axis judged against a rule."""
    judged = [(name, missed) for name, ended, missed in rows if ended]
    return RuleSummary(noun, period, len(judged), tuple(name for name, missed in judged if not missed))


@dataclass(frozen=True)
class Download:
    """A file of the period's figures, made at build time."""

    label: str
    url: str


@dataclass(frozen=True)
class DashboardView:
    """One year of the dashboard."""

    year: int
    report: Report
    months: tuple[int, ...]
    movements: tuple[MovementProgress, ...]
    kinds: tuple[tuple[str, int], ...]
    years: tuple[Link, ...]
    phases: tuple[Link, ...]
    rule_district: str
    rule_unit: str
    listed: frozenset[str] = frozenset()
    """Listing URLs that exist (terms with a published story): rows link only to those."""
    running: bool = False
    """The year is not over on the build date: its figures are "tính đến" that date."""
    as_of: str = ""
    """The build date, dd/mm/yyyy."""
    district_summary: RuleSummary | None = None
    unit_summary: RuleSummary | None = None
    movements_with_targets: int = 0
    movements_reached: int = 0
    """Movements whose every target for their phase is already reached."""
    downloads: tuple[Download, ...] = ()


@dataclass(frozen=True)
class PhaseView:
    """A phase's selection status per district."""

    phase: Phase
    start: str
    end: str
    rows: tuple[PhaseRow, ...]
    required: str
    met: int
    years: tuple[Link, ...]
    phases: tuple[Link, ...]
    communes: Coverage | None = None
    """Communes with a story in the phase, when communes existed in it."""
    downloads: tuple[Download, ...] = ()


@dataclass(frozen=True)
class Nominee:
    """A story under (or past) public consultation."""

    story: Story
    url: str
    kind: str
    movements: str
    deadline: str
    open: bool


@dataclass(frozen=True)
class ConsultationView:
    """The consultation page: open nominees first, closed ones in the archive."""

    open: tuple[Nominee, ...]
    closed: tuple[Nominee, ...]
    build_date: str


def year_url(year: int) -> str:
    """`thong-ke/<yyyy>/`"""
    return f"{DASHBOARD_DIR}/{year}/"


def phase_url(phase: Phase) -> str:
    """`thong-ke/<phase id>/`"""
    return f"{DASHBOARD_DIR}/{phase.id}/"


def _movement_progress(report: Report) -> tuple[MovementProgress, ...]:
    rows = []
    for row in report.movements:
        progress = tuple(
            Progress(kind.label, row.period_counts[kind], row.targets.get(kind))
            for kind in Kind
            if kind in row.targets or row.period_counts[kind]
        )
        rows.append(
            MovementProgress(
                Link(row.name, urls.listing_url(_MOVEMENTS, row.id)), row.lead_unit, row.period, sum(row.counts.values()), progress
            )
        )
    return tuple(rows)


DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON"))
"""The formats of each year's and phase's figures offered for download, as `exemplars report` writes them."""


def download_url(year: int, fmt: str) -> str:
    """`thong-ke/<yyyy>/so-lieu-<yyyy>.<fmt>`: the year's figures, the same bytes as `exemplars report`."""
    return f"{year_url(year)}so-lieu-{year}.{fmt}"


def phase_download_url(phase: Phase, fmt: str) -> str:
    """`thong-ke/<phase id>/so-lieu-<phase id>.<fmt>`: the phase's figures, as `exemplars report --phase` writes them."""
    return f"{phase_url(phase)}so-lieu-{phase.id}.{fmt}"


def board_downloads(edition: Edition, vocabulary: Vocabulary, quotas: QuotaConfig, settings: Settings) -> dict[str, bytes]:
    """Every year's and phase's figures in every download format, by URL (made at build time,
    byte-reproducible)."""
    published = list(edition.published)
    made = {}
    for year in _years(edition, settings.build_date):
        report = build_report(published, vocabulary, quotas, settings.build_date, year)
        for fmt, _ in DOWNLOADS:
            made[download_url(year, fmt)] = render_report(report, fmt)
    for phase in quotas.phases:
        phase_report = build_phase_report(published, vocabulary, quotas, settings.build_date, phase)
        for fmt, _ in DOWNLOADS:
            made[phase_download_url(phase, fmt)] = render_phase_report(phase_report, fmt)
    return made


def _years(edition: Edition, build_date: dt.date) -> list[int]:
    """The dashboard's years, newest first: from the oldest published story's to the build date's."""
    first = min((s.date.year for s in edition.published), default=build_date.year)
    return list(range(build_date.year, first - 1, -1))


def _summaries(report: Report, quotas: QuotaConfig, build_date: dt.date) -> tuple[RuleSummary | None, RuleSummary | None]:
    year = report.year
    districts = units = None
    if quotas.rule("district", "month") and report.districts:  # none after the reform: nothing to judge
        districts = rule_summary("địa bàn", "tháng", (
            (r.name, ended_periods(r.active_months, year, "month", build_date), r.missed_months) for r in report.districts))  # fmt: skip
    if quotas.rule("unit", "quarter") and report.units:
        units = rule_summary("đơn vị", "quý", (
            (r.name, ended_periods(r.active_quarters, year, "quarter", build_date), r.missed_quarters) for r in report.units))  # fmt: skip
    return districts, units


def _required(quotas: QuotaConfig) -> str:
    rule = quotas.rule("commune", "phase") or quotas.rule("district", "phase")
    if rule is None:
        return ""
    return " + ".join(f"{n} {k.value if k else 'gương'}" for k, n in rule.minimum)


def plan_board(edition: Edition, vocabulary: Vocabulary, quotas: QuotaConfig, settings: Settings) -> list[PageSpec]:
    """The dashboard pages (per year, per phase) and the consultation page."""
    published = list(edition.published)
    build_date = settings.build_date
    years = _years(edition, build_date)
    year_links = tuple(Link(str(y), year_url(y)) for y in years)
    phase_links = tuple(Link(p.name, phase_url(p)) for p in quotas.phases)
    district_rule = quotas.rule("district", "month")
    unit_rule = quotas.rule("unit", "quarter")

    listed = frozenset(
        url for s in published for url in (urls.listing_url(_UNITS, s.unit.id), urls.listing_url(_LOCALITIES, s.locality.id))
    )
    pages = []
    for year in years:
        report = build_report(published, vocabulary, quotas, build_date, year)
        district_summary, unit_summary = _summaries(report, quotas, build_date)
        targeted = [r for r in report.movements if r.targets]
        view = DashboardView(
            year=year,
            report=report,
            months=tuple(range(1, 13)),
            movements=_movement_progress(report),
            kinds=tuple((k.label, report.kinds[k]) for k in Kind),
            years=year_links,
            phases=phase_links,
            rule_district=district_rule.name if district_rule else "",
            rule_unit=unit_rule.name if unit_rule else "",
            listed=listed,
            running=year == build_date.year,
            as_of=format_short(build_date),
            district_summary=district_summary,
            unit_summary=unit_summary,
            movements_with_targets=len(targeted),
            movements_reached=sum(all(r.period_counts[k] >= n for k, n in r.targets.items()) for r in targeted),
            downloads=tuple(Download(label, download_url(year, fmt)) for fmt, label in DOWNLOADS),
        )
        description = f"Số gương điển hình tiên tiến đã giới thiệu năm {year}, theo địa bàn, đơn vị và phong trào"
        spec = PageSpec(year_url(year), "gs-dashboard.html", f"Thống kê năm {year}", description, "", view)
        pages.append(spec)
        if year == years[0]:
            # The dashboard's front page is the current year.
            pages.append(PageSpec(f"{DASHBOARD_DIR}/", "gs-dashboard.html", "Thống kê", description, "", view))
    for phase in quotas.phases:
        phase_report = build_phase_report(published, vocabulary, quotas, build_date, phase)
        rows = phase_report.rows
        view = PhaseView(phase, format_short(phase.start), format_short(phase.end), rows, _required(quotas),
                         sum(r.met for r in rows), year_links, phase_links, phase_report.communes,
                         tuple(Download(label, phase_download_url(phase, fmt)) for fmt, label in DOWNLOADS))  # fmt: skip
        pages.append(PageSpec(phase_url(phase), "gs-phase.html", f"Thống kê {phase.name}", phase.name, "", view))

    nominees = [
        Nominee(
            story=s,
            url=urls.story_url(s.slug),
            kind=s.kind.label,
            movements="; ".join(m.name for m in s.movements),
            deadline=format_short(s.consultation_until) if s.consultation_until else "",
            open=consultation_open(s, build_date),
        )
        for s in sorted(edition.nominees, key=lambda s: (s.consultation_until or dt.date.min, s.slug))
    ]
    consultation = ConsultationView(
        open=tuple(n for n in nominees if n.open),
        closed=tuple(reversed([n for n in nominees if not n.open])),
        build_date=format_short(build_date),
    )
    pages.append(
        PageSpec(f"{CONSULTATION_DIR}/", "gs-consultation.html", "Lấy ý kiến Nhân dân",
                 "Các tập thể, cá nhân được đề nghị khen thưởng đang lấy ý kiến Nhân dân", "", consultation)  # fmt: skip
    )
    return pages

