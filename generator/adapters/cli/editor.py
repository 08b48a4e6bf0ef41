"""`exemplars editor`: the web editor on this machine (backend `local`), no git, no Node."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, site_settings
from generator.adapters.editor_server import EditorBackend, editor_server
from generator.outputs.editor import EDITOR_DIR

__all__ = ["editor"]


@click.command()
@click.option("-p", "--port", default=8081, show_default=True, type=int, help="Cổng của máy chủ soạn bài.")
@click.option(
    "-d", "--site-dir", "site_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục trang đã dựng (mặc định: .cache/soan-bai-trang).",
)  # fmt: skip
@click.option("--no-build", is_flag=True, help="Không dựng lại trang, dùng thư mục đã dựng.")
@CONFIG
def editor(port: int, site_dir: Path | None, no_build: bool, config_file: Path) -> None:
    """Soạn bài trên trình duyệt: dựng trang rồi mở trang soạn bài tại http://127.0.0.1:CỔNG/soan-bai/."""
    settings = site_settings(config_file)
    if not settings.editor.enabled:
        raise click.UsageError("trang soạn bài đang tắt (editor: enabled: false trong mkdocs.yml).")
    site = site_dir or settings.cache_path / "soan-bai-trang"
    if not no_build:
        click.echo("Đang dựng trang...")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site.resolve())]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING") or "1"}
        if subprocess.call(command, env=env) != 0:
            sys.exit(1)
    if not (site / EDITOR_DIR / "index.html").is_file():
        raise click.UsageError(f"chưa có trang soạn bài trong {site} (bỏ --no-build để dựng trang).")
    server = editor_server(site, EditorBackend(settings.root, settings.stories_path), port)
    click.echo(f"Mở http://127.0.0.1:{port}/{EDITOR_DIR}/ để soạn bài; bài được lưu vào {settings.stories_path}.")
    click.echo("Chạy exemplars check trước khi gửi bài. Nhấn Ctrl+C để dừng.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
