"""`exemplars report`: the emulation board's figures against quotas and targets (JSON, CSV, XLSX, Markdown),
for a year, a window inside it, or a phase (`--phase`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, LANG, site_settings
from generator.core.errors import format_problems
from generator.load.quotas import load_quotas
from generator.outputs.reports import FORMATS, render_phase_report, render_report
from generator.plan.figures import build_phase_report, build_report
from generator.plan.group import select
from generator.runtime.files import write_atomic
from generator.validate.project import load_project

__all__ = ["report"]


@click.command()
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm của --from, hoặc năm nay).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Từ ngày (báo cáo 6 tháng).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Đến ngày.")
@click.option("--phase", "phase_id", help="Mã giai đoạn (như giai-doan-2021-2025): tình hình lựa chọn theo địa bàn cả giai đoạn.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Tệp kết quả (mặc định: in ra màn hình).")
@CONFIG
@LANG
def report(
    year: int | None, start, end, phase_id: str | None, fmt: str, output: Path | None, config_file: Path, lang: str | None
) -> None:
    """Báo cáo số gương điển hình theo địa bàn, đơn vị, phong trào (so với định mức, chỉ tiêu)."""
    if phase_id is not None and (year or start or end):
        raise click.UsageError("--phase không dùng cùng --year, --from, --to.")
    settings = site_settings(config_file, lang)
    start_date = start.date() if start else None
    end_date = end.date() if end else None
    year = year or (start_date or end_date or settings.build_date).year
    if (start_date and start_date.year != year) or (end_date and end_date.year != year):
        raise click.UsageError("--from và --to phải nằm trong cùng một năm báo cáo (--year).")
    if start_date and end_date and start_date > end_date:
        raise click.UsageError("--from phải trước --to.")
    project = load_project(settings)
    quotas, quota_problems = load_quotas(settings.vocabulary_path, settings.root)
    problems = list(project.errors) + quota_problems
    if problems:
        # A report that silently leaves out a broken story would understate a unit's work.
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)
    edition = select(project.stories, settings.build_date)
    if phase_id is not None:
        phase = next((p for p in quotas.phases if p.id == phase_id), None)
        if phase is None:
            known = ", ".join(p.id for p in quotas.phases) or "không có giai đoạn nào trong quotas.yml"
            raise click.UsageError(f'không có giai đoạn "{phase_id}"; các giai đoạn: {known}.')
        phase_report = build_phase_report(edition.published, project.vocabulary, quotas, settings.build_date, phase)
        data = render_phase_report(phase_report, fmt)
    else:
        figures = build_report(edition.published, project.vocabulary, quotas, settings.build_date, year, start_date, end_date)
        data = render_report(figures, fmt)
    if output:
        write_atomic(output, data)  # a report opened meanwhile is the previous one, whole
        click.echo(f"Đã ghi {output}", err=True)
    elif fmt == "xlsx":
        raise click.UsageError("định dạng xlsx cần --output TỆP.xlsx")
    else:
        sys.stdout.buffer.write(data)
