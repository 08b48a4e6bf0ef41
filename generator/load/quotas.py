"""Quota rules and phases: what the emulation board measures, read from YAML with line numbers.

Rules are data (`generator/defaults/quotas.yml`, or `quotas.yml` in the vocabulary folder):
every district at least one story a month, every department at least one a quarter, five
collectives and five individuals per district per phase, ... Movement targets come from the
movements vocabulary. The figures are computed by `generator.plan.figures`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.core import yamltree
from generator.core.dates import parse_date
from generator.core.errors import Problem
from generator.core.model import Kind
from generator.core.resources import DEFAULTS

__all__ = ["Phase", "QuotaConfig", "QuotaRule", "load_quotas"]

_KINDS = {k.value: k for k in Kind}


@dataclass(frozen=True)
class QuotaRule:
    """A minimum number of stories per place or unit and period."""

    id: str
    name: str
    scope: str
    """district | unit"""
    period: str
    """month | quarter | year | phase"""
    minimum: tuple[tuple[Kind | None, int], ...]
    """(kind, n) pairs; kind None means "any counted kind"."""
    kinds: tuple[Kind, ...] = tuple(Kind)
    unit_types: tuple[str, ...] = ()
    source: str = ""

    def met(self, counts: dict[Kind, int]) -> bool:
        """Whether `counts` (stories per kind in one period) satisfy the rule."""
        total = sum(counts.get(k, 0) for k in self.kinds)
        return all((total if kind is None else counts.get(kind, 0)) >= n for kind, n in self.minimum)


@dataclass(frozen=True)
class Phase:
    """A phase of the plans (giai đoạn), for selection targets."""

    id: str
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class QuotaConfig:
    """All quota rules and phases."""

    rules: tuple[QuotaRule, ...]
    phases: tuple[Phase, ...]

    def rule(self, scope: str, period: str) -> QuotaRule | None:
        """The first rule for `scope` and `period`, if any."""
        return next((r for r in self.rules if r.scope == scope and r.period == period), None)


def _minimum(value: object) -> tuple[tuple[Kind | None, int], ...] | None:
    if isinstance(value, str) and value.isdigit():
        return ((None, int(value)),)
    if isinstance(value, dict) and all(k in _KINDS and isinstance(v, str) and v.isdigit() for k, v in value.items()):
        return tuple((_KINDS[k], int(v)) for k, v in value.items())
    return None


def load_quotas(folder: Path | None = None, display_root: Path | None = None) -> tuple[QuotaConfig, list[Problem]]:
    """Load `quotas.yml` from `folder` (else the defaults); every problem comes back with its line."""
    path = folder / "quotas.yml" if folder and (folder / "quotas.yml").exists() else DEFAULTS / "quotas.yml"
    display = path.relative_to(display_root).as_posix() if display_root and path.is_relative_to(display_root) else path.name
    parsed = yamltree.parse(path.read_text(encoding="utf-8-sig"))
    problems = [Problem(display, i.line, i.code, i.params) for i in parsed.issues]
    data = parsed.value if isinstance(parsed.value, dict) else {}

    def bad(where: tuple, key: str) -> None:
        problems.append(Problem(display, parsed.line_of(where), "vocab.entry_field", {"key": key}))

    rules = []
    for i, entry in enumerate(data.get("rules") or []):
        if not isinstance(entry, dict):
            bad(("rules", i), "rules")
            continue
        minimum = _minimum(entry.get("minimum"))
        kinds = entry.get("kinds") or [k.value for k in Kind]
        scope, period = entry.get("scope"), entry.get("period")
        checks = {
            "id": isinstance(entry.get("id"), str),
            # `commune` counts per xã/phường/đặc khu (from 1/7/2025); only per phase for now
            "scope": scope in ("district", "unit") or (scope == "commune" and period == "phase"),
            "period": period in ("month", "quarter", "year", "phase"),
            "minimum": minimum is not None,
            "kinds": isinstance(kinds, list) and all(k in _KINDS for k in kinds),
            "unit_types": isinstance(entry.get("unit_types") or [], list),
        }
        for key, ok in checks.items():
            if not ok:
                bad(("rules", i, key), key)
        if all(checks.values()):
            rules.append(
                QuotaRule(
                    id=entry["id"],
                    name=str(entry.get("name") or entry["id"]),
                    scope=scope,  # type: ignore[arg-type]
                    period=period,  # type: ignore[arg-type]
                    minimum=minimum,  # type: ignore[arg-type]
                    kinds=tuple(_KINDS[k] for k in kinds),
                    unit_types=tuple(entry.get("unit_types") or ()),
                    source=str(entry.get("source") or ""),
                )
            )
    phases = []
    for i, entry in enumerate(data.get("phases") or []):
        dates = {k: parse_date(str(entry.get(k, ""))) if isinstance(entry, dict) else None for k in ("start", "end")}
        if not isinstance(entry, dict) or not all(isinstance(d, dt.date) for d in dates.values()):
            bad(("phases", i), "phases")
            continue
        phases.append(Phase(str(entry.get("id")), str(entry.get("name") or entry.get("id")), dates["start"], dates["end"]))  # type: ignore[arg-type]
    return QuotaConfig(tuple(rules), tuple(phases)), problems
