"""`exemplars vocab`: the values each axis accepts, with ids, other names, validity and successors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, site_settings
from generator.core.axes import Axis, axis_named, in_story_order
from generator.core.dates import format_short, parse_date
from generator.core.errors import format_problems
from generator.core.model import Term
from generator.core.text import collation_key
from generator.core.vocabulary import TermIndex
from generator.load.vocabulary import load_vocabulary

__all__ = ["term_record", "vocab"]


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if not isinstance(parsed, dt.date):
        raise click.BadParameter(f'"{value}" không phải ngày (ví dụ 2026-01-01 hoặc 01/01/2026).')
    return parsed


def term_record(axis: Axis, term: Term) -> dict[str, object]:
    """One entry as `--format json` prints it (the fields are a contract: see the guide)."""
    return {
        "axis": axis.name,
        "id": term.id,
        "name": term.name,
        "aliases": list(term.aliases),
        "level": getattr(term, "level", None),
        "type": getattr(term, "type", None),
        "code": getattr(term, "code", ""),
        "valid_from": term.valid_from.isoformat() if term.valid_from else None,
        "valid_until": term.valid_until.isoformat() if term.valid_until else None,
        "successors": list(term.successors),
        "predecessors": list(getattr(term, "predecessors", ())),
    }


def _validity(term: Term, index: TermIndex) -> str:
    """"  [từ 01/07/2025]", "  [đến 30/06/2025 → Xã A, Xã B]" or ""."""
    parts = []
    if term.valid_from:
        parts.append(f"từ {format_short(term.valid_from)}")
    if term.valid_until:
        after = ", ".join(index.by_id[s].name for s in term.successors if s in index.by_id)
        parts.append(f"đến {format_short(term.valid_until)}" + (f" → {after}" if after else ""))
    return f"  [{'; '.join(parts)}]" if parts else ""


@click.command()
@click.argument("axis", required=False)
@click.option("--at", "at", callback=_day, metavar="NGÀY", help="Chỉ các giá trị dùng được cho bài ghi ngày này.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CONFIG
def vocab(axis: str | None, at: dt.date | None, fmt: str, config_file: Path) -> None:
    """Liệt kê các giá trị được phép (mã, tên, tên gọi khác, thời gian hiệu lực, đơn vị kế thừa)."""
    settings = site_settings(config_file, required=False)
    axes = in_story_order(settings.axes)
    if axis is not None:
        try:
            axis = axis_named(axes, axis).name
        except KeyError:
            # Not a click.Choice: the choices depend on the site's axes, read from mkdocs.yml.
            names = ", ".join(a.name for a in axes)
            raise click.BadParameter(f'"{axis}" không có; chọn một trong: {names}.', param_hint="AXIS") from None
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root, settings.axes)
    records = []
    for shown_axis in [a for a in axes if axis in (None, a.name)]:
        index = vocabulary.axis(shown_axis.name)
        terms = sorted(index.terms, key=lambda t: collation_key(t.name))
        if at is not None:
            terms = [t for t in terms if t.valid_at(at)]
        if fmt == "json":
            records += [term_record(shown_axis, t) for t in terms]
            continue
        click.echo(f"# {shown_axis.label} ({shown_axis.key})" + (f", ngày {format_short(at)}" if at else ""))
        width = max([24, *(len(t.id) for t in terms)])  # names line up in one column
        for term in terms:
            aliases = f"  (còn gọi: {'; '.join(term.aliases)})" if term.aliases else ""
            click.echo(f"{term.id:<{width}} {term.name}{aliases}{_validity(term, index)}")
        click.echo("")
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    if problems:
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)
