"""`exemplars serve`: the live preview (`mkdocs serve` with this site's configuration)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG

__all__ = ["serve"]


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Địa chỉ xem trước.")
@CONFIG
def serve(dev_addr: str, config_file: Path) -> None:
    """Xem trước trang khi đang viết: tự cập nhật khi lưu tệp; bài có lỗi được báo ở đây và trên trang."""
    if not config_file.is_file():
        raise click.UsageError(f"không tìm thấy tệp cấu hình {config_file}.")
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "--dev-addr", dev_addr]
    # Without it Material prints an English end-of-life banner above the preview's messages.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING") or "1"}
    try:
        sys.exit(subprocess.call(command, env=env))
    except KeyboardInterrupt:
        sys.exit(0)
