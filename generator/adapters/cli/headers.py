"""`exemplars headers SITE_DIR`: the Content-Security-Policy and other headers the built site passes."""

from __future__ import annotations

from pathlib import Path

import click

from generator.outputs.headers import render_nginx, render_text, site_policies, warnings

__all__ = ["headers"]


@click.command("headers")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "nginx"]), default="text", show_default=True,
              help="text: các dòng \"Tên: giá trị\"; nginx: tệp include với các dòng add_header.")  # fmt: skip
def headers(site_dir: Path, fmt: str) -> None:
    """Tiêu đề bảo mật (Content-Security-Policy...) cho trang đã dựng trong SITE_DIR.

    Tính mã băm SHA-256 của các đoạn script nội tuyến để chính sách không cần 'unsafe-inline'.
    """
    policies = site_policies(site_dir)
    if not policies.site_scan.pages:
        raise click.UsageError(f"không có trang HTML nào trong {site_dir}: hãy dựng trang trước (mkdocs build).")
    click.echo(render_nginx(policies) if fmt == "nginx" else render_text(policies))
    for warning in warnings(policies):
        click.echo(warning, err=True)
