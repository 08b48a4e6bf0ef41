"""The `exemplars` command: a thin layer over the library for officers and CI.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or configuration error.
Only `ExemplarsError` and MkDocs' `ConfigurationError` are caught; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import format_problems
from generator.group import select
from generator.quotas import build_report, load_quotas
from generator.reports import FORMATS, render_report
from generator.messages import render
from generator.project import load_project
from generator.settings import Settings
from generator.text import collation_key
from generator.vocab import AXES, load_vocabulary

__all__ = ["main"]

_CONFIG = click.option(
    "-f", "--config-file", "config_file", default="mkdocs.yml", show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="Tệp cấu hình MkDocs của trang.",
)  # fmt: skip
_LANG = click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo (mặc định: vi).")


def _settings(config_file: Path, lang: str | None) -> Settings:
    """Settings from mkdocs.yml, or exit 2 with a readable reason."""
    from dataclasses import replace

    from mkdocs.exceptions import ConfigurationError

    from generator.plugin.config import settings_from_file

    if not config_file.is_file():
        raise click.UsageError(f"không tìm thấy tệp cấu hình {config_file} (dùng -f để chỉ định).")
    try:
        settings = settings_from_file(config_file)
    except ConfigurationError as error:
        raise click.UsageError(render("config.invalid", {"detail": str(error)}, lang or "vi")) from None
    return replace(settings, lang=lang) if lang else settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Gương sáng: kiểm tra và xuất bản gương điển hình tiên tiến."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_CONFIG
@_LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="Dạng kết quả: text (người đọc), json (máy), github (chú thích trên GitHub Actions).")  # fmt: skip
def check(paths: tuple[Path, ...], config_file: Path, lang: str | None, fmt: str) -> None:
    """Kiểm tra bài viết (mặc định: mọi bài trong exemplars/) và danh mục.

    In mọi lỗi trong một lần chạy, dạng `tệp:dòng: error: thông báo`.
    """
    settings = _settings(config_file, lang)
    project = load_project(settings, only=list(paths) or None)
    errors = len(project.errors)
    warnings = len(project.problems) - errors
    if project.problems or fmt == "json":
        click.echo(format_problems(project.problems, settings.lang, fmt))
    if fmt == "text":
        if errors:
            summary = render("summary.failed", {"stories": project.files, "errors": errors, "warnings": warnings}, settings.lang)
        else:
            extra = (f", {warnings} cảnh báo", f", {warnings} warning(s)") if warnings else ("", "")
            summary = render("summary.ok", {"stories": project.files, "warnings": extra}, settings.lang)
        click.echo(summary, err=True)
    sys.exit(1 if errors else 0)


@cli.command()
@click.argument("axis", required=False, type=click.Choice(AXES))
@_CONFIG
def vocab(axis: str | None, config_file: Path) -> None:
    """Liệt kê các giá trị được phép (mã, tên, tên gọi khác)."""
    settings = _settings(config_file, None) if config_file.is_file() else Settings(root=Path.cwd())
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root)
    titles = {"movements": "Phong trào thi đua (movement)", "fields": "Lĩnh vực (field)",
              "units": "Đơn vị (unit)", "districts": "Địa bàn (district)"}  # fmt: skip
    for name in [axis] if axis else AXES:
        click.echo(f"# {titles[name]}")
        for term in sorted(vocabulary.axis(name).terms, key=lambda t: collation_key(t.name)):
            aliases = f"  (còn gọi: {'; '.join(term.aliases)})" if term.aliases else ""
            click.echo(f"{term.id:<24} {term.name}{aliases}")
        click.echo("")
    if problems:
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)


@cli.command()
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm của --from, hoặc năm nay).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Từ ngày (báo cáo 6 tháng).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Đến ngày.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Tệp kết quả (mặc định: in ra màn hình).")
@_CONFIG
@_LANG
def report(year: int | None, start, end, fmt: str, output: Path | None, config_file: Path, lang: str | None) -> None:
    """Báo cáo số gương điển hình theo địa bàn, đơn vị, phong trào (so với định mức, chỉ tiêu)."""
    settings = _settings(config_file, lang)
    start_date = start.date() if start else None
    end_date = end.date() if end else None
    year = year or (start_date or end_date or settings.build_date).year
    if (start_date and start_date.year != year) or (end_date and end_date.year != year):
        raise click.UsageError("--from và --to phải nằm trong cùng một năm báo cáo (--year).")
    project = load_project(settings)
    quotas, quota_problems = load_quotas(settings.vocabulary_path, settings.root)
    problems = list(project.errors) + quota_problems
    if problems:
        # A report that silently leaves out a broken story would understate a unit's work.
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)
    edition = select(project.stories, settings.build_date)
    data = render_report(
        build_report(edition.published, project.vocabulary, quotas, settings.build_date, year, start_date, end_date), fmt
    )
    if output:
        output.write_bytes(data)
        click.echo(f"Đã ghi {output}", err=True)
    elif fmt == "xlsx":
        raise click.UsageError("định dạng xlsx cần --output TỆP.xlsx")
    else:
        sys.stdout.buffer.write(data)


def main() -> None:
    """Entry point of the `exemplars` console script."""
    cli(prog_name="exemplars")
