"""`exemplars cache prune`: remove what the last build did not use from the cache folder (`.cache/`)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, site_settings
from generator.core.errors import display_path
from generator.runtime.cache import prune as prune_cache

__all__ = ["cache"]


@click.group()
def cache() -> None:
    """Bộ nhớ đệm của việc dựng trang (ảnh đã xử lý, thẻ chia sẻ, bài đã chuyển đổi)."""


@cache.command()
@CONFIG
def prune(config_file: Path) -> None:
    """Xóa các mục bộ nhớ đệm mà lần dựng trang gần nhất không dùng đến."""
    settings = site_settings(config_file)
    result = prune_cache(settings.cache_path)
    folder = display_path(settings.cache_path)
    if result is None:
        click.echo(f"Chưa có lần dựng trang nào dùng {folder}/: không xóa gì. Hãy dựng trang (mkdocs build) trước.")
        return
    megabytes = result.bytes / 1_000_000
    click.echo(f"Đã xóa {result.entries} mục ({megabytes:.1f} MB) trong {folder}/ không dùng ở lần dựng gần nhất.")
