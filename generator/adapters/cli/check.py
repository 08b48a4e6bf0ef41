"""`exemplars check`: every problem in the stories and vocabularies, as `path:line: error: message`."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, LANG, site_settings
from generator.core.errors import format_problems
from generator.core.messages import render
from generator.validate.project import load_project

__all__ = ["check"]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@CONFIG
@LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="Dạng kết quả: text (người đọc), json (máy), github (chú thích trên GitHub Actions).")  # fmt: skip
@click.option("--strict", is_flag=True, help="Coi mọi cảnh báo (HTML bị loại bỏ, dữ liệu cá nhân...) là lỗi.")
def check(paths: tuple[Path, ...], config_file: Path, lang: str | None, fmt: str, strict: bool) -> None:
    """Kiểm tra bài viết (mặc định: mọi bài trong exemplars/) và danh mục.

    In mọi lỗi trong một lần chạy, dạng `tệp:dòng: error: thông báo`.
    """
    settings = site_settings(config_file, lang)
    if strict:
        settings = replace(settings, strict=True)
    project = load_project(settings, only=list(paths) or None)
    errors, warnings, notes = len(project.errors), len(project.warnings), len(project.notes)
    if project.problems or fmt == "json":
        click.echo(format_problems(project.problems, settings.lang, fmt))
    if fmt == "text":
        drafts = {"drafts": len({p.path for p in project.notes}), "notes": notes}
        noted = " " + render("summary.drafts", drafts, settings.lang) if notes else ""
        if errors:
            counts = {"stories": project.files, "errors": errors, "warnings": warnings}
            summary = render("summary.failed", counts, settings.lang)
        else:
            extra = (f", {warnings} cảnh báo", f", {warnings} warning(s)") if warnings else ("", "")
            summary = render("summary.ok", {"stories": project.files, "warnings": extra}, settings.lang)
        click.echo(summary + noted, err=True)
    sys.exit(1 if errors else 0)
